import { isAbsolute, relative, resolve, sep } from "node:path";
import type { TaskType } from "../../../generated/index.ts";
import type { CallOptions } from "../../../runtime/index.ts";
import type { FixedPrompt } from "../context/index.ts";
import {
  type AgentEvent,
  CHECK_SOURCE,
  type ExternalToolSet,
  type GuardContext,
  type Message,
  type SmallCodeOptions,
  type ToolCallRecord,
  type ToolOutcomeRecord,
} from "../contract/index.ts";
import type { RunMap } from "../repomap/run-map.ts";
import type { SessionData } from "../sessions/index.ts";
import type { ToolSession } from "../toolbox/index.ts";
import { DEFAULT_MAX_TOKENS } from "./budget.ts";
import type { FileChanges } from "./changes.ts";
import type { GuardRunner } from "./guards.ts";
import type { RunKnowledge } from "./knowledge.ts";
import type { CallIds } from "./reply.ts";
import type { UsageMeter } from "./usage.ts";

/**
 * The state of one run: one flat history plus the records guards and the result read. The loop
 * mutates it; guards get a read-only `GuardContext` view of it.
 */

/** Limits with defaults applied. */
export interface Limits {
  readonly maxSteps: number;
  readonly maxTimeMs: number;
  readonly maxTokens: number;
}

/** Defaults for limits the options leave out. */
export const DEFAULT_LIMITS: Limits = Object.freeze({
  maxSteps: 30,
  maxTimeMs: 30 * 60_000,
  maxTokens: DEFAULT_MAX_TOKENS,
});

/**
 * Most tool calls run from one reply; the rest are dropped, and the model is told so. Small models
 * plan one step at a time, and a hostile or runaway reply must not run a thousand tools in one step.
 */
export const MAX_CALLS_PER_REPLY = 8;

/** Everything a run works with. */
export interface Run {
  readonly task: string;
  readonly cwd: string;
  readonly options: SmallCodeOptions;
  readonly limits: Limits;
  readonly startedAt: number;
  readonly emit: (event: AgentEvent) => void;
  readonly guards: GuardRunner;
  readonly tools: ToolSession;
  readonly meter: UsageMeter;
  readonly ids: CallIds;
  /** Signal, budget session and parent span for every cognition call. */
  readonly call: CallOptions;
  readonly changes: FileChanges;
  /** Paths changed by the tool call running now (onChange). */
  current: Set<string> | undefined;
  step: number;
  history: Message[];
  taskType: TaskType;
  /** Tools routing chose for the task (two-stage categories, or all). */
  routed: string[];
  /** Tools offered on the current turn (`routed`, adjusted by the guards). */
  offered: string[];
  /** The repo map of this run, when `options.repoMap` is on and the index could be built. */
  repoMap?: RunMap;
  /** Knowledge notes, skills list and recalled memory for the system prompt (knowledge/run.ts). */
  knowledge?: RunKnowledge;
  /** External (MCP) tools loaded for this run, when `options.externalTools` is set. */
  external?: ExternalToolSet;
  readonly outcomes: ToolOutcomeRecord[];
  readonly toolCalls: ToolCallRecord[];
  readonly filesRead: Set<string>;
  failures: number;
  consecutiveFailures: number;
  /** Guard steers waiting to be sent as one user message before the next turn. */
  readonly steers: string[];
  /** Tokens a tool result may keep (set per turn from the context budget). */
  resultCapTokens: number;
  /** The effective context window of the current act turn (set before the call; for the `usage` event). */
  window?: number;
  /** The fixed prompt of the first request. */
  fixedPrompt?: FixedPrompt;
  /** Why the run's signal aborted (time limit or the caller), if it did. */
  abortCause(): "max_time" | "cancelled" | undefined;
  /** Session bookkeeping: id, earlier tasks, creation time, and the save function. */
  readonly session: {
    readonly id: string;
    readonly tasks: readonly string[];
    readonly createdAt: string;
    readonly save?: (data: SessionData) => Promise<void>;
    saveFailed: boolean;
  };
}

/** The read-only view guards receive. */
export function guardContext(run: Run): GuardContext {
  return {
    task: run.task,
    cwd: run.cwd,
    step: run.step,
    history: run.history,
    outcomes: run.outcomes,
    filesRead: run.filesRead,
    filesChanged: run.changes.all(),
    offeredTools: run.offered,
    taskType: run.taskType,
    ...(run.external ? { externalTools: run.external.names.map((s) => s.name) } : {}),
    onCheck: (message) => run.emit({ type: "notice", source: CHECK_SOURCE, message }),
  };
}

/** A model-given path as a project-relative `/` path, or undefined when it is not a string or leaves the project. */
export function projectPath(cwd: string, path: unknown): string | undefined {
  if (typeof path !== "string" || path.trim() === "") return undefined;
  const rel = relative(cwd, resolve(cwd, path.trim()));
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel)) return undefined;
  return rel.split(sep).join("/");
}

/** Tools whose `path` argument counts as a read (patches read the file they change). */
export const READING_TOOLS: ReadonlySet<string> = new Set(["read_file", "patch", "read_and_patch"]);

/** Records a finished call's outcome into the run (counters, reads). */
export function recordOutcome(run: Run, outcome: ToolOutcomeRecord, ms: number): void {
  run.outcomes.push(outcome);
  run.toolCalls.push({ name: outcome.call.name, arguments: outcome.call.arguments, ok: outcome.ok, ms });
  if (READING_TOOLS.has(outcome.call.name)) {
    const path = projectPath(run.cwd, outcome.call.arguments.path);
    if (path && outcome.ok) run.filesRead.add(path);
  }
  noteFailure(run, !outcome.ok);
}

/** Counts a failure (or a success, which ends a run of failures). */
export function noteFailure(run: Run, failed: boolean): void {
  if (failed) {
    run.failures++;
    run.consecutiveFailures++;
  } else run.consecutiveFailures = 0;
}
