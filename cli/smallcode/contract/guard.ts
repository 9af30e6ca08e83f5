// What the loop and its guards exchange: the messages, the calls, the context a guard reads and the
// verdict it returns. A leaf module: it imports nothing of the agent, so every guard family, the loop
// and the tools can share it without importing each other.

import type { ChatMessage } from "../../../runtime/index.ts";
import type { RunResult } from "./result.ts";

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

/**
 * A small-model guard (issue 5). Every hook is optional; the loop calls them in registration order and
 * the first non-allow verdict wins. Guards never throw: a throwing guard is logged and treated as allow.
 */
export interface Guard {
  readonly name: string;
  /** Once per task, before the first turn. */
  start?(ctx: GuardContext): void | Promise<void>;
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
}

export const ALLOW: GuardVerdict = Object.freeze({ action: "allow" });
