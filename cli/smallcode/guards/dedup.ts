import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { stableStringify } from "../../../runtime/index.ts";
import {
  ALLOW,
  type Guard,
  type GuardContext,
  type GuardVerdict,
  type PendingCall,
  type ToolOutcomeRecord,
} from "../contract/index.ts";
import {
  callKey,
  EDIT_TOOLS,
  GUARD_TOOLS,
  PATCH_TOOLS,
  pathOf,
  READ_ONLY_TOOLS,
  refuse,
} from "../guard-kit/calls.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";
import { treeFingerprint } from "../snapshots/scan.ts";
import { numberLines } from "../tools/numbered.ts";
import { plural } from "../tools/tool.ts";

/**
 * Deduplication of identical read-only calls: a `read_file`, `search`, `find_files` or
 * `search_and_read` repeated within `dedupWindow` calls is answered from the earlier result (the
 * `replace` verdict) instead of running again — but only when nothing it covers can have changed.
 * Any write to the same path drops the entry; any command or change drops the multi-file ones; and
 * before answering, the content is checked against the disk (the file's hash, or a fingerprint of the
 * tree for searches), so a stale result is never served, whoever changed the files.
 *
 * Edits are deduplicated too: a `write_file`, `patch` or `read_and_patch` identical to one that
 * already succeeded in this task is refused while the file is exactly as that edit left it (its hash
 * is checked), with where the edit put its text. Re-applying an insertion would otherwise add the
 * same code twice, since its old_str is still there.
 */

/** Switch name of this guard. */
export const DEDUP = "dedup";

interface Entry {
  readonly output: string;
  /** Index of the call (count of calls seen) that produced it. */
  readonly at: number;
  /** The file a `read_file` read, with its content hash then. */
  readonly path?: string;
  readonly hash?: string;
  /** For multi-file reads: the tree fingerprint then. */
  readonly tree?: string;
}

/** An edit that succeeded: the file as it left it, and the lines of its new text. */
interface EditEntry {
  /** Index of the call (count of calls seen) that made it, and its tool. */
  readonly at: number;
  readonly tool: string;
  readonly path: string;
  /** Content hash of the file right after the edit. */
  readonly hash: string;
  /** 1-based, inclusive; absent when unknown. */
  readonly lines?: readonly [number, number];
}

/** Most lines of an already-applied patch shown in the refusal. */
const MAX_SHOWN_LINES = 12;

async function fileHash(cwd: string, rel: string): Promise<string | undefined> {
  try {
    return createHash("sha1")
      .update(await readFile(join(cwd, rel)))
      .digest("hex");
  } catch {
    return undefined;
  }
}

async function fileText(cwd: string, rel: string): Promise<string | undefined> {
  try {
    return (await readFile(join(cwd, rel), "utf8")).replace(/\r\n/g, "\n");
  } catch {
    return undefined;
  }
}

/**
 * A key equal for calls making the same edit of the same file: `patch` and `read_and_patch` count as
 * one tool, the path is normalised, strings are trimmed and compared with LF line ends.
 */
function editKey(call: PendingCall, path: string): string {
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(call.arguments)) {
    if (k !== "path") args[k] = typeof v === "string" ? v.replace(/\r\n/g, "\n").trim() : v;
  }
  const tool = PATCH_TOOLS.has(call.name) ? "patch" : call.name;
  return createHash("sha1")
    .update(`${tool} ${path} ${stableStringify(args)}`)
    .digest("hex");
}

const lineCount = (text: string) => text.split("\n").length - (text.endsWith("\n") ? 1 : 0);

/**
 * The lines an edit's new text occupies in `text` (the file right after it): the whole file for a
 * `write_file`; for a patch the range its output names ("(lines 3–8)", "at line 4"), else where
 * new_str is found.
 */
function editedLines(outcome: ToolOutcomeRecord, text: string): readonly [number, number] | undefined {
  if (!PATCH_TOOLS.has(outcome.call.name)) return [1, Math.max(1, lineCount(text))];
  const m = /\blines (\d+)–(\d+)|\bline (\d+)\b/.exec(outcome.output.split("\n")[0] ?? "");
  if (m) return m[3] !== undefined ? [Number(m[3]), Number(m[3])] : [Number(m[1]), Number(m[2])];
  const added = outcome.call.arguments.new_str;
  if (typeof added !== "string" || added.trim() === "") return undefined;
  const wanted = added.replace(/\r\n/g, "\n").trim();
  const i = text.indexOf(wanted);
  if (i === -1) return undefined;
  const first = text.slice(0, i).split("\n").length;
  return [first, first + lineCount(wanted) - 1];
}

const showLines = ([a, b]: readonly [number, number]) => (b > a ? `lines ${a}–${b}` : `line ${a}`);

