import { isAbsolute, posix, relative } from "node:path";
import { stableStringify } from "../../../runtime/index.ts";
import type { GuardContext, GuardVerdict, PendingCall, ToolOutcomeRecord } from "../contract/index.ts";
import { parseCommands } from "../tools/shell-words.ts";
import { asksForChanges } from "./keywords.ts";

/**
 * What the guards need to know about tool calls: which tools only read, which write, which run
 * commands; a canonical key per call; the project path a call is about; whether a task needs changes.
 */

/** Tools that only read the project. */
export const READ_ONLY_TOOLS: ReadonlySet<string> = new Set([
  "read_file",
  "search",
  "find_files",
  "search_and_read",
]);

/** Tools that edit one file named by their `path` argument. */
export const EDIT_TOOLS: ReadonlySet<string> = new Set(["write_file", "patch", "read_and_patch"]);

/** Tools that edit a file by replacing a region (their failures are "patch spirals"). */
export const PATCH_TOOLS: ReadonlySet<string> = new Set(["patch", "read_and_patch"]);

/** Tools that run commands and may change anything. */
export const RUN_TOOLS: ReadonlySet<string> = new Set(["bash", "run_tests"]);

/** Tools the guards themselves provide (plan, scratchpad, definition of done): no project effect. */
export const GUARD_TOOLS: ReadonlySet<string> = new Set(["todo", "note", "done_when"]);

/** Programs that only look: a `bash` call made of these alone (and no `>`) reads, like read_file. */
const LOOKING_PROGRAMS = new Set([
  "ls",
  "cat",
  "head",
  "tail",
  "grep",
  "egrep",
  "rg",
  "ag",
  "pwd",
  "wc",
  "tree",
  "echo",
  "which",
  "file",
  "stat",
  "du",
  "nl",
  "less",
  "sort",
  "uniq",
  "cut",
]);

const LOOKING_GIT = new Set(["status", "log", "diff", "show", "blame", "ls-files", "grep"]);

/** Whether a call only reads: a read-only tool, or a `bash` command made only of looking programs. */
export function isReadOnlyCall(call: Pick<PendingCall, "name" | "arguments">): boolean {
  if (READ_ONLY_TOOLS.has(call.name)) return true;
  if (call.name !== "bash") return false;
  const command = call.arguments.command;
  if (
    typeof command !== "string" ||
    />(?!&)/.test(command.replace(/\d?>&\d|&>\/dev\/null|>\s*\/dev\/null/g, ""))
  )
    return false;
  const commands = parseCommands(command);
  if (commands.length === 0) return false;
  return commands.every((c) => {
    if (c.program === "find") return !c.args.some((a) => ["-delete", "-exec", "-execdir", "-ok"].includes(a));
    if (c.program === "sed") return c.args.includes("-n") && !c.args.some((a) => a.startsWith("-i"));
    if (c.program === "git") return LOOKING_GIT.has(c.args.find((a) => !a.startsWith("-")) ?? "");
    return LOOKING_PROGRAMS.has(c.program);
  });
}

/** Task types (from `classify_task_type`) whose tasks are answered by reading, not by changes. */
const READING_TASK_TYPES = new Set(["explain", "search", "chat"]);

const CHANGE_VERB =
  /\b(fix|add|implement|change|rename|create|write|update|remove|delete|refactor|make|move|replace|convert|migrate|edit|support|handle|bump|set up|install|upgrade)\b/i;

/**
 * Whether the task asks for changes to the project (so finishing without any is suspicious). A `chat`
 * label is not trusted when the task text plainly asks for changes.
 */
export function needsChanges(ctx: Pick<GuardContext, "task" | "taskType">): boolean {
  if (ctx.taskType === "chat" && asksForChanges(ctx.task)) return true;
  if (READING_TASK_TYPES.has(ctx.taskType)) return false;
  if (["coding", "editing", "debugging", "refactor"].includes(ctx.taskType)) return true;
  return CHANGE_VERB.test(ctx.task);
}

/** A key equal for calls with the same name and the same arguments (key order ignored, strings trimmed). */
export function callKey(call: Pick<PendingCall, "name" | "arguments">): string {
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(call.arguments)) args[k] = typeof v === "string" ? v.trim() : v;
  return `${call.name} ${stableStringify(args)}`;
}

/**
 * The project-relative, `/`-separated path a call is about (its `path` argument), or undefined.
 * Absolute paths inside `cwd` become relative; `./a//b` becomes `a/b`.
 */
export function pathOf(call: Pick<PendingCall, "arguments">, cwd: string): string | undefined {
  const raw = call.arguments.path;
  if (typeof raw !== "string") return undefined;
  let p = raw.trim().replace(/^(["'`])(.*)\1$/, "$2");
  if (p === "") return undefined;
  if (isAbsolute(p)) {
    const rel = relative(cwd, p);
    if (!rel.startsWith("..") && !isAbsolute(rel)) p = rel;
  }
  const normal = posix.normalize(p.replace(/\\/g, "/")).replace(/^\.\//, "").replace(/\/$/, "");
  return normal === "" ? "." : normal;
}

/** Whether an outcome changed the project (an edit that succeeded, or any reported change). */
export function changedSomething(outcome: ToolOutcomeRecord): boolean {
  return outcome.changed.length > 0 || (EDIT_TOOLS.has(outcome.call.name) && outcome.ok);
}

/** A steer verdict. */
export function steer(message: string): GuardVerdict {
  return { action: "steer", message };
}

/** A stop verdict. */
export function stop(message: string): GuardVerdict {
  return { action: "stop", message };
}

/** A refuse verdict (beforeTool only). */
export function refuse(message: string): GuardVerdict {
  return { action: "refuse", message };
}

/** `read_file(path="a.ts")`: a call as the model would write it, for messages. */
export function showCall(call: Pick<PendingCall, "name" | "arguments">, maxChars = 80): string {
  const args = Object.entries(call.arguments)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ");
  const shown = `${call.name}(${args})`;
  return shown.length > maxChars ? `${shown.slice(0, maxChars - 1)}…)` : shown;
}

/** `names` with `extra` appended, each name once (a guard offering its own tools). */
export function withTools(names: readonly string[], extra: readonly string[]): string[] {
  const out = [...names];
  for (const name of extra) if (!out.includes(name)) out.push(name);
  return out;
}
