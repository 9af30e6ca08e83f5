/**
 * XML parameter formats.
 *
 * Qwen3-Coder (and Qwen3.5), usually inside `<tool_call>`; values are raw text between newlines:
 *
 *   <tool_call>
 *   <function=read_file>
 *   <parameter=path>
 *   src/index.ts
 *   </parameter>
 *   </function>
 *   </tool_call>
 *
 * Seed-OSS wraps the same body in `<seed:tool_call>`. Functionary v3.1 and Llama 3.1's prompt-defined form `<function=name>{"a": 1}</function>` (JSON body) is read here too.
 * MiniMax-M2 and Claude-style `<invoke name="x"><parameter name="p">v</parameter></invoke>` are the
 * `xml-invoke` family. Missing `</parameter>`, `</function>` or `</invoke>` closers are tolerated.
 */
import type { Candidate, ScanInput, Scanner, ScanResult, Span } from "../types.ts";
import { emptyResult, failure, matchAll, nextMarker, unclosed, unfence, widen } from "./util.ts";

interface XmlDialect {
  format: "qwen3-coder" | "xml-invoke";
  open: RegExp;
  close: string;
  param: RegExp;
  paramClose: string;
  before: RegExp;
  after: RegExp;
}

const QWEN: XmlDialect = {
  format: "qwen3-coder",
  open: /<function\s*=\s*["']?([^>"'\n]+?)["']?\s*>/g,
  close: "</function>",
  param: /<parameter\s*=\s*["']?([^>"'\n]+?)["']?\s*>/g,
  paramClose: "</parameter>",
  before: /<(?:seed:)?tool_call>/,
  after: /<\/(?:seed:)?tool_call>/,
};

const INVOKE: XmlDialect = {
  format: "xml-invoke",
  open: /<invoke\s+name\s*=\s*["']([^"'\n]+)["']\s*>/g,
  close: "</invoke>",
  param: /<parameter\s+name\s*=\s*["']([^"'\n]+)["']\s*>/g,
  paramClose: "</parameter>",
  before: /<(?:minimax:tool_call|function_calls|tool_call)>/,
  after: /<\/(?:minimax:tool_call|function_calls|tool_call)>/,
};

/** Strips the single newline the templates put on each side of a value. */
function trimValue(value: string): string {
  return value.replace(/^\r?\n/, "").replace(/\r?\n[ \t]*$/, "");
}

function readParams(body: string, dialect: XmlDialect): Record<string, string> | null {
  const params: Record<string, string> = {};
  const matches = matchAll(dialect.param, body);
  if (matches.length === 0) return null;
  for (const m of matches) {
    const valueStart = m.index + m[0].length;
    const stop = nextMarker(body, valueStart, [dialect.paramClose, new RegExp(dialect.param.source)]);
    params[m[1]!.trim()] = trimValue(body.slice(valueStart, stop ? stop.start : body.length));
  }
  return params;
}

function scanOne(input: ScanInput, dialect: XmlDialect, m: RegExpExecArray, result: ScanResult): number {
  const { source } = input;
  const bodyStart = m.index + m[0].length;
  const stop = nextMarker(source, bodyStart, [dialect.close, new RegExp(dialect.open.source), dialect.after]);
  const closed = stop !== null && source.startsWith(dialect.close, stop.start);
  const bodyEnd = stop ? stop.start : source.length;
  const body = source.slice(bodyStart, bodyEnd);
  const span: Span = widen(
    source,
    { start: m.index, end: closed ? stop!.end : bodyEnd },
    dialect.before,
    dialect.after,
  );
  const notes = closed ? [] : unclosed(`\`${dialect.close}\` was missing`);
  const name = m[1]!.trim();
  const params = readParams(body, dialect);
  const base = { name, span, certain: true, notes };
  let candidate: Candidate;
  if (params) candidate = { ...base, format: dialect.format, args: params, rawStrings: true };
  else if (body.trim() === "") candidate = { ...base, format: dialect.format, args: {} };
  else if (/^[{[]/.test(unfence(body)))
    candidate = { ...base, format: "llama", argsText: unfence(body), complete: closed };
  else {
    result.failures.push(failure(dialect.format, span, source, "the call body has no parameters"));
    return span.end;
  }
  result.candidates.push(candidate);
  return span.end;
}

function scanner(dialect: XmlDialect): Scanner {
  return {
    format: dialect.format,
    strong: true,
    scan(input) {
      const result = emptyResult();
      let pos = 0;
      for (const m of matchAll(dialect.open, input.view)) {
        if (m.index < pos) continue;
        pos = scanOne(input, dialect, m, result);
      }
      return result;
    },
  };
}

/** Scanner for Qwen3-Coder `<function=…><parameter=…>` calls (and Llama 3.1 `<function=…>{json}`). */
export const qwen3CoderScanner: Scanner = scanner(QWEN);

/** Scanner for MiniMax-M2 / Claude-style `<invoke name=…><parameter name=…>` calls. */
export const xmlInvokeScanner: Scanner = scanner(INVOKE);
