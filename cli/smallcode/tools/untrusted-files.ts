import { lstatSync, readFileSync, realpathSync } from "node:fs";
import { dirname, relative, sep } from "node:path";
import { within } from "./real-path.ts";

/**
 * Reading text a project (or the user) put next to the code — SKILL.md, AGENTS.md — as untrusted
 * input: regular files only, no link that leads out of the folder it must stay in, a size cap, and a
 * problem value instead of a throw for each thing that is wrong.
 */

/** Something wrong with a knowledge file: what, where (file and line), and how to fix it. */
export interface KnowledgeProblem {
  readonly code:
    | "TOO_LARGE"
    | "LINK_OUTSIDE"
    | "NOT_A_FILE"
    | "UNREADABLE"
    | "BAD_FRONT_MATTER"
    | "BAD_NAME"
    | "DUPLICATE"
    | "IGNORED_KEY";
  /** The file, as the user would type it (project-relative for project files). */
  readonly file: string;
  readonly line: number;
  readonly message: string;
  readonly hint: string;
}

/**
 * `text` with control characters shown as `?`: file names, link targets and front-matter lines come
 * from a cloned repository, and notices reach the terminal as they are (an escape sequence in a
 * folder name must not repaint the screen).
 */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, "?");
}

/** `file:line: message; hint`, one line for the terminal and traces. */
export function formatProblem(p: KnowledgeProblem): string {
  return printable(`${p.file}:${p.line}: ${p.message}; ${p.hint}`);
}

/** A text file read, or why not. */
export type ReadText =
  | { readonly ok: true; readonly text: string; readonly bytes: number }
  | { readonly ok: false; readonly problem?: KnowledgeProblem };

/** `path` as shown to people: relative to `base` when it lies under it. */
export function shown(path: string, base: string | undefined): string {
  if (base === undefined) return path;
  const rel = relative(base, path);
  return rel === "" || rel.startsWith("..") ? path : rel.split(sep).join("/");
}

/** The real path of `path`, or undefined when it does not exist. */
export function realOrNone(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}

/**
 * Reads a UTF-8 text file of at most `maxBytes`. Absent: `{ ok: false }` with no problem. When
 * `confine` is given (a real folder), the file and the folders leading to it must really lie inside it,
 * so a link planted in a cloned repository cannot make SmallCode read `~/.ssh/id_rsa` into a prompt.
 */
export function readText(path: string, maxBytes: number, confine?: string, base = confine): ReadText {
  const file = shown(path, base);
  let stat: ReturnType<typeof lstatSync>;
  try {
    stat = lstatSync(path);
  } catch {
    return { ok: false };
  }
  const problem = (code: KnowledgeProblem["code"], message: string, hint: string): ReadText => ({
    ok: false,
    problem: { code, file, line: 1, message, hint },
  });
  if (confine !== undefined) {
    const real = realOrNone(path);
    const parent = realOrNone(dirname(path));
    if (real === undefined || parent === undefined || !within(real, confine) || !within(parent, confine))
      return problem(
        "LINK_OUTSIDE",
        `is a link to ${real ?? "a missing file"}, outside ${confine}`,
        "SmallCode reads project knowledge only from files inside the project; replace the link with the file",
      );
  }
  if (stat.isSymbolicLink()) {
    try {
      stat = lstatSync(realpathSync(path));
    } catch {
      return { ok: false };
    }
  }
  if (!stat.isFile()) return problem("NOT_A_FILE", "is not a regular file", "make it a plain text file");
  if (stat.size > maxBytes)
    return problem(
      "TOO_LARGE",
      `is ${stat.size.toLocaleString("en-US")} bytes, more than the ${maxBytes.toLocaleString("en-US")} SmallCode reads`,
      "shorten it, or move the detail into other files the model can read when it needs them",
    );
  try {
    const text = readFileSync(path, "utf8");
    return { ok: true, text, bytes: stat.size };
  } catch (error) {
    return problem("UNREADABLE", `cannot be read (${(error as Error).message})`, "check its permissions");
  }
}
