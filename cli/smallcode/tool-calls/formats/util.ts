/**
 * Helpers shared by the format scanners: finding markers in the view, locating JSON bodies in the
 * reply, and turning JSON or Python call text into candidates or failures.
 */
import { excerptOf, type IssueCode } from "../issues.ts";
import { findBalancedEnd, parseLenientJson } from "../json.ts";
import { type PyCall, parsePythonCalls } from "../python.ts";
import { callsFromJson } from "../shape.ts";
import type { Candidate, Failure, FormatTag, Note, ScanResult, Span } from "../types.ts";

/** What reading a call body gives: candidates, or why the body could not be read. */
export type BodyOutcome = { candidates: Candidate[] } | { failure: string; code: IssueCode };

/** A note that a block's closing marker was missing. */
export function unclosed(message: string): Note[] {
  return [{ code: "unclosed_block", message }];
}

/** The note for JSON that needed repair. */
export const REPAIRED_NOTES: readonly Note[] = [
  { code: "json_repaired", message: "repaired broken JSON in the call" },
];

/** An empty scan result. */
export function emptyResult(): ScanResult {
  return { candidates: [], failures: [], wrappers: [] };
}

/** All matches of a global regex in `text`. */
export function matchAll(re: RegExp, text: string): RegExpExecArray[] {
  let global = globalCopies.get(re);
  if (!global) {
    global = new RegExp(re.source, re.flags.includes("g") ? re.flags : `${re.flags}g`);
    globalCopies.set(re, global);
  }
  // A private copy, reset and run to the end here: callers never see its `lastIndex`.
  const out: RegExpExecArray[] = [];
  global.lastIndex = 0;
  for (let m = global.exec(text); m; m = global.exec(text)) {
    out.push(m);
    if (m[0].length === 0) global.lastIndex++;
  }
  return out;
}

/** The global copy of each pattern `matchAll` was given (patterns are module constants). */
const globalCopies = new WeakMap<RegExp, RegExp>();

/** Every occurrence of each marker in the few texts scanned last (scanners ask for the same ones often). */
const markerCache = new Map<string, Map<string, Span[]>>();

function occurrences(text: string, marker: string | RegExp): Span[] {
  let byMarker = markerCache.get(text);
  if (!byMarker) {
    if (markerCache.size >= 4) markerCache.clear();
    byMarker = new Map();
    markerCache.set(text, byMarker);
  }
  const key = typeof marker === "string" ? `s:${marker}` : `r:${marker.source}/${marker.flags}`;
  let spans = byMarker.get(key);
  if (!spans) {
    spans = [];
    if (typeof marker === "string") {
      for (let at = text.indexOf(marker); at !== -1; at = text.indexOf(marker, at + marker.length)) {
        spans.push({ start: at, end: at + marker.length });
      }
    } else {
      for (const m of matchAll(marker, text)) {
        if (m[0].length > 0) spans.push({ start: m.index, end: m.index + m[0].length });
      }
    }
    byMarker.set(key, spans);
  }
  return spans;
}

/** The offset of the first of `markers` at or after `from` (and its length), or none. */
export function nextMarker(text: string, from: number, markers: readonly (string | RegExp)[]): Span | null {
  let best: Span | null = null;
  for (const marker of markers) {
    const spans = occurrences(text, marker);
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid]!.start < from) lo = mid + 1;
      else hi = mid;
    }
    const found = spans[lo];
    if (found && (!best || found.start < best.start)) best = found;
  }
  return best;
}

/** A block opened by a marker, up to its closer (or to where a closer was left out). */
export interface Block {
  /** The opener's match in the view. */
  open: RegExpExecArray;
  bodyStart: number;
  bodyEnd: number;
  /** True when one of the closers ended the body. */
  closed: boolean;
  /** From the opener through the closer (or to the body's end when there is none). */
  span: Span;
}

function startsWithMarker(text: string, at: number, marker: string | RegExp): boolean {
  if (typeof marker === "string") return text.startsWith(marker, at);
  const sticky = new RegExp(marker.source, marker.flags.replace("g", "").concat("y"));
  sticky.lastIndex = at;
  return sticky.test(text);
}

/**
 * Visits the blocks that `open` starts in the view, never one inside another. A body ends at the
 * first of `close` (the block is closed), of `stops`, or at the next opener (a closer left out).
 * `visit` reads one block and may return where the search resumes (default: the block's end).
 */
