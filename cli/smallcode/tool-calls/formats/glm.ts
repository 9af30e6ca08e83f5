/**
 * GLM-4.5 / 4.6 / 4.7: the tool name right after `<tool_call>`, then key/value tag pairs; values
 * are raw text (JSON for non-string parameters):
 *
 *   <tool_call>read_file
 *   <arg_key>path</arg_key>
 *   <arg_value>src/index.ts</arg_value>
 *   </tool_call>
 *
 * GLM-4.7 writes the pairs without newlines. Missing `</arg_value>` and `</tool_call>` are tolerated.
 */
import type { Scanner, ScanResult } from "../types.ts";
import { emptyResult, failure, forEachBlock, matchAll, unclosed } from "./util.ts";

const OPEN = /<tool_call>/gi;
const PAIR = /<arg_key>\s*([\s\S]*?)\s*<\/arg_key>\s*<arg_value>([\s\S]*?)(?:<\/arg_value>|(?=<arg_key>)|$)/g;

/** Scanner for GLM `<arg_key>`/`<arg_value>` calls. */
export const glmScanner: Scanner = {
  format: "glm",
  strong: true,
  scan(input) {
    const { source } = input;
    const result: ScanResult = emptyResult();
    forEachBlock(input, OPEN, [/<\/tool_call>/i], [], ({ bodyStart, bodyEnd, closed, span }) => {
      const body = source.slice(bodyStart, bodyEnd);
      const firstKey = body.indexOf("<arg_key>");
      if (firstKey === -1) return bodyStart;
      const name = body.slice(0, firstKey).trim();
      if (!/^[A-Za-z_][\w.:-]*$/.test(name)) {
        result.failures.push(failure("glm", span, source, "the block does not start with a tool name"));
        return;
      }
      const args: Record<string, string> = {};
      for (const pair of matchAll(PAIR, body.slice(firstKey))) {
        args[pair[1]!] = pair[0].endsWith("</arg_value>") ? pair[2]! : pair[2]!.trimEnd();
      }
      const notes = closed ? [] : unclosed("`</tool_call>` was missing");
      result.candidates.push({ format: "glm", name, args, rawStrings: true, span, certain: true, notes });
      return;
    });
    return result;
  },
};
