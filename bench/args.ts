/**
 * The option table and pure parser of `smallcode bench` and `smallcode bench diff`; no I/O, tested
 * without spawning a process.
 */

/** `smallcode bench …`: run tasks. */
export interface BenchRunArgs {
  readonly command: "run";
  readonly suite: string;
  readonly tasks: readonly string[];
  readonly trials: number;
  readonly sim?: string;
  readonly baseUrl?: string;
  readonly model?: string;
  readonly apiKey?: string;
  /** A GGUF file run in process by SmallCode (`--model-file`). */
  readonly modelFile?: string;
  /** `--grammar on|off`: the embedded model's decode-time grammar for act turns. */
  readonly grammar?: boolean;
  readonly seed: number;
  readonly agent: "smallcode" | "naive" | "reference";
  readonly json: boolean;
  readonly quiet: boolean;
  readonly concurrency?: number;
  readonly maxSteps: number;
  readonly maxTimeS: number;
  readonly out: string;
  /** Exit 1 when overall pass@1 is below this (0–1). */
  readonly failUnder?: number;
  /** Give SmallCode the repo map (`repoMap` option). */
  readonly repoMap?: boolean;
}

/** `smallcode bench diff A B`. */
export interface BenchDiffArgs {
  readonly command: "diff";
  readonly a: string;
  readonly b: string;
  readonly json: boolean;
  readonly alpha: number;
  readonly dir: string;
}

/** The outcome of parsing. */
export type ParsedBenchArgs =
  | BenchRunArgs
  | BenchDiffArgs
  | { readonly command: "help"; readonly topic: "run" | "diff" }
  | { readonly command: "error"; readonly message: string; readonly topic: "run" | "diff" };

/** Usage text of `smallcode bench`. */
export const BENCH_USAGE = `usage: smallcode bench [--suite NAME] [--task ID]… [--trials K] [--sim PROFILE | --base-url URL --model NAME | --model-file FILE]
                       [--naive | --reference] [--seed N] [--json] [--fail-under RATE] [options]
       smallcode bench diff A B [--json] [--alpha X]

Runs benchmark tasks, each in a fresh temporary copy of its seed project, and checks each with its oracle.
Results go to .smallcode/benchmarks/<run>.json and a summary table is printed.

  --suite NAME        smoke, polyglot, tools, edit, micro or all (default all)
  --task ID           only this task (repeatable, or comma-separated)
  --trials K          attempts per task (default 1); pass^K is reported
  --sim PROFILE       a simulated small model: clean, 7b or 3b (served over real HTTP)
  --base-url URL      a real OpenAI-compatible endpoint (…/v1), with --model NAME [--api-key KEY];
                      requests go through a recording proxy (well-formed calls, tokens/s)
  --model-file FILE   a GGUF model SmallCode runs in process (smallcode run --model-file), no server
  --grammar on|off    with --model-file: constrain act turns to a well-formed call or answer (default on)
  --naive             drive the model with the naive baseline loop instead of SmallCode
  --repo-map          give SmallCode the repo map (ranked files and signatures in its prompt)
  --reference         replay each task's reference trajectory (no model; checks the oracles)
  --seed N            sim seed (default 1); trial t uses seed N+t
  --concurrency N     tasks run at once (default: CPU count, at least 2)
  --max-steps N       agent step limit per task (default 30)
  --max-time S        agent time limit per task in seconds (default 300)
  --out DIR           where run records go (default .smallcode/benchmarks)
  --fail-under RATE   exit 1 when overall pass@1 is below RATE (0–1, or a percentage like 80%)
  --json              print the run record as JSON instead of the table
  --quiet             no progress lines on stderr

diff: compares run B with run A (paths, ids or id prefixes) with an exact sign test (McNemar) on
per-task pass rates. Exit codes: 0 improved, 1 regressed, 2 no significant difference, 3 bad usage.
Run exit codes: 0 done, 1 below --fail-under, 2 bad usage or configuration.`;

const VALUE_FLAGS = new Set([
  "--suite",
  "--task",
  "--trials",
  "--sim",
  "--base-url",
  "--model",
  "--api-key",
  "--model-file",
  "--grammar",
  "--seed",
  "--concurrency",
  "--max-steps",
  "--max-time",
  "--out",
  "--fail-under",
  "--alpha",
  "--dir",
]);
const BOOL_FLAGS = new Set(["--json", "--repo-map", "--naive", "--reference", "--quiet", "--help", "-h"]);

function positiveInt(flag: string, text: string): number | string {
  const n = Number(text);
  return Number.isInteger(n) && n > 0 ? n : `${flag} wants a positive integer, got \`${text}\``;
}

function rate(text: string): number | string {
  const percent = text.endsWith("%");
  const n = Number(percent ? text.slice(0, -1) : text) / (percent ? 100 : 1);
  return Number.isFinite(n) && n >= 0 && n <= 1
    ? n
    : `--fail-under wants a rate in 0–1 or a percentage, got \`${text}\``;
}

