import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { printStatements, type Statement, viaTsMorph } from "../../../compiler/codegen/print-structures.ts";

/**
 * The printer that spares `marrowc build` loading ts-morph against ts-morph itself: random modules
 * of every statement kind, with texts that carry what changes code-block-writer's state (quotes,
 * backticks, `//`, `/*`, `*\/`, `${`, braces, blank lines, CRLF, trailing blanks, non-ASCII), must
 * print to the same bytes.
 */

// Pieces that steer the writer: comments, strings, template literals, regular expressions, blocks.
const piece = fc.constantFrom(
  "a",
  "Foo",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\n\n",
  '"',
  "'",
  "`",
  "${",
  "{",
  "}",
  "//",
  "/*",
  "*/",
  "/",
  "\\",
  "*",
  ",",
  "é",
  "\u2028",
  "\u00a0",
  "x = 1;",
  "<T>",
  "| b",
);
const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(""));
const name = fc.constantFrom("a", "b", "input", "options", "Foo", "Bar_2", "$x");
const type = fc.oneof(name, text, fc.constantFrom("Record<string, unknown>", '"a" | "b"', "string[]"));
const docs = fc.option(fc.array(text, { minLength: 1, maxLength: 2 }), { nil: undefined });
const trivia = fc.option(fc.constantFrom("\n", "// note\n", "/* open", "\n\n"), { nil: undefined });

const statement: fc.Arbitrary<Statement> = fc.oneof(
  text,
  fc.record(
    {
      kind: fc.constant("import" as const),
      moduleSpecifier: fc.oneof(name, text),
      isTypeOnly: fc.boolean(),
      namedImports: fc.array(fc.record({ name: fc.oneof(name, text), isTypeOnly: fc.boolean() }), {
        maxLength: 3,
      }),
      leadingTrivia: trivia,
    },
    { requiredKeys: ["kind", "moduleSpecifier", "isTypeOnly", "namedImports"] },
  ),
  fc.record(
    {
      kind: fc.constant("const" as const),
      isExported: fc.boolean(),
      name,
      type: fc.option(type, { nil: undefined }),
      initializer: fc.oneof(fc.constant("\u00000\u0000"), text),
      docs,
      leadingTrivia: trivia,
    },
    { requiredKeys: ["kind", "isExported", "name", "initializer"] },
  ),
  fc.record(
    { kind: fc.constant("type" as const), name, type, docs, leadingTrivia: trivia },
    { requiredKeys: ["kind", "name", "type"] },
  ),
  fc.record(
    {
      kind: fc.constant("interface" as const),
      name,
      properties: fc.array(
        fc.record(
          { name, type, isReadonly: fc.boolean(), hasQuestionToken: fc.boolean() },
          { requiredKeys: ["name", "type"] },
        ),
        { maxLength: 3 },
      ),
      typeParameters: fc.option(
        fc.array(
          fc.record({ name, default: fc.option(type, { nil: undefined }) }, { requiredKeys: ["name"] }),
          {
            maxLength: 2,
          },
        ),
        { nil: undefined },
      ),
      docs,
      leadingTrivia: trivia,
    },
    { requiredKeys: ["kind", "name", "properties"] },
  ),
  fc.record(
    {
      kind: fc.constant("function" as const),
      isAsync: fc.boolean(),
      name,
      parameters: fc.array(
        fc.record({ name, type, hasQuestionToken: fc.boolean() }, { requiredKeys: ["name", "type"] }),
        { maxLength: 3 },
      ),
      returnType: type,
      statements: fc.array(text, { maxLength: 3 }),
      docs,
      leadingTrivia: trivia,
    },
    { requiredKeys: ["kind", "isAsync", "name", "parameters", "returnType", "statements"] },
  ),
);

/** Drops keys whose value is `undefined` (fast-check's optional keys), as the builders never set them. */
function clean(s: Statement): Statement {
  if (typeof s === "string") return s;
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as unknown as Statement;
}

describe("printStatements", () => {
  it("prints what ts-morph's printStructure prints, byte for byte", () => {
    fc.assert(
      fc.property(fc.array(statement, { maxLength: 6 }), fc.oneof(fc.constant(""), text), (raw, header) => {
        const statements = raw.map(clean);
        expect(printStatements(statements, header)).toBe(viaTsMorph(statements, header));
      }),
      {
        numRuns: 400,
        // found by CI: a list item with a comma of its own moves ts-morph's separators
        examples: [
          [
            [
              {
                kind: "interface",
                name: "a",
                properties: [],
                typeParameters: [{ name: "a" }, { name: "a", default: "," }],
              } as unknown as Statement,
            ],
            "",
          ],
        ],
      },
    );
  });

  it("prints a module of every kind as ts-morph does", () => {
    const statements: Statement[] = [
      {
        kind: "import",
        moduleSpecifier: "smallcode/runtime",
        isTypeOnly: false,
        namedImports: [
          { name: "callPrompt", isTypeOnly: false },
          { name: "PromptSpec", isTypeOnly: true },
        ],
      },
      {
        kind: "const",
        isExported: true,
        name: "a",
        initializer: "\u00000\u0000",
        docs: ["One `a`.\n\nTwo."],
      },
      { kind: "type", name: "A", type: "z.infer<typeof A>", leadingTrivia: "\n" },
      "// marrowc:begin shape",
      {
        kind: "interface",
        name: "Tools",
        properties: [{ name: "read", type: "(args: A) => Promise<B>", isReadonly: true }],
        typeParameters: [{ name: "Context", default: "void" }],
        docs: ["Every tool."],
      },
      {
        kind: "function",
        isAsync: true,
        name: "ask",
        parameters: [
          { name: "input", type: "AskInput" },
          { name: "options", type: "CallOptions", hasQuestionToken: true },
        ],
        returnType: "Promise<string>",
        statements: ["return callPrompt(askSpec, input, options);"],
      },
    ];
    const printed = printStatements(statements, "// header\n");
    expect(printed).toBe(viaTsMorph(statements, "// header\n"));
    expect(printed).toContain("import { callPrompt, type PromptSpec } from");
    expect(printed).toContain(
      "export async function ask(input: AskInput, options?: CallOptions): Promise<string> {",
    );
  });
});
