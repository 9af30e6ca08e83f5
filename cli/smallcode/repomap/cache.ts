import { createHash, randomBytes } from "node:crypto";
import { lstat, mkdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { ensureStateDir, stateDir } from "../../shared/state-dir.ts";
import { LANGUAGES } from "./languages.ts";
import { type Definition, type FileTags, MAX_SIGNATURE, MAX_TAGS } from "./tags.ts";

/**
 * The repo map's parse cache, `.smallcode/cache/repomap.json`: the tags of each file content, keyed
 * by the content's SHA-1, so only changed files are parsed again (a renamed or reverted file is a hit).
 * The key also covers the queries: changing a query empties the cache. The file is local state and
 * may have been planted by a cloned repository, so it is read defensively (wrong shapes are dropped,
 * strings capped) and never through a link; it is written atomically (a temporary file, then rename).
 */

/** The cache's format version. */
export const CACHE_VERSION = 1;

/** What the cache file holds. */
export interface CacheData {
  readonly version: number;
  /** Hash of the tags queries and limits the tags were read with. */
  readonly queries: string;
  /** Content hash → tags. */
  readonly tags: Record<string, FileTags>;
}

/** The hash of the tags queries and limits; a cache written under others is discarded. */
export const QUERIES_HASH = createHash("sha1")
  .update(JSON.stringify([LANGUAGES, MAX_SIGNATURE, MAX_TAGS]))
  .digest("hex")
  .slice(0, 16);

/** The SHA-1 of a file's content, as the cache keys it. */
export function contentHash(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** The cache file of a project. */
export function cacheFile(root: string): string {
  return join(stateDir(root), "cache", "repomap.json");
}

/** A cache file larger than this was not written by SmallCode (20,000 files of tags are far less). */
export const MAX_CACHE_BYTES = 256 * 1024 * 1024;

const CANNOT = "the repo map cache could not be written";

const HASH = /^[0-9a-f]{40}$/;

function cleanDefinition(value: unknown): Definition | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const d = value as Record<string, unknown>;
  if (typeof d.name !== "string" || typeof d.kind !== "string" || typeof d.signature !== "string")
    return undefined;
  if (!Number.isInteger(d.line) || !Number.isInteger(d.depth)) return undefined;
  return {
    name: d.name.slice(0, 200),
    kind: d.kind.slice(0, 20),
    line: Math.max(1, d.line as number),
    signature: d.signature.slice(0, MAX_SIGNATURE),
    depth: Math.min(3, Math.max(0, d.depth as number)),
  };
}

function cleanTags(value: unknown): FileTags | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const t = value as Record<string, unknown>;
  if (!Array.isArray(t.definitions) || typeof t.references !== "object" || t.references === null)
    return undefined;
  const definitions = t.definitions.slice(0, MAX_TAGS).map(cleanDefinition);
  if (definitions.some((d) => d === undefined)) return undefined;
  const refs = Object.entries(t.references as Record<string, unknown>).slice(0, MAX_TAGS);
  if (refs.some(([, n]) => !Number.isInteger(n) || (n as number) < 1)) return undefined;
  return {
    definitions: definitions as Definition[],
    references: Object.fromEntries(refs.map(([k, n]) => [k.slice(0, 200), n as number])),
  };
}

/** Reads the cache of `root`; an absent, linked, unreadable or foreign file gives an empty cache. */
export async function loadCache(root: string): Promise<Map<string, FileTags>> {
  const tags = new Map<string, FileTags>();
  const file = cacheFile(root);
  try {
    const info = await lstat(file);
    if (!info.isFile() || info.size > MAX_CACHE_BYTES) return tags;
    const data = JSON.parse(await readFile(file, "utf8")) as Partial<CacheData>;
    if (data.version !== CACHE_VERSION || data.queries !== QUERIES_HASH) return tags;
    if (typeof data.tags !== "object" || data.tags === null) return tags;
    for (const [hash, value] of Object.entries(data.tags)) {
      const clean = HASH.test(hash) ? cleanTags(value) : undefined;
      if (clean) tags.set(hash, clean);
    }
  } catch {
    // no cache yet, or one that cannot be read: everything is parsed
  }
  return tags;
}

/**
 * Writes the cache of `root` with `tags`. Returns an error message when it could not be written
 * (a read-only project, a `.smallcode/cache` that is a link); the map works without it.
 */
export async function saveCache(
  root: string,
  tags: ReadonlyMap<string, FileTags>,
): Promise<string | undefined> {
  const file = cacheFile(root);
  const dir = join(stateDir(root), "cache");
  try {
    await ensureStateDir(root);
    const state = await lstat(stateDir(root));
    if (!state.isDirectory()) return `${CANNOT}: \`.smallcode\` is a link or not a directory`;
    await mkdir(dir, { recursive: true });
    if (!(await lstat(dir)).isDirectory())
      return `${CANNOT}: \`.smallcode/cache\` is a link or not a directory`;
    const data: CacheData = { version: CACHE_VERSION, queries: QUERIES_HASH, tags: Object.fromEntries(tags) };
    const temp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    await writeFile(temp, JSON.stringify(data), { flag: "wx" });
    await rename(temp, file).catch(async (error) => {
      await unlink(temp).catch(() => {});
      throw error;
    });
    return undefined;
  } catch (error) {
    return `${CANNOT}: ${(error as Error).message}`;
  }
}
