import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { sortDiagnostics } from "../../../compiler/analyze-core.ts";
import { check, checkFile } from "../../../compiler/check/check.ts";
import { projectFacts } from "../../../compiler/check/context.ts";
import { buildSymbols } from "../../../compiler/check/symbols.ts";
import type { Source } from "../../../compiler/source.ts";
import { parse } from "../../../compiler/syntax/parse.ts";

/**
 * `checkFile` (the checks of one file, which `marrowc build`'s cache reuses per file) against `check`
 * of all files: for every set of files, the diagnostics of each file checked alone, put together,
 * are exactly those of the whole check. The sets include every invalid fixture compiled together,
 * where names collide across files and references cross them.
 */

const root = join(import.meta.dirname, "../../..");

function marrowFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return marrowFiles(full);
    return name.endsWith(".marrow") ? [full] : [];
  });
}

function sourcesOf(files: readonly string[]): Source[] {
  return files
    .map((f) => ({ path: relative(root, f), text: readFileSync(f, "utf8") }))
    .sort((a, b) => (a.path < b.path ? -1 : 1));
}

function bothWays(sources: readonly Source[]) {
  const files = sources.map((s) => parse(s).ast);
  const whole = sortDiagnostics(check(files, sources).diagnostics);
  const symbols = buildSymbols(files);
  const project = projectFacts(files);
  const perFile = sortDiagnostics(files.flatMap((f) => checkFile(f, symbols, project, sources)));
  return { whole, perFile };
}

const sets: [string, string[]][] = [
  ["marrow/", marrowFiles(join(root, "marrow"))],
  ["all invalid fixtures together", marrowFiles(join(root, "test/fixtures/marrow/invalid"))],
  [
    "all valid and original fixtures together",
    [
      ...marrowFiles(join(root, "test/fixtures/marrow/valid")),
      ...marrowFiles(join(root, "test/fixtures/marrow/original")),
    ],
  ],
  [
    "every fixture and marrow/ together",
    [
      ...marrowFiles(join(root, "marrow")),
      ...marrowFiles(join(root, "test/fixtures/marrow")),
      ...marrowFiles(join(root, "test/compiler/codegen/fixtures")),
    ],
  ],
];

describe("checkFile", () => {
  for (const [name, files] of sets) {
    it(`gives the diagnostics of the whole check, file by file: ${name}`, () => {
      const { whole, perFile } = bothWays(sourcesOf(files));
      if (name !== "marrow/") expect(whole.length).toBeGreaterThan(10);
      expect(perFile).toEqual(whole);
    });
  }

  it("reports a duplicate name in the file that declares it again, never in the other", () => {
    const sources = [
      { path: "a.marrow", text: "system A {\n  enum Mood { happy, sad }\n}\n" },
      { path: "b.marrow", text: "system B {\n  enum Mood { up, down }\n}\n" },
    ];
    const files = sources.map((s) => parse(s).ast);
    const symbols = buildSymbols(files);
    const project = projectFacts(files);
    expect(checkFile(files[0]!, symbols, project, sources).map((d) => d.code)).toEqual([]);
    expect(checkFile(files[1]!, symbols, project, sources).map((d) => d.code)).toEqual(["MRW2001"]);
  });
});
