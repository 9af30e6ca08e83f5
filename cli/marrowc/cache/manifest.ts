import type { Diagnostic } from "../../../compiler/diagnostics/diagnostic.ts";
import type { Source } from "../../../compiler/source.ts";
import { hash, hashValue } from "./codec.ts";
import type { BuildCache } from "./store.ts";

/**
 * The record of a whole build, for the no-change case: the inputs (paths and content hashes), every
 * import the front end looked up outside them (found or not, with the content found), the output
 * directory as the build left it (a hash of every `.ts` file there), and the diagnostics. When all of
 * these are the same, the build's answer is known without loading the compiler: the diagnostics are
 * replayed as they were and the output directory is up to date.
 */

/** An import looked up through the file system: from, specifier, the path found (or null), its hash. */
export type ImportProbe = readonly [from: string, spec: string, path: string | null, hash: string | null];

/** What a build leaves in the cache (the `build` entry named by {@link manifestName}). */
export interface BuildRecord {
  readonly sources: readonly (readonly [path: string, hash: string])[];
  readonly imports: readonly ImportProbe[];
  /** Hash of the output tree ({@link treeHash}) this record answers for. */
  readonly tree: string;
  readonly diagnostics: readonly Diagnostic[];
  /** The files the build wants (empty when there are errors), by output path. */
  readonly files: readonly string[];
}

/** The name of the record of one kind of build: project, inputs, output directory and options. */
export function manifestName(parts: {
  cwd: string;
  inputs: readonly string[];
  outDir: string;
  runtimeImport: string | undefined;
}): string {
  return JSON.stringify([parts.cwd, parts.inputs, parts.outDir, parts.runtimeImport ?? null]);
}

/** A hash of an output directory's `.ts` files (paths and contents). */
export function treeHash(tree: ReadonlyMap<string, string>): string {
  return hashValue([...tree].map(([path, content]) => [path, hash(content)]).sort());
}

/** The source hashes of a build, as recorded. */
export function sourceHashes(sources: readonly Source[]): [string, string][] {
  return sources.map((s) => [s.path, hash(s.text)]);
}

/**
 * The recorded build when it still holds: same sources, the same answer to every import lookup
 * (asked again through `probe`), the same output tree. Otherwise `undefined`.
 */
export function recordedBuild(
  cache: BuildCache,
  name: string,
  sources: readonly Source[],
  tree: ReadonlyMap<string, string>,
  probe: (from: string, spec: string) => Source | undefined,
): BuildRecord | undefined {
  const record = cache.read("build", name) as BuildRecord | undefined;
  try {
    return stillHolds(record, sources, tree, probe) ? record : undefined;
  } catch {
    return undefined; // a damaged record (edited by hand): compile
  }
}

function stillHolds(
  record: BuildRecord | undefined,
  sources: readonly Source[],
  tree: ReadonlyMap<string, string>,
  probe: (from: string, spec: string) => Source | undefined,
): record is BuildRecord {
  if (
    !record ||
    !Array.isArray(record.sources) ||
    !Array.isArray(record.imports) ||
    !Array.isArray(record.diagnostics) ||
    !Array.isArray(record.files) ||
    !record.files.every((f) => typeof f === "string" && tree.has(f))
  )
    return false;
  const now = sourceHashes(sources);
  if (record.sources.length !== now.length) return false;
  for (let i = 0; i < now.length; i++) {
    if (record.sources[i]![0] !== now[i]![0] || record.sources[i]![1] !== now[i]![1]) return false;
  }
  for (const [from, spec, path, digest] of record.imports) {
    if (typeof from !== "string" || typeof spec !== "string") return false;
    const found = probe(from, spec);
    if ((found?.path ?? null) !== path || (found ? hash(found.text) : null) !== digest) return false;
  }
  return record.tree === treeHash(tree);
}
