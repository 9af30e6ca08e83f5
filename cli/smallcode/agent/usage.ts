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

/** The part of a run's usage that went to the stronger endpoint (escalation), by its model name. */
export interface EscalationUsage extends Usage {
  readonly model: string;
  /** At the `[escalation]` prices; 0 for a local endpoint. */
  usd: number;
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
  /** Adds one request to the stronger endpoint, which bypasses the runtime: in the totals and apart. */
  recordEscalation(model: string, promptTokens: number, completionTokens: number, usd: number): void;
  /** What went to the stronger endpoint so far; undefined when nothing did. */
  escalation(): Readonly<EscalationUsage> | undefined;
  /** Total tokens so far. */
  tokens(): number;
  close(fields?: Record<string, unknown>): Usage;
}

/** Opens the root span of a run on `runtime` and starts metering its calls. */
export function startMeter(runtime: Runtime, fields: Record<string, unknown> = {}): UsageMeter {
  const root: SpanHandle = runtime.startSpan({ kind: "agent_run", ...fields });
  const usage: Usage = { calls: 0, promptTokens: 0, completionTokens: 0 };
  let escalated: EscalationUsage | undefined;
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
    recordEscalation(model, promptTokens, completionTokens, usd) {
      usage.calls++;
      usage.promptTokens += promptTokens;
      usage.completionTokens += completionTokens;
      escalated ??= { model, calls: 0, promptTokens: 0, completionTokens: 0, usd: 0 };
      escalated.calls++;
      escalated.promptTokens += promptTokens;
      escalated.completionTokens += completionTokens;
      escalated.usd += usd;
    },
    escalation: () => (escalated ? { ...escalated } : undefined),
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
