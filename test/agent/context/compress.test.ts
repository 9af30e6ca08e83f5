import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  defaultCounter,
  fallbackSummary,
  fitHistory,
  MIN_HISTORY_TOKENS,
  SUMMARY_HEADER,
  toolPairProblems,
  toUnits,
  transcriptOf,
} from "../../../cli/smallcode/context/index.ts";
import type { Message } from "../../../cli/smallcode/contract/index.ts";
import { historyOf, historyStep } from "./history-arbitrary.ts";

function turn(id: string, name: string, args: Record<string, unknown>, output: string): Message[] {
  return [
    {
      role: "assistant",
      content: null,
      tool_calls: [{ id, type: "function", function: { name, arguments: JSON.stringify(args) } }],
    },
    { role: "tool", tool_call_id: id, content: output },
  ];
}

const session: Message[] = [
  ...turn("a", "read_file", { path: "math.js" }, `1│ export function add(a, b) {\n${"x".repeat(3000)}`),
  ...turn(
    "b",
    "patch",
    { path: "math.js", old_str: "a - b", new_str: "a + b" },
    "patched `math.js` (line 2)",
  ),
  { role: "user", content: "Run the tests before you finish." },
  ...turn("c", "bash", { command: "node --test" }, `ℹ pass 2\n${"y".repeat(3000)}`),
  ...turn("d", "read_file", { path: "math.test.js" }, "z".repeat(3000)),
];

describe("fitHistory", () => {
  test("a history that fits is returned as it is", async () => {
    const out = await fitHistory(session, 100_000);
    expect(out.history).toEqual(session);
    expect(out.evicted + out.summarised + out.shortened).toBe(0);
  });

  test("caps big results first, when that is enough", async () => {
    const total = defaultCounter.messages(session);
    const out = await fitHistory(session, total - 500);
    expect(out.shortened).toBeGreaterThan(0);
    expect(out.evicted + out.summarised).toBe(0);
    expect(out.history[1]!.content).toMatch(/^1│ export function add/);
    expect(defaultCounter.messages(out.history)).toBeLessThanOrEqual(total - 500);
  });

  test("then evicts old tool results, when that is enough", async () => {
    const small = ["a", "b", "c", "d"].flatMap((id) =>
      turn(id, "read_file", { path: `${id}.js` }, `${id}`.repeat(1000)),
    );
    const out = await fitHistory(small, 900);
    expect(out.shortened).toBe(0);
    expect(out.evicted).toBeGreaterThan(0);
    expect(out.summarised).toBe(0);
    expect(defaultCounter.messages(out.history)).toBeLessThanOrEqual(900);
    expect(out.history.slice(-2)).toEqual(small.slice(-2));
  });

  test("summarises older turns with the model when eviction is not enough", async () => {
    const seen: string[] = [];
    const out = await fitHistory(session, 250, {
      summarise: async (transcript) => {
        seen.push(transcript);
        return "- read math.js\n- patched add";
      },
    });
    expect(out.summary).toBe("model");
    expect(out.summarised).toBeGreaterThan(0);
    expect(out.history[0]!.content).toBe(`${SUMMARY_HEADER}\n- read math.js\n- patched add`);
    expect(seen[0]).toContain("[call] patch(");
    expect(defaultCounter.messages(out.history)).toBeLessThanOrEqual(250);
    expect(toolPairProblems(out.history)).toEqual([]);
    // the newest turn survives
    expect(out.history.at(-1)!.tool_call_id).toBe("d");
  });

  test("falls back to a summary of the tool calls when the model call fails, and says so", async () => {
    const notices: string[] = [];
    const out = await fitHistory(session, 300, {
      summarise: async () => {
        throw new Error("endpoint down");
      },
      onNotice: (m) => notices.push(m),
    });
    expect(out.summary).toBe("fallback");
    expect(out.history[0]!.content).toContain('read_file(path="math.js")');
    expect(out.history[0]!.content).toContain("patch(");
    expect(notices[0]).toMatch(/endpoint down/);
  });

  test("an earlier summary is folded into the next one", () => {
    const units = toUnits([
      { role: "user", content: `${SUMMARY_HEADER}\n- earlier work` },
      ...session.slice(0, 2),
    ]);
    const summary = fallbackSummary(units);
    expect(summary).toContain("- earlier work");
    expect(summary).toContain("read_file");
  });

  test("the transcript handed to the summariser is capped", () => {
    const big = Array.from({ length: 50 }, (_, i) =>
      turn(`t${i}`, "bash", { command: `echo ${i}` }, "o".repeat(2000)),
    ).flat();
    expect(defaultCounter.text(transcriptOf(toUnits(big), 1000))).toBeLessThanOrEqual(1000);
  });

  test("property: never over budget (but for the small minimum), never splits a call from its result", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(historyStep, { maxLength: 25 }),
        fc.integer({ min: 0, max: 5000 }),
        fc.boolean(),
        async (spec, budget, works) => {
          const history = historyOf(spec);
          const out = await fitHistory(history, budget, {
            summarise: async () => {
              if (!works) throw new Error("down");
              return "s".repeat(budget);
            },
          });
          const tokens = defaultCounter.messages(out.history);
          if (out.overBudget) expect(tokens).toBeLessThanOrEqual(MIN_HISTORY_TOKENS);
          else expect(tokens).toBeLessThanOrEqual(budget);
          expect(out.history.length > 0).toBe(history.length > 0);
          expect(toolPairProblems(out.history)).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
