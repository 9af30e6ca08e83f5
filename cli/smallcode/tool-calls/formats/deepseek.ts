/**
 * DeepSeek special tokens (full-width bars `｜` and `▁`; ASCII look-alikes are accepted):
 *
 *   V3 / R1:  <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>function<｜tool▁sep｜>read_file
 *             ```json
 *             {"path": "a.ts"}
 *             ```<｜tool▁call▁end｜><｜tool▁calls▁end｜>
 *   V3.1+:    <｜tool▁calls▁begin｜><｜tool▁call▁begin｜>read_file<｜tool▁sep｜>{"path": "a.ts"}<｜tool▁call▁end｜><｜tool▁calls▁end｜>
 */
import type { Scanner, ScanResult } from "../types.ts";
import { emptyResult, failure, forEachBlock, matchAll, unclosed, unfence } from "./util.ts";

/** A tolerant pattern for a DeepSeek token such as `<｜tool▁call▁begin｜>`. */
function token(...words: string[]): RegExp {
  return new RegExp(`<[｜|]\\s*${words.join("[▁_ ]")}\\s*[｜|]>`, "g");
}

const CALLS_BEGIN = token("tool", "calls", "begin");
const CALLS_END = token("tool", "calls", "end");
const CALL_BEGIN = token("tool", "call", "begin");
const CALL_END = token("tool", "call", "end");
const SEP = token("tool", "sep");

/** Scanner for DeepSeek V3, R1 and V3.1 tool-call tokens. */
export const deepseekScanner: Scanner = {
  format: "deepseek",
  strong: true,
  scan(input) {
    const { source } = input;
    const result: ScanResult = emptyResult();
    forEachBlock(input, CALL_BEGIN, [CALL_END], [CALLS_END], ({ bodyStart, bodyEnd, closed, span }) => {
      const content = source.slice(bodyStart, bodyEnd);
      const sep = new RegExp(SEP.source).exec(content);
      if (!sep) {
        result.failures.push(failure("deepseek", span, source, "the call has no `tool▁sep` token"));
        return;
      }
      const left = content.slice(0, sep.index).trim();
      let right = content.slice(sep.index + sep[0].length);
      let name = left;
      if (left === "" || /^function$/i.test(left)) {
        const named = /^\s*([^\s`{[]+)/.exec(right);
        if (!named) {
          result.failures.push(failure("deepseek", span, source, "the call has no tool name"));
          return;
        }
        name = named[1]!;
        right = right.slice(named[0].length);
      }
      const notes = closed ? [] : unclosed("`tool▁call▁end` was missing");
      result.candidates.push({
        format: "deepseek",
        name,
        argsText: unfence(right),
        complete: closed,
        span,
        certain: true,
        notes,
      });
    });
    if (result.candidates.length > 0) {
      for (const re of [CALLS_BEGIN, CALLS_END]) {
        for (const w of matchAll(re, input.view))
          result.wrappers!.push({ start: w.index, end: w.index + w[0].length });
      }
    }
    return result;
  },
};
