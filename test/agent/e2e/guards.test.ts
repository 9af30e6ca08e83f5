import { afterEach, describe, expect, test } from "vitest";
import type { Guard, GuardContext } from "../../../cli/smallcode/contract/index.ts";
import { type AgentHarness, historyOf, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

const patchCall = hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" });

describe("end to end: guards", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("hooks are called in order with a context that reflects the run", async () => {
    const seen: string[] = [];
    let last: GuardContext | undefined;
    const guard: Guard = {
      name: "spy",
      start: (ctx) => void seen.push(`start ${ctx.taskType} [${ctx.offeredTools.join(",")}]`),
      onReply: (reply) => {
        seen.push(`reply ${reply.calls.map((c) => c.name).join(",") || "answer"}`);
        return { action: "allow" };
      },
      beforeTool: (call) => {
        seen.push(`before ${call.name}`);
        return { action: "allow" };
      },
      afterTool: (outcome, ctx) => {
        seen.push(`after ${outcome.call.name} ${outcome.ok} [${outcome.changed.join(",")}]`);
        last = ctx;
        return { action: "allow" };
      },
      beforeFinish: (answer) => {
        seen.push(`finish? ${answer}`);
        return { action: "allow" };
      },
      finish: (result) => void seen.push(`finish ${result.stopReason}`),
    };
    h = await startAgent(
      agentScript({ act: [hermes("read_file", { path: "math.js" }), patchCall, "Done."] }),
      { guards: [guard] },
    );
    await h.agent.run("fix the failing test");
    expect(seen).toEqual([
      "start debugging [bash,patch,read_and_patch,read_file,run_tests,write_file]",
      "reply read_file",
      "before read_file",
      "after read_file true []",
      "reply patch",
      "before patch",
      "after patch true [math.js]",
      "reply answer",
      "finish? Done.",
      "finish done",
    ]);
    expect([...last!.filesRead]).toEqual(["math.js"]);
    expect([...last!.filesChanged]).toEqual(["math.js"]);
    expect(last!.outcomes).toHaveLength(2);
    expect(last!.step).toBe(2);
  });

  test("refuse answers the call without running it; steer adds a user message after the results", async () => {
    const guard: Guard = {
      name: "careful",
      beforeTool: (call) =>
        call.name === "patch"
          ? { action: "refuse", message: "read math.js before patching it" }
          : { action: "allow" },
      afterTool: (outcome) =>
        outcome.call.name === "patch"
          ? { action: "allow" }
          : { action: "steer", message: "Now run the tests." },
    };
    h = await startAgent(agentScript({ act: [patchCall, hermes("read_file", { path: "math.js" }), "ok"] }), {
      guards: [guard],
    });
    const result = await h.agent.run("fix the failing test");
    expect(h.project.read("math.js")).toContain("a - b");
    expect(result.toolCalls.map((c) => [c.name, c.ok])).toEqual([
      ["patch", false],
      ["read_file", true],
    ]);
    const second = historyOf(h.actRequests()[1]!);
    expect(second.at(-1)).toMatchObject({ role: "tool", content: "read math.js before patching it" });
    const third = historyOf(h.actRequests()[2]!);
    expect(third.at(-1)).toMatchObject({ role: "user", content: "Now run the tests." });
    expect(h.orderingProblems()).toEqual([]);
  });

  test("replace answers the call with the guard's output", async () => {
    const guard: Guard = {
      name: "dedup",
      beforeTool: () => ({ action: "replace", output: "(same as before)" }),
    };
    h = await startAgent(agentScript({ act: [hermes("read_file", { path: "math.js" }), "ok"] }), {
      guards: [guard],
    });
    const result = await h.agent.run("explain math.js");
    expect(result.toolCalls).toEqual([expect.objectContaining({ name: "read_file", ok: true, ms: 0 })]);
    expect(historyOf(h.actRequests()[1]!).at(-1)).toMatchObject({
      role: "tool",
      content: "(same as before)",
    });
  });

  test("beforeFinish can refuse the final answer; the model gets another turn", async () => {
    let asked = 0;
    const guard: Guard = {
      name: "done-when",
      beforeFinish: () =>
        asked++ === 0 ? { action: "steer", message: "Run the tests first." } : { action: "allow" },
    };
    h = await startAgent(agentScript({ act: ["All fixed.", "All fixed, tests pass."] }), { guards: [guard] });
    const result = await h.agent.run("fix the failing test");
    // nothing was changed, so the claim is not believed (issue 12)
    expect(result).toMatchObject({
      success: false,
      stopReason: "no_changes",
      response: "All fixed, tests pass.",
    });
    expect(historyOf(h.actRequests()[1]!).slice(-2)).toEqual([
      { role: "assistant", content: "All fixed." },
      { role: "user", content: "Run the tests first." },
    ]);
  });

  test("a stop verdict ends the run with reason guard, after every call got its result", async () => {
    const twoCalls = `${hermes("read_file", { path: "math.js" })}\n${hermes("read_file", { path: "math.test.js" })}`;
    const guard: Guard = {
      name: "loop",
      afterTool: () => ({ action: "stop", message: "the same call keeps failing" }),
    };
    h = await startAgent(agentScript({ act: [twoCalls] }), { guards: [guard] });
    const result = await h.agent.run("explain math.js");
    expect(result).toMatchObject({
      success: false,
      stopReason: "guard",
      response: "the same call keeps failing",
    });
    expect(h.agent.history.filter((m) => m.role === "tool").map((m) => m.content?.slice(0, 9))).toEqual([
      expect.any(String),
      "not run: ",
    ]);
    expect(h.orderingProblems()).toEqual([]);
  });

  test("a throwing guard is a notice, not a failure; notes reach the system prompt", async () => {
    const guard: Guard = {
      name: "broken",
      onReply: () => {
        throw new Error("bug in guard");
      },
      notes: () => "TODO: fix add()",
    };
    h = await startAgent(agentScript({ act: ["Nothing to do."] }), { guards: [guard] });
    const result = await h.agent.run("explain math.js");
    expect(result.stopReason).toBe("done");
    expect(h.events).toContainEqual({
      type: "notice",
      source: "guard:broken",
      message: "onReply failed and was ignored: bug in guard",
    });
    expect(h.actRequests()[0]!.body.messages[0].content).toContain("TODO: fix add()");
  });

  test("guards switched off by name are not used (built-ins only; caller guards always run)", async () => {
    const guard: Guard = {
      name: "mine",
      beforeFinish: () => ({ action: "stop", message: "stopped by mine" }),
    };
    h = await startAgent(agentScript({ act: ["Done."] }), {
      guards: [guard],
      guardSwitches: { mine: false },
    });
    expect((await h.agent.run("explain")).stopReason).toBe("guard");
  });
});
