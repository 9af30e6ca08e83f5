import { describe, expect, it } from "vitest";
import type { EntityDecl, RouterDecl } from "../../../compiler/ast.ts";
import { print } from "../../../compiler/print.ts";
import { parse } from "../../../compiler/syntax/parse.ts";
import { parseOk } from "../syntax/helpers.ts";
import { showField } from "../syntax/show.ts";

/** Values of the original grammar kept as written (`states`, `until`, router `policy`, `checkpoint`, `with`). */
describe("verbatim values", () => {
  it("keep the text of states, a router policy and a loop's until", () => {
    const ast = parseOk(`system S {
  checkpoint: review { shows: [output.diff], allow: ["approve", "reject"], timeout: 1h, on_timeout: cancel }
  entity Job {
    owns: [state: string]
    states: queued -> running -> done | failed
  }
  router r {
    by: input.size
    policy: minimize_cost_subject_to { latency_p95 < 2s  quality >= 0.8 }
    tier all { -> M }
    observe: ["cost"]
  }
  prompt p(x: string) { template: "{{x}}", loop: { until: output.done == true and n > 1, max_iterations: 3 } }
}`);
    const system = ast.systems[0]!;
    expect(system.fields.map(showField)).toEqual([
      'checkpoint: Verbatim(review { shows: [output.diff], allow: ["approve", "reject"], timeout: 1h, on_timeout: cancel })',
    ]);
    const [entity, router, prompt] = system.decls as [EntityDecl, RouterDecl, EntityDecl];
    expect(entity.fields.map(showField)).toEqual([
      "owns: Params[state: string]",
      "states: Verbatim(queued -> running -> done | failed)",
    ]);
    expect(router.fields.map(showField)).toEqual([
      "by: Path(input.size)",
      "policy: Verbatim(minimize_cost_subject_to { latency_p95 < 2s quality >= 0.8 })",
      'observe: List[Str("cost")]',
    ]);
    expect(router.tiers.map((t) => t.name.name)).toEqual(["all"]);
    expect(prompt.fields.map(showField)).toEqual([
      'template: Str("{{x}}")',
      "loop: Obj{ until: Verbatim(output.done == true and n > 1), max_iterations: Num(3) }",
    ]);
  });

  it("print as written and parse back the same", () => {
    const text = `system S {
  entity Job {
    owns: [state: string]
    states: queued -> running ->   done
      | failed
  }
}
`;
    const once = print(parse({ path: "t.marrow", text }).ast);
    expect(once).toContain("states: queued -> running -> done | failed");
    expect(print(parse({ path: "t.marrow", text: once }).ast)).toBe(once);
  });

  it("report a missing value", () => {
    const { diagnostics } = parse({
      path: "t.marrow",
      text: "system S { entity E { owns: [a: string], states: } }",
    });
    expect(diagnostics.map((d) => d.code)).toContain("MRW1010");
  });
});

describe("cognition capabilities", () => {
  it("are skipped with a warning that names the primitive, which the AST keeps", () => {
    const text = `system S {
  capability compress(d: string) {
    cognition: compress_context using { history: d, target_tokens: 512 }
    returns: string
  }
  capability save(d: string) { sync: transactional }
}`;
    const { ast, diagnostics } = parse({ path: "t.marrow", text });
    expect(diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "MRW1015 cognition `capability compress` is skipped",
      "MRW1015 backend construct `capability save` is skipped",
    ]);
    const [compress, save] = ast.systems[0]!.decls;
    expect(compress?.kind === "Skipped" && compress.cognition?.name).toBe("compress_context");
    expect(save?.kind === "Skipped" && save.cognition).toBeUndefined();
  });
});