/** Parses `smallcode bench` arguments (argv after `bench`). */
export function parseBenchArgs(argv: readonly string[]): ParsedBenchArgs {
  const topic = argv[0] === "diff" ? "diff" : "run";
  const args = topic === "diff" ? argv.slice(1) : argv;
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  const positional: string[] = [];
  const error = (message: string): ParsedBenchArgs => ({ command: "error", message, topic });
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (VALUE_FLAGS.has(name)) {
      const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
      if (value === undefined) return error(`${name} needs a value`);
      values.set(name, [...(values.get(name) ?? []), value]);
    } else if (BOOL_FLAGS.has(name)) flags.add(name);
    else if (arg.startsWith("-")) return error(`unknown option \`${arg}\``);
    else positional.push(arg);
  }
  if (flags.has("--help") || flags.has("-h")) return { command: "help", topic };
  const one = (flag: string) => values.get(flag)?.at(-1);
  if (topic === "diff") {
    if (positional.length !== 2) return error("bench diff needs two runs: smallcode bench diff A B");
    const alpha = Number(one("--alpha") ?? "0.05");
    if (!(alpha > 0 && alpha < 1)) return error("--alpha wants a number between 0 and 1");
    return {
      command: "diff",
      a: positional[0]!,
      b: positional[1]!,
      json: flags.has("--json"),
      alpha,
      dir: one("--dir") ?? ".smallcode/benchmarks",
    };
  }
  if (positional.length > 0) return error(`unexpected argument \`${positional[0]}\``);
  if (flags.has("--naive") && flags.has("--reference"))
    return error("--naive and --reference exclude each other");
  const sim = one("--sim");
  const baseUrl = one("--base-url");
  const model = one("--model");
  const modelFile = one("--model-file");
  const grammarText = one("--grammar");
  if (sim !== undefined && (baseUrl !== undefined || model !== undefined || modelFile !== undefined))
    return error("--sim excludes --base-url, --model and --model-file");
  if (modelFile !== undefined && baseUrl !== undefined)
    return error("--model-file excludes --base-url: a model file run in process, or a server");
  if (modelFile !== undefined && flags.has("--naive"))
    return error("--naive speaks HTTP only: run it against a server (--base-url), not --model-file");
  if (
    sim === undefined &&
    modelFile === undefined &&
    !flags.has("--reference") &&
    (baseUrl === undefined || model === undefined)
  )
    return error("give --sim PROFILE, both --base-url URL and --model NAME, or --model-file FILE");
  if (grammarText !== undefined && grammarText !== "on" && grammarText !== "off")
    return error(`--grammar wants on or off, got \`${grammarText}\``);
  if (grammarText !== undefined && modelFile === undefined)
    return error("--grammar applies to an embedded model: give --model-file FILE");
  const numbers: Record<string, number> = {};
  for (const [flag, fallback] of [
    ["--trials", "1"],
    ["--seed", "1"],
    ["--max-steps", "30"],
    ["--max-time", "300"],
  ] as const) {
    const n = flag === "--seed" ? Number(one(flag) ?? fallback) : positiveInt(flag, one(flag) ?? fallback);
    if (typeof n === "string") return error(n);
    if (!Number.isInteger(n) || n < 0) return error(`${flag} wants a whole number`);
    numbers[flag] = n;
  }
  let concurrency: number | undefined;
  if (one("--concurrency") !== undefined) {
    const n = positiveInt("--concurrency", one("--concurrency")!);
    if (typeof n === "string") return error(n);
    concurrency = n;
  }
  let failUnder: number | undefined;
  if (one("--fail-under") !== undefined) {
    const r = rate(one("--fail-under")!);
    if (typeof r === "string") return error(r);
    failUnder = r;
  }
  const apiKey = one("--api-key");
  return {
    command: "run",
    suite: one("--suite") ?? "all",
    tasks: (values.get("--task") ?? []).flatMap((t) => t.split(",")).filter(Boolean),
    trials: numbers["--trials"]!,
    ...(sim !== undefined ? { sim } : {}),
    ...(baseUrl !== undefined ? { baseUrl } : {}),
    ...(model !== undefined ? { model } : {}),
    ...(apiKey !== undefined ? { apiKey } : {}),
    ...(modelFile !== undefined ? { modelFile } : {}),
    ...(grammarText !== undefined ? { grammar: grammarText === "on" } : {}),
    seed: numbers["--seed"]!,
    agent: flags.has("--naive") ? "naive" : flags.has("--reference") ? "reference" : "smallcode",
    json: flags.has("--json"),
    quiet: flags.has("--quiet"),
    ...(concurrency !== undefined ? { concurrency } : {}),
    maxSteps: numbers["--max-steps"]!,
    maxTimeS: numbers["--max-time"]!,
    out: one("--out") ?? ".smallcode/benchmarks",
    ...(failUnder !== undefined ? { failUnder } : {}),
    ...(flags.has("--repo-map") ? { repoMap: true } : {}),
  };
}
