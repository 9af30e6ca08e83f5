import { afterEach, describe, expect, test } from "vitest";
import type { Guard } from "../../../cli/smallcode/contract/index.ts";
import { GUARD_NAMES } from "../../../cli/smallcode/guards/index.ts";
import { type AgentHarness, historyOf, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

/**
 * When a reply without tool calls may end the run: a reply a guard steered on is never the final
 * answer, a change task's first answer is checked (definition of done, or a fallback check), and a
 * call that could not be read is a failed call, not an answer.
 */

const TASK = "fix the failing test in math.test.js";
const GREETING = "I'm ready to help. Could you tell me what you need?";

/** Guard switches with only `on` left on. */
function only(...on: string[]): Record<string, boolean> {
  return Object.fromEntries(GUARD_NAMES.map((n) => [n, on.includes(n)]));
}

describe("end to end: finishing", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("a reply a guard steered on is not the final answer: the steer is sent and the run goes on", async () => {
    const guard: Guard = {
      name: "greeting",
      onReply: (reply) =>
        reply.text.startsWith("I'm ready")
          ? { action: "steer", message: "Continue the task." }
          : { action: "allow" },
    };
    h = await startAgent(
      agentScript({
        act: [hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" }), GREETING, "Fixed."],
      }),
      { guards: [guard] },
    );
    const result = await h.agent.run(TASK);
    expect(result).toMatchObject({ stopReason: "done", response: "Fixed." });
    expect(h.actRequests()).toHaveLength(3);
    expect(historyOf(h.actRequests()[2]!).slice(-2)).toEqual([
      { role: "assistant", content: GREETING },
      { role: "user", content: "Continue the task." },
    ]);
  });

  test("with the built-in early-stop guard, a greeting after a patch re-injects the task", async () => {
    h = await startAgent(
      agentScript({
        classify: { content: "chat" },
        act: [hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" }), GREETING, "Fixed."],
      }),
      { guardSwitches: only("early-stop") },
      undefined,
      { builtinGuards: true },
    );
    const result = await h.agent.run("Add a --verbose flag to math.js that logs each call.");
    expect(result).toMatchObject({ stopReason: "done", response: "Fixed." });
    const steer = historyOf(h.actRequests()[2]!).at(-1);
    expect(steer).toMatchObject({ role: "user" });
    expect(steer?.content).toContain("Add a --verbose flag to math.js");
  });

  test("a change task's first answer is refused when nothing was declared; a failing test run refuses it with the output", async () => {
    h = await startAgent(
      agentScript({
        act: [
          hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a * b" }),
          "I have made the requested changes.",
          hermes("patch", { path: "math.js", old_str: "a * b", new_str: "a + b" }),
          "Fixed: add adds now.",
        ],
      }),
      { guardSwitches: only("contracts") },
      undefined,
      { builtinGuards: true },
    );
    const result = await h.agent.run(TASK);
    expect(result).toMatchObject({ stopReason: "done", response: "Fixed: add adds now." });
    const refusal = historyOf(h.actRequests()[2]!).at(-1);
    expect(refusal).toMatchObject({ role: "user" });
    expect(refusal?.content).toContain("node --test");
    expect(refusal?.content).toMatch(/add adds/);
    expect(h.project.read("math.js")).toContain("a + b");
  });

  test("an unclosed pythonic call is a failed call attempt, not the final answer", async () => {
    const broken = '[patch(path="math.js", old_str="a - b", new_str=a + b, ]]';
    h = await startAgent(
      agentScript({
        act: [broken, hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" }), "Fixed."],
        rules: [{ prompt: "repair_tool_call", replies: [{ content: "I cannot tell." }] }],
      }),
    );
    const result = await h.agent.run(TASK);
    expect(result).toMatchObject({ stopReason: "done", response: "Fixed." });
    expect(h.server.chatRequests("repair_tool_call")).not.toHaveLength(0);
    const told = historyOf(h.actRequests()[1]!).at(-1);
    expect(told).toMatchObject({ role: "user" });
    expect(told?.content).toMatch(/could not be read/);
    expect(h.project.read("math.js")).toContain("a + b");
  });

  test("a pythonic call missing only its closing `)]` at the end of the reply runs", async () => {
    h = await startAgent(
      agentScript({
        act: ['[patch(path="math.js", old_str="a - b", new_str="a + b"', "Fixed."],
      }),
    );
    const result = await h.agent.run(TASK);
    expect(result).toMatchObject({ stopReason: "done", response: "Fixed." });
    expect(result.toolCalls.map((c) => [c.name, c.ok])).toEqual([["patch", true]]);
    expect(h.project.read("math.js")).toContain("a + b");
  });
});
