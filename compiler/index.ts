import { type CompileOptions, type CompileResult, compileWith } from "./compile-core.ts";
import type { Source } from "./source.ts";
import { parse } from "./syntax/parse.ts";

/**
 * The compiler's public API (`smallcode/compiler`): text in, files and diagnostics out. It never
 * touches the file system; the caller supplies the sources and resolves imports.
 *
 * ```ts
 * const { files, diagnostics } = compile([{ path: "marrow/a.marrow", text }]);
 * if (diagnostics.length) process.stderr.write(formatDiagnostics(diagnostics, sources, { color: true }));
 * ```
 */

export {
  type Analysis,
  analyze,
  compareDiagnostics,
  type ResolveImport,
  sortDiagnostics,
} from "./analyze.ts";
export type { FileNode } from "./ast.ts";
export {
  type CompileOptions,
  type CompileResult,
  DEFAULT_OUT_DIR,
  DEFAULT_RUNTIME_IMPORT,
  type OutputFile,
} from "./compile-core.ts";
export type { CodeInfo } from "./diagnostics/catalog.ts";
export { codeInfo, codes } from "./diagnostics/codes.ts";
export type { Diagnostic, Label, Severity } from "./diagnostics/diagnostic.ts";
export { hasErrors } from "./diagnostics/diagnostic.ts";
export {
  colorEnabled,
  formatDiagnostic,
  formatDiagnostics,
  formatDiagnosticsJson,
  formatSummary,
  type JsonDiagnostic,
  type RenderOptions,
  toJsonDiagnostics,
} from "./diagnostics/render.ts";
export { print } from "./print.ts";
export type { Source, Span } from "./source.ts";
export { parse } from "./syntax/parse.ts";

/**
 * Compiles MarrowScript sources (and the files they import) to TypeScript modules. Any error, in any
 * phase, yields no files. Diagnostics are sorted by file, offset and code; files by path. The output is
 * byte-identical for identical input.
 */
export function compile(sources: readonly Source[], options: CompileOptions = {}): CompileResult {
  return compileWith(parse, sources, options);
}
