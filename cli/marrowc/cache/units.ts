import { withPrecompiledStore } from "../../../compiler/codegen/emit-templates.ts";
import type {
  ExistingRegions,
  GenContext,
  GeneratedFile,
  UnitHook,
} from "../../../compiler/codegen/index.ts";
import type { Diagnostic } from "../../../compiler/diagnostics/diagnostic.ts";
import { staysInOutput } from "../plan.ts";
import { hash, hashValue } from "./codec.ts";
import type { BuildCache } from "./store.ts";

/**
 * Generated units answered from the build cache. A unit (one source file's modules, or `index.ts`)
 * is generated from its own input (the file's IR) and what it reads of the shared generation context:
 * other declarations' symbols and IR, module cycles, the existing extension bodies. While a unit is
 * generated, the context it gets records every such read with a digest of the answer; the entry keeps
 * the unit's files, diagnostics and those reads. Next build, the unit is reused when its input hash is
 * the same and every recorded read gives the same answer from the new context — so an edit that
 * renames a type another file uses regenerates both, and an edit inside one prompt only its file.
 * A read the recorder does not know makes the unit uncacheable (always generated), never wrong.
 */

/** One recorded read: what was asked (`symbol`, `["type","Label"]`) and the digest of the answer. */
type Read = readonly [what: string, args: string, answer: string];

/**
 * A generated file as stored: its text, or only the text's sha256 when the file is in the output
 * directory (a unit's modules), whose copy there is then the one reused. Storing each module twice
 * made the unit entries the largest read of a rebuild (≈ 1.8 MB for 400 prompts).
 */
type StoredFile =
  | { readonly path: string; readonly content: string }
  | { readonly path: string; readonly sha256: string };

interface UnitEntry {
  readonly input: string;
  readonly reads: readonly Read[];
  readonly files: readonly StoredFile[];
  readonly diagnostics: readonly Diagnostic[];
  /** Handlebars' output for each prompt text the unit precompiled, reused when the unit is generated again. */
  readonly templates?: Readonly<Record<string, string>>;
}

/** The maps of declarations by name on the context. */
const MAPS = new Set([
  "enums",
  "entities",
  "models",
  "routers",
  "tools",
  "extensions",
  "policies",
  "prompts",
]);
/** The context's pure lookups. */
const LOOKUPS = new Set(["symbol", "lazyModule", "lazyType"]);

/** How a unit hook did, for the build's figures and tests. */
export interface UnitStats {
  reused: string[];
  generated: string[];
}

function existingHash(existing: ExistingRegions): string {
  return hashValue(existing.paths().map((p) => [p, existing.get(p)]));
}

/** Answers a recorded read again from the current context. */
function answer(ctx: GenContext, existing: ExistingRegions, what: string, args: string): string {
  if (LOOKUPS.has(what)) {
    const fn = (ctx as unknown as Record<string, (...a: unknown[]) => unknown>)[what]!;
    return hashValue(fn.apply(ctx, JSON.parse(args) as unknown[]));
  }
  if (what === "ir") return hashValue(valueAt(ctx.ir, JSON.parse(args) as (string | number)[]));
  if (what === "existing") return existingHash(existing);
  if (what === "ir.has") {
    const at = JSON.parse(args) as (string | number)[];
    const parent = valueAt(ctx.ir, at.slice(0, -1));
    return String(parent !== null && typeof parent === "object" && at[at.length - 1]! in parent);
  }
  if (what === "ir.keys") {
    const value = valueAt(ctx.ir, JSON.parse(args) as (string | number)[]);
    return hashValue(value !== null && typeof value === "object" ? Object.keys(value) : undefined);
  }
  const [map, op] = what.split(".") as [string, string];
  const m = (ctx as unknown as Record<string, ReadonlyMap<string, unknown>>)[map]!;
  if (op === "get") return hashValue(m.get(JSON.parse(args) as string));
  if (op === "has") return String(m.has(JSON.parse(args) as string));
  return hashValue([...m]);
}

