import type { CallUsage, Runtime, SpanHandle } from "../../../runtime/index.ts";

/**
 * Usage of a run, summed over every cognition call it made (classify, pick, act, compress, repair,
 * retries and fallbacks included). Every call of the run passes the meter's `record` as its
 * `onUsage` call option, so the runtime hands each request's usage straight back to this run; the
 * meter also opens the run's root span, under which every call and tool span nests.
 */

/** Tokens and calls so far. */
export interface Usage {
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

/** A run's meter: pass `spanId` as `parentSpan` and `record` as `onUsage` to every call; `close` ends the root span. */
export interface UsageMeter {
  readonly spanId: string;
  readonly traceId: string;
  /** The runtime the run's calls and spans go to. */
  readonly runtime: Runtime;
  readonly usage: Readonly<Usage>;
  /** Adds one model request's usage (the `onUsage` call option). */
  readonly record: (usage: CallUsage) => void;
  /** Total tokens so far. */
  tokens(): number;
  close(fields?: Record<string, unknown>): Usage;
}

/** Opens the root span of a run on `runtime` and starts metering its calls. */
export function startMeter(runtime: Runtime, fields: Record<string, unknown> = {}): UsageMeter {
  const root: SpanHandle = runtime.startSpan({ kind: "agent_run", ...fields });
  const usage: Usage = { calls: 0, promptTokens: 0, completionTokens: 0 };
  return {
    spanId: root.spanId,
    traceId: root.traceId,
    runtime,
    usage,
    record(call) {
      usage.calls++;
      usage.promptTokens += call.promptTokens;
      usage.completionTokens += call.completionTokens;
    },
    tokens: () => usage.promptTokens + usage.completionTokens,
    close(extra = {}) {
      root.end({
        prompt_tokens: usage.promptTokens,
        completion_tokens: usage.completionTokens,
        calls: usage.calls,
        ...extra,
      });
      return { ...usage };
    },
  };
}
