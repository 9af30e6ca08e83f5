import { availableParallelism } from "node:os";
import type { RunResult } from "../../cli/smallcode/contract/index.ts";
import type { SimStats } from "../sim/model.ts";
import { PROFILES, simModelName } from "../sim/profiles.ts";
import { startSimServer } from "../sim/server.ts";
import { type AgentKind, agentFor } from "./agents.ts";
import { startRecorder } from "./recorder.ts";
import { type GroupScore, scoreGroup } from "./score.ts";
import { loadTasks, SUITES, type Task } from "./task.ts";
import { type WireStats, wireStats } from "./wire.ts";
import { benchEnv, prepareWorkspace, runOracle } from "./workspace.ts";

/**
 * Runs a benchmark: every task × trial in a fresh work copy, the agent against a simulated model
 * (`sim`) or a real endpoint, then the task's oracle; returns the run record that is written to
 * `.smallcode/benchmarks/<id>.json`.
 */

/** How to run a benchmark. */
export interface BenchOptions {
  /** A suite or `all`. */
  readonly suite: string;
  readonly ids?: readonly string[];
  readonly trials: number;
  readonly agent: AgentKind;
  /** A sim profile (clean, 7b, 3b); otherwise `baseUrl` and `model` name a real endpoint. */
  readonly sim?: string;
  readonly seed: number;
  readonly baseUrl?: string;
  readonly model?: string;
  readonly apiKey?: string;
  /** A GGUF file: SmallCode runs it in process (`smallcode run --model-file`), no server. */
  readonly modelFile?: string;
  /** Decode-time grammar of an embedded model's act turns (default on). */
  readonly grammar?: boolean;
  readonly concurrency?: number;
  readonly maxSteps: number;
  readonly maxTimeMs: number;
  /** Give SmallCode the repo map. */
  readonly repoMap?: boolean;
  readonly signal?: AbortSignal;
  /** Called after every finished trial. */
  readonly onTrial?: (trial: TrialResult, finished: number, total: number) => void;
}

/** One attempt at one task. */
export interface TrialResult {
  readonly task: string;
  readonly suite: string;
  /** 0-based. */
  readonly trial: number;
  readonly pass: boolean;
  readonly stopReason: string;
  /** The agent's own verdict (`RunResult.success`). */
  readonly agentSuccess: boolean;
  readonly calls: number;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly toolCalls: number;
  readonly toolFailures: number;
  /** Agent wall time. */
  readonly ms: number;
  readonly response: string;
  readonly oracle: {
    readonly exitCode: number | null;
    readonly timedOut: boolean;
    readonly output: string;
    readonly ms: number;
  };
  /** An exception that ended the attempt (a bug in the agent or harness). */
  readonly error?: string;
  /** What the model did on the wire (real servers only, through the recording proxy). */
  readonly wire?: WireStats;
}

/** A benchmark run as stored on disk. */
export interface BenchRunRecord {
  readonly version: 1;
  readonly id: string;
  readonly startedAt: string;
  readonly durationMs: number;
  readonly config: {
    readonly suite: string;
    readonly tasks: readonly string[];
    readonly trials: number;
    readonly agent: AgentKind;
    readonly sim?: string;
    readonly seed: number;
    readonly model: string;
    readonly baseUrl?: string;
    readonly modelFile?: string;
    readonly grammar?: boolean;
    readonly concurrency: number;
    readonly maxSteps: number;
    readonly repoMap?: boolean;
  };
  readonly environment: { readonly node: string; readonly platform: string; readonly cpus: number };
  readonly trials: readonly TrialResult[];
  readonly summary: { readonly overall: GroupScore; readonly suites: Readonly<Record<string, GroupScore>> };
  readonly sim?: SimStats;
}

