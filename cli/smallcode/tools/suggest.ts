import { realpath } from "node:fs/promises";
import { posix } from "node:path";
import { editDistance as sharedDistance } from "../../shared/suggest.ts";
import { listFiles } from "./walk.ts";

/** "Did you mean" for file paths: the project files whose path or name is closest to a missing one. */

/**
 * Edit distance between two paths, case-insensitive (SmallCode's one did-you-mean distance, cli/shared),
 * giving up (returning `max + 1`) beyond `max`.
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const d = sharedDistance(a.toLowerCase(), b.toLowerCase(), max);
  return d === Number.POSITIVE_INFINITY ? max + 1 : d;
}

/** Ranks `candidates` (relative paths) by closeness to `target`; returns at most `limit` good ones. */
export function closestPaths(target: string, candidates: readonly string[], limit = 3): string[] {
  const base = posix.basename(target);
  const stem = base.replace(/\.[^.]+$/, "");
  const budget = Math.max(2, Math.floor(base.length * 0.4));
  const scored: { path: string; score: number }[] = [];
  for (const c of candidates) {
    const cb = posix.basename(c);
    const byName = editDistance(base, cb, budget) + (posix.dirname(c) === posix.dirname(target) ? 0 : 0.5);
    const byStem =
      stem.length >= 3 && cb.replace(/\.[^.]+$/, "").toLowerCase() === stem.toLowerCase() ? 1 : 99;
    const byPath = editDistance(target, c, budget);
    const score = Math.min(byName, byStem, byPath);
    if (score <= budget) scored.push({ path: c, score });
  }
  scored.sort((a, b) => a.score - b.score || a.path.length - b.path.length || (a.path < b.path ? -1 : 1));
  return scored.slice(0, limit).map((s) => s.path);
}

/** " Did you mean: a, b?" for a missing project-relative file or directory, or "" when nothing is close. */
export async function didYouMean(root: string, rel: string, signal?: AbortSignal): Promise<string> {
  let files: string[];
  try {
    files = await listFiles(await realpath(root), ["**/*"], { signal });
  } catch {
    return "";
  }
  const candidates = new Set<string>();
  for (const file of files.slice(0, 50_000)) {
    candidates.add(file);
    for (let dir = posix.dirname(file); dir !== "." && !candidates.has(dir); dir = posix.dirname(dir))
      candidates.add(dir);
  }
  const close = closestPaths(rel, [...candidates]);
  return close.length ? ` Did you mean: ${close.join(", ")}?` : "";
}
