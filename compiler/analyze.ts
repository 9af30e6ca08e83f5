import { type Analysis, type AnalyzeOptions, analyzeWith } from "./analyze-core.ts";
import type { Source } from "./source.ts";
import { parse } from "./syntax/parse.ts";

/**
 * The compiler's front end: parse every source, follow imports, run the checks. It never loads the
 * code generator (and so never TypeScript), which keeps `marrowc check` fast; `compile()` in
 * `index.ts` adds lowering and generation on top. The work itself lives in `analyze-core.ts`, which
 * takes the parser as an argument.
 */

export {
  type Analysis,
  type AnalyzeOptions,
  compareDiagnostics,
  joinImportPath,
  type ParseFile,
  type ResolveImport,
  sortDiagnostics,
} from "./analyze-core.ts";

/** Parses the sources and the files they import (transitively, each path once) and runs the checks. */
export function analyze(sources: readonly Source[], options: AnalyzeOptions = {}): Analysis {
  return analyzeWith(parse, sources, options);
}
