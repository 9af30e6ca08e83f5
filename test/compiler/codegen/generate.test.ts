import { describe, expect, it } from "vitest";
import { generate } from "../../../compiler/codegen/index.ts";
import { genCodes } from "../../../compiler/diagnostics/codes-gen.ts";
import type { IR, PromptIR } from "../../../compiler/ir.ts";
import { lower } from "../../../compiler/lower.ts";
import { parse } from "../../../compiler/syntax/parse.ts";
import { build, fileOf, lowerSources, source } from "./helpers.ts";

const MODEL = `model M { endpoint: "http://x/v1" name: "m" }`;
const codes = (r: { diagnostics: readonly { code: string }[] }) => r.diagnostics.map((d) => d.code);

/** Replaces the first prompt of the first file of a lowered program. */
function withPrompt(ir: IR, change: (p: PromptIR) => PromptIR): IR {
  const [file, ...rest] = ir.files;
  const [first, ...others] = file!.prompts;
  return { ...ir, files: [{ ...file!, prompts: [change(first!), ...others] }, ...rest] };
}

describe("generate: diagnostics", () => {
  it("MRW3001 when two declarations become the same identifier", () => {
    const result = build(
      source(
        `system S {\n ${MODEL}\n prompt plan(a: string) { model: M template: "{{a}}" }\n prompt plan_spec(a: string) { model: M template: "{{a}}" }\n}\n`,
      ),
    );
    expect(codes(result)).toEqual(["MRW3001"]);
    expect(result.diagnostics[0]!.message).toBe(
      "prompt `plan_spec` and prompt `plan` both become `planSpec` in generated code",
    );
    expect(result.diagnostics[0]!.related?.[0]?.message).toBe("prompt `plan` is declared here");
  });

  it("MRW3001 when a type collides with a generated type", () => {
    const result = build(
      source(
        `system S {\n ${MODEL}\n tool read_file(path: string) { description: "r" category: read }\n entity ReadFileArgs { owns: [a: string] }\n}\n`,
      ),
    );
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      "entity `ReadFileArgs` and tool `read_file` both become `ReadFileArgs` in generated code",
    ]);
  });

  it("emits each tool's forgiving zod schema next to its arguments interface", () => {
    const result = build(
      source(
        `system S {\n ${MODEL}\n tool write_file(path: string, content: string, mode: int, limit: int?, glob: string?, force: bool?) {\n description: "w" category: write\n may_be_empty: [content]\n }\n}\n`,
      ),
    );
    expect(result.diagnostics).toEqual([]);
    const main = fileOf(result, "test.ts");
    expect(main).toContain(
      [
        "export const writeFileParams = z.object({",
        "  path: toolArg.requiredString(),",
        "  content: toolArg.anyString(),",
        "  mode: toolArg.requiredInt(),",
        "  limit: toolArg.optionalInt(),",
        "  glob: toolArg.optionalString(),",
        "  force: z.boolean().optional(),",
        "});",
      ].join("\n"),
    );
    expect(main).toContain("export interface WriteFileArgs {");
  });

  it("escapes names that are reserved or used by generated code", () => {
    const result = build(
      source(
        `system S {\n ${MODEL}\n prompt delete(a: string) { model: M template: "{{a}}" }\n entity Object { owns: [a: string] }\n}\n`,
      ),
    );
    const main = fileOf(result, "test.ts");
    expect(main).toContain("export async function delete_(input: DeleteInput");
    expect(main).toContain("export const Object_ = z.object({ a: z.string() });");
    expect(main).toContain("Object.freeze<");
  });

  it("MRW3002 when two files map to the same module, or a file would be index.ts", () => {
    const text = `system S { ${MODEL} }\n`;
    const twins = build([
      { path: "a/x.marrow", text },
      { path: "b/x.marrow", text: "system T { }\n" },
    ]);
    expect(codes(twins)).toEqual(["MRW3002"]);
    expect(twins.diagnostics[0]!.message).toBe(
      "`b/x.marrow` and `a/x.marrow` would both be generated as `x.ts`",
    );
    expect(codes(build(source(text, "marrow/index.marrow")))).toEqual(["MRW3002"]);
  });

  it("MRW3003 when Handlebars rejects a template", () => {
    const ir = withPrompt(
      lowerSources(source(`system S {\n ${MODEL}\n prompt p(a: string) { model: M template: "{{a}}" }\n}\n`)),
      (p) => ({
        ...p,
        template: { kind: "text", text: "{{#each a}}oops", span: p.template.span },
      }),
    );
    const result = generate(ir);
    expect(codes(result)).toEqual(["MRW3003"]);
  });

  it("MRW3004 when a constraint's regular expression is not valid JavaScript", () => {
    const ir = withPrompt(
      lowerSources(
        source(
          `system S {\n ${MODEL}\n prompt p(a: string) { model: M template: "{{a}}" constraints: [ output matches "a" ] }\n}\n`,
        ),
      ),
      (p) => ({
        ...p,
        constraints: [
          {
            ...p.constraints[0]!,
            expr: {
              kind: "binary",
              op: "matches",
              left: { kind: "path", root: "output", parts: [], optional: [], nullable: false },
              right: { kind: "literal", value: "([a-z]" },
            },
          },
        ],
      }),
    );
    expect(codes(generate(ir))).toEqual(["MRW3004"]);
  });

  it("MRW3005 for every reference lowering could not resolve", () => {
    const ast = parse({
      path: "m.marrow",
      text: `system S { prompt p(a: string) { model: Nope template: "{{a}}" } }`,
    }).ast;
    const result = generate(lower([ast]));
    expect(codes(result)).toEqual(["MRW3005"]);
    expect(result.diagnostics[0]!.message).toBe("unresolved model `Nope`");
  });

  it("documents every code in the catalog", () => {
    for (const [code, info] of Object.entries(genCodes)) {
      expect(code).toMatch(/^MRW3\d{3}$/);
      expect(info.severity).toBe(code.startsWith("MRW31") ? "warning" : "error");
      expect(info.explanation.length).toBeGreaterThan(200);
      expect(info.explanation).toMatch(/Example:/);
      expect(info.explanation).toMatch(/Fix:/);
    }
  });
});

