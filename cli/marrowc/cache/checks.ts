import type { CheckFiles } from "../../../compiler/analyze-core.ts";
import type { FileNode } from "../../../compiler/ast.ts";
import { checkFile } from "../../../compiler/check/check.ts";
import { type ProjectFacts, projectFacts } from "../../../compiler/check/context.ts";
import {
  buildSymbols,
  type SymbolEntry,
  type SymbolKind,
  type Symbols,
} from "../../../compiler/check/symbols.ts";
import { type ParsedTemplate, withParsedStore } from "../../../compiler/check/template-errors.ts";
import type { Diagnostic } from "../../../compiler/diagnostics/diagnostic.ts";
import type { Source } from "../../../compiler/source.ts";
import { hash, hashValue, keepUndefined, NotData, restoreUndefined } from "./codec.ts";
import type { BuildCache } from "./store.ts";

/**
 * The checks of each file answered from the build cache, on the principle of the generated units
 * (`units.ts`): a file's checks (`checkFile`) see the other files only through the symbol table and
 * the project's facts (paths, capability names), so while the file is checked every question it
 * asks of the table is recorded with its answer: which file declares the name it looked up (and that
 * file's content hash), whether a name exists, or, for a walk over a whole kind (suggestions for a
 * misspelt name) or over the duplicates, the names, files and hashes of all of them. Next build the
 * file's diagnostics are reused when its text is the same and every recorded question gets the same
 * answer from the new table: an edit inside one prompt re-checks only its file, while renaming or
 * changing a declaration other files use re-checks those files too. The result is `check()`'s
 * (test/compiler/check/check-file.test.ts shows that the files checked one by one give it).
 * A file checked again takes the Handlebars parses of its templates from its last check (a
 * `templates` entry, undefined properties kept), so an edit outside them parses none and loads no
 * Handlebars.
 */

/** One recorded question to the symbol table and its answer: `["get", "model\0Tiny", "f.marrow\0<sha>"]`. */
type Read = readonly [what: string, args: string, answer: string];

interface CheckEntry {
  /** sha256 of the file's text. */
  readonly text: string;
  /** Digest of the project's facts. */
  readonly project: string;
  readonly reads: readonly Read[];
  readonly diagnostics: readonly Diagnostic[];
}

/** How the check hook did, for the build's figures and tests. */
export interface CheckStats {
  /** Files whose checks ran in this build (the others' diagnostics came from the cache). */
  checked: string[];
}

/** A declaration as a question's answer: its file and that file's content (the AST follows from both). */
function where(entry: SymbolEntry | undefined, hashes: ReadonlyMap<string, string>): string {
  return entry ? `${entry.file}\u0000${hashes.get(entry.file) ?? ""}` : "";
}

/** Answers a question to the symbol table (recorded now, or asked again to validate an entry). */
function answer(symbols: Symbols, hashes: ReadonlyMap<string, string>, what: string, args: string): string {
  if (what === "all") return hashValue(symbols.all.map((e) => [e.kind, e.name, where(e, hashes)]));
  if (what === "duplicates") {
    return hashValue(
      symbols.duplicates.map((d) => [
        d.first.kind,
        d.first.name,
        where(d.first, hashes),
        where(d.duplicate, hashes),
      ]),
    );
  }
  const [kind, name] = args.split("\u0000") as [SymbolKind, string];
  const map = symbols.byKind[kind] as ReadonlyMap<string, SymbolEntry> | undefined;
  if (!map) throw new Error(`no kind ${kind}`); // a damaged entry
  if (what === "get") return where(map.get(name), hashes);
  if (what === "has") return String(map.has(name));
  if (what === "kind") return hashValue([...map].map(([n, e]) => [n, where(e, hashes)]));
  throw new Error(`unknown read ${what}`);
}

