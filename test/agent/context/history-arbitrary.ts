import fc from "fast-check";
import type { Message } from "../../../cli/smallcode/contract/index.ts";

/** One step of a random history: a user message, an assistant text, or 1–3 tool calls with their results. */
export const historyStep = fc.oneof(
  fc.record({ kind: fc.constant("user" as const), size: fc.nat(3000) }),
  fc.record({ kind: fc.constant("text" as const), size: fc.nat(3000) }),
  fc.record({
    kind: fc.constant("calls" as const),
    size: fc.nat(6000),
    n: fc.integer({ min: 1, max: 3 }),
    args: fc.nat(4000),
  }),
);

export type HistoryStep = typeof historyStep extends fc.Arbitrary<infer T> ? T : never;

/** The messages of random steps: every call answered by exactly one result, ids unique. */
export function historyOf(steps: readonly HistoryStep[]): Message[] {
  let next = 0;
  return steps.flatMap((m): Message[] => {
    if (m.kind === "user") return [{ role: "user", content: "u".repeat(m.size) }];
    if (m.kind === "text") return [{ role: "assistant", content: "a".repeat(m.size) }];
    const ids = Array.from({ length: m.n }, () => `id${next++}`);
    return [
      {
        role: "assistant",
        content: null,
        tool_calls: ids.map((id) => ({
          id,
          type: "function" as const,
          function: { name: "bash", arguments: JSON.stringify({ command: "c".repeat(m.args) }) },
        })),
      },
      ...ids.map((id): Message => ({ role: "tool", tool_call_id: id, content: "r".repeat(m.size) })),
    ];
  });
}
