import { afterAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../../cli/smallcode/contract/index.ts";
import { type ScriptedServer, startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir } from "./helpers.ts";

/**
 * One Ollama version probe: endpoint detection asks the runtime's probe, so the run that follows
 * (on a runtime derived from the same one) routes to Ollama's native API without asking again.
 */

let server: ScriptedServer | undefined;
afterAll(async () => {
  await server?.close();
  cleanup();
});

describe("smallcode run against Ollama", () => {
  it("asks GET /api/version once, and drives the model through /api/chat", async () => {
    server = await startScriptedServer({
      models: ["scripted-model"],
      ollama: { version: "0.6.5", contextLength: 32768 },
      rules: [
        { prompt: "classify_task_type", replies: [{ content: "coding" }] },
        { prompt: "pick_tool_categories", replies: [{ content: '["write"]' }] },
        {
          prompt: "act",
          replies: [
            { toolCalls: [{ name: "write_file", arguments: { path: "hello.txt", content: "hello\n" } }] },
            { content: "I created hello.txt." },
          ],
        },
      ],
    });
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
    expect(result.filesCreated).toEqual(["hello.txt"]);
    const paths = server.requests.map((q) => `${q.method} ${q.path}`);
    expect(paths.filter((p) => p === "GET /api/version")).toHaveLength(1);
    expect(server.chatRequests().length).toBeGreaterThanOrEqual(3);
    expect(server.chatRequests().every((q) => q.path === "/api/chat")).toBe(true);
  });
});
