import { describe, expect, it } from "vitest";
import { checkSource, expectDiagnostics, MODEL } from "../harness.ts";

describe("RouterInputs", () => {
  it("accepts a numeric parameter named by `by`", () => {
    const src = `system S {
  ${MODEL}
  router r { by: input.complexity, tier all { -> M } }
  prompt p(task: string, complexity: float?) { router: r, template: "{{task}}" }
}
`;
    expect(expectDiagnostics(src)).toEqual([]);
  });

  it("requires `by` to start with `input.`", () => {
    const src = `system S {
  ${MODEL}
  router r { by: complexity, tier all { -> M } }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      { code: "MRW2033", line: 3, col: 18, message: "`by` of router `r` must start with `input.`" },
    ]);
    expect(checkSource(src).diagnostics[0]!.hint).toBe("write `by: input.complexity`");
  });

  it("requires every prompt using the router to have the parameter, as a number", () => {
    const src = `system S {
  ${MODEL}
  router r { by: input.complexity, tier all { -> M } }
  prompt p(task: string, complexty: float) { router: r, template: "{{task}}{{complexty}}" }
  prompt q(complexity: string) { router: r, template: "{{complexity}}" }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      {
        // A warning: the original grammar allowed it, and the prompt always takes the last tier.
        code: "MRW2101",
        line: 4,
        col: 54,
        message: "prompt `p` has no parameter `complexity` for router `r`",
      },
      {
        code: "MRW2033",
        line: 5,
        col: 24,
        message: "parameter `complexity` routes prompt `q` but is `string`, not a number",
      },
    ]);
    expect(checkSource(src).diagnostics[0]!.suggestions).toEqual(["complexty"]);
  });
});
