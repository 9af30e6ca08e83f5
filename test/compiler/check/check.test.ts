import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { check } from "../../../compiler/check/check.ts";
import { allRules } from "../../../compiler/check/rules/index.ts";
import { parse } from "../../../compiler/syntax/parse.ts";
import { BASE, expectDiagnostics } from "./harness.ts";

const program = `${BASE}system Main {
  prompt classify(user_message: string, complexity: float) {
    router: coding_router
    system: """
      Pick one: {{#each categories}}{{this}} {{/each}}
    """
    template: "Request: {{user_message}}"
    returns: TaskType
    timeout: 3s
    retry: { max_attempts: 2, backoff: fixed, interval: 100ms }
    cache: { key: hash(user_message), ttl: 10m }
    constraints: [ output in ["coding", "editing"] ]
  }
  prompt plan(task: string) { model: Small, template: "extension_point:render", returns: Plan }
  policy limits { cost_budgets: [ { scope: per_session, window: 1h, cap_tokens: 1000 } ] }
  evaluation accuracy { prompt: classify, cases: [ { input: { user_message: "x", complexity: 0.1 }, expect: "coding" } ] }
}
`;

describe("check", () => {
  it("is silent on a valid program that uses every kind of declaration", () => {
    expect(expectDiagnostics(program)).toEqual([]);
  });

  it("runs the rules in a fixed order, one export per rule", () => {
    expect(allRules.map((r) => r.name)).toContain("KnownTemplateVariablesRule");
    expect(new Set(allRules).size).toBe(allRules.length);
  });

  it("never throws on damaged input, and reports only known codes", () => {
    const pieces = [
      "{",
      "}",
      "[",
      "]",
      ":",
      ",",
      '"',
      "{{",
      "}}",
      "->",
      "?",
      "<",
      ">",
      "input.",
      "output",
      "x",
      "1",
      "3s",
      "\n",
    ];
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat(), fc.nat({ max: 8 }), fc.constantFrom(...pieces)), {
          minLength: 1,
          maxLength: 4,
        }),
        (edits) => {
          let text = program;
          for (const [at, cut, insert] of edits) {
            const i = at % (text.length + 1);
            text = text.slice(0, i) + insert + text.slice(i + cut);
          }
          const source = { path: "f.marrow", text };
          const { diagnostics } = check([parse(source).ast], [source]);
          for (const d of diagnostics) expect(d.code).toMatch(/^MRW2[01]\d\d$/);
        },
      ),
      { numRuns: 150 },
    );
  });
});
