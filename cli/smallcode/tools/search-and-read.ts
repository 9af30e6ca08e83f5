import { realpath } from "node:fs/promises";
import { join } from "node:path";
import { type SearchAndReadArgs, searchAndReadParams } from "../../../generated/index.ts";
import { capOutput, splitLines } from "./cap.ts";
import { readText } from "./files.ts";
import { numberLines } from "./numbered.ts";
import { findMatches, moreFooter, type SearchResult } from "./search.ts";
import type { SearchMatch } from "./search-engines.ts";
import { fail, type Tool } from "./tool.ts";

/** Arguments of `search_and_read`, as declared in marrow/tools.marrow. */
export type { SearchAndReadArgs } from "../../../generated/index.ts";

/** Lines shown before and after each match. */
export const CONTEXT_LINES = 3;
/** Matches shown with context; the rest are counted. */
const MAX_MATCHES = 20;

/** Merges ±CONTEXT_LINES windows around `lines` (sorted) into non-overlapping ranges. */
export function contextRanges(
  lines: readonly number[],
  total: number,
  context = CONTEXT_LINES,
): [number, number][] {
  const ranges: [number, number][] = [];
  for (const n of lines) {
    const from = Math.max(1, n - context);
    const to = Math.min(total, n + context);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  }
  return ranges;
}

/**
 * `search_and_read(pattern, path?)`: `search`, then each match shown in place with ±3 numbered lines
 * of context (matching lines flagged with `>`), grouped by file; capped like every tool output.
 */
export const searchAndReadTool: Tool<SearchAndReadArgs, SearchResult> = {
  name: "search_and_read",
  params: searchAndReadParams,
  async run(args, ctx) {
    const keep = Math.min(MAX_MATCHES, ctx.limits.searchMaxResults);
    const found = await findMatches(ctx, args, keep);
    if (!found.ok) return fail(found.message);
    const { outcome, engine, note, scope, stopped } = found;
    if (outcome.total === 0) {
      const none = stopped ?? `no matches for \`${args.pattern}\`${scope}`;
      return {
        ok: stopped === null,
        output: [note, none].filter(Boolean).join("\n"),
        total: 0,
        files: 0,
        matches: [],
        engine,
      };
    }
    const byFile = new Map<string, SearchMatch[]>();
    for (const m of outcome.matches) byFile.set(m.path, [...(byFile.get(m.path) ?? []), m]);
    const root = await realpath(ctx.cwd);
    const blocks = [note, stopped].filter((l): l is string => l !== null);
    for (const [path, matches] of byFile) {
      const read = await readText(join(root, path), path);
      if (read.kind !== "text") continue;
      const lines = splitLines(read.text);
      const hit = matches.map((m) => m.line);
      const marks = new Set(hit);
      const ranges = contextRanges(hit, lines.length);
      const width = Math.max(4, String(ranges[ranges.length - 1]?.[1] ?? 1).length);
      const parts = ranges.map(([from, to]) =>
        numberLines(lines.slice(from - 1, to), from, { marks, width, maxLineChars: ctx.limits.maxLineChars }),
      );
      blocks.push(`${path}\n${parts.join(`\n ${" ".repeat(width - 1)}…\n`)}`);
    }
    const capped = capOutput(blocks.join("\n\n"), {
      maxLines: ctx.limits.maxOutputLines,
      maxChars: ctx.limits.maxOutputChars,
      hint: "use search for the full list of matches, then read_file a range",
    });
    const footer = moreFooter(outcome, outcome.matches.length);
    return {
      ok: stopped === null,
      output: footer ? `${capped.text}\n${footer}` : capped.text,
      truncated: stopped !== null || capped.truncated || outcome.total > outcome.matches.length,
      matches: outcome.matches,
      total: outcome.total,
      files: outcome.files,
      engine,
    };
  },
};