function runId(started: Date, options: BenchOptions): string {
  const stamp = started
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const model = options.sim
    ? `sim-${options.sim}`
    : (options.model ?? options.modelFile?.replace(/^.*\//, "").replace(/\.gguf$/, "") ?? "model");
  return `${stamp}-${options.suite}-${model}-${options.agent}`.replace(/[^\w.@-]+/g, "_");
}

async function pool<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
}

function failedRun(ms: number, stopReason: "error" | "max_time"): RunResult {
  return {
    success: false,
    response: "",
    stopReason,
    toolCalls: [],
    filesCreated: [],
    filesEdited: [],
    usage: { calls: 0, promptTokens: 0, completionTokens: 0 },
    durationMs: ms,
  };
}

/** Summaries per suite and overall. */
export function summarise(tasks: readonly Pick<Task, "id" | "suite">[], trials: readonly TrialResult[]) {
  const byTask = (ids: readonly string[]) => ids.map((id) => trials.filter((t) => t.task === id));
  const suites: Record<string, GroupScore> = {};
  for (const suite of SUITES) {
    const ids = tasks.filter((t) => t.suite === suite).map((t) => t.id);
    if (ids.length > 0) suites[suite] = scoreGroup(byTask(ids));
  }
  return { overall: scoreGroup(byTask(tasks.map((t) => t.id))), suites };
}

async function attempt(
  task: Task,
  trial: number,
  options: BenchOptions,
  run: RunContext,
): Promise<TrialResult> {
  const ws = prepareWorkspace(task);
  const started = Date.now();
  const abort = new AbortController();
  const stop = () => abort.abort();
  options.signal?.addEventListener("abort", stop);
  // a backstop: agents stop themselves at maxTimeMs; one still going 30 s later is killed, as max_time
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    stop();
  }, options.maxTimeMs + 30_000);
  // A real server: every request goes through a recording proxy, for the wire figures.
  const recorder = run.record ? await startRecorder(run.baseUrl) : undefined;
  let result: RunResult & { readonly wire?: WireStats };
  let error: string | undefined;
  try {
    result = await run.agent({
      task,
      root: ws.root,
      baseUrl: recorder?.url ?? run.baseUrl,
      model: run.modelFor(trial),
      ...(options.apiKey ? { apiKey: options.apiKey } : {}),
      ...(run.contextWindow ? { contextWindow: run.contextWindow } : {}),
      maxSteps: options.maxSteps,
      maxTimeMs: options.maxTimeMs,
      ...(options.repoMap ? { repoMap: true } : {}),
      signal: abort.signal,
    });
  } catch (thrown) {
    error = thrown instanceof Error ? (thrown.stack ?? thrown.message) : String(thrown);
    result = failedRun(Date.now() - started, killed ? "max_time" : "error");
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", stop);
    await recorder?.close();
  }
  const ms = Date.now() - started;
  try {
    const oracle = await runOracle(task, ws.root);
    return {
      task: task.id,
      suite: task.suite,
      trial,
      pass: oracle.pass,
      stopReason: result.stopReason,
      agentSuccess: result.success,
      calls: result.usage.calls,
      promptTokens: result.usage.promptTokens,
      completionTokens: result.usage.completionTokens,
      toolCalls: result.toolCalls.length,
      toolFailures: result.toolCalls.filter((c) => !c.ok).length,
      ms,
      response: result.response.slice(0, 500),
      oracle: {
        exitCode: oracle.exitCode,
        timedOut: oracle.timedOut,
        output: oracle.output.slice(-800),
        ms: oracle.ms,
      },
      ...(error ? { error } : {}),
      ...(recorder
        ? { wire: wireStats(recorder.exchanges) }
        : "wire" in result && result.wire
          ? { wire: result.wire as WireStats }
          : {}),
    };
  } finally {
    ws.cleanup();
  }
}

interface RunContext {
  readonly agent: Awaited<ReturnType<typeof agentFor>>;
  readonly baseUrl: string;
  readonly modelFor: (trial: number) => string;
  readonly contextWindow: number | undefined;
  /** Put a recording proxy in front of the endpoint (a real server). */
  readonly record: boolean;
}

/**
 * Runs the benchmark and returns its record (trials run one after another, tasks in parallel). Sets
 * `benchEnv()` on `process.env` first, so the agent's shells see the same PATH and locale as the oracles.
 */
export async function runBench(options: BenchOptions): Promise<BenchRunRecord> {
  const started = new Date();
  const tasks = await loadTasks({ suite: options.suite, ...(options.ids ? { ids: options.ids } : {}) });
  if (tasks.length === 0) throw new Error(`no tasks in suite \`${options.suite}\``);
  Object.assign(process.env, benchEnv());
  const profile = options.sim ? PROFILES[options.sim] : undefined;
  if (options.sim && !profile) throw new Error(`unknown sim profile \`${options.sim}\``);
  if (!profile && !options.modelFile && (!options.baseUrl || !options.model) && options.agent !== "reference")
    throw new Error("give --sim PROFILE, --base-url URL and --model NAME, or --model-file FILE");
  if (options.modelFile && options.agent === "naive")
    throw new Error(
      "the naive loop speaks HTTP only: run it against a server (--base-url), not --model-file",
    );
  const server = profile ? await startSimServer(tasks) : undefined;
  const concurrency = options.concurrency ?? Math.max(2, availableParallelism());
  const context: RunContext = {
    agent: await agentFor(options.agent, {
      ...(options.modelFile ? { modelFile: options.modelFile } : {}),
      ...(options.grammar !== undefined ? { grammar: options.grammar } : {}),
    }),
    baseUrl: server?.url ?? options.baseUrl ?? "",
    modelFor: (trial) => (profile ? simModelName(profile.name, options.seed + trial) : (options.model ?? "")),
    contextWindow: profile?.contextWindow,
    record: !profile && !options.modelFile && options.agent !== "reference",
  };
  const trials: TrialResult[] = [];
  const total = tasks.length * options.trials;
  try {
    for (let trial = 0; trial < options.trials; trial++) {
      await pool(tasks, concurrency, async (task) => {
        const result = await attempt(task, trial, options, context);
        trials.push(result);
        options.onTrial?.(result, trials.length, total);
      });
    }
  } finally {
    await server?.close();
  }
  trials.sort((a, b) => a.task.localeCompare(b.task) || a.trial - b.trial);
  return {
    version: 1,
    id: runId(started, options),
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    config: {
      suite: options.suite,
      tasks: tasks.map((t) => t.id),
      trials: options.trials,
      agent: options.agent,
      ...(options.sim ? { sim: options.sim } : {}),
      seed: options.seed,
      model: options.sim
        ? simModelName(options.sim, options.seed)
        : (options.model ?? options.modelFile ?? ""),
      ...(options.baseUrl && !options.sim ? { baseUrl: options.baseUrl } : {}),
      ...(options.modelFile ? { modelFile: options.modelFile } : {}),
      ...(options.grammar !== undefined ? { grammar: options.grammar } : {}),
      concurrency,
      maxSteps: options.maxSteps,
      ...(options.repoMap ? { repoMap: true } : {}),
    },
    environment: { node: process.version, platform: process.platform, cpus: availableParallelism() },
    trials,
    summary: summarise(tasks, trials),
    ...(server ? { sim: server.stats } : {}),
  };
}
