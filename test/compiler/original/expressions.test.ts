import { describe, expect, it } from "vitest";
import type { Expr, PromptDecl } from "../../../compiler/ast.ts";
import { print } from "../../../compiler/print.ts";
import { parse } from "../../../compiler/syntax/parse.ts";
import { expectDiagnostics, MODEL } from "../check/harness.ts";
import { build, fileOf, source } from "../codegen/helpers.ts";
import { parseOk } from "../syntax/helpers.ts";
import { show } from "../syntax/show.ts";

/** The constraint expressions of `constraints: [...]`, shown with explicit parentheses. */
function constraints(list: string): string[] {
  const ast = parseOk(`system S { prompt p() { constraints: ${list} } }`);
  const value = (ast.systems[0]!.decls[0] as PromptDecl).fields[0]!.value;
  if (value.kind !== "ConstraintList") throw new Error(value.kind);
  return value.items.map((e: Expr) => show(e));
}

/** The original grammar's expressions: `contains`, arithmetic, unary minus, ranges and calls. */
describe("expressions of the original grammar", () => {
  it("parse with the original's precedence", () => {
    expect(
      constraints(
        '[ a contains "x", a + b * c <= 10 % 3, -x > - -1, n in 1..100, n not in 0.5..x.y, now() > t, f(a, b.c) == 1 ]',
      ),
    ).toEqual([
      '(Path(a) contains Str("x"))',
      "((Path(a) + (Path(b) * Path(c))) <= (Num(10) % Num(3)))",
      "((- Path(x)) > (- Num(-1)))",
      "(Path(n) in (Num(1) .. Num(100)))",
      "(Path(n) not in (Num(0.5) .. Path(x.y)))",
      "(Call Path(now)() > Path(t))",
      "(Call Path(f)(Path(a), Path(b.c)) == Num(1))",
    ]);
  });

  it("print back to text that parses to the same tree", () => {
    const text =
      'system S {\n  prompt p(a: string, n: int) {\n    constraints: [a contains "x", (n + 1) * 2 - 3 / n % 2 <= 10, n - (1 - n) > -n, n in 1..100, - -n < 3, now() > n]\n  }\n}\n';
    const once = print(parse({ path: "t.marrow", text }).ast);
    expect(once).toContain("(n + 1) * 2 - 3 / n % 2 <= 10");
    expect(once).toContain("n - (1 - n) > -n");
    expect(once).toContain("n in 1..100");
    expect(once).toContain("- -n < 3");
    expect(print(parse({ path: "t.marrow", text: once }).ast)).toBe(once);
  });

  it("are type-checked", () => {
    const src = `system S {
  ${MODEL}
  entity Plan { owns: [steps: list<string>, title: string, score: float] }
  prompt ok(x: string, n: int) {
    model: M
    template: "{{x}}{{n}}"
    returns: Plan
    constraints: [ output.title contains "a", output.steps contains x, output.score * 2 - n >= -1, n in 1..10, output.title + x != "" ]
  }
  prompt bad(x: string, n: int) {
    model: M
    template: "{{x}}{{n}}"
    constraints: [ n contains 1, x * 2 > 1, x in 1..3, n..3 ]
  }
}
`;
    expect(expectDiagnostics(src).map((d) => `${d.code} ${d.line}:${d.col} ${d.message}`)).toEqual([
      "MRW2050 13:20 `contains` needs a string or a list on the left, found `int`",
      "MRW2050 13:34 `*` needs numbers, found `string`",
      "MRW2050 13:45 a range holds numbers, found `string`",
      "MRW2050 13:57 a range is only allowed after `in` or `not in`",
    ]);
  });

  it("are enforced by the generated code; a constraint with a call is kept but not checked", () => {
    const src = `system S {
  ${MODEL}
  prompt p(x: string, n: int) {
    model: M
    template: "{{x}}{{n}}"
    constraints: [ output contains x, output.length - n * 2 <= 10, n in 1..5, n not in 7..9, -n < 0, output.length > now() ]
  }
}
`;
    const found = expectDiagnostics(src);
    expect(found.map((d) => `${d.code} ${d.message}`)).toEqual([
      "MRW2100 a call in a constraint has no effect in SmallCode",
    ]);
    const text = fileOf(build(source(src)), "test.ts");
    expect(text).toContain("(output, input) => output.includes(input.x)");
    expect(text).toContain("output.length - input.n * 2 <= 10");
    expect(text).toContain("input.n >= 1 && input.n <= 5");
    expect(text).toContain("!(input.n >= 7 && input.n <= 9)");
    expect(text).toContain("-input.n < 0");
    expect(text).not.toContain("now");
  });
});

describe("types of the original grammar", () => {
  it("map to SmallCode's types and build", () => {
    const src = `system S {
  ${MODEL}
  entity Row { owns: [id: uuid, at: timestamp, blob: bytes, n: uint, tags: set<string>, meta: map<string, int>, r: result<string, string>] }
  prompt p(id: uuid, n: uint) { model: M, template: "{{id}} {{n}}", returns: Row, constraints: [ n in 0..10 ] }
  prompt q(x: string) { model: M, template: "{{x}}", returns: map<string> }
}
`;
    expect(expectDiagnostics(src).map((d) => `${d.code} ${d.message}`)).toEqual([
      "MRW2021 `map` takes exactly two type arguments",
    ]);
    const ok = src.replace("returns: map<string>", "returns: map<string, float>");
    const text = fileOf(build(source(ok)), "test.ts");
    expect(text).toMatch(/id: z\.string\(\)/);
    expect(text).toMatch(/tags: z\.array\(z\.string\(\)\)/);
  });
});

describe("tuple types of the original grammar", () => {
  it("parse, print back, check their elements and build as json", () => {
    const src = `system S {
  ${MODEL}
  entity Pair { owns: [p: (string, int), q: (uuid, list<string>)?] }
  prompt p(x: (string, float)) { model: M, template: "{{x}}", returns: Pair }
  prompt q(x: string) { model: M, template: "{{x}}", returns: (strng, int) }
}
`;
    expect(expectDiagnostics(src).map((d) => `${d.code} ${d.message}`)).toEqual([
      "MRW2020 unknown type `strng`",
    ]);
    const once = print(parse({ path: "t.marrow", text: src }).ast);
    expect(once).toContain("owns: [p: (string, int), q: (uuid, list<string>)?]");
    expect(print(parse({ path: "t.marrow", text: once }).ast)).toBe(once);
    const ok = src.replace("(strng, int)", "(string, int)");
    expect(fileOf(build(source(ok)), "test.ts")).toMatch(/p: z\.unknown\(\)/);
  });
});
