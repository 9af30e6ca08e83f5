import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { simAvailable } from "../../../cli/smallcode/commands/prepare.ts";
import { runCommand } from "../../../cli/smallcode/commands/run.ts";
import type { RunResult } from "../../../cli/smallcode/contract/index.ts";
import { StringWriter } from "../../../cli/smallcode/io.ts";
import { type ScriptedServer, startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run, tempDir } from "./helpers.ts";
import { deadUrl, WRITE_HELLO_SCRIPT } from "./servers.ts";

let server: ScriptedServer;

beforeAll(async () => {
  server = await startScriptedServer(WRITE_HELLO_SCRIPT);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

describe("smallcode run against a model server", () => {
  it("runs a task end to end and prints the RunResult as JSON (exit 0)", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const dir = tempDir({ "README.md": "# demo\n" });
    const r = await run(dir, [
      "run",
      "write hello.txt containing hello",
      "--json",
      "--base-url",
      server.url,
      "--model",
      "scripted-model",
      "--cwd",
      dir,
    ]);
    expect(r.stderr).toBe("");
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result).toMatchObject({
      success: true,
      response: expect.stringContaining("hello.txt"),
      stopReason: "done",
      filesCreated: ["hello.txt"],
      filesEdited: [],
    });
    expect(result.toolCalls).toEqual([
      {
        name: "write_file",
        arguments: { path: "hello.txt", content: "hello\n" },
        ok: true,
        ms: expect.any(Number),
      },
    ]);
    expect(result.usage.calls).toBeGreaterThanOrEqual(2);
    expect(typeof result.durationMs).toBe("number");
    expect(Object.keys(result).sort()).toEqual(
      [
        "durationMs",
        "evidence",
        "filesCreated",
        "filesEdited",
        "response",
        "stopReason",
        "success",
        "toolCalls",
        "usage",
      ].sort(),
    );
    expect(result.evidence).toEqual({
      verdict: "changed hello.txt; no check applies to prose",
      checks: [],
      changes: ["hello.txt"],
      failedWrites: [],
    });
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, "hello.txt"), "utf8")).toBe("hello\n");
    expect(server.chatRequests("act").every((q) => q.body.model === "scripted-model")).toBe(true);
  });

  it("prints the answer on stdout and progress on stderr without --json", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const dir = tempDir();
    const env = cleanEnv({ SMALLCODE_BASE_URL: server.url, SMALLCODE_MODEL: "scripted-model" });
    const r = await run(dir, ["-p", "write hello.txt containing hello"], { env });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("I created hello.txt.\n");
    expect(r.stderr).toContain('▸ write_file path="hello.txt"');
    expect(r.stderr).toContain("✓ done");
    expect(existsSync(join(dir, "hello.txt"))).toBe(true);
  });

  it("exits 1 when the run does not succeed", async () => {
    const dir = tempDir();
    const io = { cwd: dir, env: cleanEnv(), stdout: new StringWriter(), stderr: new StringWriter() };
    const failed: RunResult = {
      success: false,
      response: "stopped",
      stopReason: "max_steps",
      toolCalls: [],
      filesCreated: [],
      filesEdited: [],
      usage: { calls: 1, promptTokens: 1, completionTokens: 1 },
      durationMs: 1,
    };
    let given: unknown;
    const code = await runCommand(
      {
        command: "run",
        task: "t",
        json: true,
        flags: { baseUrl: server.url, model: "scripted-model", maxSteps: 3 },
      },
      io,
      (options) => {
        given = options;
        return { run: async () => failed };
      },
    );
    expect(code).toBe(1);
    expect(JSON.parse(io.stdout.text)).toEqual(failed);
    expect(given).toMatchObject({
      cwd: dir,
      baseUrl: server.url,
      model: "scripted-model",
      modelStrong: "scripted-model",
      maxSteps: 3,
    });
  });

  it("exits 2 with a clear message when no server answers", async () => {
    const url = await deadUrl();
    const r = await run(tempDir(), ["run", "t", "--base-url", url, "--model", "m"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    const sim = simAvailable()
      ? "to try SmallCode without a model, run `smallcode bench --sim clean` (a simulated model)\n"
      : "";
    expect(r.stderr).toBe(
      `smallcode: error: no model server answered at ${url} (base_url from --base-url) — start Ollama (\`ollama serve\`) or LM Studio, or pass --base-url / set SMALLCODE_BASE_URL\n${sim}`,
    );
  });

  it("exits 2 listing the models when the model is not on the server", async () => {
    server.setScript({ ...WRITE_HELLO_SCRIPT, models: ["qwen2.5-coder:7b", "llama3:latest"] });
    const r = await run(tempDir(), [
      "run",
      "t",
      "--json",
      "--base-url",
      server.url,
      "--model",
      "qwen2.5-coder",
    ]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("model `qwen2.5-coder` is not available at");
    expect(r.stderr).toContain("(did you mean `qwen2.5-coder:7b`?)");
    expect(r.stderr).toContain("has: qwen2.5-coder:7b, llama3:latest");
    server.setScript(WRITE_HELLO_SCRIPT);
  });
});

describe("smallcode run --resume", () => {
  it("exits 2 when the session does not exist", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const dir = tempDir();
    const r = await run(dir, ["run", "t", "--base-url", server.url, "--resume", "nope-1"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `smallcode: error: no saved session \`nope-1\` in ${join(dir, ".smallcode", "sessions")}\n` +
        "  fix: pass an id that `smallcode sessions` lists, or leave out --resume to start a new session\n",
    );
  });

  it("continues a saved session", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const dir = tempDir();
    const first = await run(dir, [
      "run",
      "write hello.txt containing hello",
      "--json",
      "--base-url",
      server.url,
    ]);
    expect(first.code).toBe(0);
    const listed = JSON.parse((await run(dir, ["sessions", "--json"])).stdout) as { id: string }[];
    expect(listed).toHaveLength(1);
    // "now say done" asks for no change: a classifier labels it chat (a `coding` label would make an
    // answer without changes a failed run, stopReason no_changes)
    server.setScript({
      ...WRITE_HELLO_SCRIPT,
      rules: [
        { prompt: "classify_task_type", replies: [{ content: "chat" }] },
        ...WRITE_HELLO_SCRIPT.rules.slice(1),
      ],
    });
    const again = await run(dir, [
      "run",
      "now say done",
      "--json",
      "--base-url",
      server.url,
      "--resume",
      listed[0]!.id,
    ]);
    expect(again.code).toBe(0);
    const after = JSON.parse((await run(dir, ["sessions", "--json"])).stdout) as {
      id: string;
      task: string;
    }[];
    expect(after).toEqual([expect.objectContaining({ id: listed[0]!.id, task: "now say done" })]);
  });
});

describe("smallcode run cancelled", () => {
  it("stops with stopReason cancelled and exit 1 when the signal aborts", async () => {
    server.setScript({
      ...WRITE_HELLO_SCRIPT,
      rules: [
        ...WRITE_HELLO_SCRIPT.rules.slice(0, 2),
        { prompt: "act", replies: [{ content: "late", delayMs: 5000 }] },
      ],
    });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("cancelled by Ctrl-C")), 300);
    const started = Date.now();
    const r = await run(tempDir(), ["run", "t", "--json", "--base-url", server.url], {
      signal: controller.signal,
    });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ success: false, stopReason: "cancelled" });
    server.setScript(WRITE_HELLO_SCRIPT);
  });
});
