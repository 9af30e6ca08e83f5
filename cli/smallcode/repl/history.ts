import { appendFileSync, lstatSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { redactString } from "../../../runtime/redact.ts";

/**
 * The session's input history across sessions: `.smallcode/history` in the project, one entry a
 * line (multi-line entries are kept on one line with `\n` written out), secrets redacted before they
 * are written. A link in its place (a cloned repository can plant one) is neither read nor written.
 */

/** Entries kept. */
export const HISTORY_SIZE = 500;

function file(cwd: string): string {
  return join(cwd, ".smallcode", "history");
}

/** Whether the history file is a plain file or missing (not a link, not a folder). */
function usable(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT";
  }
}

/** The saved entries, newest first (readline's order). */
export function loadHistory(cwd: string): string[] {
  const path = file(cwd);
  if (!usable(path)) return [];
  try {
    return readFileSync(path, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .slice(-HISTORY_SIZE)
      .reverse();
  } catch {
    return [];
  }
}

/** Appends one entry (redacted); failures are ignored, history is a convenience. */
export function saveHistory(cwd: string, entry: string): void {
  const text = redactString(entry).replace(/\r?\n/g, "\\n").trim();
  if (text === "") return;
  const path = file(cwd);
  if (!usable(path)) return;
  try {
    mkdirSync(join(cwd, ".smallcode"), { recursive: true });
    appendFileSync(path, `${text}\n`);
  } catch {
    // a read-only project: no history
  }
}
