import { redactString } from "../../../runtime/redact.ts";
import { count } from "./tool.ts";

/**
 * Output capping shared by all tools: keep the head and the tail, drop the middle, and say so with a
 * marker line that tells the model how to see the rest. Nothing is ever dropped silently.
 */

export interface CapOptions {
  readonly maxLines: number;
  readonly maxChars: number;
  /** Lines longer than this are cut with a `… [N more chars]` marker. */
  readonly maxLineChars?: number;
  /** How to see the omitted part, e.g. "pipe through `tail -n 50` to see the end". */
  readonly hint?: string;
  /** Share of the budget given to the head (the rest goes to the tail). Default 0.5. */
  readonly headRatio?: number;
}

/** A capped text and what was dropped from it. */
export interface Capped {
  readonly text: string;
  readonly truncated: boolean;
  /** Lines dropped from the middle. */
  readonly omittedLines: number;
  readonly totalLines: number;
}

/** Characters that end a word for {@link safeCut}: spaces, quotes and brackets (not `=:/+.-_`, which tokens and URLs hold). */
const WORD_BREAK = /[\s"'`<>()[\]{},;]/;

/** Characters of context before a word that make it a secret (`password=`, `Authorization: Bearer `). */
const CONTEXT = 40;

/**
 * Where to cut `line` at most `max` characters in, so that no prefix of a secret is left: when the
 * cut falls inside a word that the redactor recognises as a secret (a registered value, a token
 * shape, a value after a secret-looking key), the cut moves back to the word's start. A prefix of a
 * secret is no longer recognisable, so sessions and traces, which redact what they store, would keep
 * it; ordinary long words are cut where they are.
 */
export function safeCut(line: string, max: number): number {
  if (line.length <= max || max <= 0) return Math.max(0, Math.min(max, line.length));
  if (WORD_BREAK.test(line[max - 1]!) || WORD_BREAK.test(line[max]!)) return max;
  let start = max;
  while (start > 0 && !WORD_BREAK.test(line[start - 1]!)) start--;
  let end = max;
  while (end < line.length && !WORD_BREAK.test(line[end]!)) end++;
  const around = line.slice(Math.max(0, start - CONTEXT), end);
  return redactString(around) === around ? max : start;
}

/**
 * Where to start keeping the end of `text` from about `from`, so that no suffix of a secret is
 * left: the mirror of {@link safeCut} (the start moves forward past a secret word the cut falls in).
 */
export function safeStart(text: string, from: number): number {
  if (from <= 0 || from >= text.length) return Math.max(0, Math.min(from, text.length));
  if (WORD_BREAK.test(text[from - 1]!) || WORD_BREAK.test(text[from]!)) return from;
  let start = from;
  while (start > 0 && !WORD_BREAK.test(text[start - 1]!)) start--;
  let end = from;
  while (end < text.length && !WORD_BREAK.test(text[end]!)) end++;
  const around = text.slice(Math.max(0, start - CONTEXT), end);
  return redactString(around) === around ? from : end;
}

/**
 * For a text whose continuation was cut off right after its end (a byte cap): how much to keep. A
 * word running into the cut is left out, since its rest is gone and a prefix of a secret is no
 * longer recognisable.
 */
export function keepBeforeCut(text: string): number {
  let start = text.length;
  while (start > 0 && !WORD_BREAK.test(text[start - 1]!)) start--;
  return start;
}

/**
 * For a text whose beginning was cut off right before its start: where to start keeping it, after
 * the word running out of the cut (a suffix of a secret is no more recognisable than a prefix).
 */
export function keepAfterCut(text: string): number {
  let end = 0;
  while (end < text.length && !WORD_BREAK.test(text[end]!)) end++;
  return end;
}

/** Cuts one line to `max` characters (less when a secret straddles the cut), marking how much was cut. */
export function cutLine(line: string, max: number): string {
  if (line.length <= max) return line;
  const at = safeCut(line, max);
  return `${line.slice(0, at)} … [${count(line.length - at)} more chars]`;
}

/** Splits text into lines, accepting `\n` and `\r\n`, without a phantom last line for a final newline. */
export function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/**
 * Keeps the head and tail of `text` within `maxLines` and `maxChars`; the middle becomes one line:
 * `… 1,234 lines omitted (lines 101–1,334 of 1,434); <hint> …`.
 */
export function capOutput(text: string, options: CapOptions): Capped {
  const maxLineChars = options.maxLineChars ?? Number.POSITIVE_INFINITY;
  const raw = splitLines(text);
  let cut = false;
  const lines = raw.map((line) => {
    const c = cutLine(line, maxLineChars);
    if (c !== line) cut = true;
    return c;
  });
  const totalChars = lines.reduce((n, l) => n + l.length + 1, 0);
  if (lines.length <= options.maxLines && totalChars <= options.maxChars) {
    return { text: lines.join("\n"), truncated: cut, omittedLines: 0, totalLines: lines.length };
  }
  const ratio = options.headRatio ?? 0.5;
  const headLines = Math.max(1, Math.floor(options.maxLines * ratio));
  const tailLines = Math.max(1, options.maxLines - headLines);
  const headChars = Math.floor(options.maxChars * ratio);
  const tailChars = options.maxChars - headChars;

  let h = 0;
  let used = 0;
  while (h < lines.length && h < headLines) {
    const len = lines[h]!.length + 1;
    if (h > 0 && used + len > headChars) break;
    used += len;
    h++;
  }
  let t = 0;
  used = 0;
  while (t < lines.length - h && t < tailLines) {
    const len = lines[lines.length - 1 - t]!.length + 1;
    if (t > 0 && used + len > tailChars) break;
    used += len;
    t++;
  }
  const omitted = lines.length - h - t;
  if (omitted <= 0) {
    return { text: lines.join("\n"), truncated: cut, omittedLines: 0, totalLines: lines.length };
  }
  const range = `lines ${count(h + 1)}–${count(h + omitted)} of ${count(lines.length)}`;
  const marker = `… ${count(omitted)} lines omitted (${range})${options.hint ? `; ${options.hint}` : ""} …`;
  const kept = [...lines.slice(0, h), marker, ...lines.slice(lines.length - t)];
  return { text: kept.join("\n"), truncated: true, omittedLines: omitted, totalLines: lines.length };
}
