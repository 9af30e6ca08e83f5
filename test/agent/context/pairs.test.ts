import { describe, expect, test } from "vitest";
import {
  assertToolPairs,
  closeOpenCalls,
  fromUnits,
  MISSING_RESULT,
  toolPairProblems,
  toUnits,
} from "../../../cli/smallcode/context/index.ts";
import type { Message } from "../../../cli/smallcode/contract/index.ts";

const call = (id: string, name = "read_file") => ({
  id,
  type: "function" as const,
  function: { name, arguments: '{"path":"a.js"}' },
});
const calls = (...ids: string[]): Message => ({
  role: "assistant",
  content: null,
  tool_calls: ids.map((i) => call(i)),
});
const result = (id: string): Message => ({ role: "tool", tool_call_id: id, content: `result ${id}` });
const user = (content: string): Message => ({ role: "user", content });

describe("message-ordering invariant", () => {
  test("accepts calls followed by one result each, in any order", () => {
    const history = [
      user("hi"),
      calls("a", "b"),
      result("b"),
      result("a"),
      { role: "assistant", content: "done" } as Message,
    ];
    expect(toolPairProblems(history)).toEqual([]);
    expect(() => assertToolPairs(history)).not.toThrow();
  });

  test("a message between a call and its result breaks it", () => {
    const history = [calls("a", "b"), result("a"), user("steer"), result("b")];
    const problems = toolPairProblems(history);
    expect(problems.join("\n")).toMatch(/tool call b not answered before message 2/);
    expect(problems.join("\n")).toMatch(/message 3: tool result without a preceding tool call/);
    expect(() => assertToolPairs(history)).toThrow(/invariant/);
  });

  test("a missing result at the end, a duplicate result, an orphan result and duplicate ids are all reported", () => {
    expect(toolPairProblems([calls("a")])).toHaveLength(1);
    expect(toolPairProblems([calls("a"), result("a"), result("a")])[0]).toMatch(/already answered/);
    expect(toolPairProblems([user("x"), result("z")])[0]).toMatch(/without a preceding/);
    expect(toolPairProblems([calls("a", "a"), result("a"), result("a")])[0]).toMatch(
      /duplicate tool call ids/,
    );
  });
});

describe("units", () => {
  test("a call message and its results form one unit", () => {
    const history = [user("task"), calls("a"), result("a"), { role: "assistant", content: "ok" } as Message];
    const units = toUnits(history);
    expect(units.map((u) => u.messages.length)).toEqual([1, 2, 1]);
    expect(fromUnits(units)).toEqual(history);
  });
});

describe("closeOpenCalls", () => {
  test("answers unanswered calls and drops orphan results", () => {
    const fixed = closeOpenCalls([result("x"), calls("a", "b"), result("a"), user("next")]);
    expect(toolPairProblems(fixed)).toEqual([]);
    expect(fixed.find((m) => m.tool_call_id === "b")?.content).toBe(MISSING_RESULT);
    expect(fixed.some((m) => m.tool_call_id === "x")).toBe(false);
  });

  test("a valid history is unchanged", () => {
    const history = [calls("a"), result("a")];
    expect(closeOpenCalls(history)).toEqual(history);
  });
});
