/**
 * Prints the corpus pass rate per format, then every failing case with its problems.
 * Run with `npx tsx test/tool-calls/report.ts`. Exits 1 when any case fails.
 */
import { CORPUS } from "../../cli/testkit/tool-call-corpus/index.ts";
import { passRates, runCase } from "../../cli/testkit/tool-call-corpus/run.ts";

const outcomes = CORPUS.map(runCase);
const rows = passRates(outcomes);
const width = Math.max(6, ...rows.map((row) => row.format.length));
const line = (a: string, b: string, c: string, d: string) =>
  `${a.padEnd(width)}  ${b.padStart(6)}  ${c.padStart(5)}  ${d.padStart(6)}`;
console.log(line("format", "passed", "total", "rate"));
console.log("-".repeat(width + 23));
for (const row of rows) {
  console.log(
    line(
      row.format,
      String(row.passed),
      String(row.total),
      `${((100 * row.passed) / row.total).toFixed(0)}%`,
    ),
  );
}
const passed = outcomes.filter((o) => o.problems.length === 0).length;
console.log("-".repeat(width + 23));
console.log(
  line("all", String(passed), String(outcomes.length), `${((100 * passed) / outcomes.length).toFixed(1)}%`),
);
const kinds = ["positive", "messy", "negative"].map(
  (kind) => `${kind} ${outcomes.filter((o) => o.case.kind === kind).length}`,
);
console.log(`cases: ${kinds.join(", ")}`);
for (const outcome of outcomes.filter((o) => o.problems.length > 0)) {
  console.log(`\nFAIL ${outcome.case.id} [${outcome.case.format}]`);
  for (const problem of outcome.problems) console.log(`  ${problem}`);
}
process.exitCode = passed === outcomes.length ? 0 : 1;
