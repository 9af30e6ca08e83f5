import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  contextBudget,
  defaultCounter,
  EVICTED_PREFIX,
  fitHistory,
  MAX_OUTPUT_SHARE,
  MIN_HISTORY_TOKENS,
  resultCapFor,
  SUMMARY_HEADER,
  toolPairProblems,
} from "../../../cli/smallcode/context/index.ts";
import type { Message } from "../../../cli/smallcode/contract/index.ts";
import { defaultCoder, strongCoder } from "../../../generated/index.ts";
import { historyOf, historyStep } from "./history-arbitrary.ts";

/**
 * The history fitting on a 4k window (the simulated 3b model): the reply reservation is clamped to a
 * quarter of the window, and the history is never emptied — the newest call with its result and the
 * summary of older turns always survive.
 */

const WINDOW = 4096;
/** The fixed prompt measured on the 3b benchmark (system, task, tool schemas). */
const FIXED = 1129;

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

/** About `tokens` tokens of numbered lines. */
const lines = (tokens: number, tag = "line") =>
  Array.from({ length: Math.ceil((tokens * 4) / 12) }, (_, i) => `${tag} ${String(i).padStart(5, "0")}`).join(
    "\n",
  );

/** A session of `n` steps, each with a ~225-token result; the last one is a failed patch. */
function session(n: number): Message[] {
  const out: Message[] = [];
  for (let i = 0; i < n - 1; i++)
    out.push(...turn(`c${i}`, "read_file", { path: `src/f${i}.py` }, lines(300, `f${i}`)));
  out.push(
    ...turn(
      "newest",
      "patch",
      { path: "app/config.py", old_str: "x", new_str: "y" },
      `patch failed: old_str not found in app/config.py\n${lines(200, "near")}`,
    ),
  );
  return out;
}

const summarise = async () => "- read_file src/f0.py: done (step 1)\n- 3 steps of the task remain.";

describe("the reply reservation on a small window", () => {
  test("max_output is clamped to a quarter of the window", () => {
    expect(MAX_OUTPUT_SHARE).toBe(0.25);
    const strong = contextBudget(strongCoder, FIXED, WINDOW);
    expect(strong.maxOutput).toBe(1024);
    expect(strong.history).toBe(WINDOW - 1024 - FIXED - Math.ceil(WINDOW * 0.05));
    expect(strong.history).toBeGreaterThan(1500);
    expect(contextBudget(defaultCoder, FIXED, WINDOW).maxOutput).toBe(1024);
  });

  test("a declared max_output within a quarter of the window stands", () => {
    expect(contextBudget(defaultCoder, 700).maxOutput).toBe(2048);
    expect(contextBudget(strongCoder, 700).maxOutput).toBe(4096);
    expect(contextBudget({ contextWindow: 4096, maxOutput: 300 }, 700).maxOutput).toBe(300);
    expect(contextBudget({ contextWindow: 4096 }, 700).maxOutput).toBe(512);
  });

  test("the per-result cap follows the history budget", () => {
    expect(resultCapFor(0)).toBe(200);
    expect(resultCapFor(1753)).toBe(525);
    expect(resultCapFor(100_000)).toBe(2000);
  });
});

describe("fitHistory on a 4k window after escalating to StrongCoder (max_output 4096)", () => {
  const budget = contextBudget(strongCoder, FIXED, WINDOW).history;

  test("keeps the summary of older turns and the newest call with its whole result", async () => {
    const history = session(30);
    expect(defaultCounter.messages(history)).toBeGreaterThan(budget);
    const out = await fitHistory(history, budget, { summarise });
    expect(out.history.length).toBeGreaterThan(0);
    expect(out.summary).toBe("model");
    expect(out.history[0]!.content).toContain(SUMMARY_HEADER);
    expect(out.history[0]!.content).toContain("(step 1)");
    expect(out.history.slice(-2)).toEqual(history.slice(-2));
    expect(defaultCounter.messages(out.history)).toBeLessThanOrEqual(budget);
    expect(toolPairProblems(out.history)).toEqual([]);
  });

  test("evicts old results to stubs before summarising", async () => {
    const history = session(5);
    const total = defaultCounter.messages(history);
    const out = await fitHistory(history, total - 400, { summarise });
    expect(out.evicted).toBeGreaterThan(0);
    expect(out.summarised).toBe(0);
    expect(out.history[1]!.content).toMatch(new RegExp(`^\\${EVICTED_PREFIX}`));
    expect(out.history.slice(-2)).toEqual(history.slice(-2));
  });

  test("caps big results before evicting or summarising", async () => {
    const history = [
      ...turn("a", "bash", { command: "seq 1 5000" }, lines(3000, "seq")),
      ...turn("b", "read_file", { path: "a.py" }, lines(200, "a")),
    ];
    const out = await fitHistory(history, budget, { summarise });
    expect(out.evicted + out.summarised).toBe(0);
    expect(out.shortened).toBe(1);
    const capped = out.history[1]!.content!;
    expect(capped).toMatch(/^seq 00000\n/);
    expect(capped).toContain(lines(3000, "seq").split("\n").at(-1));
    expect(defaultCounter.text(capped)).toBeLessThanOrEqual(resultCapFor(budget));
    expect(out.history.slice(-2)).toEqual(history.slice(-2));
  });
});

