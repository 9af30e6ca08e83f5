import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chartRows, chartSvg, escapeXml } from "../../bench/harness/chart.ts";
import { writeRecord } from "../../bench/harness/report.ts";
import { type BenchRunRecord, summarise, type TrialResult } from "../../bench/harness/run.ts";

/** A record with two suites: `tools` passes 3 of 4 trials, `edit` 1 of 4; tokens differ per suite. */
function record(model: string): BenchRunRecord {
  const trial = (suite: string, task: string, pass: boolean, prompt: number): TrialResult => ({
    task,
    suite,
    trial: 0,
    pass,
    stopReason: "done",
    agentSuccess: pass,
    calls: 2,
    promptTokens: prompt,
    completionTokens: 100,
    toolCalls: 1,
    toolFailures: 0,
    ms: 50,
    response: "",
    oracle: { exitCode: pass ? 0 : 1, timedOut: false, output: "", ms: 5 },
  });
  const trials = [
    trial("tools", "t1", true, 900),
    trial("tools", "t2", true, 900),
    trial("tools", "t3", true, 900),
    trial("tools", "t4", false, 900),
    trial("edit", "e1", true, 3900),
    trial("edit", "e2", false, 3900),
    trial("edit", "e3", false, 3900),
    trial("edit", "e4", false, 3900),
  ];
  const tasks = trials.map((t) => ({ id: t.task, suite: t.suite as "tools" }));
  return {
    version: 1,
    id: "20250101T000000Z-all-chart",
    startedAt: "2025-01-01T00:00:00.000Z",
    durationMs: 1000,
    config: {
      suite: "all",
      tasks: tasks.map((t) => t.id),
      trials: 1,
      agent: "smallcode",
      seed: 1,
      model,
      concurrency: 1,
      maxSteps: 30,
    },
    environment: { node: process.version, platform: process.platform, cpus: 2 },
    trials,
    summary: summarise(tasks, trials),
  };
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe("bench chart", () => {
  it("is written next to the JSON record with pass@1 per suite and profile and tokens per task", () => {
    const dir = mkdtempSync(join(tmpdir(), "bench-chart-"));
    dirs.push(dir);
    const path = writeRecord(record("qwen-0.5b"), dir);
    const svgPath = path.replace(/\.json$/, ".svg");
    expect(existsSync(svgPath)).toBe(true);
    const svg = readFileSync(svgPath, "utf8");
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    const rows = [
      ...svg.matchAll(/<g class="row" data-label="([^"]*)" data-pass-at-1="([^"]*)" data-tokens="(\d+)">/g),
    ];
    expect(rows.map((r) => [r[1], r[2], r[3]])).toEqual([
      ["edit — qwen-0.5b · smallcode", "0.2500", "4000"],
      ["tools — qwen-0.5b · smallcode", "0.7500", "1000"],
      ["all — qwen-0.5b · smallcode", "0.5000", "2500"],
    ]);
    expect(svg).toContain(">25.0%</text>");
    expect(svg).toContain(">75.0%</text>");
    expect(svg).toContain(">4.0k (4 trials)</text>");
    // every opened group is closed
    expect((svg.match(/<g /g) ?? []).length).toBe((svg.match(/<\/g>/g) ?? []).length);
  });

  it("escapes a model name that carries markup", () => {
    const svg = chartSvg([record('<script>alert("x")</script>')]);
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(escapeXml("a&b'")).toBe("a&amp;b&apos;");
  });

  it("names a sim run by its profile and draws an empty chart without trials", () => {
    const r = record("7b@1");
    const sim = { ...r, config: { ...r.config, sim: "7b" } };
    expect(chartRows([sim]).map((row) => row.label)).toContain("tools — sim 7b · smallcode");
    const empty = { ...r, trials: [], summary: summarise([], []) };
    expect(chartSvg([empty])).toContain("no trials");
  });
});
