import { countTokens } from "../context/tokens.ts";
import type { RankedDefinition } from "./rank.ts";

/**
 * The map as the model reads it: the best-ranked definitions grouped by file, files in rank order,
 * definitions in line order, each as `line│ signature` indented by nesting. As many definitions as
 * fit the token budget are shown (found by bisection), and the budget shrinks with the window.
 */

/**
 * The map's token budget for a context window: a thirty-second of a window under 6k tokens (a 4k
 * window gets 128), else a sixteenth (8k → 512, 16k → 1,024), at most 2,048.
 */
export function mapBudgetFor(window: number): number {
  if (!Number.isFinite(window) || window <= 0) return 0;
  const share = window < 6000 ? window / 32 : window / 16;
  return Math.min(2048, Math.floor(share));
}

/** The heading above the map. */
export const MAP_HEADING = "Repository map (most relevant files and definitions; line│ signature):";

/** The map of the first `count` entries of `ranked`. */
export function renderEntries(ranked: readonly RankedDefinition[], count: number): string {
  const byFile = new Map<string, RankedDefinition[]>();
  for (const entry of ranked.slice(0, count)) {
    const list = byFile.get(entry.path) ?? [];
    list.push(entry);
    byFile.set(entry.path, list);
  }
  const lines = [MAP_HEADING];
  for (const [path, entries] of byFile) {
    lines.push(path);
    entries.sort((a, b) => a.definition.line - b.definition.line);
    for (const { definition } of entries)
      lines.push(`${"  ".repeat(definition.depth + 1)}${definition.line}│ ${definition.signature}`);
  }
  return lines.join("\n");
}

/**
 * The largest map of `ranked` within `budgetTokens` tokens, or "" when not even one definition fits
 * (or there is nothing to show).
 */
export function renderMap(ranked: readonly RankedDefinition[], budgetTokens: number): string {
  if (ranked.length === 0 || budgetTokens <= 0) return "";
  const fits = (count: number) => countTokens(renderEntries(ranked, count)) <= budgetTokens;
  if (!fits(1)) return "";
  let low = 1;
  let high = ranked.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(mid)) low = mid;
    else high = mid - 1;
  }
  return renderEntries(ranked, low);
}
