/**
 * Ranking and matching for project memory: the words a fact or a query is made of, the FTS5 query
 * built from them (quoted terms only, so no model text is ever read as query syntax), the similarity
 * that finds near-identical facts, and the score that mixes relevance (bm25) with recency.
 */

/** Words too common to say what a fact is about. */
const STOP = new Set(
  "a an and are as at be but by do does for from has have how i if in into is it its not of on or so than that the their then there these this to use was we what when where which who why will with you your".split(
    " ",
  ),
);

/** The lower-case words of `text` that carry meaning (no stop words, no one-letter words). */
export function terms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}_]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length > 1 && !STOP.has(w)))];
}

/** An FTS5 query matching any of the terms of `text` (at most 24), or undefined when there are none. */
export function matchQuery(text: string): string | undefined {
  const list = terms(text).slice(0, 24);
  return list.length === 0 ? undefined : list.map((t) => `"${t}"`).join(" OR ");
}

/** The terms of `text`, sorted, as one string: equal for facts that differ only in form. */
export function normalise(text: string): string {
  return terms(text).sort().join(" ");
}

/** Jaccard similarity of two facts' terms, in [0, 1]. */
export function similarity(a: string, b: string): number {
  const x = new Set(terms(a));
  const y = new Set(terms(b));
  if (x.size === 0 && y.size === 0) return 1;
  let shared = 0;
  for (const t of x) if (y.has(t)) shared++;
  return shared / (x.size + y.size - shared);
}

/** Facts at least this similar are the same fact said again. */
export const DUPLICATE_SIMILARITY = 0.8;

/** Days after which an unconfirmed fact counts half as much. */
export const HALF_LIFE_DAYS = 90;

/** How much a fact still counts after `ageMs` without being confirmed (remembered again): (0, 1]. */
export function freshness(ageMs: number): number {
  const days = Math.max(0, ageMs) / 86_400_000;
  return 0.5 ** (days / HALF_LIFE_DAYS);
}

/**
 * A fact's score. Relevance mixes bm25 relative to the best match (bm25 is negative, lower is better;
 * on a small store its term weights say little) with the share of the query's terms the fact holds;
 * it is then scaled by freshness (kept at least half), so a stale fact sinks below a fresh one of
 * similar relevance but a much better match still wins.
 */
export function score(bm25: number, best: number, overlap: number, ageMs: number): number {
  const relative = best < 0 && bm25 < 0 ? bm25 / best : 1;
  const relevance = 0.6 * relative + 0.4 * Math.min(1, Math.max(0, overlap));
  return relevance * (0.5 + 0.5 * freshness(ageMs));
}
