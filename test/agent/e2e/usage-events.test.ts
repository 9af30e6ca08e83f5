import { afterEach, describe, expect, test } from "vitest";
import type { EventOf } from "../../../cli/smallcode/api.ts";
import { startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir } from "../../cli/smallcode/helpers.ts";
import { type AgentHarness, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

/**
 * The `usage` event: one per model request, as its reply arrives, with the prompt and the tokens the
 * server reported (or an estimate, said so); an act turn's carries the context window it had, so a
 * face can show how full the context really is. Through the public API (`.on("usage")`) against the
 * scripted server, which reports the usage each reply is given; and `/tokens` in the classic face.
 */

let h: AgentHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  cleanup();
});

describe("usage events", () => {
  test("each request's tokens as the server reported them; act turns with the window, in sum the result's usage", async () => {
    h = await startAgent(
      agentScript({
        classify: { content: "explain", usage: { prompt_tokens: 71, completion_tokens: 1 } },
        pick: { content: '["read"]', usage: { prompt_tokens: 90, completion_tokens: 4 } },
        act: [
          {
            content: hermes("read_file", { path: "math.js" }),
            usage: { prompt_tokens: 1200, completion_tokens: 30 },
          },
          { content: "add subtracts.", usage: { prompt_tokens: 1500, completion_tokens: 12 } },
        ],
      }),
      { contextWindow: 4096 },
    );
    const seen: EventOf<"usage">[] = [];
    h.agent.on("usage", (e) => seen.push(e));
    const result = await h.agent.run("what does add in math.js do?");
    expect(result.success).toBe(true);
    const acts = seen.filter((e) => e.prompt === "act");
    expect(acts.map((e) => [e.promptTokens, e.completionTokens, e.contextWindow, e.estimated])).toEqual([
      [1200, 30, 4096, false],
      [1500, 12, 4096, false],
    ]);
    // the small prompts are reported too, without a window (they are not the conversation)
    const classify = seen.find((e) => e.prompt === "classify_task_type");
    expect(classify).toMatchObject({ promptTokens: 71, completionTokens: 1, estimated: false });
    expect(classify?.contextWindow).toBeUndefined();
    const sum = (k: "promptTokens" | "completionTokens") => seen.reduce((a, e) => a + e[k], 0);
    expect({ calls: seen.length, prompt: sum("promptTokens"), completion: sum("completionTokens") }).toEqual({
      calls: result.usage.calls,
      prompt: result.usage.promptTokens,
      completion: result.usage.completionTokens,
    });
    // every usage event comes before the done event
    const types = h.events.map((e) => e.type);
    expect(types.lastIndexOf("usage")).toBeLessThan(types.indexOf("done"));
  });

  test("a server that reports no usage: the event says the tokens are estimated", async () => {
    h = await startAgent(
      agentScript({ classify: { content: "explain" }, act: [{ content: "It adds.", usage: false }] }),
    );
    const result = await h.agent.run("what does add do?");
    expect(result.success).toBe(true);
    const act = h.events.find((e): e is EventOf<"usage"> => e.type === "usage" && e.prompt === "act");
    expect(act).toMatchObject({ estimated: true });
    expect(act!.promptTokens).toBeGreaterThan(0);
    // the window of DefaultCoder (marrow/models.marrow) when the server told none
    expect(act!.contextWindow).toBe(16384);
  });

  test("/tokens in the classic face says how full the context was at the last model turn", async () => {
    const server = await startScriptedServer({
      models: ["scripted-model"],
      ...agentScript({
        classify: { content: "explain" },
        act: [{ content: "It adds.", usage: { prompt_tokens: 4000, completion_tokens: 96 } }],
      }),
    });
    try {
      const dir = tempDir({ "README.md": "# x\n" });
      const flags = ["--base-url", server.url, "--model", "scripted-model", "--no-color"];
      const r = await run(dir, flags, { stdin: "what does add do?\n/tokens\n" });
      expect(r.stdout).toContain("  context: 4,096 of 16,384 tokens (25%) at the last model turn\n");
    } finally {
      await server.close();
    }
  });
});
