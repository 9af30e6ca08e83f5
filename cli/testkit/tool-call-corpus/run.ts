/** Runs corpus cases against `parseToolCalls` and explains each mismatch. */
import { isDeepStrictEqual } from "node:util";
import { type ParseResult, parseToolCalls } from "../../smallcode/tool-calls/index.ts";
import { CODING_TOOLS } from "./tools.ts";
import type { CorpusCase } from "./types.ts";

/** The outcome of one case. */
export interface CaseOutcome {
  case: CorpusCase;
  result: ParseResult;
  problems: string[];
}

/** Parses the case's input and compares calls, issue codes and (when given) the remaining text. */
export function runCase(c: CorpusCase): CaseOutcome {
  const result = parseToolCalls(c.input, { tools: c.tools ?? CODING_TOOLS, nativeToolCalls: c.native });
  const problems: string[] = [];
  const got = result.calls.map((call) => ({ name: call.name, arguments: call.arguments }));
  if (!isDeepStrictEqual(got, c.expect.calls)) {
    problems.push(`calls: expected ${JSON.stringify(c.expect.calls)}, got ${JSON.stringify(got)}`);
  }
  const codes = result.issues.map((issue) => issue.code);
  if (c.expect.issues) {
    for (const code of c.expect.issues) {
      if (!codes.includes(code)) problems.push(`issues: expected \`${code}\`, got [${codes.join(", ")}]`);
    }
  } else {
    const errors = result.issues.filter((issue) => issue.severity === "error");
    if (errors.length > 0) problems.push(`issues: unexpected errors ${JSON.stringify(errors)}`);
  }
  if (c.expect.text !== undefined && result.text !== c.expect.text) {
    problems.push(`text: expected ${JSON.stringify(c.expect.text)}, got ${JSON.stringify(result.text)}`);
  }
  return { case: c, result, problems };
}

/** Per-format pass counts, in first-seen order. */
export function passRates(
  outcomes: readonly CaseOutcome[],
): { format: string; passed: number; total: number }[] {
  const rows = new Map<string, { format: string; passed: number; total: number }>();
  for (const outcome of outcomes) {
    const row = rows.get(outcome.case.format) ?? { format: outcome.case.format, passed: 0, total: 0 };
    row.total++;
    if (outcome.problems.length === 0) row.passed++;
    rows.set(row.format, row);
  }
  return [...rows.values()];
}
