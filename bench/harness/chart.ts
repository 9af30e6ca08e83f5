import type { BenchRunRecord } from "./run.ts";
import type { GroupScore } from "./score.ts";

/**
 * A benchmark run as a picture: an SVG with two horizontal bar charts, pass@1 per suite and profile
 * (with its confidence interval as a whisker) and the mean tokens per task (prompt and completion
 * stacked). Pure: records in, SVG text out; `report.ts` writes it next to the run's JSON record.
 */

/** One bar group: a suite run under a profile. */
export interface ChartRow {
  readonly label: string;
  readonly score: GroupScore;
}

/** What a run ran as: the sim profile or the model, and the agent (`sim 7b · smallcode`). */
export function profileOf(record: BenchRunRecord): string {
  const model = record.config.sim !== undefined ? `sim ${record.config.sim}` : record.config.model;
  return `${model} · ${record.config.agent}`;
}

/** The rows of a chart: every suite of every record (then its overall score when it has several suites). */
export function chartRows(records: readonly BenchRunRecord[]): ChartRow[] {
  const rows: ChartRow[] = [];
  for (const record of records) {
    const profile = profileOf(record);
    const suites = Object.entries(record.summary.suites).sort(([a], [b]) => a.localeCompare(b));
    for (const [suite, score] of suites) rows.push({ label: `${suite} — ${profile}`, score });
    if (suites.length > 1) rows.push({ label: `all — ${profile}`, score: record.summary.overall });
  }
  return rows;
}

/** Text for inside an SVG element or attribute. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => `&${{ "&": "amp", "<": "lt", ">": "gt", '"': "quot", "'": "apos" }[c]};`,
  );
}

const ROW = 22;
const LABEL = 260;
const BAR = 300;
const GAP = 70;
const WIDTH = LABEL + BAR + GAP + BAR + 120;
const TOP = 56;

const fmt = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(1));
const kilo = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(1)}k` : x.toFixed(0));

/** The chart of `records` as SVG text (one record is the usual case). */
export function chartSvg(records: readonly BenchRunRecord[], title?: string): string {
  const rows = chartRows(records);
  const height = TOP + Math.max(1, rows.length) * ROW + 40;
  const maxTokens = Math.max(1, ...rows.map((r) => r.score.meanPromptTokens + r.score.meanCompletionTokens));
  const tokensX = LABEL + BAR + GAP;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<title>${escapeXml(title ?? records.map((r) => r.id).join(", "))}</title>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${LABEL}" y="20" font-weight="bold">pass@1 (95% interval)</text>`,
    `<text x="${tokensX}" y="20" font-weight="bold">tokens per task (prompt + completion)</text>`,
  ];
  for (const pct of [0, 0.5, 1]) {
    const x = LABEL + pct * BAR;
    out.push(
      `<line x1="${x}" y1="${TOP - 8}" x2="${x}" y2="${TOP + rows.length * ROW}" stroke="#dddddd"/>`,
      `<text x="${x}" y="${TOP - 12}" text-anchor="middle" fill="#666666">${pct * 100}%</text>`,
    );
  }
  if (rows.length === 0) out.push(`<text x="${LABEL}" y="${TOP + 14}" fill="#666666">no trials</text>`);
  rows.forEach((row, i) => {
    const y = TOP + i * ROW;
    const s = row.score;
    const p = s.passAt1;
    const colour = p.value >= 0.8 ? "#2e7d32" : p.value >= 0.5 ? "#f9a825" : "#c62828";
    const tokens = s.meanPromptTokens + s.meanCompletionTokens;
    const promptW = (s.meanPromptTokens / maxTokens) * BAR;
    const complW = (s.meanCompletionTokens / maxTokens) * BAR;
    out.push(
      `<g class="row" data-label="${escapeXml(row.label)}" data-pass-at-1="${p.value.toFixed(4)}" data-tokens="${Math.round(tokens)}">`,
      `<text x="${LABEL - 8}" y="${y + 14}" text-anchor="end">${escapeXml(row.label)}</text>`,
      `<rect x="${LABEL}" y="${y + 3}" width="${fmt(p.value * BAR)}" height="${ROW - 8}" fill="${colour}"/>`,
      `<line x1="${fmt(LABEL + p.low * BAR)}" y1="${y + ROW / 2}" x2="${fmt(LABEL + p.high * BAR)}" y2="${y + ROW / 2}" stroke="#333333"/>`,
      `<text x="${LABEL + BAR + 6}" y="${y + 14}">${(p.value * 100).toFixed(1)}%</text>`,
      `<rect x="${tokensX}" y="${y + 3}" width="${fmt(promptW)}" height="${ROW - 8}" fill="#1565c0"/>`,
      `<rect x="${fmt(tokensX + promptW)}" y="${y + 3}" width="${fmt(complW)}" height="${ROW - 8}" fill="#90caf9"/>`,
      `<text x="${fmt(tokensX + promptW + complW + 6)}" y="${y + 14}">${kilo(tokens)} (${s.trials} trials)</text>`,
      "</g>",
    );
  });
  const legendY = TOP + rows.length * ROW + 24;
  out.push(
    `<rect x="${tokensX}" y="${legendY - 10}" width="10" height="10" fill="#1565c0"/>`,
    `<text x="${tokensX + 14}" y="${legendY}">prompt</text>`,
    `<rect x="${tokensX + 70}" y="${legendY - 10}" width="10" height="10" fill="#90caf9"/>`,
    `<text x="${tokensX + 84}" y="${legendY}">completion</text>`,
    "</svg>",
  );
  return `${out.join("\n")}\n`;
}
