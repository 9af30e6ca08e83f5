import { lstatSync, readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { createTwoFilesPatch } from "diff";

/**
 * What the user sees of each edit: the file's text is read before a writing tool runs and after it
 * ended, and the change is shown as a unified diff (coloured on a terminal). The tracker also keeps
 * each file's text from before its first change in the session, for `/diff`. Paths outside the
 * project, links, and files over {@link MAX_BYTES} are never read (a hostile model names them).
 */

/** Tools that change the file named by their `path` argument. */
export const WRITING_TOOLS: ReadonlySet<string> = new Set(["write_file", "patch", "read_and_patch"]);

/** Files larger than this are not read for a diff. */
export const MAX_BYTES = 512 * 1024;

/** Diff lines shown after one edit; the rest is summarised in one line. */
export const MAX_LINES = 80;

/** The project-relative path a call writes, when it is a writing tool with a path inside `root`. */
export function writtenPath(
  root: string,
  name: string,
  args: Readonly<Record<string, unknown>>,
): string | undefined {
  if (!WRITING_TOOLS.has(name) || typeof args.path !== "string" || args.path.trim() === "") return undefined;
  const abs = resolve(root, args.path);
  const rel = relative(root, abs);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return rel.split("\\").join("/");
}

/** A file's text, "" when missing; undefined when it cannot be shown (a link, a directory, too big, binary). */
export function readForDiff(root: string, rel: string): string | undefined {
  const abs = resolve(root, rel);
  try {
    const st = lstatSync(abs);
    if (!st.isFile() || st.size > MAX_BYTES) return undefined;
    const text = readFileSync(abs, "utf8");
    return text.includes("\u0000") ? undefined : text;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ENOENT" ? "" : undefined;
  }
}

/** A unified diff of one file (3 lines of context), without the `Index:`/`===` header; "" when equal. */
export function unifiedDiff(rel: string, before: string, after: string): string {
  if (before === after) return "";
  const patch = createTwoFilesPatch(
    before === "" ? "/dev/null" : `a/${rel}`,
    `b/${rel}`,
    before,
    after,
    undefined,
    undefined,
    { context: 3 },
  );
  return patch
    .split("\n")
    .filter((l) => !/^=+$/.test(l) && !l.startsWith("Index:") && !l.startsWith("\\ No newline"))
    .join("\n")
    .trimEnd();
}

/** Colours a unified diff: additions green, deletions red, hunk heads cyan, file heads bold. */
export function colorDiff(diff: string, color: boolean, maxLines = Number.POSITIVE_INFINITY): string {
  const lines = diff.split("\n");
  const shown = lines.slice(0, maxLines);
  const out = shown.map((line) => {
    if (!color) return line;
    if (line.startsWith("+++") || line.startsWith("---")) return `\u001b[1m${line}\u001b[22m`;
    if (line.startsWith("@@")) return `\u001b[36m${line}\u001b[39m`;
    if (line.startsWith("+")) return `\u001b[32m${line}\u001b[39m`;
    if (line.startsWith("-")) return `\u001b[31m${line}\u001b[39m`;
    return line;
  });
  if (lines.length > shown.length)
    out.push(`… ${lines.length - shown.length} more diff lines (/diff shows all)`);
  return out.join("\n");
}

/** Tracks the files a session's writing tools change. */
export class DiffTracker {
  readonly #rootOf: () => string;
  /** call id → path and text before the call */
  readonly #pending = new Map<string, { rel: string; before: string }>();
  /** path → text before the session's first change to it */
  readonly #original = new Map<string, string>();

  /** `root`: the project directory, or a function giving it once it is known. */
  constructor(root: string | (() => string)) {
    this.#rootOf = typeof root === "string" ? () => root : root;
  }

  get #root(): string {
    return this.#rootOf();
  }

  /** Before a tool runs: remembers the file's text when the call writes one. */
  start(id: string, name: string, args: Readonly<Record<string, unknown>>): void {
    const rel = writtenPath(this.#root, name, args);
    if (rel === undefined) return;
    const before = readForDiff(this.#root, rel);
    if (before === undefined) return;
    this.#pending.set(id, { rel, before });
  }

  /** After a tool ended: the diff of its change ("" when none, it failed, or was not tracked). */
  end(id: string, ok: boolean): string {
    const pending = this.#pending.get(id);
    this.#pending.delete(id);
    if (!pending || !ok) return "";
    const after = readForDiff(this.#root, pending.rel);
    if (after === undefined) return "";
    if (!this.#original.has(pending.rel)) this.#original.set(pending.rel, pending.before);
    return unifiedDiff(pending.rel, pending.before, after);
  }

  /** Every change of the session so far, file by file against its text before the first change. */
  sessionDiff(): string {
    const parts: string[] = [];
    for (const [rel, before] of [...this.#original].sort(([a], [b]) => a.localeCompare(b))) {
      const now = readForDiff(this.#root, rel);
      if (now === undefined) continue;
      const diff = unifiedDiff(rel, before, now);
      if (diff !== "") parts.push(diff);
    }
    return parts.join("\n");
  }

  /** Forgets the session's changes (`/clear`). */
  reset(): void {
    this.#pending.clear();
    this.#original.clear();
  }
}
