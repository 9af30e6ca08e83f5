import { actSpec, routeCodingRouter, type ToolGroup } from "../../../generated/index.ts";
import { defaultRuntime, type Runtime } from "../../../runtime/index.ts";
import { closeOpenCalls } from "../context/index.ts";
import type { AgentEvent, Guard, Message, RunResult, SmallCodeOptions } from "../contract/index.ts";
import type { SessionData } from "../sessions/index.ts";
import { createToolSession, Shell } from "../toolbox/index.ts";
import { gitAllowed } from "../tools/protected.ts";
import type { SandboxOptions } from "../tools/sandbox.ts";
import { runPolicy } from "./budget.ts";
import { FileChanges } from "./changes.ts";
import { classifyTask } from "./classify.ts";
import { GuardRunner } from "./guards.ts";
import { prepareKnowledge, recordOutcome } from "./knowledge.ts";
import { CallIds } from "./reply.ts";
import {
  complexityOf,
  fitExternal,
  MEMORY_LINE,
  MEMORY_WORDS,
  normaliseCategories,
  pickCategories,
  toolsFor,
  WEB_LINE,
} from "./route.ts";
import type { StopRun } from "./signals.ts";
import { DEFAULT_LIMITS, guardContext, type Run } from "./state.ts";
import { startMeter } from "./usage.ts";
import { stoppedEvidence, type Verdict, verifyOutcome } from "./verify.ts";

/**
 * Setting a run up (state, tool session, usage meter, limits, signal) and its first two stages:
 * classify the task, then route it (complexity and the tools to offer). Also saving the run.
 */

/** What `runAgent` needs. */
export interface RunSetup {
  readonly task: string;
  readonly options: SmallCodeOptions;
  /** Guards in the order their hooks are called (built-in ones first, then the caller's). */
  readonly guards: readonly Guard[];
  readonly emit: (event: AgentEvent) => void;
  readonly sessionId: string;
  /** History to continue (a resumed session or an earlier task of the same SmallCode instance). */
  readonly history?: readonly Message[];
  /** Tasks run earlier in this session. */
  readonly tasks?: readonly string[];
  readonly createdAt?: string;
  /** Saves the session after every step; a failing save is reported once and the run goes on. */
  readonly save?: (data: SessionData) => Promise<void>;
  /** The runtime every call of the run goes to; default the default runtime. */
  readonly runtime?: Runtime;
}

/** The sandbox settings of `options.shell` (`[shell]` in the configuration) for the session's shell. */
export function sandboxOf(options: SmallCodeOptions): SandboxOptions {
  return {
    enabled: options.shell?.sandbox !== false,
    ...(options.shell?.allowNetwork !== undefined ? { allowNetwork: options.shell.allowNetwork } : {}),
    ...(gitAllowed(options.shell?.allowDestructive) ? { gitWritable: true } : {}),
    ...(options.shell?.passEnv ? { passEnv: options.shell.passEnv } : {}),
  };
}

