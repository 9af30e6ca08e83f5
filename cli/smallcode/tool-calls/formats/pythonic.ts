/**
 * Pythonic calls without special tokens (Llama 3.2 / 4 `pythonic`, ToolACE, many fine-tunes):
 *
 *   [read_file(path="src/index.ts"), grep(pattern="TODO", path="src")]
 *
 * A bracketed list is read only when it starts a line and nothing but whitespace follows it on that
 * line; a bare call `read_file(path="a.ts")` only when it is the whole reply. Prose and ordinary
 * code fences never match.
 *
 * Small models often stop before the closing `)]`. A call that runs to the end of the reply and is
 * complete but for its closers (every argument parses, the last one ends cleanly) is read as if
 * closed, with an `unclosed_block` note; a call of a known tool cut off inside a string argument is a
 * `truncated_call` failure, never a half-written call.
 */
import { type PyCall, type PyResult, parsePythonCalls } from "../python.ts";
import type { Candidate, Failure, Scanner, ScanResult, Span } from "../types.ts";
import {
  END_TOKENS,
  emptyResult,
  failure,
  isWholeReply,
  matchAll,
  pyCandidates,
  unclosed,
  widen,
} from "./util.ts";

const LIST_START = /^[ \t]*(\[)\s*([A-Za-z_][\w.-]*)\s*\(/gm;
const BARE_START = /^\s*([A-Za-z_][\w.-]*)\s*\(/;

/** How a complete call may end before its missing closers: a string, a bracket, a number, a constant or a comma. */
const CLEAN_END = /(?:["'\])},]|\d|\b(?:True|False|None|true|false|null))\s*$/;

const GLUED_LIST = /^[ \t]*\[\s*[A-Za-z_][\w.-]*\s*\(/;
const LFM2_END = /<\|tool_call_end\|>/;

/** `calls` and the lists glued right after them (`[a(x=1)][b(y=2)]`), up to where the last one ends. */
function gluedLists(source: string, calls: PyCall[], end: number): { calls: PyCall[]; end: number } {
  const all = [...calls];
  let at = end;
  for (
    let m = GLUED_LIST.exec(source.slice(at, at + 200));
    m;
    m = GLUED_LIST.exec(source.slice(at, at + 200))
  ) {
    const next = parsePythonCalls(source, at + m[0].indexOf("["));
    if (!next.ok) break;
    all.push(...next.value);
    at = next.end;
  }
  return { calls: all, end: at };
}

function restOfLineIsEmpty(source: string, from: number): boolean {
  const lineEnd = source.indexOf("\n", from);
  return (
    source
      .slice(from, lineEnd === -1 ? source.length : lineEnd)
      .replace(END_TOKENS, "")
      .replace(LFM2_END, "")
      .trim() === ""
  );
}

/** The offset just past the reply's content (trailing whitespace and end-of-turn tokens left out). */
function contentEnd(view: string): number {
  const blanked = view.replace(END_TOKENS, (token) => " ".repeat(token.length));
  let end = blanked.length;
  while (end > 0 && /\s/.test(blanked[end - 1]!)) end--;
  return end;
}

/**
 * The calls starting at `start` read as if `closers` ended them at `end`, when that consumes all the
 * text up to `end` and the text before the closers ends cleanly.
 */
function closedAtEnd(
  source: string,
  start: number,
  end: number,
  closers: readonly string[],
): PyCall[] | null {
  const body = source.slice(0, end);
  if (!CLEAN_END.test(body)) return null;
  for (const closer of closers) {
    const patched = body + closer;
    const py = parsePythonCalls(patched, start);
    if (py.ok && py.end === patched.length) return py.value;
  }
  return null;
}

/** True when the failure is a string that opens and never closes before `end` (the reply was cut off). */
function cutInString(source: string, py: PyResult<PyCall[]>, end: number): boolean {
  if (py.ok || py.error !== "unterminated string") return false;
  // The error points just past the opening quote.
  const quote = ['"""', "'''", '"', "'"].find((q) => source.startsWith(q, py.at - q.length));
  return quote !== undefined && py.at <= end && !source.slice(py.at, end).includes(quote);
}

/** A call list (or bare call) that failed to parse: read it as closed, report it cut off, or neither. */
function atEnd(
  input: { source: string; isTool: (name: string) => boolean },
  start: number,
  end: number,
  name: string,
  py: PyResult<PyCall[]>,
  closers: readonly string[],
): { candidates: Candidate[] } | { failure: Failure } | null {
  const { source } = input;
  if (py.ok || !input.isTool(name)) return null;
  const span: Span = { start, end };
  if (cutInString(source, py, end)) {
    const why = `the call to \`${name}\` is cut off inside a string`;
    return { failure: failure("pythonic", span, source, why, "truncated_call") };
  }
  if (py.at < end) return null;
  const calls = closedAtEnd(source, start, end, closers);
  if (!calls) return null;
  const notes = unclosed("the call had no closing bracket; the end of the reply closed it");
  return { candidates: pyCandidates(calls, "pythonic", span, true).map((c) => ({ ...c, notes })) };
}

/** Scanner for bare pythonic call lists. */
export const pythonicScanner: Scanner = {
  format: "pythonic",
  strong: false,
  scan(input) {
    const { source, view } = input;
    const result: ScanResult = emptyResult();
    const end = contentEnd(view);
    let pos = 0;
    for (const m of matchAll(LIST_START, view)) {
      const start = m.index + m[0].indexOf("[");
      if (start < pos) continue;
      const py = parsePythonCalls(source, start);
      if (!py.ok) {
        // Past a nesting bomb, line starts inside it are not worth parsing again.
        if (py.error === "nested too deeply") pos = py.at;
        const found = atEnd(input, start, end, m[2]!, py, [")]", "]"]);
        if (found && "failure" in found) result.failures.push(found.failure);
        else if (found) result.candidates.push(...found.candidates);
        if (found) pos = end;
        continue;
      }
      const glued = gluedLists(source, py.value, py.end);
      if (!restOfLineIsEmpty(source, glued.end)) continue;
      // LFM2 replies whose opening token was dropped keep the closing one.
      const span: Span = widen(source, { start, end: glued.end }, /(?!)/, LFM2_END);
      result.candidates.push(...pyCandidates(glued.calls, "pythonic", span, isWholeReply(view, span)));
      pos = span.end;
    }
    const bare = BARE_START.exec(view);
    if (result.candidates.length === 0 && result.failures.length === 0 && bare) {
      const start = bare.index + bare[0].indexOf(bare[1]!);
      const py = parsePythonCalls(source, start);
      if (py.ok && isWholeReply(view, { start, end: py.end })) {
        // A bare call is only taken when it names a tool: `len(a)` alone is not a call attempt.
        result.candidates.push(...pyCandidates(py.value, "pythonic", { start, end: py.end }, false));
      } else if (!py.ok) {
        const found = atEnd(input, start, end, bare[1]!, py, [")"]);
        if (found && "failure" in found) result.failures.push(found.failure);
        else if (found) result.candidates.push(...found.candidates);
      }
    }
    return result;
  },
};
