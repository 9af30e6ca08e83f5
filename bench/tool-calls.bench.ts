/**
 * Tool-call parser benchmark (`node bench/tool-calls.bench.ts [ROUNDS]`): prints figures, asserts
 * nothing (the corpus test asserts correctness).
 *
 * For every format family of the corpus (cli/testkit/tool-call-corpus/): how many of its cases the parser
 * gets right, and the time `parseToolCalls` takes per reply. Each reply is parsed ROUNDS times
 * (default 300) after a warm-up; its time is the mean of those rounds, and the table shows the median
 * and the slowest reply of each family, then the median over every reply.
 */
import { parseToolCalls } from "../cli/smallcode/tool-calls/index.ts";
import { CORPUS, type CorpusCase } from "../cli/testkit/tool-call-corpus/index.ts";
import { runCase } from "../cli/testkit/tool-call-corpus/run.ts";
import { CODING_TOOLS } from "../cli/testkit/tool-call-corpus/tools.ts";

const ROUNDS = Number(process.argv[2] ?? 300);

/** Mean microseconds per parse of one case's reply. */
function timeCase(c: CorpusCase): number {
  const options = { tools: c.tools ?? CODING_TOOLS, nativeToolCalls: c.native };
  for (let i = 0; i < 20; i++) parseToolCalls(c.input, options);
  const start = process.hrtime.bigint();
  for (let i = 0; i < ROUNDS; i++) parseToolCalls(c.input, options);
  return Number(process.hrtime.bigint() - start) / 1000 / ROUNDS;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

interface Row {
  format: string;
  passed: number;
  total: number;
  times: number[];
}

const rows = new Map<string, Row>();
for (const c of CORPUS) {
  const row = rows.get(c.format) ?? { format: c.format, passed: 0, total: 0, times: [] };
  row.total++;
  if (runCase(c).problems.length === 0) row.passed++;
  row.times.push(timeCase(c));
  rows.set(c.format, row);
}

const width = Math.max(14, ...[...rows.keys()].map((f) => f.length));
const line = (cells: readonly string[]) =>
  `${cells[0]!.padEnd(width)}  ${cells
    .slice(1)
    .map((cell) => cell.padStart(9))
    .join("  ")}`;
console.log(
  `tool-call parser, ${CORPUS.length} corpus replies, ${ROUNDS} rounds each, node ${process.version}`,
);
console.log(line(["format", "cases", "accuracy", "median µs", "max µs"]));
console.log("-".repeat(width + 4 * 11));
const all: number[] = [];
let passed = 0;
for (const row of rows.values()) {
  all.push(...row.times);
  passed += row.passed;
  console.log(
    line([
      row.format,
      String(row.total),
      `${((100 * row.passed) / row.total).toFixed(1)}%`,
      median(row.times).toFixed(1),
      Math.max(...row.times).toFixed(1),
    ]),
  );
}
console.log("-".repeat(width + 4 * 11));
console.log(
  line([
    "all",
    String(CORPUS.length),
    `${((100 * passed) / CORPUS.length).toFixed(1)}%`,
    median(all).toFixed(1),
    Math.max(...all).toFixed(1),
  ]),
);
