/**
 * Formats whose calls are JSON after an opening special token, with an optional closing token:
 *
 *   Granite 3.x:  <|tool_call|>[{"name": "read_file", "arguments": {"path": "a.ts"}}]
 *   Command-R7B:  <|START_ACTION|>[{"tool_call_id": "0", "tool_name": "read_file", "parameters": {…}}]<|END_ACTION|>
 *   InternLM2:    <|action_start|><|plugin|>\n{"name": "read_file", "parameters": {…}}<|action_end|>
 *
 * One scanner per format, built from its tokens. A fenced JSON body (```json … ```) is unwrapped;
 * a missing closing token is tolerated (servers often stop on it).
 */
import type { FormatTag, Scanner, ScanResult, Span } from "../types.ts";
import {
  emptyResult,
  failure,
  fencedBody,
  jsonAt,
  jsonCalls,
  matchAll,
  nextMarker,
  splitJsonObjects,
  unclosed,
} from "./util.ts";

/** The tokens of one format. */
interface TokenFormat {
  format: FormatTag;
  open: RegExp;
  /** Closing tokens, the proper one first (a neighbour's may stand in for it). */
  close: readonly string[];
  /** An optional token right after the opener (InternLM2's `<|plugin|>`). */
  prefix?: RegExp;
}

function scanToken(spec: TokenFormat, source: string, view: string): ScanResult {
  const result = emptyResult();
  let pos = 0;
  for (const m of matchAll(spec.open, view)) {
    if (m.index < pos) continue;
    let after = m.index + m[0].length;
    const prefix = spec.prefix
      ? new RegExp(`^\\s*(?:${spec.prefix.source})`).exec(source.slice(after))
      : null;
    if (prefix) after += prefix[0].length;
    const stop = nextMarker(source, after, [...spec.close, new RegExp(spec.open.source)]);
    const limit = stop ? stop.start : source.length;
    const body = fencedBody(source, after, limit);
    const json = jsonAt(source, body.start, body.end);
    if (!json) {
      // A token inside a sentence is a mention; at a line start with no JSON, a broken call.
      const atLineStart = /(?:^|\n)[ \t]*$/.test(source.slice(Math.max(0, m.index - 200), m.index));
      if (atLineStart && source.slice(after, limit).trim() !== "") {
        const span = { start: m.index, end: limit };
        result.failures.push(failure(spec.format, span, source, "the token is not followed by JSON"));
        pos = limit;
      }
      continue;
    }
    const closing = stop && spec.close.some((c) => source.startsWith(c, stop.start)) ? stop : null;
    const tail = source.slice(json.span.end, limit);
    // Prose after the JSON without a closing token is not part of the call.
    const closed = closing !== null && /^[\s`~,;{}[\]]*$/.test(tail) ? closing : null;
    const span: Span = { start: m.index, end: closed ? closed.end : json.span.end };
    pos = span.end;
    const text = source.slice(json.span.start, closed ? body.end : json.span.end);
    const notes = closed || spec.close.length === 0 ? [] : unclosed(`\`${spec.close[0]}\` was missing`);
    for (const part of splitJsonObjects(text.trim())) {
      const outcome = jsonCalls(part, spec.format, span, { allowFlat: true, certain: true, notes });
      if ("failure" in outcome) {
        result.failures.push(failure(spec.format, span, source, outcome.failure, outcome.code));
        break;
      }
      result.candidates.push(...outcome.candidates);
    }
  }
  return result;
}

/** A scanner for JSON calls after `spec`'s opening token. */
export function tokenJsonScanner(spec: TokenFormat): Scanner {
  return { format: spec.format, strong: true, scan: (input) => scanToken(spec, input.source, input.view) };
}

/** Granite 3.x `<|tool_call|>[…]` (Phi-4-mini's `<|/tool_call|>` closer is accepted). */
export const graniteScanner = tokenJsonScanner({
  format: "granite",
  open: /<\|tool_call\|>/g,
  close: ["<|/tool_call|>"],
});

/** Command-R7B `<|START_ACTION|>[…]<|END_ACTION|>`. */
export const commandRScanner = tokenJsonScanner({
  format: "command-r",
  open: /<\|START_ACTION\|>/g,
  close: ["<|END_ACTION|>"],
});

/** InternLM2 `<|action_start|><|plugin|>{…}<|action_end|>` (the `<|plugin|>` token may be dropped). */
export const internlmScanner = tokenJsonScanner({
  format: "internlm",
  open: /<\|action_start\|>/g,
  close: ["<|action_end|>"],
  prefix: /<\|plugin\|>/,
});
