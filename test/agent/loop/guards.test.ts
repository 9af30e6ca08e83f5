import { describe, expect, test } from "vitest";
import { GuardRunner } from "../../../cli/smallcode/agent/guards.ts";
import type { Guard, GuardContext } from "../../../cli/smallcode/contract/index.ts";

const ctx = {} as GuardContext;

describe("GuardRunner", () => {
  test("every guard is called in order; the first non-allow verdict wins", async () => {
    const calls: string[] = [];
    const guard = (name: string, action: "allow" | "steer" | "stop"): Guard => ({
      name,
      afterTool: () => {
        calls.push(name);
        return action === "allow" ? { action } : { action, message: name };
      },
    });
    const runner = new GuardRunner([guard("a", "allow"), guard("b", "steer"), guard("c", "stop")], () => {});
    expect(await runner.verdict("afterTool", {}, ctx)).toEqual({ action: "steer", message: "b", guard: "b" });
    expect(calls).toEqual(["a", "b", "c"]);
  });

  test("a final answer one guard refused is not shown to later guards (no refusal is spent unseen)", async () => {
    const calls: string[] = [];
    const guard = (name: string, action: "allow" | "steer"): Guard => ({
      name,
      beforeFinish: () => {
        calls.push(name);
        return action === "allow" ? { action } : { action, message: name };
      },
    });
    const runner = new GuardRunner([guard("a", "allow"), guard("b", "steer"), guard("c", "steer")], () => {});
    expect(await runner.verdict("beforeFinish", "Done.", ctx)).toEqual({
      action: "steer",
      message: "b",
      guard: "b",
    });
    expect(calls).toEqual(["a", "b"]);
  });

  test("a throwing guard refuses the call before it, is ignored elsewhere, and is reported as a notice", async () => {
    const notices: string[] = [];
    const runner = new GuardRunner(
      [
        {
          name: "broken",
          beforeTool: () => {
            throw new Error("boom");
          },
          start: () => {
            throw new Error("start boom");
          },
          finish: async () => {
            throw new Error("finish boom");
          },
          notes: () => {
            throw new Error("notes boom");
          },
        },
        { name: "odd", beforeTool: () => "yes" as never },
      ],
      (source, message) => notices.push(`${source}: ${message}`),
    );
    // a guard that fails before a call never counts as allow: the call is refused, saying why
    expect(await runner.verdict("beforeTool", { id: "1", name: "bash", arguments: {} }, ctx)).toMatchObject({
      action: "refuse",
      guard: "broken",
      message: expect.stringContaining("`bash` was not run: the broken guard failed (boom)"),
    });
    await runner.start(ctx);
    await runner.finish({} as never, ctx);
    expect(runner.notes(ctx, 100)).toBe("");
    expect(notices).toEqual([
      "guard:broken: beforeTool failed and the call was refused: boom",
      'guard:odd: beforeTool failed and the call was refused: returned "yes", not a verdict',
      "guard:broken: start failed and was ignored: start boom",
      "guard:broken: finish failed and was ignored: finish boom",
      "guard:broken: notes failed and was ignored: notes boom",
    ]);
  });

  test("async verdicts are awaited", async () => {
    const runner = new GuardRunner(
      [{ name: "slow", onReply: async () => ({ action: "stop", message: "enough" }) }],
      () => {},
    );
    expect((await runner.verdict("onReply", {}, ctx)).action).toBe("stop");
  });

  test("notes are joined within the budget", () => {
    const runner = new GuardRunner(
      [
        { name: "todo", notes: () => "TODO:\n- read math.js" },
        { name: "long", notes: (_c, budget) => "n".repeat(budget * 10) },
        { name: "empty", notes: () => "  " },
      ],
      () => {},
    );
    const notes = runner.notes(ctx, 50);
    expect(notes.startsWith("TODO:\n- read math.js\n\n")).toBe(true);
    expect(Math.ceil(notes.length / 4)).toBeLessThanOrEqual(52);
  });
});
