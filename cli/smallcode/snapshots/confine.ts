import { lstat } from "node:fs/promises";
import { join } from "node:path";
import { SKIPPED_DIRS } from "../tools/walk.ts";

/**
 * Keeping undo inside the project. A manifest is data on disk, and data on disk can be forged (a
 * cloned repository can ship one; an unsandboxed command can write one), while undo runs outside the
 * sandbox. So every task id, path, hash and mode a manifest holds is checked before use, the same
 * way the file tools check a model's paths: project-relative, no `..`, no absolute path, nothing in
 * `.git` or SmallCode's own state, and no symbolic link on the way to the file.
 */

/** Task ids as `newTaskId` makes them (`20250101T120000123-ab12cd`); nothing else names a directory. */
const TASK_ID = /^[0-9]{8}T[0-9]{6,9}-[0-9a-f]{6}$/;

/** Whether `id` is a task id SmallCode could have made (no separators, no `..`). */
export function validTaskId(id: unknown): id is string {
  return typeof id === "string" && TASK_ID.test(id);
}

/** Whether `hash` names a stored object (`sha256` hex) or a big file's pseudo-hash. */
export function validHash(hash: unknown): hash is string {
  return typeof hash === "string" && (/^[0-9a-f]{64}$/.test(hash) || /^big:\d+:[\d.]+$/.test(hash));
}

/**
 * Why `path` cannot be a project-relative path the scanner records, or null when it can: `/`-separated
 * segments, none empty, `.` or `..`, no NUL or backslash, not absolute, and not inside `.git`,
 * `node_modules` or `.smallcode` (never scanned, so never in a real manifest).
 */
export function pathProblem(path: unknown): string | null {
  if (typeof path !== "string" || path === "") return "is empty";
  if (path.startsWith("/")) return "is absolute";
  if (/[\0\\]/.test(path)) return "holds a NUL or backslash";
  const segments = path.split("/");
  if (segments.some((s) => s === "" || s === "." || s === ".."))
    return "is not a plain project-relative path (empty, `.` or `..` segment)";
  if (segments.some((s) => SKIPPED_DIRS.includes(s))) return "is inside .git, node_modules or .smallcode";
  return null;
}

/**
 * Checks, right before undo touches `rel`, that no directory on the way from `root` to it is a
 * symbolic link (a link planted since the task could send the write elsewhere). The final component
 * itself may be a link: undo replaces or removes links, never writes through them.
 * @returns null when safe, else why not
 */
export async function linkOnTheWay(root: string, rel: string): Promise<string | null> {
  const segments = rel.split("/");
  let cur = root;
  for (const segment of segments.slice(0, -1)) {
    cur = join(cur, segment);
    try {
      const st = await lstat(cur);
      if (st.isSymbolicLink()) return `\`${rel}\` goes through a symbolic link (${segment})`;
      if (!st.isDirectory()) return `\`${rel}\` goes through a file (${segment})`;
    } catch {
      return null; // the rest does not exist yet: undo creates real directories
    }
  }
  return null;
}
