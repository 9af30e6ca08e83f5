import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../../cli/smallcode/contract/index.ts";
import {
  type Script,
  type ScriptedServer,
  startScriptedServer,
} from "../../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run, tempDir } from "./helpers.ts";

/**
 * `--max-tokens` (and `max_tokens` in smallcode.toml, `SMALLCODE_MAX_TOKENS`): the token budget of a run
 * over every prompt it calls. Here the classifier's reply uses 3,000 tokens, so a budget of 3,000
 * leaves nothing for the act turn: the run stops with `max_tokens` and no act request is sent.
 */

const SCRIPT: Script = {
  models: ["scripted-model"],
  rules: [
    {
      prompt: "classify_task_type",
      replies: [{ content: "explain", usage: { prompt_tokens: 2900, completion_tokens: 100 } }],
    },
    { prompt: "pick_tool_categories", replies: [{ content: '["read"]' }] },
    { prompt: "act", replies: [{ content: "It adds." }] },
  ],
  fallback: { content: "ok" },
};

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(SCRIPT);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const base = () => ["--base-url", server.url, "--model", "scripted-model", "--json"];

describe("smallcode run --max-tokens", () => {
  it("stops the run before a call would pass the budget, and reports the budget in the RunResult", async () => {
    server.setScript(SCRIPT);
    const r = await run(tempDir(), ["run", "explain math.js", ...base(), "--max-tokens", "3000"]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result).toMatchObject({ success: false, stopReason: "max_tokens", usage: { maxTokens: 3000 } });
    expect(result.response).toContain("(raise it with --max-tokens or max_tokens in smallcode.toml)");
    expect(server.chatRequests("act")).toHaveLength(0);
  });

  it("takes max_tokens from smallcode.toml and SMALLCODE_MAX_TOKENS", async () => {
    server.setScript(SCRIPT);
    const fromToml = await run(tempDir({ "smallcode.toml": "max_tokens = 3000\n" }), [
      "run",
      "explain x",
      ...base(),
    ]);
    expect(JSON.parse(fromToml.stdout)).toMatchObject({
      stopReason: "max_tokens",
      usage: { maxTokens: 3000 },
    });
    server.setScript(SCRIPT);
    const env = cleanEnv({ SMALLCODE_MAX_TOKENS: "3000" });
    const fromEnv = await run(tempDir(), ["run", "explain x", ...base()], { env });
    expect(JSON.parse(fromEnv.stdout)).toMatchObject({
      stopReason: "max_tokens",
      usage: { maxTokens: 3000 },
    });
  });

  it("without it a run gets the policy's per-session budget and a generous budget is not in the way", async () => {
    server.setScript(SCRIPT);
    const r = await run(tempDir(), ["run", "explain math.js", ...base()]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ success: true, usage: { maxTokens: 500_000 } });
  });

  it("rejects a budget that is not a positive whole number", async () => {
    const r = await run(tempDir(), ["run", "explain x", ...base(), "--max-tokens", "lots"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-tokens");
  });
});