export function forEachBlock(
  input: { source: string; view: string },
  open: RegExp,
  close: readonly (string | RegExp)[],
  stops: readonly (string | RegExp)[],
  visit: (block: Block) => number | undefined,
): void {
  const { source } = input;
  let pos = 0;
  for (const m of matchAll(open, input.view)) {
    if (m.index < pos) continue;
    const bodyStart = m.index + m[0].length;
    const stop = nextMarker(source, bodyStart, [...close, ...stops, open]);
    const closed = stop !== null && close.some((marker) => startsWithMarker(source, stop.start, marker));
    const bodyEnd = stop ? stop.start : source.length;
    const span: Span = { start: m.index, end: closed ? stop!.end : bodyEnd };
    pos = visit({ open: m, bodyStart, bodyEnd, closed, span }) ?? span.end;
  }
}

/** The offset of the first non-whitespace character at or after `pos`. */
export function skipSpace(text: string, pos: number, limit = text.length): number {
  let i = pos;
  while (i < limit && /\s/.test(text[i]!)) i++;
  return i;
}

/** The bracketed JSON value starting at the first non-space character after `pos`, if any. */
export function jsonAt(
  text: string,
  pos: number,
  limit = text.length,
): { span: Span; closed: boolean } | null {
  const start = skipSpace(text, pos, limit);
  if (text[start] !== "{" && text[start] !== "[") return null;
  const bounds = findBalancedEnd(text, start, limit);
  return { span: { start, end: bounds.end }, closed: bounds.closed };
}

/** A failure for a block that is clearly a call attempt but could not be read. */
export function failure(
  format: FormatTag,
  span: Span,
  source: string,
  why: string,
  code: IssueCode = "malformed_call",
): Failure {
  return { format, code, span, message: why, excerpt: excerptOf(source.slice(span.start, span.end)) };
}

/**
 * Reads calls from JSON text (an object, an array, or OpenAI-shaped values). Returns candidates,
 * or a failure when the text is not JSON or not call-shaped.
 */
export function jsonCalls(
  text: string,
  format: FormatTag,
  span: Span,
  options: { allowFlat: boolean; certain: boolean; complete?: boolean; notes?: Note[] },
): BodyOutcome {
  const parsed = parseLenientJson(text, options.complete === true);
  if (!parsed.ok) {
    return parsed.reason === "truncated"
      ? { failure: "the call is cut off inside a string", code: "truncated_call" }
      : { failure: "the call is not valid JSON and could not be repaired", code: "malformed_call" };
  }
  const shaped = callsFromJson(parsed.value, options.allowFlat);
  if (!shaped) return { failure: "the block does not name a tool", code: "malformed_call" };
  const notes: Note[] = [...(options.notes ?? [])];
  if (parsed.repaired) notes.push(...REPAIRED_NOTES);
  return {
    candidates: shaped.map((call) => ({
      format,
      name: call.name,
      args: call.args,
      id: call.id,
      span,
      certain: options.certain || call.explicitArgs,
      notes,
    })),
  };
}

/** Candidates from parsed Python calls. */
export function pyCandidates(
  calls: readonly PyCall[],
  format: FormatTag,
  span: Span,
  certain: boolean,
): Candidate[] {
  return calls.map((call) => ({
    format,
    name: call.name,
    args: call.kwargs,
    positional: call.args,
    span,
    certain,
  }));
}

/**
 * Reads a call body that may be JSON or Python calls (`[f(a=1)]`, `f(a=1)`); the whole body must
 * be consumed. Used by formats whose models emit either (LFM2, Llama's python tag).
 */
