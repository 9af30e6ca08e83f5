import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { analyze } from "../../../compiler/analyze.ts";
import { generate } from "../../../compiler/codegen/index.ts";
import { lower } from "../../../compiler/lower.ts";
import { print } from "../../../compiler/print.ts";
import type { Source } from "../../../compiler/source.ts";
import { parse } from "../../../compiler/syntax/parse.ts";
import { ROOT } from "../codegen/helpers.ts";

/**
 * The example files of the original MarrowScript repository (test/fixtures/marrow/original, see its
 * README) compile unchanged: no errors, only warnings; the generated TypeScript type-checks against
 * the runtime; and `marrowc fmt` output parses back to the same text.
 */
const DIR = join(ROOT, "test/fixtures/marrow/original");
const files: Source[] = readdirSync(DIR)
  .filter((f) => f.endsWith(".marrow"))
  .sort()
  .map((f) => ({ path: `original/${f}`, text: readFileSync(join(DIR, f), "utf8") }));

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the original MarrowScript examples", () => {
  it("are present", () => {
    expect(files.length).toBeGreaterThanOrEqual(3);
  });

  it.each(files.map((f) => [f.path, f] as const))("%s compiles with warnings only", (_path, file) => {
    const analysis = analyze([file]);
    const errors = analysis.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.code}: ${d.message}`)).toEqual([]);
    // One no-effect warning per kind of field and file.
    const noEffect = analysis.diagnostics.filter((d) => d.code === "MRW2100").map((d) => d.message);
    expect(new Set(noEffect).size).toBe(noEffect.length);
  });

  it.each(files.map((f) => [f.path, f] as const))(
    "%s prints back to text that parses the same",
    (_path, file) => {
      const once = print(parse(file).ast!);
      const again = parse({ path: file.path, text: once });
      expect(again.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(print(again.ast!)).toBe(once);
    },
  );

  it("generate TypeScript that type-checks against the runtime", () => {
    // Each example is a project of its own (they share names), so each gets its own folder.
    const dir = mkdtempSync(join(tmpdir(), "marrowc-original-"));
    dirs.push(dir);
    for (const source of files) {
      const analysis = analyze([source]);
      const result = generate(lower(analysis.files, analysis.symbols, analysis.sources), {});
      expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      const out = join(dir, basename(source.path, ".marrow"));
      mkdirSync(out);
      for (const file of result.files) writeFileSync(join(out, file.path), file.content);
    }
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
    const tsconfig = {
      compilerOptions: {
        target: "es2023",
        lib: ["es2023"],
        module: "nodenext",
        moduleResolution: "nodenext",
        types: ["node"],
        typeRoots: [join(ROOT, "node_modules/@types")],
        strict: true,
        noUncheckedIndexedAccess: true,
        allowImportingTsExtensions: true,
        verbatimModuleSyntax: true,
        skipLibCheck: true,
        noEmit: true,
        paths: { "smallcode/runtime": [join(ROOT, "runtime/index.ts")] },
      },
      include: ["*/*.ts"],
    };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
    const tsc = spawnSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.json")], {
      encoding: "utf8",
    });
    expect(`${tsc.stdout}${tsc.stderr}`.replaceAll(dir, "<gen>")).toBe("");
    expect(tsc.status).toBe(0);
  }, 60_000);
});