/** The value at `path` (property names) below `root`; `undefined` when the path leaves the tree. */
function valueAt(root: unknown, path: readonly (string | number)[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/**
 * Wraps the IR so that a unit depends on the leaves it reads (a name, an array's length), not on
 * the whole program: the index reads every declaration's name, and stays cached while no name
 * changes. Objects are wrapped on the way down (the same wrapper for the same object); a read of a
 * leaf records its path and value, testing a key (`in`) whether it is there, listing the keys the key list.
 */
function recordingTree(
  node: object,
  path: readonly (string | number)[],
  reads: Read[],
  seen: WeakMap<object, object>,
): object {
  const known = seen.get(node);
  if (known) return known;
  const wrapped = new Proxy(node, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof prop === "symbol" || typeof value === "function") return value;
      const at = [...path, prop];
      if (value !== null && typeof value === "object") return recordingTree(value, at, reads, seen);
      reads.push(["ir", JSON.stringify(at), hashValue(value)]);
      return value;
    },
    has(target, prop) {
      // Only whether the key is there: array methods (`flatMap`, `filter`) ask this of every index,
      // and digesting the whole element would make the index depend on every file's IR.
      const found = Reflect.has(target, prop);
      if (typeof prop !== "symbol") reads.push(["ir.has", JSON.stringify([...path, prop]), String(found)]);
      return found;
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target);
      reads.push(["ir.keys", JSON.stringify(path), hashValue(keys.filter((k) => typeof k === "string"))]);
      return keys;
    },
  });
  seen.set(node, wrapped);
  return wrapped;
}