export function bodyCalls(
  source: string,
  body: Span,
  format: FormatTag,
  span: Span,
  complete = false,
): BodyOutcome {
  const text = source.slice(body.start, body.end);
  const trimmed = text.trim();
  if (/^\[?\s*[A-Za-z_][\w.-]*\s*\(/.test(trimmed)) {
    const py = parsePythonCalls(text);
    if (py.ok && text.slice(py.end).trim().replace(/^[;,]/, "").trim() === "") {
      return { candidates: pyCandidates(py.value, format, span, true) };
    }
    return { failure: "the call is not valid Python", code: "malformed_call" };
  }
  if (/^[{[]/.test(trimmed)) {
    const parts = splitJsonObjects(trimmed);
    const candidates: Candidate[] = [];
    for (const part of parts) {
      const result = jsonCalls(part, format, span, { allowFlat: true, certain: true, complete });
      if ("failure" in result) return result;
      candidates.push(...result.candidates);
    }
    return { candidates };
  }
  return { failure: "the block holds neither JSON nor a function call", code: "malformed_call" };
}

/** `text` without a Markdown fence around it (small models fence the body inside call markers). */
export function unfence(text: string): string {
  return text
    .trim()
    .replace(/^(`{3,}|~{3,})[\w-]*[ \t]*\r?\n?/, "")
    .replace(/\r?\n?(`{3,}|~{3,})\s*$/, "")
    .trim();
}

/** Where the fenced body inside `[start, end)` begins and ends (the whole range when it is not fenced). */
export function fencedBody(text: string, start: number, end: number): Span {
  const inner = text.slice(start, end);
  const open = /^\s*(`{3,}|~{3,})[\w-]*[ \t]*\r?\n/.exec(inner);
  if (!open) return { start, end };
  const close = inner.lastIndexOf(open[1]!);
  const bodyEnd = close > open[0].length ? start + close : end;
  return { start: start + open[0].length, end: bodyEnd };
}

/** Splits `{…}; {…}` or `{…}\n{…}` into its JSON values (one part when it is a single value). */
export function splitJsonObjects(text: string): string[] {
  const parts: string[] = [];
  let pos = 0;
  while (pos < text.length) {
    const start = skipSpace(text, pos);
    if (start >= text.length) break;
    if (text[start] !== "{" && text[start] !== "[") {
      if (parts.length === 0) return [text];
      parts[parts.length - 1] += text.slice(start);
      break;
    }
    const bounds = findBalancedEnd(text, start);
    parts.push(text.slice(start, bounds.end));
    pos = bounds.end;
    while (pos < text.length && /[\s;,]/.test(text[pos]!)) pos++;
  }
  return parts.length > 0 ? parts : [text];
}

/** Widens `span` over an opening marker just before it and a closing marker just after it. */
export function widen(source: string, span: Span, before: RegExp, after: RegExp): Span {
  const from = Math.max(0, span.start - 200);
  const head = source.slice(from, span.start);
  const b = new RegExp(`(?:${before.source})\\s*$`, before.flags.replace("g", "")).exec(head);
  const tail = source.slice(span.end, span.end + 200);
  const a = new RegExp(`^\\s*(?:${after.source})`, after.flags.replace("g", "")).exec(tail);
  return { start: b ? from + b.index : span.start, end: a ? span.end + a[0].length : span.end };
}

/** End-of-turn tokens that may trail a reply. */
export const END_TOKENS =
  /<\|im_end\|>|<\|eot_id\|>|<\|eom_id\|>|<\|endoftext\|>|<\|end\|>|<\|return\|>|<\/s>|<｜end▁of▁sentence｜>|<end_of_turn>|<\|end_of_text\|>/g;

let lastBounds: { view: string; first: number; last: number } | null = null;

/** Where the content of `view` starts and ends, ignoring whitespace and end-of-turn tokens (cached). */
function contentBounds(view: string): { first: number; last: number } {
  if (lastBounds?.view === view) return lastBounds;
  const blanked = view.replace(END_TOKENS, (token) => " ".repeat(token.length));
  const first = blanked.search(/\S/);
  let last = blanked.length;
  while (last > 0 && /\s/.test(blanked[last - 1]!)) last--;
  lastBounds = { view, first: first === -1 ? blanked.length : first, last };
  return lastBounds;
}

/** Forgets the texts cached by `nextMarker` and `isWholeReply` (so a long reply is not kept alive). */
export function clearScanCaches(): void {
  markerCache.clear();
  lastBounds = null;
}

/** True when nothing but whitespace and end-of-turn tokens surrounds `span` in `view`. */
export function isWholeReply(view: string, span: Span): boolean {
  const bounds = contentBounds(view);
  return span.start <= bounds.first && span.end >= bounds.last;
}

/** A failure for call-like JSON that could not be parsed, coded by why. */
export function excerptFailure(
  format: FormatTag,
  span: Span,
  source: string,
  reason: "truncated" | "invalid",
): Failure {
  return reason === "truncated"
    ? failure(format, span, source, "the call is cut off inside a string", "truncated_call")
    : failure(format, span, source, "the call is not valid JSON and could not be repaired");
}