describe("fitHistory never empties the history", () => {
  test("a single ~300-token result at step 2 survives a tight budget", async () => {
    const history = turn("a", "bash", { command: "python3 main.py" }, lines(300, "trace"));
    const out = await fitHistory(history, 200, { summarise });
    expect(out.history).toHaveLength(2);
    expect(out.history[0]).toEqual(history[0]);
    expect(out.history[1]!.content).toMatch(/^trace 00000/);
    expect(out.history[1]!.content).toContain(history[1]!.content!.split("\n").at(-1));
    expect(defaultCounter.messages(out.history)).toBeLessThanOrEqual(200);
    expect(toolPairProblems(out.history)).toEqual([]);
  });

  test("the newest result alone over the budget is cut to its head and tail; the summary stays", async () => {
    const history = [
      ...session(6),
      ...turn("huge", "bash", { command: "pytest" }, `FAILED head\n${lines(2500, "log")}\nTAIL: 3 failed`),
    ];
    const out = await fitHistory(history, 180, { summarise });
    expect(out.history[0]!.content).toContain(SUMMARY_HEADER);
    expect(out.history[0]!.content).toContain("(step 1)");
    const last = out.history.at(-1)!;
    expect(last.tool_call_id).toBe("huge");
    expect(last.content).toMatch(/^FAILED head/);
    expect(last.content).toMatch(/TAIL: 3 failed$/);
    expect(out.history.at(-2)!.tool_calls?.[0]?.id).toBe("huge");
    expect(defaultCounter.messages(out.history)).toBeLessThanOrEqual(180);
    expect(toolPairProblems(out.history)).toEqual([]);
  });

  test("a steer after the newest call is kept with it", async () => {
    const history = [...session(6), { role: "user" as const, content: "Run the tests before you finish." }];
    const out = await fitHistory(history, 500, { summarise });
    expect(out.history[0]!.content).toContain(SUMMARY_HEADER);
    expect(out.history.at(-1)!.content).toBe("Run the tests before you finish.");
    expect(out.history.at(-2)!.tool_call_id).toBe("newest");
    expect(defaultCounter.messages(out.history)).toBeLessThanOrEqual(500);
  });

  test("with a zero budget (the old StrongCoder budget) the summary and the newest pair are still sent", async () => {
    const out = await fitHistory(session(6), 0, { summarise });
    expect(out.overBudget).toBe(true);
    expect(out.history[0]!.content).toContain(SUMMARY_HEADER);
    expect(out.history.at(-1)!.tool_call_id).toBe("newest");
    expect(out.history.at(-1)!.content).toMatch(/^patch failed/);
    expect(defaultCounter.messages(out.history)).toBeLessThanOrEqual(MIN_HISTORY_TOKENS);
    // within the safety margin the budget keeps free
    expect(MIN_HISTORY_TOKENS).toBeLessThanOrEqual(Math.ceil(WINDOW * 0.05));
    expect(toolPairProblems(out.history)).toEqual([]);
  });

  test("a huge write_file call is shortened as valid JSON, keeping its path", async () => {
    const history = turn("w", "write_file", { path: "big.py", content: lines(3000, "code") }, "wrote big.py");
    const out = await fitHistory(history, 300, { summarise });
    const args = JSON.parse(out.history[0]!.tool_calls![0]!.function.arguments) as Record<string, string>;
    expect(args.path).toBe("big.py");
    expect(args.content).toMatch(/^code 00000/);
    expect(out.history[1]!.content).toBe("wrote big.py");
    expect(defaultCounter.messages(out.history)).toBeLessThanOrEqual(300);
  });

  test("property: never empty, pairs intact, the newest call kept, within budget (or the small minimum)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(historyStep, { minLength: 1, maxLength: 25 }),
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
          expect(out.history.length).toBeGreaterThan(0);
          expect(tokens).toBeLessThanOrEqual(Math.max(budget, MIN_HISTORY_TOKENS));
          if (out.overBudget !== true) expect(tokens).toBeLessThanOrEqual(budget);
          expect(toolPairProblems(out.history)).toEqual([]);
          for (const m of out.history)
            for (const c of m.tool_calls ?? []) expect(() => JSON.parse(c.function.arguments)).not.toThrow();
          const lastCall = history.findLast((m) => (m.tool_calls?.length ?? 0) > 0);
          if (lastCall) {
            const ids = (lastCall.tool_calls ?? []).map((c) => c.id);
            const kept = out.history.findLast((m) => (m.tool_calls?.length ?? 0) > 0);
            expect(kept?.tool_calls?.map((c) => c.id)).toEqual(ids);
          } else expect(out.history.at(-1)!.role).toBe(history.at(-1)!.role);
        },
      ),
      { numRuns: 200 },
    );
  });
});
