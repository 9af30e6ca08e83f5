import { randomUUID } from "node:crypto";
import type { RuntimeWarning } from "./config.ts";
import { redact } from "./redact.ts";

/**
 * Trace spans: one per attempt, cache hit, repair, escalation, budget refusal and tool call, under a
 * `prompt` span per call. Spans are redacted, then handed to every sink of the runtime's `Tracer`; a
 * failing sink is reported once and never fails a call.
 */

export type SpanKind =
  | "prompt"
  | "attempt"
  | "repair"
  | "cache_hit"
  | "escalation"
  | "budget_refusal"
  | "tool_call"
  | (string & {});

export type SpanStatus = "ok" | "error" | "invalid" | "refused" | "warning" | (string & {});

/** One finished span, as written to sinks (snake_case, one JSON object per line). */
export interface Span {
  readonly trace_id: string;
  readonly span_id: string;
  readonly parent_span_id: string | null;
  readonly kind: SpanKind;
  readonly prompt: string | null;
  readonly model: string | null;
  readonly attempt: number | null;
  readonly status: SpanStatus;
  readonly error_code: string | null;
  readonly prompt_tokens: number | null;
  readonly completion_tokens: number | null;
  readonly latency_ms: number;
  readonly cache_hit: boolean;
  /** ISO 8601. */
  readonly started_at: string;
  /** Anything else: input, output, issues, message, endpoint, reason, tool, usage_estimated, truncated… */
  readonly [extra: string]: unknown;
}

/** Receives finished spans. */
export interface TraceSink {
  write(span: Span): void | Promise<void>;
  /** Writes out anything buffered. */
  flush?(): Promise<void>;
}

/** A new random id: 32 hex digits for traces, 16 for spans. */
export function newId(length: 16 | 32): string {
  const hex = randomUUID().replace(/-/g, "");
  return length === 32 ? hex : hex.slice(0, 16);
}

/**
 * Span id → trace id for recent spans, so that a child joins its parent's trace; two generations,
 * so that forgetting old ones costs O(1). Runtimes derived from one another share one.
 */
export class SpanIds {
  #recent = new Map<string, string>();
  #older = new Map<string, string>();

  /** The trace a span belongs to, for spans made recently. */
  traceOf(spanId: string | undefined): string | undefined {
    return spanId === undefined ? undefined : (this.#recent.get(spanId) ?? this.#older.get(spanId));
  }

  /** Remembers a span's trace. */
  remember(spanId: string, traceId: string): void {
    this.#recent.set(spanId, traceId);
    if (this.#recent.size >= 5000) {
      this.#older = this.#recent;
      this.#recent = new Map();
    }
  }
}

/** Fields a span is started with. */
export interface SpanStart {
  readonly kind: SpanKind;
  readonly parentSpan?: string;
  /** Joins this trace; default: the parent's trace, or a new one. */
  readonly traceId?: string;
  readonly prompt?: string;
  readonly model?: string;
  readonly attempt?: number;
  readonly [extra: string]: unknown;
}

/** An open span: its ids are known now (for headers and children); `end` writes it. */
export interface SpanHandle {
  readonly traceId: string;
  readonly spanId: string;
  /** Finishes the span with its outcome and extra fields (input, output, issues…); only the first call counts. */
  end(
    fields?: Partial<Omit<Span, "trace_id" | "span_id" | "parent_span_id" | "started_at" | "latency_ms">>,
  ): void;
}

/**
 * Opens spans and writes finished ones, redacted, to the sinks of one runtime. Never throws on a
 * sink's account: a failing sink is reported once through `warn`.
 */
export class Tracer {
  readonly #sinks: () => readonly TraceSink[];
  readonly #warn: (warning: RuntimeWarning) => void;
  readonly #ids: SpanIds;
  readonly #failed = new WeakSet<TraceSink>();

  /**
   * @param sinks yields the sinks in use now
   * @param warn receives a warning the first time a sink fails
   * @param ids where span → trace ids are remembered (shared by related runtimes)
   */
  constructor(sinks: () => readonly TraceSink[], warn: (warning: RuntimeWarning) => void, ids: SpanIds) {
    this.#sinks = sinks;
    this.#warn = warn;
    this.#ids = ids;
  }

  /** The trace a recent span belongs to. */
  traceOf(spanId: string | undefined): string | undefined {
    return this.#ids.traceOf(spanId);
  }

  /** Redacts a span and writes it to every sink. Never throws. */
  emit(span: Span): void {
    const sinks = this.#sinks();
    if (sinks.length === 0) return;
    let clean: Span;
    try {
      clean = redact(span) as Span;
    } catch {
      return;
    }
    for (const sink of sinks) {
      try {
        const done = sink.write(clean);
        if (done && typeof (done as Promise<void>).catch === "function") {
          (done as Promise<void>).catch((error: unknown) => this.#sinkFailed(sink, error));
        }
      } catch (error) {
        this.#sinkFailed(sink, error);
      }
    }
  }

  #sinkFailed(sink: TraceSink, error: unknown): void {
    if (this.#failed.has(sink)) return;
    this.#failed.add(sink);
    this.#warn({
      code: "TRACE_SINK_FAILED",
      message: `a trace sink failed (${error instanceof Error ? error.message : String(error)}); calls go on, but spans may be missing`,
    });
  }

  /** Opens a span. */
  start(start: SpanStart): SpanHandle {
    const { kind, parentSpan, traceId: given, prompt, model, attempt, ...extra } = start;
    const traceId = given ?? this.#ids.traceOf(parentSpan) ?? newId(32);
    const spanId = newId(16);
    this.#ids.remember(spanId, traceId);
    const startedAt = Date.now();
    const t0 = performance.now();
    let ended = false;
    return {
      traceId,
      spanId,
      end: (fields = {}) => {
        if (ended) return;
        ended = true;
        this.emit({
          trace_id: traceId,
          span_id: spanId,
          parent_span_id: parentSpan ?? null,
          kind,
          prompt: prompt ?? null,
          model: model ?? null,
          attempt: attempt ?? null,
          status: "ok",
          error_code: null,
          prompt_tokens: null,
          completion_tokens: null,
          cache_hit: false,
          ...extra,
          ...fields,
          latency_ms: Math.round((performance.now() - t0) * 1000) / 1000,
          started_at: new Date(startedAt).toISOString(),
        });
      },
    };
  }
}
