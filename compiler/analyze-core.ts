import { posix } from "node:path";
import type { FileNode, ImportDecl } from "./ast.ts";
import { type CheckResult, check } from "./check/check.ts";
import { compileCodes } from "./diagnostics/codes-compile.ts";
import { type Diagnostic, diag } from "./diagnostics/diagnostic.ts";
import { didYouMean } from "./diagnostics/suggest.ts";
import type { Source } from "./source.ts";
import type { ParseResult } from "./syntax/parse.ts";

/**
 * The compiler's front end without a parser of its own: parse every source with the given function,
 * follow imports, run the checks. `analyze.ts` passes the real parser; `marrowc build`'s cache passes
 * one that answers from cached parses, so that an unchanged project never loads the parser.
 */

/** Finds the file an `import … from "spec"` in `fromPath` refers to; `undefined` when there is none. */
export type ResolveImport = (fromPath: string, spec: string) => Source | undefined;

/** Options of {@link analyze}. */
export interface AnalyzeOptions {
  /**
   * Supplies imported files that are not among the sources. Imports are first looked up among the
   * sources (by the path relative to the importing file), then through this function.
   */
  readonly resolveImport?: ResolveImport;
}

/** What the front end found. */
export interface Analysis {
  /** Every file compiled, the given ones and the imported ones, sorted by path. */
  readonly sources: readonly Source[];
  /** The ASTs, in the order of {@link Analysis.sources}. */
  readonly files: readonly FileNode[];
  /** The symbol table built by the checks. */
  readonly symbols: CheckResult["symbols"];
  /** Parse, import and check diagnostics, sorted by {@link compareDiagnostics}. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Orders diagnostics by file, then offset, then code (then message, for a total order). */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    cmp(a.span.file, b.span.file) ||
    a.span.start - b.span.start ||
    a.span.end - b.span.end ||
    cmp(a.code, b.code) ||
    cmp(a.message, b.message)
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Sorts diagnostics deterministically (see {@link compareDiagnostics}) without changing the input. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(compareDiagnostics);
}

/**
 * The path an import refers to: the specifier joined to the directory of the importing file, POSIX
 * style and normalised (the same rule the MRW2096 check applies).
 */
export function joinImportPath(fromPath: string, spec: string): string {
  const norm = (p: string) => posix.normalize(p.replaceAll("\\", "/")).replace(/^\.\//, "");
  return norm(posix.join(posix.dirname(norm(fromPath)), spec));
}

function importsOf(file: FileNode): ImportDecl[] {
  const out = [...file.imports];
  for (const system of file.systems) {
    for (const decl of system.decls) if (decl.kind === "Import") out.push(decl);
  }
  return out;
}

/** Parses one source; the same contract as `parse()` in `syntax/parse.ts`. */
export type ParseFile = (source: Source) => ParseResult;

/**
 * Runs the checks of the parsed files: `check` itself, or a cache that answers the files whose
 * checks it ran before (`marrowc build`); it must give what `check` gives.
 */
export type CheckFiles = (files: readonly FileNode[], sources: readonly Source[]) => CheckResult;

/**
 * Parses the sources and the files they import (transitively, each path once) with `parseFile` and
 * runs the checks (with `checkFiles` when given).
 */
export function analyzeWith(
  parseFile: ParseFile,
  sources: readonly Source[],
  options: AnalyzeOptions = {},
  checkFiles: CheckFiles = check,
): Analysis {
  const byPath = new Map<string, Source>();
  for (const s of sources) if (!byPath.has(s.path)) byPath.set(s.path, s);
  const parsed = new Map<string, FileNode>();
  const diagnostics: Diagnostic[] = [];
  const queue = [...byPath.values()];
  const pendingNames: { imp: ImportDecl; path: string }[] = [];
  while (queue.length > 0) {
    const source = queue.shift()!;
    if (parsed.has(source.path)) continue;
    const result = parseFile(source);
    parsed.set(source.path, result.ast);
    diagnostics.push(...result.diagnostics);
    for (const imp of importsOf(result.ast)) {
      const spec = imp.from.value;
      const joined = joinImportPath(source.path, spec);
      let target = byPath.get(joined) ?? byPath.get(joinImportPath("", spec));
      if (!target && options.resolveImport) {
        target = options.resolveImport(source.path, spec);
        if (target && !byPath.has(target.path)) byPath.set(target.path, target);
        if (target) target = byPath.get(target.path);
      }
      // An import that resolves to nothing is reported by the checks (MRW2096).
      if (!target) continue;
      pendingNames.push({ imp, path: target.path });
      if (!parsed.has(target.path)) queue.push(target);
    }
  }
  for (const { imp, path } of pendingNames) {
    const file = parsed.get(path)!;
    const systems = file.systems.map((s) => s.name.name);
    if (systems.includes(imp.name.name)) continue;
    const suggestions = didYouMean(imp.name.name, systems);
    diagnostics.push(
      diag(
        compileCodes.MRW2902,
        imp.name.span,
        `\`${imp.from.value}\` does not declare a system \`${imp.name.name}\``,
        {
          label: "no such system in the imported file",
          ...(suggestions.length > 0
            ? { suggestions }
            : {
                hint:
                  systems.length === 0
                    ? `\`${path}\` declares no system`
                    : `it declares ${systems.map((s) => `\`${s}\``).join(", ")}`,
              }),
        },
      ),
    );
  }
  const ordered = [...byPath.values()].filter((s) => parsed.has(s.path)).sort((a, b) => cmp(a.path, b.path));
  const files = ordered.map((s) => parsed.get(s.path)!);
  const checked = checkFiles(files, ordered);
  diagnostics.push(...checked.diagnostics);
  return { sources: ordered, files, symbols: checked.symbols, diagnostics: sortDiagnostics(diagnostics) };
}
