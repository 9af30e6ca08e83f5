import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { chartSvg } from "./chart.ts";
import type { BenchRunRecord } from "./run.ts";
import type { Estimate, GroupScore } from "./score.ts";

/** Run records on disk (`.smallcode/benchmarks/<id>.json`) and the readable summary table. */

/** Where runs are written, under the project directory. */
export const RUNS_DIR = ".smallcode/benchmarks";

/**
 * Writes the record atomically as `<dir>/<id>.json`, and its chart (`chart.ts`) next to it as
 * `<dir>/<id>.svg`; returns the JSON record's path.
 */
export function writeRecord(record: BenchRunRecord, dir = RUNS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${record.id}.json`);
  for (const [file, text] of [
    [path, `${JSON.stringify(record, null, 2)}\n`],
    [join(dir, `${record.id}.svg`), chartSvg([record])],
  ] as const) {
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  }
  return path;
}

/** Reads a record by path, or by id (or a unique id prefix) from `dir`. Throws with a clear message. */
export function readRecord(ref: string, dir = RUNS_DIR): BenchRunRecord {
  let path = resolve(ref);
  if (!existsSync(path)) {
    const names = existsSync(dir) ? readdirSync(dir).filter((n) => n.endsWith(".json")) : [];
    const hits = names.filter((n) => n === `${ref}.json` || n.startsWith(ref));
    if (hits.length !== 1)
      throw new Error(
        hits.length === 0
          ? `no benchmark run \`${ref}\` (looked in ${dir})`
          : `\`${ref}\` matches ${hits.length} runs`,
      );
    path = join(dir, hits[0]!);
  }
  const value = JSON.parse(readFileSync(path, "utf8")) as BenchRunRecord;
  if (value?.version !== 1 || !Array.isArray(value.trials))
    throw new Error(`${path} is not a benchmark run record`);
  return value;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const ci = (e: Estimate) => `${pct(e.value)} [${(e.low * 100).toFixed(0)}–${(e.high * 100).toFixed(0)}]`;
const kilo = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)}k` : x.toFixed(0));

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
}

/** The summary table of groups (suites, then `all`). */
export function formatTable(groups: Readonly<Record<string, GroupScore>>, k: number): string {
  const header = [
    "suite",
    "tasks",
    "pass@1 [95% CI]",
    `pass^${k} [95% CI]`,
    "honest claims [95% CI]",
    "false ✓",
    "calls",
    "tok in",
    "tok out",
    "tools",
    "time",
  ];
  const rows = Object.entries(groups).map(([name, g]) => [
    name,
    String(g.tasks),
    ci(g.passAt1),
    ci(g.passHatK),
    g.honestClaims?.n ? ci(g.honestClaims) : "–",
    String(g.falseSuccess ?? 0),
    g.meanCalls.toFixed(1),
    kilo(g.meanPromptTokens),
    kilo(g.meanCompletionTokens),
    g.meanToolCalls.toFixed(1),
    `${(g.meanMs / 1000).toFixed(1)}s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [row(header, widths), ...rows.map((r) => row(r, widths))].join("\n");
}

/** The most telling line of an oracle's output: the last one naming an error or failure, else the last. */
export function oracleLine(output: string): string {
  const lines = output
    .trim()
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  const telling = lines.filter(
    (l) => /error|fail|assert|expected|missing|not |still/i.test(l) && !/^at /.test(l),
  );
  return telling.pop() ?? lines.pop() ?? "";
}

/** The readable report of a run: what ran, the table, and every failed attempt with its reason. */
export function formatRun(record: BenchRunRecord): string {
  const c = record.config;
  const source = c.sim ? `sim ${c.sim}, seed ${c.seed}` : `${c.model} at ${c.baseUrl ?? "?"}`;
  const lines = [
    `bench ${record.id}: ${c.agent} on ${c.suite} (${c.tasks.length} tasks × ${c.trials} trials, ${source}) in ${(record.durationMs / 1000).toFixed(1)}s`,
    "",
    formatTable({ ...record.summary.suites, all: record.summary.overall }, record.summary.overall.k),
  ];
  const failed = record.trials.filter((t) => !t.pass);
  if (failed.length > 0) {
    lines.push("", `failed (${failed.length}):`);
    for (const t of failed) {
      const oracle = oracleLine(t.oracle.output);
      const why = t.error ? `error: ${t.error.split("\n")[0]}` : `stop ${t.stopReason}, ${t.toolCalls} tools`;
      const claim = t.agentSuccess ? " (claimed success)" : "";
      lines.push(`  ${t.task} #${t.trial + 1}${claim}: ${why}; oracle: ${oracle.slice(0, 120)}`);
    }
  }
  return lines.join("\n");
}