describe("generate: code shape", () => {
  const result = build(
    source(`system S {
  ${MODEL}
  enum Kind { a, b }
  prompt classify(text: string) {
    model: M
    system: "Label the text."
    template: "{{text}}: {{#each categories}}{{this}} {{/each}}"
    returns: Kind
    cache: { key: hash(text), ttl: 10m }
    constraints: [ output in ["a", "b"] and not (input.text == "") ]
  }
  router r { by: input.level tier low { max: 1 -> M } tier high { -> M } }
}
`),
  );
  const main = fileOf(result, "test.ts");

  it("emits the contract's shape for a prompt", () => {
    expect(main).toContain("export const ClassifyInput = z.object({ text: z.string() });");
    expect(main).toContain("export type ClassifyInput = z.infer<typeof ClassifyInput>;");
    expect(main).toContain("export const classifySpec = Object.freeze<PromptSpec<ClassifyInput, Kind>>({");
    expect(main).toContain(
      "export async function classify(input: ClassifyInput, options?: CallOptions): Promise<Kind> {\n  return callPrompt(classifySpec, input, options);\n}",
    );
    expect(main).toContain('output: { kind: "label", labels: Kind.options },');
    expect(main).toContain("template: (input) => classifyUser({ ...input, categories: Kind.options }),");
    expect(main).toContain("cache: { key: (input) => [input.text], ttlMs: 600_000 },");
    expect(main).toContain(`check: (output, input) => ["a", "b"].includes(output) && !(input.text === ""),`);
    expect(main).toContain(" * Label the text.\n *\n * Prompt `classify` (marrow/test.marrow:4).");
  });

  it("emits a routing function with deterministic tiers", () => {
    expect(main).toContain(
      'export function routeR(value: unknown): ModelSpec {\n  if (typeof value !== "number" || Number.isNaN(value)) return m;\n  if (value <= 1) return m;\n  return m;\n}',
    );
  });

  it("registers everything in index.ts by declared name", () => {
    const index = fileOf(result, "index.ts");
    expect(index).toContain('export * from "./test.ts";');
    expect(index).toContain("export const prompts = Object.freeze({\n  classify: classifySpec,\n});");
    expect(index).toContain("export type ToolName = never;");
  });
});
