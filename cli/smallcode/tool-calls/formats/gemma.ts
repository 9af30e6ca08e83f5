/**
 * Gemma: Python calls in a `tool_code` fence, often wrapped in `print(...)` and prefixed with
 * `default_api.`:
 *
 *   ```tool_code
 *   print(default_api.read_file(path="src/index.ts"))
 *   ```
 *
 * The call tokens of Gemma 4 and FunctionGemma are read here as well; keys are bare, strings sit
 * between delimiter tokens and hold raw text:
 *
 *   <|tool_call>call:read_file{path:<|"|>a.ts<|"|>}<tool_call|>                   (Gemma 4)
 *   <start_function_call>call:read_file{path:<escape>a.ts<escape>}<end_function_call>   (FunctionGemma)
 */
import { parseLenientJson } from "../json.ts";
import { parsePythonCalls } from "../python.ts";
import { findFences } from "../regions.ts";
import type { ScanInput, Scanner, ScanResult, Span } from "../types.ts";
import { emptyResult, failure, forEachBlock, pyCandidates, unclosed } from "./util.ts";

/** Call tokens of Gemma 4 and FunctionGemma; either closer ends either call (small models mix them). */
const CALL_OPEN = /<\|tool_call>|<start_function_call>/g;
const CALL_CLOSE = ["<tool_call|>", "<end_function_call>"];
/** String delimiters: Gemma 4's `<|"|>` token and FunctionGemma's `<escape>`, mixed up as often. */
const DELIMITED = /(?:<\|"\|>|<escape>)([\s\S]*?)(?:<\|"\|>|<escape>)/g;
const CALL_BODY = /^\s*(?:call:)?([A-Za-z_][\w.-]*)\s*(\{[\s\S]*\})?\s*$/;

function scanFences(source: string, view: string, result: ScanResult): void {
  for (const fence of findFences(view)) {
    if (fence.lang !== "tool_code") continue;
    const span: Span = { start: fence.start, end: fence.end };
    const body = source.slice(fence.bodyStart, fence.bodyEnd);
    const py = parsePythonCalls(body);
    if (!py.ok || body.slice(py.end).trim() !== "") {
      result.failures.push(failure("gemma", span, source, "the `tool_code` block is not a list of calls"));
      continue;
    }
    result.candidates.push(...pyCandidates(py.value, "gemma", span, true));
  }
}

function scanCallTokens(input: ScanInput, result: ScanResult): void {
  forEachBlock(input, CALL_OPEN, CALL_CLOSE, [], ({ bodyStart, bodyEnd, closed, span }) => {
    const call = CALL_BODY.exec(input.source.slice(bodyStart, bodyEnd));
    // Delimited strings hold raw text: JSON-quote them, then the bare keys are lenient JSON.
    const argsText = (call?.[2] ?? "{}").replace(DELIMITED, (_, s: string) => JSON.stringify(s));
    const parsed = call ? parseLenientJson(argsText) : null;
    if (!call || !parsed?.ok) {
      result.failures.push(failure("gemma", span, input.source, "the function call could not be read"));
      return;
    }
    const notes = closed ? [] : unclosed("the call's closing token was missing");
    result.candidates.push({
      format: "gemma",
      name: call[1]!,
      args: parsed.value,
      span,
      certain: true,
      notes,
    });
  });
}

/** Scanner for Gemma `tool_code` fences and Gemma 4 / FunctionGemma call tokens. */
export const gemmaScanner: Scanner = {
  format: "gemma",
  strong: true,
  scan(input) {
    const result = emptyResult();
    scanFences(input.source, input.view, result);
    scanCallTokens(input, result);
    return result;
  },
};
