import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";
import { createInterface } from "node:readline";
import { matchInWorker } from "./search-worker.ts";
import { listFiles, SKIPPED_DIRS, toProjectGlob } from "./walk.ts";

/**
 * The two search engines behind `search`: ripgrep when it is on PATH, and a pure-JS walk otherwise.
 * Both respect .gitignore, skip `.git/`, `node_modules/` and binary files, include hidden files, do
 * not follow symlinks, and return the same matches in the same order (sorted by path, then line).
 */

export interface SearchQuery {
  /** Real absolute project root; searches run from here. */
  readonly root: string;
  /** Project-relative directory or file to search ("." for the whole project). */
  readonly base: string;
  readonly baseIsFile: boolean;
  /** A JavaScript-compatible regular expression, or literal text when `literal`. */
  readonly pattern: string;
  readonly literal: boolean;
  readonly glob?: string;
  /** Matches kept; the rest are only counted. */
  readonly keep: number;
  /** The JS engine stops after this long (a backtracking regex can take exponential time). */
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** One matching line. */
export interface SearchMatch {
  /** Project-relative, `/`-separated. */
  readonly path: string;
  /** 1-based. */
  readonly line: number;
  /** The whole matching line, without its line ending. */
  readonly text: string;
}

/** The matches of a search, or why it failed. */
export type SearchOutcome =
  | {
      readonly ok: true;
      readonly matches: readonly SearchMatch[];
      /** All matching lines, counted up to `COUNT_LIMIT`. */
      readonly total: number;
      readonly files: number;
      /** Counting stopped at `COUNT_LIMIT`. */
      readonly countCapped: boolean;
      /** Set when the time limit stopped the search: the file and line it was matching (0: reading). */
      readonly stopped?: { readonly file: string | null; readonly line: number };
    }
  | { readonly ok: false; readonly message: string; readonly badRegex?: boolean };

/** Matching lines counted before a search stops counting. */
export const COUNT_LIMIT = 10_000;
/** The outcome message of a search the session's signal stopped. */
const CANCELLED = "the search was cancelled";
/** Files larger than this are skipped by the JS engine. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;

let rgPath: string | null | undefined;

/** The path of `rg` on PATH, or null; looked up once per process. */
export function findRipgrep(): string | null {
  if (rgPath !== undefined) return rgPath;
  rgPath = null;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === "win32" ? "rg.exe" : "rg");
    try {
      accessSync(candidate, constants.X_OK);
      rgPath = candidate;
      break;
    } catch {
      // not here
    }
  }
  return rgPath;
}

class Collector {
  readonly matches: SearchMatch[] = [];
  total = 0;
  readonly files = new Set<string>();
  readonly keep: number;
  constructor(keep: number) {
    this.keep = keep;
  }
  /** Adds a match; returns false once counting should stop. */
  add(m: SearchMatch): boolean {
    this.total++;
    this.files.add(m.path);
    if (this.matches.length < this.keep) this.matches.push(m);
    return this.total < COUNT_LIMIT;
  }
  /** Counts a match whose text is not kept. */
  count(path: string): void {
    this.total++;
    this.files.add(path);
  }
  done(): SearchOutcome {
    return {
      ok: true,
      matches: this.matches,
      total: this.total,
      files: this.files.size,
      countCapped: this.total >= COUNT_LIMIT,
    };
  }
}

/** Runs ripgrep with JSON output. */
export function searchWithRipgrep(rg: string, q: SearchQuery): Promise<SearchOutcome> {
  // The same ignore rules as the JS engine: the project's .gitignore files only.
  const args = [
    "--json",
    "--sort",
    "path",
    "--hidden",
    "--no-config",
    "--no-require-git",
    "--no-ignore-global",
  ];
  args.push("--no-ignore-dot", "--no-ignore-exclude");
  // .git, node_modules and SmallCode's own state, as in the JS walk
  for (const dir of SKIPPED_DIRS) args.push("--glob", `!${dir}`);
  if (q.glob) args.push("--glob", q.glob.replace(/^\.\//, ""));
  if (q.literal) args.push("--fixed-strings");
  args.push("--regexp", q.pattern);
  if (q.base !== ".") args.push("--", q.base);
  return new Promise((resolve) => {
    const child = spawn(rg, args, { cwd: q.root, stdio: ["ignore", "pipe", "pipe"], signal: q.signal });
    const out = new Collector(q.keep);
    let stderr = "";
    let stopped = false;
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", (e) => {
      if (!stopped) resolve({ ok: false, message: `ripgrep failed: ${e.message}` });
      stopped = true;
    });
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (stopped || !line.startsWith('{"type":"match"')) return;
      const data = JSON.parse(line).data as {
        path: { text?: string };
        lines: { text?: string; bytes?: string };
        line_number: number;
      };
      // A line that is not UTF-8 comes as base64 bytes: decode it as Latin-1, like the JS engine.
      const body = data.lines.text ?? Buffer.from(data.lines.bytes ?? "", "base64").toString("latin1");
      if (data.path.text === undefined) return;
      const path = data.path.text.replace(/^\.\//, "");
      if (!out.add({ path, line: data.line_number, text: body.replace(/\r?\n$/, "") })) {
        stopped = true;
        child.kill();
        resolve(out.done());
      }
    });
    child.on("close", (code) => {
      if (stopped) return;
      stopped = true;
      if (code === 2 && out.total === 0) {
        const badRegex = /regex parse error|error parsing regex/i.test(stderr);
        resolve({ ok: false, message: stderr.trim() || "ripgrep failed", badRegex });
      } else resolve(out.done());
    });
  });
}

/**
 * Walks the project in JS and tests each line in a worker (see search-worker.ts), under the query's
 * time limit: a timed-out search returns what it found with `stopped` saying where it was stuck.
 */
export async function searchWithJs(q: SearchQuery): Promise<SearchOutcome> {
  const source = q.literal ? q.pattern.replace(/[.*+?^${}()|[\]\\]/g, "\\$&") : q.pattern;
  let files: string[];
  if (q.baseIsFile) files = [q.base];
  else {
    const pattern = q.glob ? toProjectGlob(q.glob, q.base) : q.base === "." ? "**/*" : `${q.base}/**/*`;
    files = await listFiles(q.root, [pattern], { signal: q.signal }).catch((e: unknown) => {
      if (q.signal?.aborted) return [];
      throw e;
    });
  }
  if (q.signal?.aborted) return { ok: false, message: CANCELLED };
  const { hits, end } = await matchInWorker({
    root: q.root,
    files,
    source,
    keep: q.keep,
    countLimit: COUNT_LIMIT,
    maxFileBytes: MAX_FILE_BYTES,
    timeoutMs: q.timeoutMs,
    ...(q.signal ? { signal: q.signal } : {}),
  });
  if (end.kind === "aborted") return { ok: false, message: CANCELLED };
  if (end.kind === "error") return { ok: false, message: end.message };
  const out = new Collector(q.keep);
  for (const hit of hits) {
    const path = files[hit.file]!;
    for (const [line, text] of hit.kept) out.add({ path, line, text });
    for (let n = hit.kept.length; n < hit.count; n++) out.count(path);
  }
  const done = out.done();
  return end.kind === "timeout" && done.ok ? { ...done, stopped: { file: end.file, line: end.line } } : done;
}
