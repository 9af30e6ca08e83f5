import { describe, expect, it } from "vitest";
import { checkSource, expectDiagnostics, MODEL } from "../harness.ts";

const only = (src: string | Record<string, string>, code = "MRW2100") =>
  expectDiagnostics(src).filter((d) => d.code === code);

describe("NoEffectFields", () => {
  it("warns once for each field of the original grammar that has no effect", () => {
    const src = `system S {
  model Q { endpoint: "http://x/v1", name: "q", quant: q4_k_m, vram_mb: 4096 }
  ${MODEL}
  prompt a(x: string) { model: M, template: "{{x}}", idempotent: true, stream: false }
  prompt b(x: string) { model: M, template: "{{x}}", idempotent: false, version: "2" }
  policy P { rate_limit: 10 per 1m, encryption: in_transit }
  extension_point e(x: string) { returns: string, language: typescript }
}
`;
    expect(expectDiagnostics(src)).toEqual([
      { code: "MRW2100", line: 2, col: 49, message: "model field `quant` has no effect in SmallCode" },
      { code: "MRW2100", line: 2, col: 64, message: "model field `vram_mb` has no effect in SmallCode" },
      { code: "MRW2100", line: 4, col: 54, message: "prompt field `idempotent` has no effect in SmallCode" },
      { code: "MRW2100", line: 4, col: 72, message: "prompt field `stream` has no effect in SmallCode" },
      { code: "MRW2100", line: 5, col: 73, message: "prompt field `version` has no effect in SmallCode" },
      { code: "MRW2100", line: 6, col: 37, message: "policy field `encryption` has no effect in SmallCode" },
      {
        code: "MRW2100",
        line: 7,
        col: 51,
        message: "extension point field `language` has no effect in SmallCode",
      },
    ]);
  });

  it("warns again in another file", () => {
    const prompt = (n: string) =>
      `system ${n} {\n  prompt p${n}(x: string) { model: M, template: "{{x}}", idempotent: true }\n}\n`;
    const found = only({
      "models.marrow": `system Models {\n  ${MODEL}\n}\n`,
      "a.marrow": prompt("A"),
      "b.marrow": prompt("B"),
    });
    expect(found.map((d) => d.file)).toEqual(["a.marrow", "b.marrow"]);
  });

  it("accepts the original's router metadata, entity states and constraints, shadow and loop", () => {
    const src = `system S {
  ${MODEL}
  router r {
    by: input.size
    tier small { max: 0.5 -> M }
    tier big { -> M }
    observe: ["latency_p95", "cost"]
    policy: minimize_cost_subject_to { latency_p95 < 2s, quality >= 0.8 }
  }
  entity Job {
    owns: [state: string, tries: int]
    constraints: [tries >= 0]
    states: queued -> running -> done | failed
  }
  prompt p(x: string, size: float) {
    router: r
    template: "{{x}}"
    shadow: { version: "v2", traffic: 0.1 }
    loop: { max_iterations: 3, until: output.done == true }
  }
}
`;
    expect(expectDiagnostics(src).map((d) => `${d.code} ${d.message}`)).toEqual([
      "MRW2100 router field `observe` has no effect in SmallCode",
      "MRW2100 router field `policy` has no effect in SmallCode",
      "MRW2100 entity field `constraints` has no effect in SmallCode",
      "MRW2100 entity field `states` has no effect in SmallCode",
      "MRW2100 prompt field `shadow` has no effect in SmallCode",
      "MRW2100 prompt field `loop` has no effect in SmallCode",
    ]);
  });

  it("accepts validate: ast_compiles with a warning", () => {
    const src = `system S {
  ${MODEL}
  prompt p(x: string) { model: M, template: "{{x}}", validate: ast_compiles }
}
`;
    expect(only(src)).toEqual([
      { code: "MRW2100", line: 3, col: 64, message: "`validate: ast_compiles` has no effect in SmallCode" },
    ]);
  });

  it("accepts a capability named in tools: and offers nothing for it", () => {
    const src = `system S {
  ${MODEL}
  capability tag(d: string) { sync: transactional }
  prompt p(x: string) { model: M, template: "{{x}}", tools: [tag] }
}
`;
    expect(expectDiagnostics(src).map((d) => `${d.code} ${d.message}`)).toEqual([
      "MRW2100 a `capability` in `tools:` has no effect in SmallCode",
    ]);
  });

  it("still reports an unknown tool that is no capability", () => {
    const src = `system S {
  ${MODEL}
  capability tag(d: string) { sync: transactional }
  prompt p(x: string) { model: M, template: "{{x}}", tools: [tga] }
}
`;
    expect(expectDiagnostics(src).map((d) => d.code)).toContain("MRW2002");
  });
});

describe("promptbook", () => {
  it("is accepted with a template, and a prompt with only a promptbook still needs one", () => {
    const src = `system S {
  ${MODEL}
  prompt a(x: string) { model: M, promptbook: triage, with: { text: x, n: 1 + 2 }, template: "{{x}}" }
  prompt b(x: string) { model: M, promptbook: triage }
}
`;
    const found = checkSource(src).diagnostics.map((d) => `${d.code} ${d.message} | ${d.hint}`);
    expect(found).toEqual([
      "MRW2100 prompt field `promptbook` has no effect in SmallCode | remove `promptbook` to silence this warning; nothing else changes",
      "MRW2100 prompt field `with` has no effect in SmallCode | remove `with` to silence this warning; nothing else changes",
      'MRW2012 prompt `b` has no `template` | SmallCode has no promptbooks: add `template: "…"` with the promptbook\'s text to prompt `b`',
    ]);
  });
});
