import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ts } from "@ts-morph/common";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { ENUMS_PATH, enumsData } from "../../../compiler/codegen/typescript-standin/save-enums.ts";
import { runBin, tree } from "../../cli/marrowc/helpers.ts";

/**
 * compiler/codegen/typescript-standin keeps ts-morph's bundled TypeScript compiler from loading while
 * `marrowc build` prints structures. These tests hold it to the real thing: the saved enums, the
 * plain-text scanner against the real scanner, and whole builds with and without the stand-in.
 */

interface Scanner {
  setText(text: string | undefined, start?: number, length?: number): void;
  scan(): number;
  getTokenFullStart(): number;
  reScanTemplateToken(isTaggedTemplate: boolean): number;
}

const require = createRequire(import.meta.url);
const { createPlainTextScanner, isPlain } =
  require("../../../compiler/codegen/typescript-standin/scanner.cjs") as {
    createPlainTextScanner(real: () => Scanner, kinds: typeof ts.SyntaxKind): Scanner;
    isPlain(text: string): boolean;
  };

/** ts-morph's getAppendCommaPos (ts-morph.js), run on a given scanner. */
function appendCommaPos(scanner: Scanner, text: string): number {
  const K = ts.SyntaxKind;
  scanner.setText(text);
  try {
    let token = scanner.scan();
    if (token === K.EndOfFileToken) return -1;
    const templateStack: number[] = [];
    while (token !== K.EndOfFileToken) {
      if (token === K.TemplateHead) templateStack.push(token);
      else if (token === K.OpenBraceToken && templateStack.length > 0) templateStack.push(token);
      else if (token === K.CloseBraceToken && templateStack.length > 0) {
        if (templateStack.at(-1) === K.TemplateHead) {
          token = scanner.reScanTemplateToken(false);
          if (token === K.TemplateTail) templateStack.pop();
        } else templateStack.pop();
      }
      token = scanner.scan();
    }
    const pos = scanner.getTokenFullStart();
    return text[pos - 1] === "," ? -1 : pos;
  } finally {
    scanner.setText(undefined);
  }
}

const realScanner = () => ts.createScanner(ts.ScriptTarget.Latest, true) as unknown as Scanner;

describe("the TypeScript stand-in", () => {
  it("has the enums of the installed @ts-morph/common (else: node compiler/codegen/typescript-standin/save-enums.ts)", () => {
    expect(JSON.parse(readFileSync(ENUMS_PATH, "utf8"))).toEqual(enumsData());
  });

  const real = realScanner();
  const texts = [
    "",
    "   \n\t",
    "name",
    "name: string",
    "name: string,",
    "name: string , \n ",
    "a,\n",
    "type?: string\u00000\u0000",
    "x = { a: 1, b: [2, 3] }",
    "x = 'a,'",
    'x = "b" // c,',
    "x = `t$" + "{a}`", // a template literal with a substitution
    "/* c */ x",
    "#private",
    "a\\u0062",
    "<<<<<<< HEAD\nx",
    "x\u00a0",
    "é,",
  ];

  it.each(texts.map((t) => [JSON.stringify(t), t]))("places commas like the real scanner: %s", (_, text) => {
    const standIn = createPlainTextScanner(realScanner, ts.SyntaxKind);
    expect(appendCommaPos(standIn, text)).toBe(appendCommaPos(real, text));
  });

  it("places commas like the real scanner on random texts, plain or not", () => {
    const alphabet = [..."ab1 \t\n\r,;{}()[]<>=|:?'\"`$/*#\\\u0000é\u00a0\u2028@.-"];
    const standIn = createPlainTextScanner(realScanner, ts.SyntaxKind);
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 24 }), (chars) => {
        const text = chars.join("");
        expect(appendCommaPos(standIn, text)).toBe(appendCommaPos(real, text));
      }),
      { numRuns: 3000 },
    );
  });

  it("answers plain text itself and leaves the rest to the real scanner", () => {
    let created = 0;
    const standIn = createPlainTextScanner(() => {
      created++;
      return realScanner();
    }, ts.SyntaxKind);
    appendCommaPos(standIn, "name: string");
    expect([isPlain("name: string"), created]).toEqual([true, 0]);
    appendCommaPos(standIn, "x = 'a'");
    expect([isPlain("x = 'a'"), created]).toEqual([false, 1]);
  });
});

describe("marrowc build with the stand-in", () => {
  const out = mkdtempSync(join(tmpdir(), "marrowc-standin-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  // Without the build cache: a unit answered from it is never printed, with either TypeScript.
  const build = (input: string, dir: string, env: NodeJS.ProcessEnv = {}) =>
    runBin(["build", input, "--out", join(out, dir), "--no-cache"], env);

  it.each([
    "marrow",
    "test/compiler/codegen/fixtures/rich",
    "test/compiler/codegen/fixtures/edge",
    "test/compiler/codegen/fixtures/cycle",
  ])("writes the same files as the real TypeScript for %s, loading neither", (input) => {
    // One output folder for every build: its path is part of the generated stubs.
    const dir = input.replaceAll("/", "_");
    // Modules are printed without ts-morph (print-structures.ts), so neither set-up loads it.
    const runs = [
      // The installed package's dist/ is checked the same way by test/package/install.test.ts.
      { env: {}, loads: "typescript=no ts-morph=no marrowc=source" },
      { env: { MARROWC_REAL_TYPESCRIPT: "1" }, loads: "typescript=no ts-morph=no marrowc=source" },
    ];
    const outputs = runs.map(({ env, loads }) => {
      rmSync(join(out, dir), { recursive: true, force: true });
      const run = build(input, dir, env);
      expect(run.status).toBe(0);
      expect(run.stderr).toContain(`[loads] ${loads}`);
      return tree(join(out, dir), ".");
    });
    expect(Object.keys(outputs[0]!)).toContain("index.ts");
    expect(outputs[1]).toEqual(outputs[0]);
  });
});