/** The refusal of an edit that is already applied, with where its text is. */
async function alreadyApplied(entry: EditEntry, between: number, cwd: string): Promise<GuardVerdict> {
  const when = between === 0 ? "just before" : `${between + 1} calls ago`;
  const head = `[edit already applied] this same ${entry.tool} of \`${entry.path}\` already succeeded ${when} and the file has not changed since`;
  const tail = "Do not repeat it: go on with the next step, or use read_file to check the file";
  const lines = entry.lines;
  if (lines === undefined) return refuse(`${head}. ${tail}`);
  if (!PATCH_TOOLS.has(entry.tool)) {
    return refuse(`${head}; it holds that content at ${showLines(lines)}. ${tail}`);
  }
  const text = await fileText(cwd, entry.path);
  if (text === undefined) return refuse(`${head}; the new text is at ${showLines(lines)}. ${tail}`);
  const last = Math.min(lines[1], lines[0] + MAX_SHOWN_LINES - 1);
  const shown = numberLines(text.split("\n").slice(lines[0] - 1, last), lines[0], { maxLineChars: 200 });
  const more = last < lines[1] ? `\n… ${plural(lines[1] - last, "more line")}` : "";
  return refuse(`${head}; the new text is at ${showLines(lines)}:\n${shown}${more}\n${tail}`);
}

/** Whether the earlier result is still in the conversation the model sees. */
function stillInHistory(ctx: GuardContext, output: string): boolean {
  const probe = output.slice(0, 200);
  if (probe.trim() === "") return false;
  return ctx.history.some(
    (m) => m.role === "tool" && typeof m.content === "string" && m.content.includes(probe),
  );
}

/** Creates the deduplication guard. */
export function dedupGuard(t: Thresholds): Guard {
  let cache = new Map<string, Entry>();
  let edits = new Map<string, EditEntry>();
  let calls = 0;

  /** Records a successful edit with the file's hash and the lines of its new text. */
  const remember = async (outcome: ToolOutcomeRecord, ctx: GuardContext): Promise<void> => {
    const path = pathOf(outcome.call, ctx.cwd);
    if (path === undefined) return;
    const hash = await fileHash(ctx.cwd, path);
    const text = await fileText(ctx.cwd, path);
    if (hash === undefined || text === undefined) return;
    const lines = editedLines(outcome, text);
    const entry = { at: calls - 1, tool: outcome.call.name, path, hash, ...(lines ? { lines } : {}) };
    edits.set(editKey(outcome.call, path), entry);
  };

  const stillValid = async (entry: Entry, ctx: GuardContext): Promise<boolean> => {
    if (entry.path !== undefined) return (await fileHash(ctx.cwd, entry.path)) === entry.hash;
    if (entry.tree !== undefined) return (await treeFingerprint(ctx.cwd)) === entry.tree;
    return false;
  };

  return {
    name: DEDUP,

    start() {
      cache = new Map();
      edits = new Map();
      calls = 0;
    },

    async beforeTool(call, ctx): Promise<GuardVerdict> {
      if (EDIT_TOOLS.has(call.name)) {
        const path = pathOf(call, ctx.cwd);
        if (path === undefined) return ALLOW;
        const key = editKey(call, path);
        const edit = edits.get(key);
        if (edit === undefined) return ALLOW;
        if ((await fileHash(ctx.cwd, edit.path)) !== edit.hash) {
          edits.delete(key);
          return ALLOW;
        }
        return alreadyApplied(edit, calls - edit.at - 1, ctx.cwd);
      }
      if (!READ_ONLY_TOOLS.has(call.name)) return ALLOW;
      const key = callKey(call);
      const entry = cache.get(key);
      if (entry === undefined) return ALLOW;
      const between = calls - entry.at - 1;
      if (between >= t.dedupWindow || !(await stillValid(entry, ctx))) {
        cache.delete(key);
        return ALLOW;
      }
      const note =
        `[you made this same ${call.name} call ${between === 0 ? "just before" : `${between + 1} calls ago`}; ` +
        "nothing it covers has changed since";
      if (stillInHistory(ctx, entry.output)) {
        return {
          action: "replace",
          output: `${note}. Its result is above in the conversation: use it instead of repeating the call]`,
        };
      }
      return { action: "replace", output: `${note}, so here is the same result again]\n${entry.output}` };
    },

    async afterTool(outcome, ctx): Promise<GuardVerdict> {
      const { call } = outcome;
      calls++;
      if (READ_ONLY_TOOLS.has(call.name)) {
        if (!outcome.ok || outcome.output.length > t.dedupMaxChars) return ALLOW;
        const key = callKey(call);
        if (call.name === "read_file") {
          const path = pathOf(call, ctx.cwd);
          if (path === undefined) return ALLOW;
          const hash = await fileHash(ctx.cwd, path);
          if (hash !== undefined) cache.set(key, { output: outcome.output, at: calls - 1, path, hash });
        } else {
          cache.set(key, { output: outcome.output, at: calls - 1, tree: await treeFingerprint(ctx.cwd) });
        }
        return ALLOW;
      }
      if (GUARD_TOOLS.has(call.name)) return ALLOW;
      if (EDIT_TOOLS.has(call.name) && outcome.ok) await remember(outcome, ctx);
      // anything else may have changed files: drop what it touched, and every multi-file result
      const touched = new Set(outcome.changed);
      const edited = EDIT_TOOLS.has(call.name) ? pathOf(call, ctx.cwd) : undefined;
      if (edited !== undefined) touched.add(edited);
      const unknownReach = !EDIT_TOOLS.has(call.name) && outcome.changed.length === 0;
      for (const [key, entry] of cache) {
        if (entry.path === undefined || unknownReach || touched.has(entry.path)) cache.delete(key);
      }
      return ALLOW;
    },
  };
}
