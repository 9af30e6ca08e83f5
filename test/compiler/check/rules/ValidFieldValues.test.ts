import { describe, expect, it } from "vitest";
import { checkSource, expectDiagnostics, MODEL } from "../harness.ts";

describe("ValidFieldValues", () => {
  it("accepts values of the right kind", () => {
    const src = `system S {
  model Tiny { endpoint: "http://x", name: "m", temperature: 2, top_p: 1, context_window: 4096, cost_class: tiny }
  extension_point check_it(x: string) { returns: bool, stable: true }
  prompt p(x: string) {
    model: Tiny
    template: "{{x}}"
    timeout: 1.5s
    validate: custom: check_it
    retry: { max_attempts: 1, backoff: exponential, interval: 0ms }
  }
  policy P {
    rate_limit: 120 per 1m
    audit: true
    cost_budgets: [ { scope: per_cost_class: "medium", window: 1d, cap_usd: 0.5 } ]
  }
}
`;
    expect(expectDiagnostics(src)).toEqual([]);
  });

  it("requires a duration where one is expected", () => {
    const src = `system S {
  ${MODEL}
  prompt p(x: string) { model: M, template: "{{x}}", timeout: 3 }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      { code: "MRW2013", line: 3, col: 63, message: "`timeout` must be a duration, found the number `3`" },
    ]);
    expect(checkSource(src).diagnostics[0]!.hint).toBe("add a unit: `3s` or `3ms`");
  });

  it("checks number ranges", () => {
    const src = `system S {
  model A { endpoint: "http://x", name: "m", temperature: 3, top_p: 0 }
  model B { endpoint: "http://x", name: "m", max_output: 1.5, context_window: 0 }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      { code: "MRW2014", line: 2, col: 59, message: "`temperature` must be between 0 and 2, found `3`" },
      {
        code: "MRW2014",
        line: 2,
        col: 69,
        message: "`top_p` must be greater than 0 and at most 1, found `0`",
      },
      { code: "MRW2014", line: 3, col: 58, message: "`max_output` must be a positive integer, found `1.5`" },
      {
        code: "MRW2014",
        line: 3,
        col: 79,
        message: "`context_window` must be a positive integer, found `0`",
      },
    ]);
  });

  it("reports a name outside the allowed set with a did-you-mean", () => {
    const src = `system S {
  ${MODEL}
  prompt p(x: string) {
    model: M
    template: "{{x}}"
    retry: { max_attempts: 2, backoff: exponentail }
  }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      {
        code: "MRW2015",
        line: 6,
        col: 40,
        message: "`backoff` must be one of `fixed`, `linear` or `exponential`, found `exponentail`",
      },
    ]);
    expect(checkSource(src).diagnostics[0]!.suggestions).toEqual(["exponential"]);
  });

  it("asks for a bare name instead of a string, and a string instead of a name", () => {
    const src = `system S {
  model A { endpoint: "http://x", name: "m", provider: "ollama" }
  policy P { cost_budgets: [ { scope: per_cost_class: medium, window: 1h, cap_calls: 1 } ] }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      { code: "MRW2013", line: 2, col: 56, message: "`provider` must be a name, found a string" },
      {
        code: "MRW2013",
        line: 3,
        col: 55,
        message: "`per_cost_class:` in `scope` must be a string, found the name `medium`",
      },
    ]);
    expect(checkSource(src).diagnostics.map((d) => d.hint)).toEqual([
      "write `ollama` without quotes",
      'write `"medium"`',
    ]);
  });

  it("checks tagged values, list items, rates and booleans", () => {
    const src = `system S {
  model A { endpoint: "http://x", name: "m", stop: ["a", 1] }
  policy P { rate_limit: 0 per 1m, audit: "yes", cost_budgets: [ { scope: per_cost_class: "huge", window: 1h, cap_calls: 1 } ] }
  evaluation E { prompt: p, cases: [], metric: exakt }
  prompt p(x: string) { model: A, template: "{{x}}", validate: customs: x }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      {
        code: "MRW2013",
        line: 2,
        col: 58,
        message: "each item of `stop` must be a string, found the number `1`",
      },
      {
        code: "MRW2014",
        line: 3,
        col: 26,
        message: "the count of `rate_limit` must be a positive integer, found `0`",
      },
      { code: "MRW2013", line: 3, col: 43, message: "`audit` must be `true` or `false`, found a string" },
      {
        code: "MRW2015",
        line: 3,
        col: 91,
        message:
          "`per_cost_class:` in `scope` must be one of `tiny`, `small`, `medium` or `large`, found `huge`",
      },
      {
        code: "MRW2015",
        line: 4,
        col: 48,
        message: "`metric` must be one of `exact`, `contains`, `in_set` or `custom: …`, found `exakt`",
      },
      {
        code: "MRW2015",
        line: 5,
        col: 64,
        message:
          "`validate` must be one of `none`, `schema_only`, `ast_compiles` or `custom: …`, found `customs`",
      },
    ]);
  });
});
