import type { FileNode } from "../ast.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { Source } from "../source.ts";
import { createContext, DEFAULT_ERROR_CAP, type ProjectFacts } from "./context.ts";
import { allRules, type Rule } from "./rules/index.ts";
import { buildSymbols, type Symbols } from "./symbols.ts";

/** Options of `check`. */
export interface CheckOptions {
  /** Errors kept per file before one MRW2099 summarises the rest; default 50. */
  readonly errorCap?: number;
  /** The rules to run; default `allRules` (tests may run one rule). */
  readonly rules?: readonly Rule[];
}

/** The result of `check`: the symbol table (for lowering) and every semantic diagnostic. */
export interface CheckResult {
  readonly symbols: Symbols;
  readonly diagnostics: Diagnostic[];
}

/**
 * Runs the semantic checks over all files compiled together: builds the symbol table, then runs
 * every rule. Diagnostics are collected (never thrown), sorted by file and position and capped per
 * file. `sources` (the texts the files were parsed from) lets diagnostics inside strings point at the
 * exact characters, and hints print `file:line:col`.
 */
export function check(
  files: readonly FileNode[],
  sources: readonly Source[] = [],
  options: CheckOptions = {},
): CheckResult {
  const symbols = buildSymbols(files);
  const session = createContext(files, symbols, sources, options.errorCap ?? DEFAULT_ERROR_CAP);
  for (const rule of options.rules ?? allRules) rule(session.ctx);
  return { symbols, diagnostics: session.diagnostics() };
}

/**
 * The checks of one file among the files compiled together: the diagnostics located in `file` that
 * {@link check} of all files gives (in the order it gives them), found by running every rule over
 * `file` alone with the whole project's symbol table and {@link ProjectFacts}. Rules see other files
 * only through `symbols` and `project`, so a cache that records what this run read of them may reuse
 * the result while those answers stay the same (`marrowc build`, cli/marrowc/cache/checks.ts).
 */
export function checkFile(
  file: FileNode,
  symbols: Symbols,
  project: ProjectFacts,
  sources: readonly Source[] = [],
  options: CheckOptions = {},
): Diagnostic[] {
  const session = createContext([file], symbols, sources, options.errorCap ?? DEFAULT_ERROR_CAP, project);
  // A rule that walks the whole table (duplicate names) reports in other files too: those are theirs.
  const ctx = {
    ...session.ctx,
    report: (d: Diagnostic) => {
      if (d.span.file === file.path) session.ctx.report(d);
    },
  };
  for (const rule of options.rules ?? allRules) rule(ctx);
  return session.diagnostics();
}
