import type { ChatMessage, ToolSpec } from "../../../runtime/index.ts";
import type { EscalationOption } from "../escalation/escalate.ts";
import type { KnowledgeSettings } from "../knowledge/settings.ts";

/**
 * The contracts between the agent loop, its guards, the CLI, the programmatic API and the benchmark.
 * Owned by the lead: additive changes only.
 */

export type Message = ChatMessage;

/** Why a run ended. */
export type StopReason =
  | "done" // the model answered without a tool call and the evidence shows the work is done
  | "checks_failing" // the model said it was done, but the definition of done or the project's checks fail
  | "no_changes" // the model said it was done, but the task asks for changes and none is on disk
  | "write_failed" // the model said it was done, but its writes failed and nothing changed on disk
  | "unverified" // the model said it was done, but no check could confirm the changed code
  | "max_steps"
  | "max_time"
  | "max_tokens"
  | "budget" // a policy budget refused a call
  | "guard" // a guard stopped the run (loop, no progress, …)
  | "endpoint" // the model endpoint failed for good
  | "cancelled"
  | "error"; // an internal error (a bug)

export interface ToolCallRecord {
  readonly name: string;
  readonly arguments: Readonly<Record<string, unknown>>;
  readonly ok: boolean;
  readonly ms: number;
}

/** One check run after the model's last change, for the outcome's evidence. */
export interface CheckEvidence {
  /** `done_when`: declared by the model; `tests`, `types`, `syntax`: the project's own checks. */
  readonly source: "done_when" | "tests" | "types" | "syntax";
  readonly command: string;
  readonly ok: boolean;
  /** What it printed, at most about 2,000 characters (the head and the tail of longer output). */
  readonly output: string;
  /**
   * The same check before the task's first change (the project's tests only, guards/baseline.ts):
   * whether it passed then, and, when it failed both times, whether with the same failures.
   */
  readonly baseline?: { readonly ok: boolean; readonly sameFailure: boolean };
}

/** A write the model tried that failed. */
export interface FailedWrite {
  readonly tool: string;
  readonly path: string;
  /** The tool's error, shortened. */
  readonly error: string;
}

/** What a run's outcome rests on: why it counts as done or not. */
export interface RunEvidence {
  /** One sentence for people: why the run succeeded or not. */
  readonly verdict: string;
  /** Checks run after the last change (empty when none ran). */
  readonly checks: readonly CheckEvidence[];
  /** Project-relative paths changed on disk (build and cache output left out), sorted. */
  readonly changes: readonly string[];
  /** Writes that failed (only listed when nothing could be changed). */
  readonly failedWrites: readonly FailedWrite[];
}

/** The one-shot result (`smallcode run --json`), as in architecture.md. */
export interface RunResult {
  readonly success: boolean;
  readonly response: string;
  readonly stopReason: StopReason;
  readonly toolCalls: readonly ToolCallRecord[];
  /** Project-relative paths, sorted. */
  readonly filesCreated: readonly string[];
  readonly filesEdited: readonly string[];
  /** Project-relative paths the run deleted, sorted; present only when there are some. */
  readonly filesDeleted?: readonly string[];
  /** Files the run moved (`mv`), by their paths before and after; present only when there are some. */
  readonly filesRenamed?: readonly { readonly from: string; readonly to: string }[];
  readonly usage: {
    readonly calls: number;
    readonly promptTokens: number;
    readonly completionTokens: number;
    /**
     * The run's token budget, shared by every prompt it calls (classify, pick, act, compress, repair):
     * `maxTokens`, else the marrow policy's per-session cap. Absent in results made elsewhere.
     */
    readonly maxTokens?: number;
    /**
     * The part of the totals above that went to the stronger endpoint (`[escalation]`), with its
     * cost at the configured prices; present only when the run escalated.
     */
    readonly escalation?: {
      readonly model: string;
      readonly calls: number;
      readonly promptTokens: number;
      readonly completionTokens: number;
      readonly usd: number;
    };
  };
  readonly durationMs: number;
  /**
   * Why the run counts as succeeded or not. `success` is true only with evidence: the definition of
   * done met, or else the project's checks passing after the last change, and a change on disk when
   * the task asked for one. Set by the agent on every run; absent only in results made elsewhere.
   */
  readonly evidence?: RunEvidence;
}

/** Events of a run, as a tagged union (same loop for CLI and API). */
export type AgentEvent =
  | { readonly type: "step"; readonly step: number }
  | {
      readonly type: "classified";
      readonly taskType: string;
      readonly categories: readonly string[];
      readonly model: string;
      readonly fallback: boolean;
    }
  | { readonly type: "token"; readonly text: string }
  | {
      readonly type: "tool_start";
      readonly id: string;
      readonly name: string;
      readonly arguments: Readonly<Record<string, unknown>>;
    }
  | {
      readonly type: "tool_end";
      readonly id: string;
      readonly name: string;
      readonly ok: boolean;
      readonly output: string;
      readonly ms: number;
    }
  | { readonly type: "notice"; readonly source: string; readonly message: string }
  | { readonly type: "error"; readonly error: { readonly code: string; readonly message: string } }
  | { readonly type: "done"; readonly result: RunResult };

