/**
 * Kimi K2 (Instruct and Thinking): a section of calls, each `functions.NAME:INDEX` then JSON:
 *
 *   <|tool_calls_section_begin|><|tool_call_begin|>functions.read_file:0<|tool_call_argument_begin|>{"path": "a.ts"}<|tool_call_end|><|tool_calls_section_end|>
 */
import type { Scanner, ScanResult } from "../types.ts";
import { emptyResult, failure, forEachBlock, matchAll, unclosed } from "./util.ts";

const SECTION = /<\|tool_calls?_section_(?:begin|end)\|>/g;
const CALL_BEGIN = /<\|tool_call_begin\|>/g;
const ARG_BEGIN = /<\|tool_call_argument_begin\|>/;
const HEADER = /^\s*((?:functions\.)?([\w.-]+?)(?::(\d+))?)\s*$/;

/** Scanner for Kimi K2 tool-call sections. */
export const kimiScanner: Scanner = {
  format: "kimi",
  strong: true,
  scan(input) {
    const { source } = input;
    const result: ScanResult = emptyResult();
    forEachBlock(
      input,
      CALL_BEGIN,
      ["<|tool_call_end|>"],
      [SECTION],
      ({ bodyStart, bodyEnd, closed, span }) => {
        const content = source.slice(bodyStart, bodyEnd);
        const arg = ARG_BEGIN.exec(content);
        const header = HEADER.exec(arg ? content.slice(0, arg.index) : content);
        // DeepSeek's `name<|tool_sep|>{…}` behind ASCII bars is left to its own scanner.
        if (!arg && /<\|tool[▁_ ]sep\|>/.test(content)) return;
        if (!arg || !header) {
          result.failures.push(
            failure("kimi", span, source, "the call has no `functions.NAME:INDEX` header and arguments"),
          );
          return;
        }
        const notes = closed ? [] : unclosed("`<|tool_call_end|>` was missing");
        const argsText = content.slice(arg.index + arg[0].length).trim();
        result.candidates.push({
          format: "kimi",
          name: header[2]!,
          id: header[1],
          complete: closed,
          argsText,
          span,
          certain: true,
          notes,
        });
      },
    );
    if (result.candidates.length > 0) {
      for (const w of matchAll(SECTION, input.view))
        result.wrappers!.push({ start: w.index, end: w.index + w[0].length });
    }
    return result;
  },
};
