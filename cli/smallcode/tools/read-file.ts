import { readdir } from "node:fs/promises";
import { type ReadFileArgs, readFileParams } from "../../../generated/index.ts";
import { splitLines } from "./cap.ts";
import { latin1Note, type TextEncoding } from "./encoding.ts";
import { readText } from "./files.ts";
import { numberLines } from "./numbered.ts";
import { resolveInProject } from "./paths.ts";
import { didYouMean } from "./suggest.ts";
import { count, fail, type Tool, type ToolResult } from "./tool.ts";

/** Longest line `read_file` shows before cutting it with a marker. */
export const READ_MAX_LINE_CHARS = 2000;

/** Arguments of `read_file`, as declared in marrow/tools.marrow. */
export type { ReadFileArgs } from "../../../generated/index.ts";

/** What `read_file` returns besides the text: which lines were shown. */
export interface ReadFileResult extends ToolResult {
  /** Project-relative path of the file read. */
  readonly path?: string;
  readonly totalLines?: number;
  /** First and last line shown (1-based, inclusive). */
  readonly startLine?: number;
  readonly endLine?: number;
  /** How the file was decoded: `latin1` when it is not valid UTF-8 (the output then says so first). */
  readonly encoding?: TextEncoding;
}

/** Lists a directory briefly, for the "is a directory" error. */
async function listDir(abs: string): Promise<string> {
  try {
    const entries = await readdir(abs, { withFileTypes: true });
    const names = entries
      .map((e) => (e.isDirectory() ? `${e.name}/` : e.name))
      .sort()
      .slice(0, 40);
    const more = entries.length > names.length ? `, … ${count(entries.length - names.length)} more` : "";
    return names.length ? ` It contains: ${names.join(", ")}${more}.` : " It is empty.";
  } catch {
    return "";
  }
}

/**
 * `read_file(path, start_line?, end_line?)`: the file with numbered lines. Without a range, or with a
 * range larger than the window, it shows one window (`limits.readWindowLines` lines or
 * `limits.readWindowChars` characters) and a footer saying how to get the next one. A file that is not
 * valid UTF-8 is shown as Latin-1 under a first line that says so.
 */
export const readFileTool: Tool<ReadFileArgs, ReadFileResult> = {
  name: "read_file",
  params: readFileParams,
  async run(args, ctx) {
    const resolved = await resolveInProject(ctx.cwd, args.path);
    if (!resolved.ok) return fail(resolved.message);
    const { abs, rel } = resolved.path;
    const read = await readText(abs, rel);
    if (read.kind === "missing")
      return fail(`file not found: \`${rel}\`.${await didYouMean(ctx.cwd, rel, ctx.signal)}`);
    if (read.kind === "directory") {
      return fail(
        `\`${rel}\` is a directory, not a file.${await listDir(abs)} Use find_files to list files in it.`,
      );
    }
    if (read.kind === "error") return fail(read.message);

    const head = read.invalid ? `(${latin1Note(rel, read.invalid)})\n` : "";
    const lines = splitLines(read.text);
    const total = lines.length;
    if (total === 0) return { ok: true, output: `(\`${rel}\` is empty)`, path: rel, totalLines: 0 };
    const start = Math.max(1, args.start_line ?? 1);
    if (start > total) {
      return fail(
        `start_line=${start} is past the end of \`${rel}\`, which has ${count(total)} lines; use a start_line from 1 to ${total}`,
      );
    }
    if (args.end_line !== undefined && args.end_line < start) {
      return fail(`end_line=${args.end_line} is before start_line=${start}; end_line must be ≥ start_line`);
    }
    const end = Math.min(args.end_line ?? total, total);

    let shownEnd = start - 1;
    let chars = 0;
    const { readWindowLines, readWindowChars } = ctx.limits;
    while (shownEnd < end && shownEnd - start + 1 < readWindowLines) {
      const len = Math.min(lines[shownEnd]!.length, READ_MAX_LINE_CHARS) + 8;
      if (shownEnd >= start && chars + len > readWindowChars) break;
      chars += len;
      shownEnd++;
    }

    const body = numberLines(lines.slice(start - 1, shownEnd), start, {
      maxLineChars: READ_MAX_LINE_CHARS,
      width: Math.max(4, String(shownEnd).length),
    });
    const range = `lines ${count(start)}–${count(shownEnd)} of ${count(total)}`;
    let footer = "";
    if (shownEnd < end) footer = `\n[${range}; call read_file with start_line=${shownEnd + 1} for more]`;
    else if (start > 1 || shownEnd < total) footer = `\n[${range}]`;
    return {
      ok: true,
      output: head + body + footer,
      encoding: read.encoding,
      truncated: shownEnd < end,
      path: rel,
      totalLines: total,
      startLine: start,
      endLine: shownEnd,
    };
  },
};
