// What the loop and its guards exchange: the messages, the calls, the context a guard reads and the
// verdict it returns. A leaf module: it imports nothing of the agent, so every guard family, the loop
// and the tools can share it without importing each other.

import type { ChatMessage } from "../../../runtime/index.ts";
import type { CheckEvidence, RunResult } from "./result.ts";
import type { ToolContext } from "./tool.ts";
import type { CallWalks } from "./tree.ts";

export type Message = ChatMessage;

/** A tool call as the loop sees it after parsing and argument repair. */
export interface PendingCall {
  readonly id: string;
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
}

export interface ToolOutcomeRecord {
  readonly call: PendingCall;
  readonly ok: boolean;
  readonly output: string;
  /** Project-relative paths the call created or changed (bash changes found by a before/after scan). */
  readonly changed: readonly string[];
}

/** What guards may read about the run so far. Read-only; guards keep their own state. */
export interface GuardContext {
  readonly task: string;
  readonly cwd: string;
  readonly step: number;
  readonly history: readonly Message[];
  /** Every tool call so far with its outcome, oldest first. */
  readonly outcomes: readonly ToolOutcomeRecord[];
  /** Project-relative paths read (read_file, search results opened, patches count as reads). */
  readonly filesRead: ReadonlySet<string>;
  readonly filesChanged: ReadonlySet<string>;
  /** Names of the tools offered on the current turn. */
  readonly offeredTools: readonly string[];
  readonly taskType: string;
  /** Names (and aliases) of the run's external MCP tools: real tools, though not declared in marrow. */
  readonly externalTools?: readonly string[];
  /**
   * Reports a check SmallCode ran itself (tests, a syntax check, a declared `done_when`), as one line
   * such as "`node --test` failed (1.2 s): not ok 1 - adds": both faces show it as a ⚙ row while the
   * run goes on. Absent outside a run.
   */
  readonly onCheck?: (line: string) => void;
}

/**
 * A guard's decision.
 * - allow: carry on.
 * - steer: carry on, and add `message` as a user message before the next model turn.
 * - refuse: (beforeTool only) do not run the call; `message` becomes its tool result (ok: false).
 * - replace: (beforeTool only) answer the call with `output` without running it (deduplication).
 * - stop: end the run with stopReason "guard" and `message` as the reason.
 */
export type GuardVerdict =
  | { readonly action: "allow" }
  | { readonly action: "steer"; readonly message: string }
  | { readonly action: "refuse"; readonly message: string }
  | { readonly action: "replace"; readonly output: string }
  | { readonly action: "stop"; readonly message: string };

/** The reply of one act turn after parsing. */
export interface ParsedReply {
  readonly text: string;
  readonly calls: readonly PendingCall[];
}

/** The definition of done's checks after the last change, for the run's verdict. */
export interface DoneChecks {
  /** True when the model declared checks (done_when); the project's own may follow them. */
  readonly declared: boolean;
  readonly checks: readonly CheckEvidence[];
}

/** Files one tool call created, modified and deleted (project-relative), as a guard's scan saw them. */
export interface FoundChanges {
  readonly created: readonly string[];
  readonly modified: readonly string[];
  readonly deleted?: readonly string[];
}

/**
 * A guard: the one way to extend the loop (issue 5, issue 16). Every method is optional. The runner
 * (agent/guards.ts) calls the verdict hooks in registration order and the first non-allow verdict wins;
 * it combines the per-turn answers (`offeredTools`, `temperatureFor`, `detectChanges`, `treeWalks`,
 * `doneChecks`) as each method's doc says.
 *
 * A guard that throws, or returns something that is not a verdict, never counts as allow: a failed
 * `beforeTool` refuses the call, and a guard with `failClosed` (the safety guards) that failed in any
 * hook refuses every later call of the task, with the reason as the call's result.
 */
export interface Guard {
  readonly name: string;
  /**
   * The guard protects the user (safety, snapshots): when any of its hooks fails, the task's later
   * tool calls are refused instead of running unguarded.
   */
  readonly failClosed?: boolean;
  /** Once per task, before the first turn. */
  start?(ctx: GuardContext): void | Promise<void>;
  /** Once per run, when its tool session exists: guards that run commands use the same shell. */
  attach?(tools: ToolContext): void;
  /** After each model reply is parsed, before any tool runs. */
  onReply?(reply: ParsedReply, ctx: GuardContext): GuardVerdict | Promise<GuardVerdict>;
  /** Before each tool call runs. */
  beforeTool?(call: PendingCall, ctx: GuardContext): GuardVerdict | Promise<GuardVerdict>;
  /** After each tool call ran. */
  afterTool?(outcome: ToolOutcomeRecord, ctx: GuardContext): GuardVerdict | Promise<GuardVerdict>;
  /** When the model answers without a tool call: may refuse the final answer (steer) or stop. */
  beforeFinish?(answer: string, ctx: GuardContext): GuardVerdict | Promise<GuardVerdict>;
  /** Once per task, after the run ended (success or not). */
  finish?(result: RunResult, ctx: GuardContext): void | Promise<void>;
  /** Extra text for the system prompt's notes (TODO list, scratchpad), within `budgetTokens`. */
  notes?(ctx: GuardContext, budgetTokens: number): string;
  /**
   * The tools to offer on the next turn, given the ones offered so far (drop distrusted tools, add the
   * guard's own). Guards are applied last to first, so an earlier guard has the final word, as it has
   * on verdicts.
   */
  offeredTools?(names: readonly string[], ctx: GuardContext): string[];
  /** The temperature of the next act turn, or undefined for the model's; the first guard that answers wins. */
  temperatureFor?(ctx: GuardContext): number | undefined;
  /** What call `callId` changed, right after it ran (a before/after scan); every guard's finds are added. */
  detectChanges?(callId: string): Promise<FoundChanges>;
  /**
   * The walks of the project tree the guard made around call `callId` (`before` once its `beforeTool`
   * ran, `after` once its `detectChanges` answered), or undefined: the loop reads a shell call's change
   * report from them instead of walking the tree again. The first guard that answers wins.
   */
  treeWalks?(callId: string): CallWalks | undefined;
  /**
   * The definition of done's checks after the last change, for the run's verdict; the first guard that
   * answers wins, and when none does the loop runs the project's checks itself.
   */
  doneChecks?(ctx: GuardContext): Promise<DoneChecks | undefined>;
}

export const ALLOW: GuardVerdict = Object.freeze({ action: "allow" });
