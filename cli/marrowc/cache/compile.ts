import type { ParseFile } from "../../../compiler/analyze-core.ts";
import type { CompileOptions, CompileResult } from "../../../compiler/compile-core.ts";
import type { Source } from "../../../compiler/source.ts";
import type { ParseResult } from "../../../compiler/syntax/parse.ts";
import { type CheckStats, cachedChecks } from "./checks.ts";
import { hash } from "./codec.ts";
import { cachedLowering, type LowerStats } from "./lowering.ts";
import { isOutline, lazyFile, type Outline, outlineOf } from "./outline.ts";
import type { BuildCache } from "./store.ts";
import { cachedUnits, type UnitStats } from "./units.ts";

/**
 * `compile()` through the build cache: each file's parse (AST and syntax diagnostics) is reused while
 * its text is the same, so the parser is loaded only when a file changed, and of an unchanged file
 * only its outline is read unless more of its AST is asked for (`outline.ts`); each file's checks
 * are reused while what they read of the whole project's symbol table is the same (`checks.ts`); so
 * is each file's IR (`lowering.ts`); generated units are reused as `units.ts` describes. Modules are
 * printed without ts-morph. The result is the one `compile()` gives, byte for byte.
 */

interface ParseEntry {
  readonly text: string;
  readonly result: ParseResult;
}

/** A file's outline and syntax diagnostics, read instead of its whole AST (see `outline.ts`). */
interface OutlineEntry {
  readonly text: string;
  readonly outline: Outline;
  readonly diagnostics: ParseResult["diagnostics"];
}

/** What the cache saved in one compile (which files were parsed and checked, which units generated or reused). */
export interface CacheStats extends UnitStats, CheckStats, LowerStats {
  /** Source paths parsed in this build (the others came from the cache). */
  parsed: string[];
  /** Unchanged files whose whole AST was read from the cache (the others' outlines sufficed). */
  decoded: string[];
}

/** Thrown by the parse hook when a file must be parsed before the parser was loaded. */
class NeedsParser extends Error {}

/** Compiles `sources` with `options`, reusing and refreshing the entries of `cache`. */
export async function compileWithCache(
  cache: BuildCache,
  sources: readonly Source[],
  options: CompileOptions,
): Promise<{ result: CompileResult; stats: CacheStats }> {
  const stats: CacheStats = { parsed: [], decoded: [], checked: [], lowered: [], reused: [], generated: [] };
  const whole = (source: Source, text: string): ParseResult | undefined => {
    const entry = cache.read("parse", source.path) as ParseEntry | undefined;
    const ok =
      entry?.text === text &&
      typeof entry.result?.ast === "object" &&
      entry.result.ast !== null &&
      Array.isArray(entry.result.diagnostics);
    return ok ? entry.result : undefined;
  };
  const cached = (source: Source): ParseResult | undefined => {
    const text = hash(source.text);
    const entry = cache.read("outline", source.path) as OutlineEntry | undefined;
    if (entry?.text === text && isOutline(entry.outline) && Array.isArray(entry.diagnostics)) {
      // The whole AST only when something beyond the outline is asked of it.
      const ast = lazyFile(source.path, entry.outline, () => {
        const found = whole(source, text);
        if (found) {
          stats.decoded.push(source.path);
          return found.ast;
        }
        return parseNow(source).ast; // a damaged entry
      });
      return { ast, diagnostics: entry.diagnostics };
    }
    // The outline is written with the parse: one of another text means the file changed.
    if (typeof entry?.text === "string" && entry.text !== text) return undefined;
    const result = whole(source, text);
    if (result) cache.write("outline", source.path, outlineEntry(text, result));
    return result;
  };
  const parseNow = (source: Source): ParseResult => {
    if (!parser) throw new NeedsParser(source.path);
    const result = parser(source);
    stats.parsed.push(source.path);
    const text = hash(source.text);
    cache.write("parse", source.path, { text, result } satisfies ParseEntry);
    cache.write("outline", source.path, outlineEntry(text, result));
    return result;
  };
  let parser: ((source: Source) => ParseResult) | undefined;
  const loadParser = async () => {
    parser ??= (await import("../../../compiler/syntax/parse.ts")).parse;
  };
  const answered = new Map<string, ParseResult>();
  for (const source of sources) {
    const result = cached(source);
    if (result) answered.set(source.path, result);
    else await loadParser();
  }
  // (Imported files are looked up when the front end reaches them.)
  const parseFile: ParseFile = (source) => answered.get(source.path) ?? cached(source) ?? parseNow(source);
  const { compileWith, DEFAULT_RUNTIME_IMPORT, DEFAULT_OUT_DIR } = await import(
    "../../../compiler/compile-core.ts"
  );
  const checks = cachedChecks(cache, stats);
  const lower = cachedLowering(cache, stats);
  const units = cachedUnits(
    cache,
    {
      runtimeImport: options.runtimeImport ?? DEFAULT_RUNTIME_IMPORT,
      outDir: (options.outDir ?? DEFAULT_OUT_DIR).replace(/\/+$/, "") || ".",
    },
    stats,
    options.existing ?? new Map(),
  );
  for (;;) {
    try {
      return { result: compileWith(parseFile, sources, options, { checks, lower, units }), stats };
    } catch (error) {
      // An import reached a file that is not cached: load the parser and compile again.
      if (!(error instanceof NeedsParser) || parser) throw error;
      await loadParser();
      answered.clear(); // the checks may have annotated these ASTs: read them afresh
      stats.parsed.length = 0;
      stats.decoded.length = 0;
      stats.checked.length = 0;
      stats.lowered.length = 0;
      stats.reused.length = 0;
      stats.generated.length = 0;
    }
  }
}

function outlineEntry(text: string, result: ParseResult): OutlineEntry {
  return { text, outline: outlineOf(result.ast), diagnostics: result.diagnostics };
}
