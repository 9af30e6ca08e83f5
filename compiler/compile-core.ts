import {
  type AnalyzeOptions,
  analyzeWith,
  type CheckFiles,
  compareDiagnostics,
  type ParseFile,
} from "./analyze-core.ts";
import type { FileNode } from "./ast.ts";
import { generate, type UnitHook } from "./codegen/index.ts";
import { type Diagnostic, hasErrors } from "./diagnostics/diagnostic.ts";
import type { IR } from "./ir.ts";
import { lower } from "./lower.ts";
import type { Source } from "./source.ts";

/**
 * `compile()` without a parser of its own (see `analyze-core.ts`): what `index.ts` exports with the
 * real parser, and what `marrowc build`'s cache calls with cached parses and cached generated units.
 * Loads neither the parser nor ts-morph by itself.
 */

/** The runtime specifier generated code imports unless told otherwise. */
export const DEFAULT_RUNTIME_IMPORT = "smallcode/runtime";

/** The output directory named in generated messages and stubs unless told otherwise. */
export const DEFAULT_OUT_DIR = "generated";

/** Options of `compile()`. */
export interface CompileOptions extends AnalyzeOptions {
  /** Module specifier generated code imports the runtime from (default `"smallcode/runtime"`). */
  readonly runtimeImport?: string;
  /** The output directory as users see it (`generated`), used in generated comments and stub messages. */
  readonly outDir?: string;
  /**
   * The current generated files, by output path, so that hand-written parts (extension point bodies
   * between marker comments) survive a rebuild.
   */
  readonly existing?: ReadonlyMap<string, string>;
}

/** One generated file; `path` is relative to the output directory (`classify.ts`, `index.ts`). */
export interface OutputFile {
  readonly path: string;
  readonly content: string;
}

/** The result of `compile()`: no files at all when any diagnostic is an error. */
export interface CompileResult {
  readonly files: readonly OutputFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Lowers the checked files (in any order) to the IR; the same contract as `lower()`. */
export type LowerFiles = (files: readonly FileNode[], sources: readonly Source[]) => IR;

/** What a cache may answer instead of the compiler (`marrowc build`); each must give the same result. */
export interface CompileHooks {
  /** The checks of the parsed files (default: `check`). */
  readonly checks?: CheckFiles;
  /** The lowering of the checked files (default: `lower`). */
  readonly lower?: LowerFiles;
  /** The generation of each unit (default: generate every unit). */
  readonly units?: UnitHook;
}

/**
 * Compiles with `parseFile` as the parser; `hooks` (optional) may answer the checks and the
 * generation of units from a cache. Any error, in any phase, yields no files; see `compile()` in `index.ts`.
 */
export function compileWith(
  parseFile: ParseFile,
  sources: readonly Source[],
  options: CompileOptions = {},
  hooks: CompileHooks = {},
): CompileResult {
  const { units } = hooks;
  const analysis = analyzeWith(parseFile, sources, options, hooks.checks);
  if (hasErrors(analysis.diagnostics)) return { files: [], diagnostics: analysis.diagnostics };
  const ir = hooks.lower
    ? hooks.lower(analysis.files, analysis.sources)
    : lower(analysis.files, analysis.symbols, analysis.sources);
  const generated = generate(ir, {
    runtimeImport: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
    outDir: options.outDir ?? DEFAULT_OUT_DIR,
    existing: options.existing ?? new Map(),
    ...(units ? { units } : {}),
  });
  const diagnostics = [...analysis.diagnostics, ...generated.diagnostics].sort(compareDiagnostics);
  if (hasErrors(diagnostics)) return { files: [], diagnostics };
  const files = [...generated.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics };
}
