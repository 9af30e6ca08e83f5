/**
 * Hermes / Qwen 2.5–3 / Granite 4 / Nemotron style: a JSON object (or array) inside
 * `<tool_call>…</tool_call>`:
 *
 *   <tool_call>
 *   {"name": "read_file", "arguments": {"path": "src/index.ts"}}
 *   </tool_call>
 *
 * Also accepted inside the tags: several JSON objects, a fenced body, `name` on its own line followed
 * by JSON (GLM-4 style), a Python call, a bare tool name, and the tag variants `<tool_calls>` (Jamba,
 * MiniMax-M1), `<function_call>`, `<TOOLCALL>` (Nemotron) and Qwen2.5-Coder's `<tools>` and
 * `<response>`. A missing closing tag (servers often stop on it) is tolerated, and so is LFM2's
 * `<|tool_call_end|>` in its place.
 * XML bodies (`<function=…>`, `<arg_key>`) are left to their own scanners, which run first.
 */
import { findBalancedEnd } from "../json.ts";
import type { Candidate, ScanInput, Scanner, ScanResult, Span } from "../types.ts";
import {
  type BodyOutcome,
  bodyCalls,
  emptyResult,
  failure,
  fencedBody,
  jsonAt,
  jsonCalls,
  matchAll,
  nextMarker,
  skipSpace,
  splitJsonObjects,
  unclosed,
} from "./util.ts";

const OPEN = /<(tool_calls?|toolcall|function_calls?|functioncall|tools|response)>/gi;
/** Qwen2.5-Coder's own wrappers: also used for other things, so a body that is not a call is no error. */
const WEAK_TAGS = /^(?:tools|response)$/i;
const LFM2_END = "<|tool_call_end|>";
const NAME_THEN_JSON = /^([A-Za-z_][\w.:-]*)[ \t]*(?:\r?\n|(?=[{[]))/;
const BARE_NAME = /^([A-Za-z_][\w.:-]*)\s*$/;

function scanBlock(input: ScanInput, match: RegExpExecArray, result: ScanResult): number {
  const { source } = input;
  const tag = match[1]!;
  const open: Span = { start: match.index, end: match.index + match[0].length };
  // LFM2's end token closes the block too (small models swap neighbouring wrappers).
  const markers = [new RegExp(`</${tag}>`, "i"), LFM2_END, new RegExp(OPEN.source, "i")];
  let stop = nextMarker(source, open.end, markers);
  const first = skipSpace(source, open.end);
  if (stop && (source[first] === "{" || source[first] === "[")) {
    // A JSON string may contain the closing tag itself (code that handles tool calls).
    const json = findBalancedEnd(source, first);
    if (json.closed && json.end > stop.start) stop = nextMarker(source, json.end, markers);
  }
  const closed = stop !== null && (source[stop.start + 1] === "/" || source.startsWith(LFM2_END, stop.start));
  const bodyEnd = stop ? stop.start : source.length;
  const inner = fencedBody(source, open.end, bodyEnd);
  const bodyText = source.slice(inner.start, inner.end);
  const body = bodyText.trim();
  const bodyStart = inner.start + bodyText.indexOf(body);
  const notes = closed ? [] : unclosed(`\`<${tag}>\` was never closed`);
  let span: Span = { start: open.start, end: closed ? stop!.end : bodyEnd };
  const push = (outcome: BodyOutcome) => {
    if ("failure" in outcome) {
      if (!WEAK_TAGS.test(tag))
        result.failures.push(failure("hermes", span, source, outcome.failure, outcome.code));
    } else
      result.candidates.push(
        ...outcome.candidates.map((c) => ({ ...c, span, notes: [...(c.notes ?? []), ...notes] })),
      );
  };

  const python = /^\[?\s*[A-Za-z_][\w.-]*\s*\(/.test(body);
  if (!python && (body.startsWith("{") || body.startsWith("["))) {
    if (!closed) {
      // Without a closing tag the call ends where its JSON ends; prose may follow.
      const json = jsonAt(source, open.end, bodyEnd);
      if (json?.closed) span = { start: open.start, end: json.span.end };
    }
    const text = source.slice(bodyStart, closed ? inner.end : span.end);
    const candidates: Candidate[] = [];
    for (const part of splitJsonObjects(text.trim())) {
      const outcome = jsonCalls(part, "hermes", span, { allowFlat: true, certain: true, complete: closed });
      if ("failure" in outcome) {
        push(outcome);
        return span.end;
      }
      candidates.push(...outcome.candidates);
    }
    push({ candidates });
    return span.end;
  }
  if (python) {
    push(bodyCalls(source, { start: bodyStart, end: bodyEnd }, "hermes", span, closed));
    return span.end;
  }
  const named = NAME_THEN_JSON.exec(body);
  if (named && /^\s*[{[]/.test(body.slice(named[0].length))) {
    const argsText = body.slice(named[0].length);
    push({
      candidates: [{ format: "hermes", name: named[1]!, argsText, span, certain: true, complete: closed }],
    });
    return span.end;
  }
  const bare = BARE_NAME.exec(body);
  if (bare && closed) {
    push({ candidates: [{ format: "hermes", name: bare[1]!, args: {}, span, certain: true }] });
    return span.end;
  }
  // A tag inside a sentence, or unclosed and followed by prose, is a mention (“the <tool_call> tag”).
  const atLineStart = /(?:^|\n)[ \t]*$/.test(source.slice(Math.max(0, open.start - 200), open.start));
  if (closed && atLineStart) {
    const why = body === "" ? "the block is empty" : "the block holds neither JSON nor a function call";
    push({ failure: why, code: "malformed_call" });
  }
  return closed ? span.end : open.end;
}

/** Scanner for `<tool_call>` blocks with JSON (or name + JSON, or Python) bodies. */
export const hermesScanner: Scanner = {
  format: "hermes",
  strong: true,
  scan(input) {
    const result = emptyResult();
    let pos = 0;
    for (const match of matchAll(OPEN, input.view)) {
      if (match.index < pos) continue;
      pos = scanBlock(input, match, result);
    }
    return result;
  },
};
