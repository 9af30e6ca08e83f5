/**
 * Phi-4-mini: a JSON array of calls after the word `functools`:
 *
 *   functools[{"name": "read_file", "arguments": {"path": "a.ts"}}]
 */
import type { Scanner, ScanResult, Span } from "../types.ts";
import { bodyCalls, emptyResult, failure, jsonAt, jsonCalls, matchAll } from "./util.ts";

const TOKEN = /\bfunctools\s*(?=\[)/g;

/** Scanner for Phi-4 `functools[…]` calls. */
export const phi4Scanner: Scanner = {
  format: "phi4",
  strong: true,
  scan(input) {
    const { source } = input;
    const result: ScanResult = emptyResult();
    let pos = 0;
    for (const m of matchAll(TOKEN, input.view)) {
      if (m.index < pos) continue;
      const json = jsonAt(source, m.index + m[0].length)!;
      const span: Span = { start: m.index, end: json.span.end };
      pos = span.end;
      const inner = source.slice(json.span.start, json.span.end);
      // `functools["partial"]`, `functools[0]`: Python indexing, not a call list.
      if (!/^\[\s*(?:[{\]]|[A-Za-z_])/.test(inner)) continue;
      const outcome = /^\[\s*[{\]]/.test(inner)
        ? jsonCalls(inner, "phi4", span, { allowFlat: true, certain: true })
        : bodyCalls(source, json.span, "phi4", span);
      if ("failure" in outcome)
        result.failures.push(failure("phi4", span, source, outcome.failure, outcome.code));
      else result.candidates.push(...outcome.candidates);
    }
    return result;
  },
};