/** Wraps a declaration map so that every read is recorded. */
function recordingMap(
  name: string,
  map: ReadonlyMap<string, unknown>,
  reads: Read[],
): ReadonlyMap<string, unknown> {
  return new Proxy(map, {
    get(target, prop) {
      if (prop === "get")
        return (key: string) => {
          const value = target.get(key);
          reads.push([`${name}.get`, JSON.stringify(key), hashValue(value)]);
          return value;
        };
      if (prop === "has")
        return (key: string) => {
          const value = target.has(key);
          reads.push([`${name}.has`, JSON.stringify(key), String(value)]);
          return value;
        };
      // Iteration, size, anything else: the unit depends on the whole map.
      reads.push([`${name}.all`, "", hashValue([...target])]);
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** A context (and regions) that record what a unit reads; `flags.opaque` when it read something unknown. */
function recording(
  ctx: GenContext,
  existing: ExistingRegions,
  reads: Read[],
  diagnostics: Diagnostic[],
  flags: { opaque: boolean },
): { ctx: GenContext; existing: ExistingRegions } {
  const maps = new Map<string, ReadonlyMap<string, unknown>>();
  const recordedCtx = new Proxy(ctx, {
    get(target, prop) {
      const key = String(prop);
      if (LOOKUPS.has(key)) {
        return (...args: unknown[]) => {
          const value = (Reflect.get(target, prop) as (...a: unknown[]) => unknown).apply(target, args);
          reads.push([key, JSON.stringify(args), hashValue(value)]);
          return value;
        };
      }
      if (MAPS.has(key)) {
        let map = maps.get(key);
        if (!map) {
          map = recordingMap(key, Reflect.get(target, prop) as ReadonlyMap<string, unknown>, reads);
          maps.set(key, map);
        }
        return map;
      }
      if (key === "report")
        return (d: Diagnostic) => {
          diagnostics.push(d);
          target.report(d);
        };
      if (key === "ir") return recordingTree(target.ir, [], reads, new WeakMap());
      if (key === "options") {
        // runtimeImport and outDir are part of every unit's input; the existing files go through `existing`.
        return new Proxy(target.options, {
          get(o, p) {
            if (p === "existing") flags.opaque = true;
            return Reflect.get(o, p);
          },
        });
      } else flags.opaque = true;
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  let existingRead: string | undefined;
  const recordedExisting = new Proxy(existing, {
    get(target, prop) {
      if (existingRead === undefined) {
        existingRead = existingHash(target);
        reads.push(["existing", "", existingRead]);
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { ctx: recordedCtx, existing: recordedExisting };
}

/**
 * The files of a stored unit when it is well formed, every file stored by hash is in the output
 * directory with that hash, and every read it recorded gets the same answer now; else `undefined`.
 */
function reusedFiles(
  entry: unknown,
  inputHash: string,
  ctx: GenContext,
  existing: ExistingRegions,
  output: ReadonlyMap<string, string>,
): GeneratedFile[] | undefined {
  const e = entry as UnitEntry | undefined;
  if (
    !e ||
    e.input !== inputHash ||
    !Array.isArray(e.reads) ||
    !Array.isArray(e.diagnostics) ||
    !Array.isArray(e.files)
  )
    return undefined;
  const files: GeneratedFile[] = [];
  for (const f of e.files) {
    if (typeof f?.path !== "string" || !staysInOutput(f.path)) return undefined;
    const content = "content" in f ? f.content : output.get(f.path);
    if (typeof content !== "string") return undefined;
    // A module changed by hand since it was written: generate the unit again.
    if ("sha256" in f && hash(content) !== f.sha256) return undefined;
    files.push({ path: f.path, content });
  }
  try {
    return e.reads.every(([what, args, digest]) => answer(ctx, existing, what, args) === digest)
      ? files
      : undefined;
  } catch {
    return undefined; // a damaged read (a hand-edited entry): generate the unit
  }
}

/**
 * A {@link UnitHook} over `cache`; `options` (runtime import, output directory) are part of every
 * unit's input. A unit generated now is stored at once; `output` is the output directory as found.
 */
export function cachedUnits(
  cache: BuildCache,
  options: { readonly runtimeImport: string; readonly outDir: string },
  stats: UnitStats,
  output: ReadonlyMap<string, string>,
): UnitHook {
  return {
    unit(id, input, ctx, existing, emit) {
      const inputHash = hashValue([options.runtimeImport, options.outDir, input]);
      const entry = cache.read("unit", id) as UnitEntry | undefined;
      const reused = entry && reusedFiles(entry, inputHash, ctx, existing, output);
      if (reused) {
        for (const d of entry.diagnostics) ctx.report(d);
        stats.reused.push(id);
        return reused;
      }
      const reads: Read[] = [];
      const diagnostics: Diagnostic[] = [];
      const flags = { opaque: false };
      const recorded = recording(ctx, existing, reads, diagnostics, flags);
      // The texts this unit precompiled last time need no Handlebars now (an edit outside them).
      const before = entry?.templates;
      const templates: Record<string, string> = Object.create(null);
      const store = {
        get: (text: string) => {
          const compiled = before !== null && typeof before === "object" ? before[text] : undefined;
          return typeof compiled === "string" && Object.hasOwn(before!, text) ? compiled : undefined;
        },
        used: (text: string, compiled: string) => {
          templates[text] = compiled;
        },
      };
      const files = withPrecompiledStore(store, () => emit(recorded.ctx, recorded.existing));
      stats.generated.push(id);
      if (!flags.opaque) {
        // Each distinct read once: a unit asks for the same symbol many times.
        const unique = [...new Map(reads.map((r) => [`${r[0]}\u0000${r[1]}`, r])).values()];
        // The index unit gives the body of index.ts (its header is added outside): kept whole.
        const stored = files.map(
          (f): StoredFile => (id === "index" ? f : { path: f.path, sha256: hash(f.content) }),
        );
        const value: UnitEntry = { input: inputHash, reads: unique, files: stored, diagnostics, templates };
        cache.write("unit", id, value);
      }
      return files;
    },
  };
}