/** The symbol table as the checks of one file see it, recording every question into `reads`. */
function recordingSymbols(symbols: Symbols, hashes: ReadonlyMap<string, string>, reads: Read[]): Symbols {
  const ask = (what: string, args: string) => reads.push([what, args, answer(symbols, hashes, what, args)]);
  const byKind = {} as Record<SymbolKind, ReadonlyMap<string, SymbolEntry>>;
  for (const kind of Object.keys(symbols.byKind) as SymbolKind[]) {
    const map = symbols.byKind[kind] as ReadonlyMap<string, SymbolEntry>;
    byKind[kind] = new Proxy(map, {
      get(target, prop) {
        if (prop === "get" || prop === "has") {
          return (name: string) => {
            ask(prop, `${kind}\u0000${name}`);
            return target[prop](name);
          };
        }
        // Iteration, size, anything else: the checks depend on the whole kind.
        ask("kind", `${kind}\u0000`);
        const value = Reflect.get(target, prop, target);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  }
  return {
    byKind: byKind as Symbols["byKind"],
    get all() {
      ask("all", "");
      return symbols.all;
    },
    get duplicates() {
      ask("duplicates", "");
      return symbols.duplicates;
    },
  };
}

function projectDigest(project: ProjectFacts): string {
  return hashValue([project.paths, [...project.capabilities].sort()]);
}

function stillValid(
  entry: CheckEntry | undefined,
  text: string,
  project: string,
  symbols: Symbols,
  hashes: ReadonlyMap<string, string>,
): entry is CheckEntry {
  if (
    !entry ||
    entry.text !== text ||
    entry.project !== project ||
    !Array.isArray(entry.reads) ||
    !Array.isArray(entry.diagnostics)
  )
    return false;
  try {
    return entry.reads.every(([what, args, digest]) => answer(symbols, hashes, what, args) === digest);
  } catch {
    return false; // a damaged entry: check the file
  }
}

/** A {@link CheckFiles} over `cache`: each file's checks reused while their reads hold, else run and stored. */
export function cachedChecks(cache: BuildCache, stats: CheckStats): CheckFiles {
  return (files: readonly FileNode[], sources: readonly Source[]) => {
    const symbols = buildSymbols(files);
    const project = projectFacts(files);
    const digest = projectDigest(project);
    const hashes = new Map(sources.map((s) => [s.path, hash(s.text)]));
    const diagnostics: Diagnostic[] = [];
    for (const file of files) {
      const text = hashes.get(file.path) ?? "";
      const entry = cache.read("check", file.path) as CheckEntry | undefined;
      if (stillValid(entry, text, digest, symbols, hashes)) {
        diagnostics.push(...entry.diagnostics);
        continue;
      }
      const reads: Read[] = [];
      // The file's templates as its last check parsed them: an edit outside them parses none.
      const before = cache.read("templates", file.path) as Record<string, unknown> | undefined;
      const parses: Record<string, unknown> = Object.create(null);
      const store = {
        get: (text: string) =>
          before !== null && typeof before === "object" && Object.hasOwn(before, text)
            ? restoreUndefined(before[text])
            : undefined,
        used: (text: string, parse: ParsedTemplate) => {
          try {
            parses[text] = keepUndefined(parse);
          } catch (error) {
            if (!(error instanceof NotData)) throw error; // not storable: parsed again next time
          }
        },
      };
      const symbolsRead = recordingSymbols(symbols, hashes, reads);
      const found = withParsedStore(store, () => checkFile(file, symbolsRead, project, sources));
      cache.write("templates", file.path, parses);
      stats.checked.push(file.path);
      // Each distinct question once: a file asks for the same model many times.
      const unique = [...new Map(reads.map((r) => [`${r[0]}\u0000${r[1]}`, r])).values()];
      cache.write("check", file.path, {
        text,
        project: digest,
        reads: unique,
        diagnostics: found,
      } satisfies CheckEntry);
      diagnostics.push(...found);
    }
    return { symbols, diagnostics };
  };
}
