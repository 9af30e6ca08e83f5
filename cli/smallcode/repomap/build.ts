import { lstat, readFile, realpath } from "node:fs/promises";
import { join } from "node:path";
import { listFiles } from "../tools/walk.ts";
import { contentHash, loadCache, saveCache } from "./cache.ts";
import { type LanguageId, languageOf, SOURCE_GLOB } from "./languages.ts";
import { extractTags, type FileTags, loadLanguages } from "./tags.ts";

/**
 * Builds the repo index: every source file of the project the way a developer sees it (.gitignore
 * respected, `node_modules/`, `.git/` and `.smallcode/` skipped, links not followed) with its tags.
 * Each file is read and hashed; a hash the cache knows is not parsed again.
 */

/** One indexed file. */
export interface IndexedFile {
  /** Project-relative, `/`-separated. */
  readonly path: string;
  readonly language: LanguageId;
  readonly tags: FileTags;
}

/** What a build did. */
export interface BuildStats {
  /** Source files indexed. */
  readonly files: number;
  /** Files parsed (their content was not in the cache). */
  readonly parsed: number;
  /** Files whose tags came from the cache. */
  readonly cached: number;
  /** Files left out (too large, links, unreadable, over `maxFiles`). */
  readonly skipped: number;
  readonly ms: number;
}

/** The index of one project. */
export interface RepoIndex {
  readonly root: string;
  readonly files: readonly IndexedFile[];
  readonly stats: BuildStats;
  /** Things the user may want to know (a grammar that failed, a cache that could not be written). */
  readonly problems: readonly string[];
}

/** Options of `buildRepoIndex`. */
export interface BuildOptions {
  readonly signal?: AbortSignal;
  /** Use and update `.smallcode/cache/repomap.json` (default true). */
  readonly cache?: boolean;
  /** Most files indexed (default 20,000); the rest are counted as skipped. */
  readonly maxFiles?: number;
  /** Largest file parsed, bytes (default 512 KiB: larger ones are generated or minified). */
  readonly maxBytes?: number;
}

/** Files read at once. */
const BATCH = 64;

/** Indexes the project at `root`. Never throws for a file; throws only when aborted. */
export async function buildRepoIndex(root: string, options: BuildOptions = {}): Promise<RepoIndex> {
  const started = performance.now();
  const real = await realpath(root);
  const maxFiles = options.maxFiles ?? 20_000;
  const maxBytes = options.maxBytes ?? 512 * 1024;
  const useCache = options.cache !== false;
  const listed = await listFiles(real, [SOURCE_GLOB], { signal: options.signal });
  const wanted = listed.slice(0, maxFiles);
  let skipped = listed.length - wanted.length;
  const problems: string[] = [];
  if (skipped > 0) problems.push(`the repo map indexes at most ${maxFiles} files; ${skipped} were left out`);
  const cache = useCache ? await loadCache(real) : new Map<string, FileTags>();
  const failed = await loadLanguages(wanted.map((p) => languageOf(p)!));
  for (const [id, why] of failed)
    problems.push(`the ${id} grammar could not be loaded (${why}); its files are not in the map`);
  const fresh = new Map<string, FileTags>();
  const files: IndexedFile[] = [];
  let parsed = 0;
  let cached = 0;
  for (let i = 0; i < wanted.length; i += BATCH) {
    options.signal?.throwIfAborted();
    const batch = wanted.slice(i, i + BATCH);
    const texts = await Promise.all(batch.map((path) => readSource(join(real, path), maxBytes)));
    for (let j = 0; j < batch.length; j++) {
      const path = batch[j]!;
      const text = texts[j];
      const language = languageOf(path)!;
      if (text === undefined || failed.has(language)) {
        skipped++;
        continue;
      }
      const hash = contentHash(text);
      let tags = fresh.get(hash) ?? cache.get(hash);
      if (tags) cached++;
      else {
        try {
          tags = await extractTags(language, text);
          parsed++;
        } catch {
          skipped++;
          continue;
        }
      }
      fresh.set(hash, tags);
      files.push({ path, language, tags });
    }
  }
  if (useCache && (parsed > 0 || fresh.size !== cache.size)) {
    const problem = await saveCache(real, fresh);
    if (problem) problems.push(problem);
  }
  const ms = Math.round(performance.now() - started);
  return { root: real, files, stats: { files: files.length, parsed, cached, skipped, ms }, problems };
}

/** The text of a regular file no larger than `maxBytes`, or undefined (a link, too large, binary, unreadable). */
async function readSource(abs: string, maxBytes: number): Promise<string | undefined> {
  try {
    const info = await lstat(abs);
    if (!info.isFile() || info.size > maxBytes) return undefined;
    const text = await readFile(abs, "utf8");
    return text.includes("\u0000") ? undefined : text;
  } catch {
    return undefined;
  }
}
