import { readdirSync } from "node:fs";
import { join } from "node:path";
import { readForDiff, writtenPath } from "./diff-view.ts";

/**
 * `@path` in a task attaches that project file to the message: its text follows the task in a
 * fenced block. Only files inside the project, not links, text, at most {@link MAX_ATTACH} bytes.
 */

/** Largest file attached. */
export const MAX_ATTACH = 64 * 1024;

/** The task with its `@path` files appended, and a note for each one that could not be attached. */
export function attachFiles(cwd: string, task: string): { text: string; notes: string[] } {
  const notes: string[] = [];
  const parts: string[] = [];
  const seen = new Set<string>();
  for (const m of task.matchAll(/(?:^|\s)@([^\s@]+)/g)) {
    const word = (m[1] ?? "").replace(/[.,;:!?)]+$/, "");
    const rel = writtenPath(cwd, "write_file", { path: word });
    if (rel === undefined) {
      notes.push(`@${word}: not attached (outside the project)`);
      continue;
    }
    if (seen.has(rel)) continue;
    seen.add(rel);
    const text = readForDiff(cwd, rel);
    if (text === undefined || text === "") {
      notes.push(`@${word}: not attached (missing, empty, a link, binary or over 512 KB)`);
      continue;
    }
    if (Buffer.byteLength(text) > MAX_ATTACH) {
      notes.push(
        `@${word}: not attached (over ${MAX_ATTACH / 1024} KB; the model can read it with read_file)`,
      );
      continue;
    }
    const fence = text.includes("```") ? "````" : "```";
    parts.push(`Attached \`${rel}\`:\n${fence}\n${text.replace(/\n$/, "")}\n${fence}`);
  }
  return { text: parts.length > 0 ? `${task}\n\n${parts.join("\n\n")}` : task, notes };
}

/** Completion of the `@path` word at the end of `line`: matching names in that folder of the project. */
export function completeAttach(cwd: string, line: string): [string[], string] {
  const m = /(?:^|\s)@([^\s@]*)$/.exec(line);
  if (!m) return [[], line];
  const word = m[1] ?? "";
  const folder = word.includes("/") ? word.slice(0, word.lastIndexOf("/")) : ".";
  if (folder === "") return [[], `@${word}`];
  if (writtenPath(cwd, "write_file", { path: join(folder, "x") }) === undefined) return [[], `@${word}`];
  let names: string[] = [];
  try {
    names = readdirSync(join(cwd, folder), { withFileTypes: true })
      .filter((d) => !d.name.startsWith(".") || word.split("/").at(-1)?.startsWith("."))
      .map((d) => `@${folder === "." ? "" : `${folder}/`}${d.name}${d.isDirectory() ? "/" : ""}`);
  } catch {
    return [[], `@${word}`];
  }
  return [names.filter((n) => n.startsWith(`@${word}`)).sort(), `@${word}`];
}
