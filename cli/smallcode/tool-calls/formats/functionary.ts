/**
 * Functionary v3.2: each message part names its recipient after `>>>`; `all` is text for the user,
 * any other name is a tool whose JSON arguments follow on the next line:
 *
 *   >>>all
 *   I will check the tests first.>>>bash
 *   {"command": "npm test"}
 *
 * The first `>>>` belongs to the generation prompt, so replies often start with the bare recipient
 * (`read_file\n{…}` or `all\n…`); that is read too, at the very start of the reply only. Functionary
 * v3.1's `<function=name>{…}</function>` is read by the Qwen3-Coder scanner.
 */
import { isRecord, parseLenientJson } from "../json.ts";
import type { ScanInput, Scanner, ScanResult, Span } from "../types.ts";
import { emptyResult, fencedBody, jsonAt, matchAll, unclosed } from "./util.ts";

/** `>>>name` on its own line; not a deeper quote marker (`>>>>`, e-mail quoting). */
const RECIPIENT = /(?<!>)>>>[ \t]*([A-Za-z_][\w.-]*)[ \t]*\r?\n/g;
const FIRST_RECIPIENT = /^\s*([A-Za-z_][\w.-]*)[ \t]*\r?\n/;

interface Recipient {
  name: string;
  start: number;
  /** Where the part's content starts (after the recipient's line). */
  body: number;
  /** True when `>>>` was written (not only implied by the prompt). */
  marked: boolean;
}

function recipients(view: string, isTool: (name: string) => boolean): Recipient[] {
  const found = matchAll(RECIPIENT, view).map((m) => ({
    name: m[1]!,
    start: m.index,
    body: m.index + m[0].length,
    marked: true,
  }));
  const first = FIRST_RECIPIENT.exec(view);
  if (first && (first[1] === "all" ? found.length > 0 : isTool(first[1]!))) {
    const start = first.index + first[0].indexOf(first[1]!);
    found.unshift({ name: first[1]!, start, body: first.index + first[0].length, marked: false });
  }
  return found;
}

/** An unmarked first part is a call only when its JSON is all there is and fits the tool's parameters. */
function impliedCall(input: ScanInput, name: string, argsText: string, rest: string): boolean {
  if (rest.trim() !== "") return false;
  const parsed = parseLenientJson(argsText);
  return parsed.ok && isRecord(parsed.value) && input.fitsTool(name, Object.keys(parsed.value));
}

/** Scanner for Functionary v3.2 `>>>recipient` parts. */
export const functionaryScanner: Scanner = {
  format: "functionary",
  strong: true,
  scan(input) {
    const { source, view, isTool } = input;
    const result: ScanResult = { ...emptyResult(), wrappers: [] };
    const parts = recipients(view, isTool);
    parts.forEach((part, i) => {
      const limit = parts[i + 1]?.start ?? source.length;
      if (part.name === "all") {
        result.wrappers!.push({ start: part.start, end: part.body });
        return;
      }
      const body = fencedBody(source, part.body, limit);
      const json = jsonAt(source, body.start, body.end);
      // A recipient with no JSON object is text: a merge marker, e-mail quoting, a doctest.
      if (!json || source[json.span.start] !== "{") return;
      const argsText = source.slice(json.span.start, json.span.end);
      if (!part.marked && !impliedCall(input, part.name, argsText, source.slice(json.span.end, limit)))
        return;
      // A fenced body ends after its closing fence.
      const fence = /^\s*(?:`{3,}|~{3,})/.exec(source.slice(json.span.end, limit));
      const span: Span = {
        start: part.start,
        end: json.closed ? json.span.end + (fence?.[0].length ?? 0) : limit,
      };
      const notes = json.closed ? [] : unclosed("the arguments' closing brace was missing");
      result.candidates.push({
        format: "functionary",
        name: part.name,
        argsText,
        span,
        certain: part.marked || isTool(part.name),
        complete: json.closed,
        notes,
      });
    });
    return result;
  },
};