/** Builds the run state; the tool session and meter start here. */
export function createRun(setup: RunSetup): Run {
  const { options } = setup;
  const cwd = options.cwd ?? process.cwd();
  const limits = {
    maxSteps: options.maxSteps ?? DEFAULT_LIMITS.maxSteps,
    maxTimeMs: options.maxTimeMs ?? DEFAULT_LIMITS.maxTimeMs,
    maxTokens: options.maxTokens ?? DEFAULT_LIMITS.maxTokens,
  };
  const timer = Number.isFinite(limits.maxTimeMs) ? AbortSignal.timeout(limits.maxTimeMs) : undefined;
  const signals = [options.signal, timer].filter((s): s is AbortSignal => s !== undefined);
  const signal = signals.length > 0 ? AbortSignal.any(signals) : undefined;
  const meter = startMeter(setup.runtime ?? defaultRuntime(), {
    task: setup.task,
    session_id: setup.sessionId,
  });
  const changes = new FileChanges();
  const emit = setup.emit;
  const ids = new CallIds();
  const prior = closeOpenCalls(setup.history ?? []);
  ids.reserve(prior.flatMap((m) => (m.tool_calls ?? []).map((c) => c.id)));
  const earlier = setup.tasks ?? [];
  if (prior.length > 0) {
    const last = earlier[earlier.length - 1];
    prior.push({
      role: "user",
      content: last === setup.task ? `Continue the task: ${setup.task}` : `New task: ${setup.task}`,
    });
  }
  const run: Run = {
    task: setup.task,
    cwd,
    options,
    limits,
    startedAt: Date.now(),
    emit,
    guards: new GuardRunner(setup.guards, (source, message) => emit({ type: "notice", source, message })),
    tools: createToolSession({
      cwd,
      ...(options.web ? { web: options.web } : {}),
      ...(options.knowledge ? { knowledge: options.knowledge } : {}),
      ...(signal ? { signal } : {}),
      ...(options.shell ? { shell: new Shell({ cwd, sandbox: sandboxOf(options) }) } : {}),
      onChange: (path, kind) => {
        changes.add(path, kind);
        run.current?.add(path);
      },
    }),
    meter,
    ids,
    call: {
      ...(signal ? { signal } : {}),
      runtime: meter.runtime,
      // every request's usage: into the run's totals, and out as an event (the act turn with its window)
      onUsage: (u) => {
        meter.record(u);
        const window = u.prompt === actSpec.name ? run.window : undefined;
        emit({
          type: "usage",
          prompt: u.prompt,
          model: u.model,
          promptTokens: u.promptTokens,
          completionTokens: u.completionTokens,
          estimated: u.estimated,
          ...(window !== undefined ? { contextWindow: window } : {}),
        });
      },
      session: meter.traceId,
      parentSpan: meter.spanId,
      policies: [runPolicy(limits.maxTokens)],
    },
    changes,
    current: undefined,
    step: 0,
    history: prior,
    taskType: "coding",
    routed: [],
    offered: [],
    outcomes: [],
    toolCalls: [],
    filesRead: new Set(),
    failures: 0,
    consecutiveFailures: 0,
    steers: [],
    resultCapTokens: 2000,
    abortCause: () => (timer?.aborted ? "max_time" : options.signal?.aborted ? "cancelled" : undefined),
    session: {
      id: setup.sessionId,
      tasks: [...earlier, setup.task],
      createdAt: setup.createdAt ?? new Date().toISOString(),
      ...(setup.save ? { save: setup.save } : {}),
      saveFailed: false,
    },
  };
  run.guards.attach(run.tools);
  return run;
}

/** The tools of the four core categories (routing "all"); guard tools come through the guards' `offeredTools`. */
export const CORE_CATEGORIES: readonly ToolGroup[] = ["read", "write", "search", "run"];

/** Classifies the task, routes it, announces the result, and starts the guards. */
export async function prepare(run: Run): Promise<void> {
  const notice = (source: string, message: string) => run.emit({ type: "notice", source, message });
  const sandbox = run.tools.shell.sandbox;
  if (sandbox && !sandbox.active) notice("sandbox", sandbox.message);
  const classified = await classifyTask(run.task, run.call);
  run.taskType = classified.taskType;
  if (classified.fallback)
    notice(
      "classify",
      `the task classifier failed (${classified.error}); keyword rules chose \`${classified.taskType}\``,
    );
  if (classified.relabeled)
    notice(
      "classify",
      `the classifier said \`${classified.relabeled}\`, but the task asks for changes; using \`${classified.taskType}\``,
    );
  await startRepoMap(run);
  const summary = await loadExternal(run);
  const web = run.options.web?.enabled === true;
  const memory = run.options.knowledge?.memory !== false;
  let categories: ToolGroup[];
  if (run.options.routing === "all")
    categories = normaliseCategories(
      [...CORE_CATEGORIES, "mcp", "web", "memory"],
      summary !== "",
      web,
      memory,
    );
  else {
    const picked = await pickCategories(
      run.task,
      run.taskType,
      run.call,
      summary,
      web ? WEB_LINE : "",
      memory ? MEMORY_LINE : "",
    );
    // A task that gives a URL needs web_fetch, one that speaks of remembering needs memory, whatever the picker said.
    const url = web && /\bhttps?:\/\//i.test(run.task) && !picked.categories.includes("web");
    const remember = memory && MEMORY_WORDS.test(run.task) && !picked.categories.includes("memory");
    categories = [
      ...picked.categories,
      ...(url ? ["web" as const] : []),
      ...(remember ? ["memory" as const] : []),
    ];
    if (picked.fallback)
      notice(
        "route",
        `the tool-category picker failed (${picked.error}); using ${categories.join(", ")} for \`${run.taskType}\``,
      );
  }
  run.routed = toolsFor(categories);
  run.knowledge = prepareKnowledge(run); // also settles `skill` and `memory` in run.routed
  if (categories.includes("mcp"))
    run.routed.push(...fitExternal(run.routed, run.external?.specs ?? [], run.task, run.knowledge.tokens));
  run.offered = [...run.routed];
  const model = routeCodingRouter(complexityOf(run.taskType, run.task, run)).name;
  run.emit({ type: "classified", taskType: run.taskType, categories, model, fallback: classified.fallback });
  await run.guards.start(guardContext(run));
}

