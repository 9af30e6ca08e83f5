import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunResult, SmallCodeOptions } from "../../cli/smallcode/contract/index.ts";
import { configureRuntime } from "../../runtime/index.ts";
import { runNaive } from "./naive.ts";
import type { Task } from "./task.ts";
import { replayTrajectory } from "./trajectory.ts";
import { type WireStats, wireFromCognitionLog } from "./wire.ts";
import { benchEnv } from "./workspace.ts";

/**
 * The agents a benchmark can drive, behind one signature: SmallCode itself (`new SmallCode(options)
 * .run(task)` from cli/smallcode/api.ts), the naive baseline loop, and `reference`, which replays the
 * task's reference trajectory without a model (what a perfect model would score).
 */

/** Which agent runs the tasks. */
export type AgentKind = "smallcode" | "naive" | "reference";

/** Everything an agent gets for one attempt. */
export interface AgentRun {
  readonly task: Task;
  /** The fresh work copy. */
  readonly root: string;
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  /** The window the server really has (the sim profile's), as endpoint detection would report it. */
  readonly contextWindow?: number;
  readonly maxSteps: number;
  readonly maxTimeMs: number;
  /** Give SmallCode the repo map (ignored by the other agents). */
  readonly repoMap?: boolean;
  readonly signal?: AbortSignal;
}

/** Runs one attempt; never throws for agent failures (they are part of the result). */
export type AgentFn = (run: AgentRun) => Promise<RunResult & { readonly wire?: WireStats }>;

/** The shape of cli/smallcode/api.ts that the bench relies on. */
interface SmallCodeModule {
  SmallCode: new (options: SmallCodeOptions) => { run(task: string): Promise<RunResult> };
}

const API_PATH = "../../cli/smallcode/api.ts";

/** Loads SmallCode's programmatic API; a clear error when it is not there yet. */
async function loadSmallCode(): Promise<SmallCodeModule> {
  try {
    return (await import(API_PATH)) as SmallCodeModule;
  } catch (error) {
    throw new Error(`cannot load SmallCode's API (cli/smallcode/api.ts): ${(error as Error).message}`);
  }
}

async function reference(run: AgentRun): Promise<RunResult> {
  const started = Date.now();
  const steps = await replayTrajectory(run.task, run.root);
  const ok = steps.every((s) => s.asExpected);
  return {
    success: ok,
    response: run.task.answer,
    stopReason: ok ? "done" : "error",
    toolCalls: steps.map((s, i) => ({
      name: s.tool,
      arguments: run.task.trajectory[i]!.args,
      ok: s.ok,
      ms: 0,
    })),
    filesCreated: [],
    filesEdited: [],
    usage: { calls: 0, promptTokens: 0, completionTokens: 0 },
    durationMs: Date.now() - started,
  };
}

/** How SmallCode reaches its model when it is not a server. */
export interface AgentModel {
  /** A GGUF file SmallCode runs in process. */
  readonly modelFile?: string;
  /** Decode-time grammar for the embedded model's act turns (`SMALLCODE_GRAMMAR=tools|none`). */
  readonly grammar?: boolean;
}

const BIN = fileURLToPath(new URL("../../cli/smallcode/bin.js", import.meta.url));

/**
 * The `smallcode` arguments of an embedded attempt: the CLI stops itself at the attempt's time limit
 * (`--max-time`), so it still prints its result and keeps its cognition log; the harness's kill, a
 * minute later, is only a backstop. Pure.
 */
export function embeddedArgs(
  run: Pick<AgentRun, "task" | "maxSteps" | "maxTimeMs">,
  model: AgentModel,
): string[] {
  return [
    ...["run", run.task.prompt, "--model-file", model.modelFile!, "--json", "--yes"],
    ...["--max-steps", String(run.maxSteps), "--max-time", `${Math.ceil(run.maxTimeMs)}ms`],
  ];
}

/**
 * SmallCode on an embedded model: the real CLI, `smallcode run TASK --model-file FILE --json`, one
 * process per attempt (the model loads in under a second; nothing is shared between attempts, as
 * between users' runs). The result is the JSON the CLI prints; the wire figures come from the run's
 * cognition log (its act replies and llama.cpp's timings).
 */
function embeddedCli(model: AgentModel): AgentFn {
  return (run) =>
    new Promise((resolve, reject) => {
      const logDir = mkdtempSync(join(tmpdir(), "bench-cognition-"));
      const log = join(logDir, "cognition.jsonl");
      const args = embeddedArgs(run, model);
      const env = {
        ...process.env,
        ...benchEnv(),
        NO_COLOR: "1",
        SMALLCODE_COGNITION_LOG: log,
        ...(model.grammar !== undefined ? { SMALLCODE_GRAMMAR: model.grammar ? "tools" : "none" } : {}),
      };
      execFile(
        process.execPath,
        [BIN, ...args],
        {
          cwd: run.root,
          env,
          timeout: run.maxTimeMs + 60_000,
          maxBuffer: 16 << 20,
          ...(run.signal ? { signal: run.signal } : {}),
        },
        (error, stdout, stderr) => {
          let wire: WireStats | undefined;
          try {
            wire = wireFromCognitionLog(readFileSync(log, "utf8"));
          } catch {
            // no log: the run ended before its first model call
          }
          rmSync(logDir, { recursive: true, force: true });
          try {
            resolve({ ...(JSON.parse(stdout) as RunResult), ...(wire ? { wire } : {}) });
          } catch {
            reject(
              new Error(
                `smallcode run --model-file printed no result (${error?.message ?? "exit 0"}): ${stderr.slice(-800)}`,
              ),
            );
          }
        },
      );
    });
}

/** The agent function for `kind`; `model` sends SmallCode to an embedded model instead of a server. */
export async function agentFor(kind: AgentKind, model: AgentModel = {}): Promise<AgentFn> {
  if (kind === "reference") return reference;
  if (kind === "smallcode" && model.modelFile) return embeddedCli(model);
  if (kind === "naive") {
    return (run) =>
      runNaive({
        task: run.task.prompt,
        cwd: run.root,
        baseUrl: run.baseUrl,
        model: run.model,
        ...(run.apiKey ? { apiKey: run.apiKey } : {}),
        maxSteps: run.maxSteps,
        maxTimeMs: run.maxTimeMs,
        ...(run.signal ? { signal: run.signal } : {}),
      });
  }
  const { SmallCode } = await loadSmallCode();
  // Thousands of benchmark turns would pile up in the project's .smallcode/traces: traces only on request.
  configureRuntime({
    traceDir: process.env.SMALLCODE_TRACE_DIR ?? false,
    cognitionLog: process.env.SMALLCODE_COGNITION_LOG ?? "",
  });
  return (run) =>
    new SmallCode({
      cwd: run.root,
      baseUrl: run.baseUrl,
      model: run.model,
      modelStrong: run.model,
      apiKey: run.apiKey ?? "",
      yes: true,
      maxSteps: run.maxSteps,
      maxTimeMs: run.maxTimeMs,
      ...(run.contextWindow ? { contextWindow: run.contextWindow } : {}),
      ...(run.repoMap ? { repoMap: true } : {}),
      ...(run.signal ? { signal: run.signal } : {}),
    }).run(run.task.prompt);
}
