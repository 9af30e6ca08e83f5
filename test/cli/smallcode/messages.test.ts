import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../../cli/smallcode/contract/index.ts";
import {
  type ScriptedReply,
  type ScriptedServer,
  startScriptedServer,
} from "../../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run, tempDir } from "./helpers.ts";

/**
 * Messages that used to mislead, each checked word for word through the real CLI against the
 * scripted server: a base URL without a scheme, a reply stream cut off, an HTML or non-JSON reply to
 * a chat request, and an API key the server rejects.
 */

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer();
});
afterAll(async () => {
  await server.close();
  cleanup();
});

/** Runs one task whose act turn gets `act`; returns the RunResult. */
async function runWithAct(act: ScriptedReply): Promise<RunResult> {
  server.setScript({
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: "coding" }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["write"]' }] },
      { prompt: "act", replies: [act] },
    ],
  });
  const r = await run(tempDir(), ["run", "say hi", "--json", "--base-url", server.url]);
  expect(r.code).toBe(1);
  return JSON.parse(r.stdout) as RunResult;
}

/** The end of the run's message after the prompt and model it names. */
function tail(result: RunResult): string {
  expect(result.stopReason).toBe("endpoint");
  expect(result.response).not.toMatch(/stopped after|without any choices|cannot reach the endpoint/);
  const at = result.response.indexOf(`at ${server.url}): `);
  expect(at).toBeGreaterThan(0);
  return result.response.slice(at + `at ${server.url}): `.length);
}

describe("messages that say what happened", () => {
  it("a base URL without a scheme: says to add it", async () => {
    expect(await run(tempDir(), ["run", "say hi", "--base-url", "localhost:8080"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "smallcode: error: `--base-url localhost:8080` has no scheme: write `--base-url http://localhost:8080` (or https:// for a server that uses TLS)\n" +
        "Run `smallcode run --help` for usage.\n",
    });
    const doctor = await run(tempDir(), ["doctor", "--base-url", "127.0.0.1:11434/v1"]);
    expect(doctor.code).toBe(2);
    expect(doctor.stderr).toContain(
      "`--base-url 127.0.0.1:11434/v1` has no scheme: write `--base-url http://127.0.0.1:11434/v1`",
    );
  });

  it("a reply stream that stops without its end: cut off mid-stream", async () => {
    const result = await runWithAct({ fault: "cut_off", content: "I will now write hello.txt for you" });
    expect(tail(result)).toBe(
      "the reply was cut off mid-stream (it ended after 4 characters without a finish_reason); the server may have stopped or crashed (out of memory?), or a proxy closed the connection — check the server's log",
    );
  });

  it("a connection that breaks mid-reply: cut off mid-stream, not unreachable", async () => {
    const result = await runWithAct({
      fault: "truncated",
      content: "I will now write hello.txt for you",
      chunkDelayMs: 20, // so the first chunks reach the client before the connection breaks
    });
    expect(tail(result)).toBe(
      "the reply was cut off mid-stream (after 4 characters: connection closed before the reply was complete); the server may have stopped or crashed (out of memory?), or a proxy closed the connection — check the server's log",
    );
  });

  it("an HTML page in reply to a chat request", async () => {
    const result = await runWithAct({ fault: "html" });
    expect(tail(result)).toBe(
      `the server at ${server.url} replied with an HTML page (content-type text/html; charset=utf-8), not JSON — is this an OpenAI-compatible endpoint? check the endpoint URL (it usually ends in /v1: Ollama http://localhost:11434/v1, LM Studio http://localhost:1234/v1, llama.cpp http://localhost:8080/v1)`,
    );
  });

  it("a reply that is not JSON", async () => {
    const result = await runWithAct({ fault: "not_json" });
    expect(tail(result)).toBe(
      `the server at ${server.url} replied with something that is not JSON (content-type application/json: Expected property name or '}' in JSON at position 2 (line 1 column 3)) — is this an OpenAI-compatible endpoint? check the endpoint URL and the server's log`,
    );
  });

  it("a wrong API key: the server rejected the key (and with no key: it wants one)", async () => {
    server.setScript({ models: ["scripted-model"], apiKey: "right-key", fallback: { content: "ok" } });
    const env = cleanEnv({ MY_KEY: "wrong-key" });
    const wrong = await run(
      tempDir(),
      ["run", "say hi", "--base-url", server.url, "--api-key-env", "MY_KEY"],
      {
        env,
      },
    );
    expect(wrong).toEqual({
      code: 2,
      stdout: "",
      stderr: `smallcode: error: GET ${server.url}/models refused the request (HTTP 401): the server rejected the API key — check that it is the right key for this server (\`smallcode doctor\` shows where it comes from)\n`,
    });
    const none = await run(tempDir(), ["run", "say hi", "--base-url", server.url]);
    expect(none.stderr).toBe(
      `smallcode: error: GET ${server.url}/models refused the request (HTTP 401): the server wants an API key — pass --api-key-env VAR or set SMALLCODE_API_KEY\n`,
    );
  });
});
