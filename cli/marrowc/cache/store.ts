import {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { decode, encode, hash } from "./codec.ts";

/**
 * The on-disk build cache of `marrowc build`. Where: `node_modules/.cache/marrowc/` when the project
 * (the working directory) has a `node_modules/` (the place build tools share, already ignored by
 * git), else `.marrow-cache/` in the project. Inside, one folder per compiler fingerprint; the three
 * most recently used are kept, older ones removed (a compiler update discards what the old one cached).
 *
 * Each entry is one JSON file, named by a hash of its name and holding the name, the format and the
 * fingerprint again: an entry that cannot be read, is truncated, or was written by another compiler
 * is ignored (a miss), never trusted. Writes go to a temporary file first and are renamed into
 * place, so a concurrent build reads either the old entry or the new one, never half of one. A cache
 * that cannot be written (a read-only folder) only makes builds slower.
 */

/** Bumped when the layout of entries changes. */
const FORMAT = 1;

/** Folders of other compilers kept besides the running one's. */
const KEPT_OTHERS = 2;

/** The cache folder for a project in `cwd` (see the module comment). */
export function cacheRoot(cwd: string): string {
  const modules = join(cwd, "node_modules");
  return statSync(modules, { throwIfNoEntry: false })?.isDirectory()
    ? join(modules, ".cache", "marrowc")
    : join(cwd, ".marrow-cache");
}

/**
 * The kinds of entries: parses (and their outlines), checks, template parses and IR by source path,
 * generated units by id, build manifests.
 */
export type EntryKind = "parse" | "outline" | "check" | "templates" | "lower" | "unit" | "build";

interface Envelope {
  readonly format: number;
  readonly fingerprint: string;
  readonly name: string;
  readonly value: unknown;
}

/** One compiler's entries under a cache root. */
export class BuildCache {
  readonly dir: string;
  readonly #fingerprint: string;
  #prepared = false;

  constructor(root: string, fingerprint: string) {
    this.#fingerprint = fingerprint;
    this.dir = join(root, fingerprint.slice(0, 16));
  }

  /** The entry `name` of `kind`, or `undefined` when absent, unreadable or not this compiler's. */
  read(kind: EntryKind, name: string): unknown {
    let envelope: Envelope;
    try {
      envelope = decode(readFileSync(this.#path(kind, name), "utf8")) as Envelope;
    } catch {
      return undefined;
    }
    if (
      envelope === null ||
      typeof envelope !== "object" ||
      envelope.format !== FORMAT ||
      envelope.fingerprint !== this.#fingerprint ||
      envelope.name !== name
    )
      return undefined;
    return envelope.value;
  }

  /** Stores `value` as the entry `name` of `kind` (atomically; failures are ignored). */
  write(kind: EntryKind, name: string, value: unknown): void {
    try {
      this.#prepare();
      const path = this.#path(kind, name);
      mkdirSync(join(this.dir, kind), { recursive: true });
      const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const envelope: Envelope = { format: FORMAT, fingerprint: this.#fingerprint, name, value };
      writeFileSync(tmp, encode(envelope));
      renameSync(tmp, path);
    } catch {
      // A cache is an optimisation: a build never fails because it could not be stored.
    }
  }

  #path(kind: EntryKind, name: string): string {
    return join(this.dir, kind, `${hash(name).slice(0, 40)}.json`);
  }

  /**
   * On the first write: marks this compiler's folder as the newest and removes the folders of all
   * but the {@link KEPT_OTHERS} most recently used other compilers (a checkout that runs both its
   * sources and its dist/, two of them, must not evict each other at every build).
   */
  #prepare(): void {
    if (this.#prepared) return;
    this.#prepared = true;
    mkdirSync(this.dir, { recursive: true });
    const now = new Date();
    utimesSync(this.dir, now, now);
    const root = join(this.dir, "..");
    const own = this.dir.slice(root.length + 1);
    const others = readdirSync(root)
      .filter((name) => name !== own && /^[0-9a-f]{16}$/.test(name))
      .map((name) => ({ name, used: statSync(join(root, name)).mtimeMs }))
      .sort((a, b) => b.used - a.used);
    for (const { name } of others.slice(KEPT_OTHERS))
      rmSync(join(root, name), { recursive: true, force: true });
  }
}
