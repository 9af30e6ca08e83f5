/**
 * Regions of a reply that must not be searched for calls: reasoning (`<think>…</think>`, unclosed
 * or with only its closing tag, other reasoning tags, gpt-oss's `analysis` channel) and ordinary
 * code fences (```python, ```bash …). Scanners see a view of the reply in which these regions are
 * blanked out, so offsets in the view are offsets in the reply.
 */
import type { Span } from "./types.ts";

const REASONING_TAGS: readonly (readonly [RegExp, RegExp])[] = [
  [/<think(?:ing)?>/gi, /<\/think(?:ing)?>/gi],
  [/<reasoning>/gi, /<\/reasoning>/gi],
  [/<seed:think>/gi, /<\/seed:think>/gi],
  [/\[THINK\]/g, /\[\/THINK\]/g],
  [/◁think▷/g, /◁\/think▷/g],
  [/<\|begin_of_thought\|>/g, /<\|end_of_thought\|>/g],
];

function firstMatch(re: RegExp, text: string, from: number): RegExpExecArray | null {
  re.lastIndex = from;
  return re.exec(text);
}

/** Reasoning regions: tag pairs (an unclosed opener runs to the end, a lone closer from the start). */
export function findReasoning(text: string): Span[] {
  const spans: Span[] = [];
  for (const [open, close] of REASONING_TAGS) {
    const firstOpen = firstMatch(open, text, 0);
    const firstClose = firstMatch(close, text, 0);
    let pos = 0;
    if (firstClose && (!firstOpen || firstClose.index < firstOpen.index)) {
      // The opening tag was part of the prompt (thinking models whose template opens `<think>`).
      pos = firstClose.index + firstClose[0].length;
      spans.push({ start: 0, end: pos });
    }
    for (;;) {
      const o = firstMatch(open, text, pos);
      if (!o) break;
      const c = firstMatch(close, text, o.index + o[0].length);
      const end = c ? c.index + c[0].length : text.length;
      spans.push({ start: o.index, end });
      pos = end;
    }
  }
  const analysis = /(?:<\|start\|>\s*assistant\s*)?<\|channel\|>\s*analysis\s*<\|message\|>/g;
  for (let m = analysis.exec(text); m; m = analysis.exec(text)) {
    const rest = text.slice(m.index + m[0].length);
    const stop = /<\|end\|>|<\|start\|>|<\|channel\|>/.exec(rest);
    const end =
      m.index +
      m[0].length +
      (stop ? stop.index + (stop[0] === "<|end|>" ? stop[0].length : 0) : rest.length);
    spans.push({ start: m.index, end });
    analysis.lastIndex = end;
  }
  return mergeSpans(spans);
}

/** A Markdown code fence. */
export interface Fence {
  start: number;
  end: number;
  /** The info string's first word, lower-cased (`""` when there is none). */
  lang: string;
  bodyStart: number;
  bodyEnd: number;
  closed: boolean;
}

/** Fenced code blocks (``` or ~~~), closed by a line starting with at least as many fence characters. */
export function findFences(text: string): Fence[] {
  const fences: Fence[] = [];
  const line = /^[ \t]{0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$/gm;
  for (let m = line.exec(text); m; m = line.exec(text)) {
    const marker = m[1]!;
    const bodyStart = Math.min(text.length, m.index + m[0].length + 1);
    const closer = new RegExp(`^[ \\t]*${marker[0] === "`" ? "`" : "~"}{${marker.length},}`, "gm");
    closer.lastIndex = bodyStart;
    const c = closer.exec(text);
    const lineEnd = c ? text.indexOf("\n", c.index) : -1;
    const end = c ? (lineEnd === -1 ? text.length : lineEnd) : text.length;
    fences.push({
      start: m.index,
      end,
      lang: m[2]!.toLowerCase().replace(/^\{?\.?/, ""),
      bodyStart,
      bodyEnd: c ? c.index : text.length,
      closed: c !== null,
    });
    line.lastIndex = Math.max(end, m.index + m[0].length);
  }
  return fences;
}

/** Fence languages in which calls may appear; any other language is ordinary code. */
export const CALL_FENCE_LANGS: ReadonlySet<string> = new Set([
  "",
  "json",
  "json5",
  "jsonc",
  "jsonl",
  "tool_code",
  "tool_call",
  "tool_calls",
  "tool",
  "tools",
  "function_call",
  "functions",
  "yaml",
  "yml",
  "xml",
  "text",
  "txt",
  "plaintext",
]);

/** The ordinary code fences of `text` (those to ignore). */
export function codeFenceSpans(text: string): Span[] {
  return findFences(text)
    .filter((fence) => !CALL_FENCE_LANGS.has(fence.lang))
    .map((fence) => ({ start: fence.start, end: fence.end }));
}

const INLINE_CODE = /`[^`\n]+`/g;

/**
 * Inline code quoted inside a sentence (words on both sides on its line): documentation quoting a
 * call's syntax, such as "Gemma writes `<|tool_call>call:f{…}<tool_call|>` for each call", never a call.
 */
export function inlineQuoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(INLINE_CODE)) {
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    const lineEnd = text.indexOf("\n", m.index + m[0].length);
    const before = text.slice(lineStart, m.index);
    const after = text.slice(m.index + m[0].length, lineEnd === -1 ? text.length : lineEnd);
    if (/[A-Za-z]{2}/.test(before) && /[A-Za-z]{2}/.test(after)) {
      spans.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return spans;
}

/** Sorts and merges overlapping or touching spans. */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

/** `text` with every span replaced by spaces (newlines kept, so line structure and offsets hold). */
export function maskSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = "";
  let pos = 0;
  for (const span of mergeSpans(spans)) {
    if (span.start < pos) continue;
    out += text.slice(pos, span.start) + text.slice(span.start, span.end).replace(/[^\n]/g, " ");
    pos = span.end;
  }
  return out + text.slice(pos);
}

/** True when any span overlaps `[start, end)`. */
export function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((span) => span.start < end && start < span.end);
}