/** Indexes the project for the repo map when `options.repoMap` is on; a failure is a notice, not a stop. */
async function startRepoMap(run: Run): Promise<void> {
  if (!run.options.repoMap) return;
  try {
    const { RunMap } = await import("../repomap/run-map.ts");
    run.repoMap = await RunMap.start(run.cwd, run.call.signal ? { signal: run.call.signal } : {});
    for (const message of run.repoMap.index.problems)
      run.emit({ type: "notice", source: "repo-map", message });
  } catch (error) {
    if (run.call.signal?.aborted) throw error;
    const message = `the repo map could not be built (${(error as Error).message}); the run goes on without it`;
    run.emit({ type: "notice", source: "repo-map", message });
  }
}

/** Loads the external (MCP) tools, telling the user about servers that failed; the picker's line about them. */
async function loadExternal(run: Run): Promise<string> {
  const source = run.options.externalTools;
  if (!source) return "";
  run.external = await source.load(run.task, run.call.signal);
  for (const message of run.external.notices) run.emit({ type: "notice", source: "mcp", message });
  return run.external.specs.length > 0 ? run.external.summary : "";
}

/** Saves the session (after a step, and with the result at the end); a failure is reported once. */
export async function saveRun(run: Run, result?: RunResult): Promise<void> {
  const { session } = run;
  if (!session.save) return;
  const data: SessionData = {
    version: 1,
    id: session.id,
    cwd: run.cwd,
    createdAt: session.createdAt,
    updatedAt: new Date().toISOString(),
    tasks: session.tasks,
    taskType: run.taskType,
    step: run.step,
    history: run.history,
    toolCalls: run.toolCalls,
    ...(result ? { result } : {}),
  };
  try {
    await session.save(data);
  } catch (error) {
    if (session.saveFailed) return;
    session.saveFailed = true;
    run.emit({
      type: "notice",
      source: "session",
      message: `the session could not be saved: ${(error as Error).message}`,
    });
  }
}

/** What a run returns besides its result. */
export interface AgentOutcome {
  readonly result: RunResult;
  /** The history at the end (continue a session with it). */
  readonly history: readonly Message[];
  readonly taskType: string;
  /** Tokens of the fixed prompt of the first act request, with its parts. */
  readonly fixedPrompt?: Run["fixedPrompt"];
}

/** The verdict on a final answer; a verification that throws leaves the run unverified. */
async function judge(run: Run, stop: StopRun): Promise<Verdict> {
  if (stop.reason !== "done")
    return { success: false, stopReason: stop.reason, evidence: stoppedEvidence(run, stop.message) };
  try {
    return await verifyOutcome(run);
  } catch (error) {
    const verdict = `the model said it was done, but its work could not be checked: ${(error as Error).message}`;
    return { success: false, stopReason: "unverified", evidence: stoppedEvidence(run, verdict) };
  }
}

/**
 * Ends the run: judges a final answer against the evidence (verify.ts), totals usage, calls the
 * guards' `finish`, closes the tools, saves, and emits `done`.
 */
export async function finishRun(run: Run, stop: StopRun): Promise<AgentOutcome> {
  const verdict = await judge(run, stop);
  const usage = run.meter.close({
    status: verdict.success ? "ok" : "error",
    stop_reason: verdict.stopReason,
  });
  const result: RunResult = {
    success: verdict.success,
    response: stop.message,
    stopReason: verdict.stopReason,
    toolCalls: [...run.toolCalls],
    ...run.changes.lists(),
    usage: {
      ...usage,
      maxTokens: run.limits.maxTokens,
      ...(run.meter.escalation() ? { escalation: run.meter.escalation() } : {}),
    },
    durationMs: Date.now() - run.startedAt,
    evidence: verdict.evidence,
  };
  if (stop.reason === "endpoint" || stop.reason === "budget" || stop.reason === "error")
    run.emit({ type: "error", error: { code: stop.code, message: stop.message } });
  await run.guards.finish(result, guardContext(run));
  recordOutcome(run, result);
  await run.tools.close().catch(() => {});
  await saveRun(run, result);
  run.emit({ type: "done", result });
  return {
    result,
    history: run.history,
    taskType: run.taskType,
    ...(run.fixedPrompt ? { fixedPrompt: run.fixedPrompt } : {}),
  };
}
