import { type PatchArgs, patchParams } from "../../../generated/index.ts";
import { compactDiff } from "./diff.ts";
import { describeChar, encodeText, notLatin1 } from "./encoding.ts";
import { atomicWrite, readText, writeError } from "./files.ts";
import { type EditPlan, type MatchKind, planEdit } from "./match.ts";
import { numberLines } from "./numbered.ts";
import { resolveInProject } from "./paths.ts";
import { didYouMean } from "./suggest.ts";
import { count, fail, plural, type Tool, type ToolContext, type ToolResult } from "./tool.ts";
import { applyConventions } from "./write-file.ts";

/** Arguments of `patch` and `read_and_patch`, as declared in marrow/tools.marrow. */
export type { PatchArgs } from "../../../generated/index.ts";

/** What `patch` returns besides the text: how it matched, where the new text is, the diff. */
export interface PatchResult extends ToolResult {
  readonly path?: string;
  /** How old_str was found; "created" when an empty old_str created a new file. */
  readonly matchKind?: MatchKind | "created";
  /** Lines of the new text in the patched file (1-based, inclusive). */
  readonly startLine?: number;
  readonly endLine?: number;
  /** Unified diff of the change. */
  readonly diff?: string;
}

/** Below this similarity the closest region is not worth showing. */
const MIN_SHOWN_SIMILARITY = 0.35;
/** Most lines of the closest region shown in an error. */
const MAX_REGION_LINES = 30;

function listLines(lines: readonly number[]): string {
  const shown = lines.slice(0, 10).map(String);
  const more = lines.length > 10 ? `, … ${count(lines.length - 10)} more` : "";
  return shown.join(", ") + more;
}

/** The model-readable error for a failed plan. */
export function explainFailure(
  plan: Extract<EditPlan, { ok: false }>,
  rel: string,
  fileLines: string[],
): string {
  if (plan.reason === "ambiguous") {
    const how = plan.ignoringWhitespace ? " when whitespace is ignored" : "";
    return (
      `old_str matches ${count(plan.lines.length)} places in \`${rel}\`${how} (lines ${listLines(plan.lines)}); it must match exactly one. ` +
      "Include more of the surrounding lines in old_str (and new_str) so it is unique"
    );
  }
  const head = `old_str was not found in \`${rel}\`, not even ignoring whitespace`;
  if (plan.alreadyAt !== null) {
    return `${head}, but new_str is already there at line ${plan.alreadyAt}: the change looks applied already. Use read_file to check`;
  }
  const region = plan.closest;
  if (region === null || region.similarity < MIN_SHOWN_SIMILARITY) {
    return `${head}, and nothing in the file resembles it. Read the file with read_file (it has ${plural(fileLines.length, "line")}) and copy the exact text to replace`;
  }
  const end = Math.min(region.endLine, region.startLine + MAX_REGION_LINES - 1);
  const shown = numberLines(fileLines.slice(region.startLine - 1, end), region.startLine, {
    maxLineChars: 400,
  });
  const more = end < region.endLine ? `\n… ${plural(region.endLine - end, "more line")}` : "";
  return (
    `${head}. The closest region is lines ${region.startLine}–${region.endLine} (${Math.round(region.similarity * 100)}% similar):\n` +
    `${shown}${more}\n` +
    "Copy the exact text of those lines into old_str (without the line numbers) and retry"
  );
}

/** Why a patch cannot go into a Latin-1 file: characters it cannot store, and what to do instead. */
function latin1Refusal(rel: string, lost: readonly string[]): string {
  const shown = lost.slice(0, 5).map(describeChar).join(", ");
  return (
    `\`${rel}\` is not UTF-8 (it is read as Latin-1, one byte per character), and new_str has characters ` +
    `Latin-1 cannot store: ${shown}. Nothing was changed. Write them in ASCII (for example as an escape ` +
    `sequence), or convert the file to UTF-8 first (bash: iconv -f latin1 -t utf-8 ${rel} > ${rel}.utf8 && mv ${rel}.utf8 ${rel})`
  );
}

async function createWithPatch(
  abs: string,
  rel: string,
  content: string,
  ctx: ToolContext,
): Promise<PatchResult> {
  const text = applyConventions(content, null).text;
  try {
    await atomicWrite(abs, text);
  } catch (e) {
    return fail(writeError(rel, e));
  }
  ctx.onChange?.(rel, "created");
  const lines = Math.max(1, text.split("\n").length - (text.endsWith("\n") ? 1 : 0));
  return {
    ok: true,
    output: `created \`${rel}\` (${plural(lines, "line")}) because old_str was empty and the file did not exist`,
    path: rel,
    matchKind: "created",
    startLine: 1,
    endLine: lines,
    diff: compactDiff(rel, "", text, ctx.limits),
  };
}

