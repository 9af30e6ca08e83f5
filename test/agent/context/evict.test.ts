import { describe, expect, test } from "vitest";
import {
  defaultCounter,
  EVICTED_PREFIX,
  evictToolResults,
  toolPairProblems,
} from "../../../cli/smallcode/context/index.ts";
import type { Message } from "../../../cli/smallcode/contract/index.ts";

function turn(id: string, path: string, size: number): Message[] {
  return [
    {
      role: "assistant",
      content: null,
      tool_calls: [
        { id, type: "function", function: { name: "read_file", arguments: JSON.stringify({ path }) } },
      ],
    },
    { role: "tool", tool_call_id: id, content: "x".repeat(size) },
  ];
}

describe("evictToolResults", () => {
  const history = [
    ...turn("a", "one.js", 4000),
    ...turn("b", "two.js", 4000),
    ...turn("c", "three.js", 4000),
    ...turn("d", "four.js", 4000),
  ];

  test("does nothing under the target", () => {
    expect(evictToolResults(history, 1_000_000)).toEqual({ history, evicted: 0 });
  });

  test("replaces the oldest results by stubs that say what was removed and how to get it back", () => {
    const total = defaultCounter.messages(history);
    const { history: out, evicted } = evictToolResults(history, total - 1500);
    expect(evicted).toBe(2);
    expect(out[1]!.content).toMatch(
      new RegExp(`^\\${EVICTED_PREFIX} the output of read_file\\(path="one.js"\\)`),
    );
    expect(out[1]!.content).toMatch(/call the tool again/);
    expect(out[3]!.content).toContain("two.js");
    expect(out[5]!.content).toBe("x".repeat(4000));
    expect(toolPairProblems(out)).toEqual([]);
    expect(out).toHaveLength(history.length);
  });

  test("keeps the most recent results, and never evicts a stub twice", () => {
    const { history: out } = evictToolResults(history, 0);
    expect(out[5]!.content).toBe("x".repeat(4000));
    expect(out[7]!.content).toBe("x".repeat(4000));
    const again = evictToolResults(out, 0);
    expect(again.evicted).toBe(0);
  });
});
