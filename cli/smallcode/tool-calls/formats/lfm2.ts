/**
 * Liquid LFM2: Python calls (or JSON, when the system prompt asks for it) between special tokens,
 * usually followed by a short sentence:
 *
 *   <|tool_call_start|>[read_file(path="src/index.ts")]<|tool_call_end|>Reading the entry point.
 */
import type { Scanner, ScanResult } from "../types.ts";
import { bodyCalls, emptyResult, failure, forEachBlock, unclosed } from "./util.ts";

const OPEN = /<\|tool_call_start\|>/g;

/** Scanner for LFM2 `<|tool_call_start|>…<|tool_call_end|>` calls. */
export const lfm2Scanner: Scanner = {
  format: "lfm2",
  strong: true,
  scan(input) {
    const { source } = input;
    const result: ScanResult = emptyResult();
    forEachBlock(
      input,
      OPEN,
      // `</tool_call>`: a neighbour's closer that small models put in its place.
      ["<|tool_call_end|>", "</tool_call>"],
      ["<|im_end|>"],
      ({ bodyStart, bodyEnd, closed, span }) => {
        const outcome = bodyCalls(source, { start: bodyStart, end: bodyEnd }, "lfm2", span, closed);
        if ("failure" in outcome) {
          result.failures.push(failure("lfm2", span, source, outcome.failure, outcome.code));
          return;
        }
        const notes = closed ? [] : unclosed("`<|tool_call_end|>` was missing");
        result.candidates.push(
          ...outcome.candidates.map((c) => ({ ...c, notes: [...(c.notes ?? []), ...notes] })),
        );
      },
    );
    return result;
  },
};