/** Applies a patch; shared by `patch` and `read_and_patch`. */
export async function applyPatch(args: PatchArgs, ctx: ToolContext): Promise<PatchResult> {
  const resolved = await resolveInProject(ctx.cwd, args.path);
  if (!resolved.ok) return fail(resolved.message);
  const { abs, rel } = resolved.path;
  const read = await readText(abs, rel);
  if (read.kind === "missing") {
    if (args.old_str === "") return createWithPatch(abs, rel, args.new_str, ctx);
    return fail(
      `file not found: \`${rel}\`.${await didYouMean(ctx.cwd, rel, ctx.signal)} To create a file use write_file`,
    );
  }
  if (read.kind === "directory") return fail(`\`${rel}\` is a directory; patch edits one file`);
  if (read.kind === "error") return fail(read.message);

  const crlf = /\r\n/.test(read.text) && !/(^|[^\r])\n/.test(read.text);
  const before = crlf ? read.text.replace(/\r\n/g, "\n") : read.text;
  const oldStr = args.old_str.replace(/\r\n/g, "\n");
  const newStr = args.new_str.replace(/\r\n/g, "\n");
  if (oldStr === "") {
    if (before.trim() !== "") {
      return fail(
        "old_str is empty; copy the exact lines to replace into old_str. To add code, put a nearby line in old_str " +
          "and repeat it in new_str together with the addition; to replace the whole file use write_file",
      );
    }
  } else if (oldStr === newStr) {
    return fail("old_str and new_str are identical; there is nothing to change");
  }

  const plan: EditPlan =
    oldStr === ""
      ? {
          ok: true,
          kind: "exact",
          text: newStr,
          startLine: 1,
          endLine: 1,
          strippedGutters: false,
          keptIndent: false,
          alreadyApplied: false,
        }
      : planEdit(before, oldStr, newStr);
  if (!plan.ok) return fail(explainFailure(plan, rel, before.split("\n")));
  const where =
    plan.endLine > plan.startLine ? `lines ${plan.startLine}–${plan.endLine}` : `line ${plan.startLine}`;
  if (plan.alreadyApplied) {
    return {
      ok: true,
      output: `already applied: \`${rel}\` already has new_str at ${where}, right where old_str is; nothing was changed. Do not repeat this patch`,
      path: rel,
      matchKind: plan.kind,
      startLine: plan.startLine,
      endLine: plan.endLine,
      diff: "",
    };
  }

  const after = plan.text;
  const body = crlf ? after.replace(/\n/g, "\r\n") : after;
  if (read.encoding === "latin1") {
    const lost = notLatin1(body);
    if (lost.length > 0) return fail(latin1Refusal(rel, lost));
  }
  try {
    await atomicWrite(abs, encodeText(body, read.encoding, read.bom), read.mode);
  } catch (e) {
    return fail(writeError(rel, e));
  }
  ctx.onChange?.(rel, "modified");

  const notes: string[] = [];
  if (plan.kind === "whitespace") {
    notes.push(
      plan.keptIndent
        ? "matched ignoring whitespace; new_str kept as written (its indentation already matches the file)"
        : "matched ignoring whitespace; indentation adapted to the file",
    );
  }
  if (plan.kind === "whitespace-inline") notes.push("matched ignoring whitespace");
  if (plan.strippedGutters) notes.push("removed line numbers copied from read_file");
  if (read.encoding === "latin1") notes.push("kept the file's Latin-1 bytes (it is not UTF-8)");
  const diff = compactDiff(rel, before, after, ctx.limits);
  const summary = `patched \`${rel}\` (${where})${notes.length ? `; ${notes.join("; ")}` : ""}`;
  return {
    ok: true,
    output: `${summary}\n${diff}`,
    path: rel,
    matchKind: plan.kind,
    startLine: plan.startLine,
    endLine: plan.endLine,
    diff,
  };
}

/**
 * `patch(path, old_str, new_str)`: replaces the one occurrence of old_str. Whitespace differences are
 * forgiven when the match is still unique; otherwise the error shows the ambiguous lines or the
 * closest region so the model can retry.
 */
export const patchTool: Tool<PatchArgs, PatchResult> = {
  name: "patch",
  params: patchParams,
  run: applyPatch,
};
