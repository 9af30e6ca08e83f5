import { createHmac, timingSafeEqual } from "node:crypto";
import { readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { makeRealFolder, readRegularFile } from "../real-folder.ts";
import { decode, encode, hash } from "./codec.ts";

/**
 * The on-disk build cache of `marrowc build`. Where: `node_modules/.cache/marrowc/` when the project
 * (the working directory) has a `node_modules/` (the place build tools share, already ignored by
 * git), else `.marrow-cache/` in the project. Inside, one folder per compiler fingerprint; the three
 * most recently used are kept, older ones removed (a compiler update discards what the old one cached).
 *
 * Each entry is one file, named by a hash of its name: a line of JSON holding the format, the
 * fingerprint, the name again and an HMAC of all three and the value under this user's key
 * (`key.ts`), then the value as JSON. An entry that cannot be read, is truncated, was written by
 * another compiler, or is not signed with this user's key (planted in a cloned project) is ignored
 * (a miss), never trusted. Writes go to a temporary file first and are renamed into place, so a
 * concurrent build reads either the old entry or the new one, never half of one. A cache that
 * cannot be written (a read-only folder) only makes builds slower.
 */

/** An entry larger than this is not read (none is near it; a planted one might be). */
const MAX_ENTRY_BYTES = 64 * 1024 * 1024;

/** Bumped when the layout of entries changes. */
const FORMAT = 2;

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

/** The first line of an entry. */
interface Header {
  readonly format: number;
  readonly fingerprint: string;
  readonly name: string;
  /** Hex HMAC-SHA256 of the format, fingerprint, name and value text under the user's key. */
  readonly mac: string;
}

/** One compiler's entries under a cache root, signed and checked with `key`. */
export class BuildCache {
  readonly root: string;
  readonly dir: string;
  readonly #fingerprint: string;
  readonly #key: Buffer;
  #prepared = false;
  /** Kinds whose folder was made (or found to be a real folder) in this process. */
  readonly #folders = new Set<EntryKind>();

  /** `root` must be a real folder, not reached through a link (`makeRealFolder`). */
  constructor(root: string, fingerprint: string, key: Buffer) {
    this.#fingerprint = fingerprint;
    this.#key = key;
    this.root = root;
    this.dir = join(root, fingerprint.slice(0, 16));
  }

  /**
   * The entry `name` of `kind`, or `undefined` when absent, unreadable, not this compiler's or not
   * signed with this user's key.
   */
  read(kind: EntryKind, name: string): unknown {
    try {
      const text = readRegularFile(this.#path(kind, name), MAX_ENTRY_BYTES);
      if (text === undefined) return undefined;
      const cut = text.indexOf("\n");
      if (cut < 0) return undefined;
      const header = JSON.parse(text.slice(0, cut)) as Header | null;
      const body = text.slice(cut + 1);
      if (
        header?.format !== FORMAT ||
        header.fingerprint !== this.#fingerprint ||
        header.name !== name ||
        typeof header.mac !== "string" ||
        !this.#signed(name, body, header.mac)
      )
        return undefined;
      return decode(body);
    } catch {
      return undefined;
    }
  }

  /** Stores `value` as the entry `name` of `kind` (atomically; failures are ignored). */
  write(kind: EntryKind, name: string, value: unknown): void {
    try {
      this.#prepare();
      const path = this.#path(kind, name);
      if (!this.#folders.has(kind)) {
        makeRealFolder(this.root, join(this.dir, kind));
        this.#folders.add(kind);
      }
      const tmp = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      const body = encode(value);
      const header: Header = {
        format: FORMAT,
        fingerprint: this.#fingerprint,
        name,
        mac: this.#mac(name, body),
      };
      writeFileSync(tmp, `${JSON.stringify(header)}\n${body}`);
      renameSync(tmp, path);
    } catch {
      // A cache is an optimisation: a build never fails because it could not be stored.
    }
  }

  #mac(name: string, body: string): string {
    return createHmac("sha256", this.#key)
      .update(`${FORMAT}\n${this.#fingerprint}\n${name}\n`)
      .update(body)
      .digest("hex");
  }

  #signed(name: string, body: string, mac: string): boolean {
    const wanted = Buffer.from(this.#mac(name, body), "hex");
    const given = Buffer.from(mac, "hex");
    return given.length === wanted.length && timingSafeEqual(given, wanted);
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
    makeRealFolder(this.root, this.dir);
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
