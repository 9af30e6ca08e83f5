import { realpath, stat } from "node:fs/promises";
import { type SearchArgs, searchParams } from "../../../generated/index.ts";
import { cutLine } from "./cap.ts";
import { resolveInProject } from "./paths.ts";
import {
  COUNT_LIMIT,
  findRipgrep,
  type SearchMatch,
  type SearchOutcome,
  type SearchQuery,
  searchWithJs,
  searchWithRipgrep,
} from "./search-engines.ts";
import { didYouMean } from "./suggest.ts";
import { count, fail, plural, type Tool, type ToolContext, type ToolResult } from "./tool.ts";
import { globProblem, inStateFolder, STATE_FOLDER_REFUSAL } from "./walk.ts";

/** Arguments of `search`, as declared in marrow/tools.marrow. */
export type { SearchArgs } from "../../../generated/index.ts";

/** What `search` and `search_and_read` return besides the text. */
export interface SearchResult extends ToolResult {
  readonly matches?: readonly SearchMatch[];
  /** Matching lines in all (counted up to 10,000). */
  readonly total?: number;
  readonly files?: number;
  readonly engine?: "rg" | "js";
}

/** Longest matched line shown in search output. */
const MATCH_LINE_CHARS = 200;

/** A successful search, with what the messages need. */
export interface FoundMatches {
  readonly ok: true;
  readonly outcome: Extract<SearchOutcome, { ok: true }>;
  readonly engine: "rg" | "js";
  /** Set when the pattern was searched as literal text because it is not a valid regex. */
  readonly note: string | null;
  /** How the search was scoped, for messages: "", " in `src`", " in `src` matching `*.ts`". */
  readonly scope: string;
  /** Set when the time limit stopped the search: what happened and what to do; results are partial. */
  readonly stopped: string | null;
}

/** What the model is told when the JS engine's time limit stopped a search, and how to search instead. */
export function stoppedMessage(
  pattern: string,
  literal: boolean,
  where: { readonly file: string | null; readonly line: number },
  timeoutMs: number,
): string {
  const after = `search stopped after ${timeoutMs / 1000} s without finishing, so any matches below are incomplete`;
  const at =
    where.file === null
      ? ""
      : where.line > 0
        ? `line ${where.line} of \`${where.file}\``
        : `\`${where.file}\``;
  if (literal || where.line === 0) {
    return `${after}${at ? ` (it was reading ${at})` : ""}. Narrow the search with path or glob`;
  }
  return (
    `${after}: the regular expression \`${pattern}\` timed out on ${at || "a line"}. Nested repetition ` +
    "such as `(a+)+` or `(.*)*` makes a regex take exponential time. Search for a literal piece of the " +
    "text instead (no regex operators), or narrow the search with path or glob"
  );
}

/** Runs a search with the engine the context asks for; shared by `search` and `search_and_read`. */
export async function findMatches(
  ctx: ToolContext,
  args: SearchArgs,
  keep: number,
): Promise<FoundMatches | { ok: false; message: string }> {
  let base = ".";
  let baseIsFile = false;
  if (args.path !== undefined) {
    const resolved = await resolveInProject(ctx.cwd, args.path);
    if (!resolved.ok) return resolved;
    base = resolved.path.rel;
    if (inStateFolder(base)) return { ok: false, message: STATE_FOLDER_REFUSAL };
    try {
      baseIsFile = (await stat(resolved.path.abs)).isFile();
    } catch {
      return {
        ok: false,
        message: `path not found: \`${base}\`.${await didYouMean(ctx.cwd, base, ctx.signal)}`,
      };
    }
  }
  if (args.glob !== undefined) {
    const problem = globProblem(args.glob);
    if (problem) return { ok: false, message: problem };
  }
  let literal = false;
  let note: string | null = null;
  try {
    new RegExp(args.pattern);
  } catch (e) {
    literal = true;
    const why = (e as Error).message.replace(/^Invalid regular expression: /, "");
    note = `(the pattern is not a valid regular expression: ${why}; searched for it as literal text)`;
  }
  const query: SearchQuery = {
    root: await realpath(ctx.cwd),
    base,
    baseIsFile,
    pattern: args.pattern,
    literal,
    glob: args.glob,
    keep,
    timeoutMs: ctx.limits.searchTimeoutMs,
    signal: ctx.signal,
  };
  const wanted = ctx.searchEngine ?? "auto";
  const rg = wanted === "js" ? null : findRipgrep();
  if (wanted === "rg" && rg === null) return { ok: false, message: "ripgrep (rg) is not installed on PATH" };
  let engine: "rg" | "js" = rg ? "rg" : "js";
  let outcome = rg ? await searchWithRipgrep(rg, query) : await searchWithJs(query);
  if (!outcome.ok && outcome.badRegex && wanted !== "rg") {
    engine = "js";
    outcome = await searchWithJs(query);
  }
  if (!outcome.ok) return { ok: false, message: `search failed: ${outcome.message}` };
  const where = base === "." ? "" : ` in \`${base}\``;
  const scope = `${where}${args.glob ? ` matching \`${args.glob}\`` : ""}`;
  const stopped = outcome.stopped
    ? stoppedMessage(args.pattern, literal, outcome.stopped, query.timeoutMs)
    : null;
  return { ok: true, outcome, engine, note, scope, stopped };
}

/** The footer for results that were cut: how many more, and how to narrow the search. */
export function moreFooter(outcome: Extract<SearchOutcome, { ok: true }>, shown: number): string {
  if (outcome.total <= shown) return "";
  const total = outcome.countCapped ? `more than ${count(COUNT_LIMIT)}` : count(outcome.total);
  return `[showing ${count(shown)} of ${total} matches in ${plural(outcome.files, "file")}; narrow the search with path, glob or a more specific pattern]`;
}

/**
 * `search(pattern, path?, glob?)`: regex search over file contents, `path:line: text` per matching
 * line, sorted by path and line, capped at `limits.searchMaxResults` with a count of the rest. A
 * search the time limit stopped fails, saying why and what to search for instead.
 */
export const searchTool: Tool<SearchArgs, SearchResult> = {
  name: "search",
  params: searchParams,
  async run(args, ctx) {
    const found = await findMatches(ctx, args, ctx.limits.searchMaxResults);
    if (!found.ok) return fail(found.message);
    const { outcome, engine, note, scope, stopped } = found;
    const lines = [note, stopped].filter((l): l is string => l !== null);
    if (outcome.total === 0) {
      if (!stopped) lines.push(`no matches for \`${args.pattern}\`${scope}`);
    } else {
      for (const m of outcome.matches)
        lines.push(`${m.path}:${m.line}: ${cutLine(m.text.trim(), MATCH_LINE_CHARS)}`);
      const footer = moreFooter(outcome, outcome.matches.length);
      if (footer) lines.push(footer);
    }
    return {
      ok: stopped === null,
      output: lines.join("\n"),
      truncated: stopped !== null || outcome.total > outcome.matches.length,
      matches: outcome.matches,
      total: outcome.total,
      files: outcome.files,
      engine,
    };
  },
};
