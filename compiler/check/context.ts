import type { FileNode } from "../ast.ts";
import { checkCodes } from "../diagnostics/codes-check.ts";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.ts";
import { lineColOf, type Source, type Span } from "../source.ts";
import type { Symbols } from "./symbols.ts";

/** Errors kept per file before the rest are summarised by one MRW2099 diagnostic. */
export const DEFAULT_ERROR_CAP = 50;

/**
 * What the checks know of all files compiled together besides the symbol table. A check of one file
 * (`checkFile`) sees only its own file in `files`, so anything rules need from every file is here.
 */
export interface ProjectFacts {
  /** The paths of all files compiled together, in the order of the files. */
  readonly paths: readonly string[];
  /** Names of the original grammar's `capability` declarations (parsed and skipped) in all files. */
  readonly capabilities: ReadonlySet<string>;
}

/** The {@link ProjectFacts} of `files`. */
export function projectFacts(files: readonly FileNode[]): ProjectFacts {
  const capabilities = new Set<string>();
  for (const file of files) {
    for (const system of file.systems) {
      for (const decl of system.decls) {
        if (decl.kind === "Skipped" && decl.keyword.name === "capability" && decl.name)
          capabilities.add(decl.name.name);
      }
    }
  }
  return { paths: files.map((f) => f.path), capabilities };
}

/** What every rule receives: the files to check, the symbol table, and `report`. */
export interface CheckContext {
  /** The files to check: all files compiled together, or one of them (`checkFile`). */
  readonly files: readonly FileNode[];
  readonly symbols: Symbols;
  /** What rules may know of all files compiled together (paths, capability names). */
  readonly project: ProjectFacts;
  /** Sources by path, when the caller passed them; used to map string offsets and print locations. */
  readonly sources: ReadonlyMap<string, Source>;
  /** Records a diagnostic (collected, never thrown; capped per file when read back). */
  report(diagnostic: Diagnostic): void;
  /** `file:line:col` of a span's start, for hints such as "declared at …" (the path alone without sources). */
  locate(span: Span): string;
  /** A per-check memo for work several rules share (template analysis), keyed by AST node. */
  readonly memo: WeakMap<object, unknown>;
}

/** A context plus the read-back of what it collected. */
export interface CheckSession {
  readonly ctx: CheckContext;
  /**
   * The collected diagnostics sorted by file (in the order of `files`) and position; per file, the
   * first `errorCap` errors are kept and one MRW2099 replaces the rest. Warnings are never dropped.
   */
  diagnostics(): Diagnostic[];
}

/** Creates a context that collects diagnostics for one run of the checks. */
export function createContext(
  files: readonly FileNode[],
  symbols: Symbols,
  sources: readonly Source[] = [],
  errorCap = DEFAULT_ERROR_CAP,
  project: ProjectFacts = projectFacts(files),
): CheckSession {
  const byPath = new Map(sources.map((s) => [s.path, s]));
  const collected: Diagnostic[] = [];
  const ctx: CheckContext = {
    files,
    symbols,
    project,
    sources: byPath,
    memo: new WeakMap(),
    report(d) {
      collected.push(d);
    },
    locate(span) {
      const source = byPath.get(span.file);
      if (!source) return span.file;
      const { line, column } = lineColOf(source, span.start);
      return `${span.file}:${line}:${column}`;
    },
  };
  return { ctx, diagnostics: () => capPerFile(sortByPosition(collected, files), errorCap) };
}

function sortByPosition(diagnostics: readonly Diagnostic[], files: readonly FileNode[]): Diagnostic[] {
  const order = new Map(files.map((f, i) => [f.path, i]));
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        (order.get(a.d.span.file) ?? files.length) - (order.get(b.d.span.file) ?? files.length) ||
        a.d.span.start - b.d.span.start ||
        a.i - b.i,
    )
    .map(({ d }) => d);
}

function capPerFile(sorted: readonly Diagnostic[], errorCap: number): Diagnostic[] {
  const out: Diagnostic[] = [];
  const errors = new Map<string, number>();
  const dropped = new Map<string, { count: number; span: Span }>();
  for (const d of sorted) {
    if (d.severity === "error") {
      const count = (errors.get(d.span.file) ?? 0) + 1;
      errors.set(d.span.file, count);
      if (count > errorCap) {
        const seen = dropped.get(d.span.file);
        dropped.set(d.span.file, { count: (seen?.count ?? 0) + 1, span: seen?.span ?? d.span });
        continue;
      }
    }
    out.push(d);
  }
  for (const [file, { count, span }] of dropped) {
    out.push(
      diag(checkCodes.MRW2099, span, `too many errors in \`${file}\`; ${count} more not shown`, {
        hint: "fix the errors above and check again",
      }),
    );
  }
  return out;
}