export type AgentEventType = AgentEvent["type"];

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

/** Options of `new SmallCode(options)` and of the CLI after configuration is resolved. */
export interface SmallCodeOptions {
  /** Project root; default process.cwd(). */
  readonly cwd?: string;
  /** OpenAI-compatible base URL (…/v1); default from SMALLCODE_BASE_URL. */
  readonly baseUrl?: string;
  readonly model?: string;
  readonly modelStrong?: string;
  readonly apiKey?: string;
  /** Auto-approve actions that would ask for confirmation (destructive commands are still refused unless allowed). */
  readonly yes?: boolean;
  readonly maxSteps?: number;
  readonly maxTimeMs?: number;
  /**
   * Tokens (prompt and completion) a run may use over every prompt it calls; a call whose estimate
   * would pass it is not sent and the run stops with `max_tokens`. Default: the per-session token cap
   * of the marrow policy `cognition_limits` (500,000).
   */
  readonly maxTokens?: number;
  /** The window the server really has, when detected; the smaller of this and the declared one is used. */
  readonly contextWindow?: number;
  /** Session id to resume (from .smallcode/sessions/). */
  readonly resume?: string;
  /** Extra guards, and switches for the built-in ones by name (`{ "read-before-write": false }`). */
  readonly guards?: readonly Guard[];
  readonly guardSwitches?: Readonly<Record<string, boolean>>;
  /** Shell policy from configuration (`[shell]` in smallcode.toml). */
  readonly shell?: {
    /** Run commands inside bubblewrap when it is installed (default true). */
    readonly sandbox?: boolean;
    /** Let sandboxed commands reach the network (default false). */
    readonly allowNetwork?: boolean;
    /** Destructive command patterns allowed without confirmation, even under `--yes`. */
    readonly allowDestructive?: readonly string[];
    /** More of the user's environment variables commands get, by name (`[shell] pass_env`, the user's config). */
    readonly passEnv?: readonly string[];
  };
  /** Asks the user to confirm a risky action; absent (or under `yes`) such actions follow the policy. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /**
   * Show the model a repo map (cli/smallcode/repomap): the project's most relevant files and
   * signatures, ranked for the task, in the system prompt within a budget that shrinks with the window.
   */
  readonly repoMap?: boolean;
  /**
   * `web_fetch` (cli/smallcode/web): off unless `enabled`; `allowHosts` may resolve to loopback or
   * private addresses. Only the user's own config sets these (a project file is refused).
   */
  readonly web?: { readonly enabled: boolean; readonly allowHosts: readonly string[] };
  /**
   * Escalation to a stronger endpoint after repeated failures (cli/smallcode/escalation), from the
   * user's own `[escalation]`; `approved` (`--escalate`) escalates without asking `confirm`.
   */
  readonly escalation?: EscalationOption;
  /**
   * Skills, knowledge notes and project memory (cli/smallcode/knowledge, cli/smallcode/memory): the
   * user's folders (the CLI sets them from XDG; without them only the project's are read) and switches.
   */
  readonly knowledge?: KnowledgeSettings;
  /** Routing mode for tool schemas: two-stage (category picker) or all tools every turn. */
  readonly routing?: "two-stage" | "all";
  /** Called for every event (in addition to `on(...)` listeners). */
  readonly onEvent?: (event: AgentEvent) => void;
  readonly signal?: AbortSignal;
  /** Tools from outside SmallCode (MCP servers, cli/smallcode/mcp), routed as the `mcp` category. */
  readonly externalTools?: ExternalTools;
}

/** External tools for one run: what to offer, and how to run them. */
export interface ExternalToolSet {
  /** Schemas (category `mcp`), most relevant to the task first; the loop offers those that fit its first request. */
  readonly specs: readonly ToolSpec[];
  /** Every name the parser should recognise: the offered names and their aliases (bare tool names). */
  readonly names: readonly ToolSpec[];
  /** One capped line for the category picker naming the servers; empty when none is connected. */
  readonly summary: string;
  /** Things to tell the user (a server that failed to start). */
  readonly notices: readonly string[];
}

/** A source of external tools (the MCP client manager implements it). */
export interface ExternalTools {
  /** Starts the servers on first use; never rejects (failures become notices). */
  /** `signal` cancels a start in progress (the servers still starting are stopped). */
  load(task: string, signal?: AbortSignal): Promise<ExternalToolSet>;
  /** Runs a tool by its offered name or an alias; a failure is a result, never a throw. */
  call(
    name: string,
    args: Readonly<Record<string, unknown>>,
    signal?: AbortSignal,
  ): Promise<{ readonly ok: boolean; readonly output: string }>;
  /** A report for `/mcp`: each server, its state and its tools. */
  describe?(): string;
}
