import { BENCH_USAGE, type BenchDiffArgs, type BenchRunArgs, parseBenchArgs } from "./args.ts";

/**
 * `smallcode bench`: a thin adapter over bench/harness. Parses arguments, runs the benchmark (or the
 * diff of two runs), writes the run record and prints the table (or JSON). The harness is imported
 * lazily so `smallcode` starts fast.
 */

export { parseBenchArgs } from "./args.ts";

async function runCommand(args: BenchRunArgs): Promise<number> {
  const { runBench } = await import("./harness/run.ts");
  const { formatRun, writeRecord } = await import("./harness/report.ts");
  const { formatWire } = await import("./harness/wire.ts");
  const apiKey = args.apiKey ?? process.env.SMALLCODE_API_KEY;
  const record = await runBench({
    suite: args.suite,
    ...(args.tasks.length > 0 ? { ids: args.tasks } : {}),
    trials: args.trials,
    agent: args.agent,
    ...(args.sim !== undefined ? { sim: args.sim } : {}),
    seed: args.seed,
    ...(args.baseUrl !== undefined ? { baseUrl: args.baseUrl } : {}),
    ...(args.model !== undefined ? { model: args.model } : {}),
    ...(apiKey ? { apiKey } : {}),
    ...(args.modelFile !== undefined ? { modelFile: args.modelFile } : {}),
    ...(args.grammar !== undefined ? { grammar: args.grammar } : {}),
    ...(args.concurrency !== undefined ? { concurrency: args.concurrency } : {}),
    maxSteps: args.maxSteps,
    maxTimeMs: args.maxTimeS * 1000,
    ...(args.repoMap ? { repoMap: true } : {}),
    onTrial: (t, finished, total) => {
      if (args.quiet) return;
      const mark = t.pass ? "pass" : "FAIL";
      process.stderr.write(
        `[${finished}/${total}] ${mark} ${t.suite}/${t.task} #${t.trial + 1} (${(t.ms / 1000).toFixed(1)}s, ${t.calls} calls, ${t.stopReason})\n`,
      );
    },
  });
  const path = writeRecord(record, args.out);
  if (args.json) process.stdout.write(`${JSON.stringify(record, null, 2)}\n`);
  else {
    const wire = formatWire(record.trials);
    process.stdout.write(`${formatRun(record)}\n${wire ? `\n${wire}\n` : ""}\nwritten to ${path}\n`);
  }
  const passAt1 = record.summary.overall.passAt1.value;
  if (args.failUnder !== undefined && passAt1 < args.failUnder) {
    process.stderr.write(
      `bench: pass@1 ${(passAt1 * 100).toFixed(1)}% is below --fail-under ${(args.failUnder * 100).toFixed(1)}%\n`,
    );
    return 1;
  }
  return 0;
}

async function diffCommand(args: BenchDiffArgs): Promise<number> {
  const { readRecord } = await import("./harness/report.ts");
  const { diffRuns, formatDiff } = await import("./harness/diff.ts");
  let a: ReturnType<typeof readRecord>;
  let b: ReturnType<typeof readRecord>;
  try {
    a = readRecord(args.a, args.dir);
    b = readRecord(args.b, args.dir);
  } catch (error) {
    process.stderr.write(`bench diff: ${(error as Error).message}\n`);
    return 3;
  }
  const diff = diffRuns(a, b, args.alpha);
  process.stdout.write(args.json ? `${JSON.stringify(diff, null, 2)}\n` : `${formatDiff(diff)}\n`);
  return diff.exitCode;
}

/**
 * Runs `smallcode bench …` (argv after `bench`) and returns the exit code: for a run 0 done, 1 below
 * `--fail-under`, 2 bad usage or configuration; for `diff` 0 improved, 1 regressed, 2 no significant
 * difference, 3 bad usage or an unreadable run.
 */
export async function benchCommand(argv: string[]): Promise<number> {
  const parsed = parseBenchArgs(argv);
  const usageCode =
    parsed.command !== "help" && parsed.command !== "error" ? 0 : parsed.topic === "diff" ? 3 : 2;
  if (parsed.command === "help") {
    process.stdout.write(`${BENCH_USAGE}\n`);
    return 0;
  }
  if (parsed.command === "error") {
    process.stderr.write(`smallcode bench: ${parsed.message}\n\n${BENCH_USAGE}\n`);
    return usageCode;
  }
  if (parsed.command === "diff") return diffCommand(parsed);
  try {
    return await runCommand(parsed);
  } catch (error) {
    process.stderr.write(`smallcode bench: ${(error as Error).message}\n`);
    return 2;
  }
}
