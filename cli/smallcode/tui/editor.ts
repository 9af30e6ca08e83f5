import { completeAttach } from "../repl/attach.ts";
import { completeSlash } from "../repl/commands.ts";

/**
 * The fullscreen face's input line as plain data and pure edits: text with a cursor, several lines
 * (a pasted block, `\` then Enter, Alt-Enter, or a `"""` block), the history across sessions
 * (`../repl/history.ts`, newest first), and Tab completion of slash commands and `@path` words
 * (the classic face's completers).
 */

/** The input's state. */
export interface Editor {
  readonly text: string;
  /** Offset of the cursor in `text`. */
  readonly cursor: number;
  /** Index into the history while browsing it (-1: editing the draft). */
  readonly browsing: number;
  /** The text being written before browsing started. */
  readonly draft: string;
  /** Candidates the last Tab found, when several. */
  readonly hints: readonly string[];
}

/** An empty input. */
export const EMPTY: Editor = Object.freeze({ text: "", cursor: 0, browsing: -1, draft: "", hints: [] });

const at = (text: string, cursor: number): Editor => ({ text, cursor, browsing: -1, draft: "", hints: [] });

/** Inserts typed or pasted text at the cursor (line breaks kept; `\r\n` and `\r` become `\n`). */
export function insert(e: Editor, typed: string): Editor {
  const text = typed.replace(/\r\n?/g, "\n").replace(/\t/g, "  ");
  return at(e.text.slice(0, e.cursor) + text + e.text.slice(e.cursor), e.cursor + text.length);
}

/** Deletes the character before the cursor. */
export function backspace(e: Editor): Editor {
  if (e.cursor === 0) return e;
  return at(e.text.slice(0, e.cursor - 1) + e.text.slice(e.cursor), e.cursor - 1);
}

/** Deletes the character under the cursor. */
export function del(e: Editor): Editor {
  return at(e.text.slice(0, e.cursor) + e.text.slice(e.cursor + 1), e.cursor);
}

/** Deletes the word before the cursor (Ctrl-W). */
export function deleteWord(e: Editor): Editor {
  const before = e.text.slice(0, e.cursor).replace(/\S+\s*$/, "");
  return at(before + e.text.slice(e.cursor), before.length);
}

/** Moves the cursor by `delta` characters, or to the start or end of its line. */
export function move(e: Editor, to: number | "home" | "end"): Editor {
  let cursor: number;
  if (to === "home") cursor = e.text.lastIndexOf("\n", e.cursor - 1) + 1;
  else if (to === "end") {
    const nl = e.text.indexOf("\n", e.cursor);
    cursor = nl < 0 ? e.text.length : nl;
  } else cursor = Math.max(0, Math.min(e.text.length, e.cursor + to));
  return { ...e, cursor, hints: [] };
}

/** Whether Enter should add a line instead of submitting: a `\` at the end, or inside a `"""` block. */
export function continues(e: Editor): boolean {
  if (e.text.endsWith("\\")) return true;
  const first = e.text.split("\n")[0]?.trim();
  if (first !== '"""') return false;
  const lines = e.text.split("\n");
  return lines.length === 1 || lines.at(-1)?.trim() !== '"""';
}

/** Enter on a continued input: the line break (a trailing `\` is replaced by it). */
export function newline(e: Editor): Editor {
  if (e.text.endsWith("\\") && e.cursor === e.text.length)
    return at(`${e.text.slice(0, -1)}\n`, e.text.length);
  return insert(e, "\n");
}

/** The text to submit: a `"""` block without its fences. */
export function submitted(e: Editor): string {
  const lines = e.text.split("\n");
  if (lines[0]?.trim() === '"""')
    return lines.slice(1, lines.at(-1)?.trim() === '"""' ? -1 : undefined).join("\n");
  return e.text;
}

/**
 * One step through `history` (newest first): `older` goes back in time; past the newest entry the
 * draft comes back. Saved entries keep their line breaks as `\n` written out.
 */
export function browse(e: Editor, history: readonly string[], older: boolean): Editor {
  const index = e.browsing + (older ? 1 : -1);
  const draft = e.browsing === -1 ? e.text : e.draft;
  if (index < -1 || index >= history.length) return e;
  const text = index === -1 ? draft : (history[index] ?? "").replace(/\\n/g, "\n");
  return { text, cursor: text.length, browsing: index, draft, hints: [] };
}

/** Whether the cursor is on the first (or last) line, where Up (Down) browses the history. */
export function onEdgeLine(e: Editor, first: boolean): boolean {
  return first ? !e.text.slice(0, e.cursor).includes("\n") : !e.text.slice(e.cursor).includes("\n");
}

/** Longest common start of `words`. */
function commonPrefix(words: readonly string[]): string {
  if (words.length === 0) return "";
  let prefix = words[0]!;
  for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
  return prefix;
}

/**
 * Tab: completes the slash command or the `@path` word before the cursor (readline's completers of
 * the classic face); several candidates are completed to their common start and listed as hints.
 */
export function complete(e: Editor, cwd: string): Editor {
  const before = e.text.slice(0, e.cursor);
  const [hits, word] = before.startsWith("/") ? completeSlash(before) : completeAttach(cwd, before);
  if (hits.length === 0) return { ...e, hints: [] };
  const common = commonPrefix(hits);
  const replaced = hits.length === 1 ? `${hits[0]}${hits[0]!.endsWith("/") ? "" : " "}` : common;
  if (replaced.length < word.length) return { ...e, hints: hits };
  const start = before.length - word.length;
  const text = e.text.slice(0, start) + replaced + e.text.slice(e.cursor);
  return { ...at(text, start + replaced.length), hints: hits.length > 1 ? hits : [] };
}
