import { describe, expect, it } from "vitest";
import { costOf } from "../../cli/smallcode/agent/escalate.ts";
import { countTokens } from "../../cli/smallcode/context/tokens.ts";
import type { Message } from "../../cli/smallcode/contract/index.ts";
import { buildExcerpt, ESCALATION_SYSTEM } from "../../cli/smallcode/escalation/excerpt.ts";

const call = (id: string): Message => ({
  role: "assistant",
  content: null,
  tool_calls: [{ id, type: "function", function: { name: "read_file", arguments: '{"path":"a.ts"}' } }],
});
const result = (id: string, text: string): Message => ({ role: "tool", tool_call_id: id, content: text });

describe("buildExcerpt", () => {
  it("keeps the newest turns within the budget and never starts with an orphan tool result", () => {
    const history: Message[] = [];
    for (let i = 0; i < 40; i++)
      history.push(call(`c${i}`), result(`c${i}`, `result ${i} ${"x".repeat(400)}`));
    const excerpt = buildExcerpt("fix the bug", history, 1000);
    expect(excerpt.messages[0]).toEqual({ role: "system", content: ESCALATION_SYSTEM });
    expect(excerpt.messages[1]).toEqual({ role: "user", content: "Task: fix the bug" });
    expect(excerpt.messages[2]!.role).toBe("assistant");
    expect(excerpt.messages.at(-1)!.content).toContain("result 39");
    expect(excerpt.omitted).toBeGreaterThan(60);
    expect(excerpt.tokens).toBeLessThanOrEqual(1000);
  });

  it("cuts one huge message in the middle instead of sending it whole", () => {
    const huge = `${"a".repeat(50_000)}END`;
    const excerpt = buildExcerpt("t", [{ role: "user", content: huge }], 4000);
    const sent = excerpt.messages.at(-1)!.content!;
    expect(sent).toContain("characters left out");
    expect(sent.endsWith("END")).toBe(true);
    expect(countTokens(sent)).toBeLessThan(4000);
  });
});

describe("costOf", () => {
  it("prices prompt and completion tokens per million", () => {
    const settings = {
      baseUrl: "http://x/v1",
      model: "m",
      afterFailures: 3,
      maxPerSession: 2,
      maxExcerptTokens: 4000,
      inputUsdPerMtok: 3,
      outputUsdPerMtok: 15,
    };
    expect(costOf(settings, 1_000_000, 0)).toBe(3);
    expect(costOf(settings, 1000, 100)).toBeCloseTo(0.0045);
  });
});
