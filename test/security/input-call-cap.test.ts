import { afterEach, describe, expect, test } from "vitest";
import { MAX_CALLS_PER_REPLY } from "../../cli/smallcode/agent/state.ts";
import { type AgentHarness, historyOf, startAgent } from "../support/agent-run.ts";
import { agentScript, hermes } from "../support/agent-script.ts";

/**
 * A reply with a thousand tool calls: only the first `MAX_CALLS_PER_REPLY` run, the model is told the
 * rest did not, and every call in the history still has exactly one result.
 */

describe("security: tool calls per reply are capped", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("a reply with 1,000 native calls runs the first ones and tells the model about the rest", async () => {
    const calls = Array.from({ length: 1000 }, (_, i) => ({
      id: `call_${i}`,
      name: i % 2 === 0 ? "write_file" : "read_file",
      arguments: i % 2 === 0 ? { path: `spam/${i}.txt`, content: "x\n" } : { path: "math.js", start_line: i },
    }));
    h = await startAgent(agentScript({ act: [{ toolCalls: calls }, "Done."] }));
    const result = await h.agent.run("fix the failing test");
    expect(result.toolCalls).toHaveLength(MAX_CALLS_PER_REPLY);
    expect(result.filesCreated).toEqual(["spam/0.txt", "spam/2.txt", "spam/4.txt", "spam/6.txt"]);
    const writes = Math.ceil(MAX_CALLS_PER_REPLY / 2);
    expect(h.project.read(`spam/${2 * (writes - 1)}.txt`)).toBe("x\n");
    expect(() => h!.project.read(`spam/${2 * writes}.txt`)).toThrow(/ENOENT/);
    expect(h.orderingProblems()).toEqual([]);

    const second = historyOf(h.actRequests()[1]!);
    expect(second[0]).toMatchObject({ role: "assistant" });
    expect(second[0]!.tool_calls).toHaveLength(MAX_CALLS_PER_REPLY);
    const results = second.filter((m) => m.role === "tool");
    expect(results).toHaveLength(MAX_CALLS_PER_REPLY);
    const told = second[second.length - 1]!;
    expect(told.role).toBe("user");
    expect(told.content).toContain(
      `Not run: your reply had 1,000 tool calls, and at most ${MAX_CALLS_PER_REPLY} run per reply: the first ${MAX_CALLS_PER_REPLY} ran, the other 992 (write_file ×496, read_file ×496) did not. Read these results first, then send only the calls you still need`,
    );
  });

  test("the same cap holds for calls written as text", async () => {
    const reply = Array.from({ length: 40 }, (_, i) =>
      hermes("read_file", { path: "math.js", start_line: i + 1 }),
    ).join("\n");
    h = await startAgent(agentScript({ act: [reply, "Done."] }));
    const result = await h.agent.run("explain math.js");
    expect(result.toolCalls).toHaveLength(MAX_CALLS_PER_REPLY);
    expect(h.orderingProblems()).toEqual([]);
    const last = h.agent.history.filter((m) => m.role === "user").map((m) => String(m.content));
    expect(last.some((t) => t.includes("your reply had 40 tool calls"))).toBe(true);
  });
});
