// The outcome of a run and the events on the way: what the CLI, the API and the benchmark read.
// A leaf module: it imports nothing of the agent.

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

/**
 * The `source` of a `notice` that reports a check SmallCode ran (tests, a syntax check, `done_when`,
 * the baseline before the task): "`cmd` passed|failed (time)[: first line]"; both faces show a ⚙ row.
 */
export const CHECK_SOURCE = "check";

/**
 * One model request's usage, as its reply arrives (classify, pick, act, compress, repair; retries
 * included; nothing on a cache hit). On an `act` turn `contextWindow` is the window the request had,
 * so `promptTokens + completionTokens` of the last one is how full the context is (the fullscreen
 * status line shows it). Additive: a consumer that does not know it ignores it.
 */
export interface UsageEvent {
  readonly type: "usage";
  /** The declared prompt (`act`, `classify_task_type`, `compress_history`, …). */
  readonly prompt: string;
  /** The declared model that served it (`DefaultCoder`, …). */
  readonly model: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** True when the tokens were estimated from characters (the server reported no usage). */
  readonly estimated: boolean;
  /** On an `act` turn: the effective context window in tokens (the model's, or the server's if smaller). */
  readonly contextWindow?: number;
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
  | UsageEvent
  | { readonly type: "error"; readonly error: { readonly code: string; readonly message: string } }
  | { readonly type: "done"; readonly result: RunResult };

export type AgentEventType = AgentEvent["type"];
