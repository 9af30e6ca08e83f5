import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadAgentFactory } from "../../../cli/smallcode/commands/agent.ts";
import { SUMMARY_HEADER } from "../../../cli/smallcode/context/compress.ts";
import { StringWriter } from "../../../cli/smallcode/io.ts";
import { Repl } from "../../../cli/smallcode/repl/session.ts";
import { type ScriptedServer, startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "./helpers.ts";

/** Three reads of a long file, then an answer: a history worth compacting. */
const SCRIPT = {
  models: ["scripted-model"],
  rules: [
    { prompt: "classify_task_type", replies: [{ content: "explain" }] },
    { prompt: "pick_tool_categories", replies: [{ content: '["read"]' }] },
    { prompt: "compress_history", replies: [{ content: "SUMMARY-FROM-MODEL: read big.txt three times" }] },
    {
      prompt: "act",
      match: "next task",
      replies: [{ content: "Continued." }],
    },
    {
      prompt: "act",
      replies: [
        { toolCalls: [{ name: "read_file", arguments: { path: "big.txt" } }] },
        { toolCalls: [{ name: "read_file", arguments: { path: "big.txt", offset: 2 } }] },
        { toolCalls: [{ name: "read_file", arguments: { path: "big.txt", offset: 3 } }] },
        { content: "The file is long." },
      ],
    },
  ],
  fallback: { content: "ok" },
};

describe("/compact", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer(SCRIPT);
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  it("says there is nothing to compact before a task ran", async () => {
    const input = new PassThrough();
    const output = new StringWriter();
    const repl = new Repl({
      input,
      output,
      options: { cwd: tempDir(), model: "scripted-model", baseUrl: server.url },
      factory: await loadAgentFactory(),
      color: false,
    });
    input.end("/compact\n");
    expect(await repl.run()).toBe(0);
    expect(output.text).toContain("nothing to compact: no task ran in this conversation yet");
  });

  it("summarises the saved history with the model, and the next task continues from the summary", async () => {
    const big = Array.from({ length: 200 }, (_, i) => `line ${i} of a long file with some words in it`).join(
      "\n",
    );
    const dir = tempDir({ "big.txt": `${big}\n` });
    const input = new PassThrough();
    const output = new StringWriter();
    const repl = new Repl({
      input,
      output,
      options: {
        cwd: dir,
        model: "scripted-model",
        baseUrl: server.url,
        routing: "all",
        contextWindow: 32_000,
      },
      factory: await loadAgentFactory(),
      color: false,
    });
    input.end("how long is big.txt?\n/budget\n/compact\n/budget\nnext task: go on\n");
    expect(await repl.run()).toBe(0);
    expect(output.text).toMatch(/compacted: [\d,]+ → [\d,]+ tokens \(\d+ turns summarised by the model\)/);

    const [file] = readdirSync(join(dir, ".smallcode", "sessions")).filter((n) => n.endsWith(".json"));
    const saved = JSON.parse(readFileSync(join(dir, ".smallcode", "sessions", file!), "utf8"));
    const text = JSON.stringify(saved.history);
    expect(text).toContain(SUMMARY_HEADER);
    expect(text).toContain("SUMMARY-FROM-MODEL");
    // the compress prompt ran once, and the next task's model call saw the summary, not three full reads
    const bodies = server.requests.map((r) => JSON.stringify(r.body ?? ""));
    const last = bodies.filter((b) => b.includes("next task: go on")).at(-1) ?? "";
    expect(last).toContain("SUMMARY-FROM-MODEL");
    expect(last.split("line 150 of a long file").length - 1).toBeLessThan(3);
    expect(output.text).toContain("Continued.");
    // /budget measures the saved conversation against the window, before and after
    const used = [
      ...output.text.matchAll(/context {3}\[[█·]{20}\] ([\d,]+) \/ 32,000 tokens of history/g),
    ].map((m) => Number(m[1]!.replace(/,/g, "")));
    expect(used).toHaveLength(2);
    expect(used[0]).toBeGreaterThan(used[1]!);
    expect(output.text).toContain(
      "policy    cognition_limits (marrow/classify.marrow:42) on classify_task_type: at most 120 calls per 1 min; 500,000 tokens per task in 1 h",
    );
  });
});
