import { lowConfidence, runAttempt, type UsageTotals } from "./attempt.ts";
import { type CacheStore, cacheKey } from "./cache.ts";
import type { ResolvedModel } from "./env.ts";
import {
  CancelledError,
  ConfigError,
  describeTarget,
  InvalidInputError,
  InvalidOutputError,
  type MarrowRuntimeError,
} from "./errors.ts";
import { messagesFor, type Rendered, render, repairMessages } from "./messages.ts";
import { decideRetry, isRetryableTransport, withRetry } from "./retry.ts";
import { type Ladder, ladderOf } from "./router.ts";
import type { Runtime } from "./runtime.ts";
import type { CallOptions, ModelSpec, PromptSpec } from "./spec.ts";
import type { SpanHandle } from "./trace.ts";

/**
 * A prompt call on a runtime: resolve the model (router tier) → render templates → cache lookup → for each model
 * on the ladder, attempts under `retry` (each: budget check, call with timeout, extraction,
 * validation, usage charged) with repair or escalation per `on_invalid` → fallback → cache store.
 * Every step leaves a span under the call's `prompt` span.
 */

/** What a call returns: the value, and the usage of every model request it made. */
export interface CallResult<O> {
  readonly value: O;
  /** Requests that got a reply (attempts, repairs, fallbacks) and their tokens; zero on a cache hit. */
  readonly usage: {
    readonly calls: number;
    readonly promptTokens: number;
    readonly completionTokens: number;
  };
  readonly cacheHit: boolean;
  /** Requests sent, counting those that failed without a reply. */
  readonly attempts: number;
}

interface CallState {
  readonly runtime: Runtime;
  readonly spec: PromptSpec<unknown, unknown>;
  readonly input: unknown;
  readonly options: CallOptions;
  readonly rendered: Rendered;
  readonly root: SpanHandle;
  readonly totals: UsageTotals;
  attempts: number;
}

function cancelled(spec: PromptSpec<unknown, unknown>, cause?: unknown): CancelledError {
  return new CancelledError(`prompt \`${spec.name}\`: cancelled by the caller`, { prompt: spec.name }, cause);
}

/** Attempts on one model: up to `maxAttempts`, retried per `retry`, repaired per `on_invalid`. */
function runOnModel(state: CallState, model: ResolvedModel, tier: string | undefined, maxAttempts: number) {
  const { spec, options } = state;
  const router = spec.router;
  const threshold = spec.output.kind !== "turn" ? router?.confidenceThreshold : undefined;
  const { messages, tools } = messagesFor(
    spec,
    state.rendered,
    model.spec,
    options.tools,
    options.extraTools,
  );
  let lastInvalid: InvalidOutputError | undefined;
  return withRetry(
    async () => {
      const repair = spec.onInvalid === "retry_with_repair_prompt" && lastInvalid !== undefined;
      try {
        return await runAttempt({
          runtime: state.runtime,
          spec,
          input: state.input,
          model,
          ...(tier ? { tier } : {}),
          messages: repair ? repairMessages(spec, messages, lastInvalid!.raw, lastInvalid!.issues) : messages,
          ...(tools ? { tools } : {}),
          kind: repair ? "repair" : "attempt",
          attempt: ++state.attempts,
          root: state.root,
          options,
          ...(threshold !== undefined ? { threshold } : {}),
          totals: state.totals,
        });
      } catch (error) {
        if (error instanceof InvalidOutputError && !lowConfidence.has(error)) lastInvalid = error;
        throw error;
      }
    },
    {
      maxAttempts,
      signal: options.signal,
      ...(options.onRetry
        ? {
            onRetry: (error: unknown, attempt: number, delayMs: number) =>
              options.onRetry?.({
                prompt: spec.name,
                attempt,
                reason: error instanceof Error ? error.message : String(error),
                delayMs,
              }),
          }
        : {}),
      decide: (error, n) =>
        error instanceof InvalidOutputError && lowConfidence.has(error)
          ? { retry: router?.onLowConfidence === "retry", delayMs: 0 }
          : decideRetry(error, n, spec.retry, spec.onInvalid),
    },
  );
}

/** Whether a failure moves the call up the ladder, to the fallback, or ends it. */
function nextStep(spec: PromptSpec<unknown, unknown>, error: unknown): "escalate" | "fallback" | "fail" {
  if (error instanceof InvalidOutputError) {
    if (lowConfidence.has(error)) {
      const policy = spec.router?.onLowConfidence;
      return policy === "escalate" ? "escalate" : policy === "retry" ? "fallback" : "fail";
    }
    return spec.onInvalid === "escalate" ? "escalate" : "fallback";
  }
  return isRetryableTransport(error) || (error as MarrowRuntimeError).code === "ENDPOINT_ERROR"
    ? "fallback"
    : "fail";
}

function escalationSpan(
  state: CallState,
  from: ModelSpec,
  to: ModelSpec,
  reason: string,
  error: unknown,
): void {
  state.runtime
    .startSpan({
      kind: "escalation",
      parentSpan: state.root.spanId,
      prompt: state.spec.name,
      model: to.name,
    })
    .end({
      from: from.name,
      to: to.name,
      reason,
      error_code: (error as MarrowRuntimeError).code ?? null,
    });
}

/** Resolves the next model; when its `${VAR}`s are unset, says so and ends the call with the error at hand. */
function resolveNext(state: CallState, next: ModelSpec, failure: unknown): ResolvedModel {
  try {
    return state.runtime.resolveModel(next, state.spec.name);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    state.runtime.warn({
      code: "ESCALATION_SKIPPED",
      prompt: state.spec.name,
      message: `cannot move on to ${error.message}`,
    });
    throw failure;
  }
}

async function climb(state: CallState, ladder: Ladder, first: ResolvedModel): Promise<unknown> {
  const { spec } = state;
  const tried: ModelSpec[] = [];
  let index = 0;
  let model = first;
  for (;;) {
    tried.push(model.spec);
    try {
      return await runOnModel(state, model, ladder.tiers[index], Math.max(1, spec.retry.maxAttempts));
    } catch (error) {
      const step = nextStep(spec, error);
      if (step === "fail") throw error;
      if (step === "escalate" && index + 1 < ladder.models.length) {
        index++;
        const next = ladder.models[index]!;
        escalationSpan(
          state,
          model.spec,
          next,
          lowConfidence.has(error as InvalidOutputError) ? "low_confidence" : "invalid_output",
          error,
        );
        model = resolveNext(state, next, error);
        continue;
      }
      const fallback = ladder.fallback;
      if (!fallback || tried.some((m) => m.name === fallback.name)) throw error;
      escalationSpan(state, model.spec, fallback, "fallback", error);
      const resolved = resolveNext(state, fallback, error);
      tried.push(fallback);
      return await runOnModel(state, resolved, "fallback", 1);
    }
  }
}

/** Reads the cache; a failing store counts as a miss. */
async function lookup(
  runtime: Runtime,
  store: CacheStore,
  key: string,
): Promise<{ value: unknown } | undefined> {
  try {
    const entry = await store.get(key);
    return entry && entry.expiresAt > Date.now() ? { value: entry.value } : undefined;
  } catch (error) {
    runtime.warn({
      code: "CACHE_FAILED",
      message: `the prompt cache could not be read (${(error as Error).message}); calling the model`,
    });
    return undefined;
  }
}

function finalError(state: CallState, error: unknown): unknown {
  if (state.options.signal?.aborted && !(error instanceof CancelledError))
    return cancelled(state.spec, error);
  if (!(error instanceof InvalidOutputError)) return error;
  const ctx = error.context;
  const head = `${describeTarget(ctx)}: no valid output after ${state.attempts} attempt${state.attempts === 1 ? "" : "s"}`;
  const start = error.raw.trim().slice(0, 120).replace(/\s+/g, " ");
  const hint =
    state.spec.onInvalid === "fail" || state.spec.onInvalid === "retry"
      ? "; check the template and the declared output type, or set on_invalid: retry_with_repair_prompt"
      : "; check the template and the declared output type";
  return new InvalidOutputError(
    `${head}: ${error.issues.join("; ")}; the reply began: "${start}"${hint}`,
    error.raw,
    error.issues,
    ctx,
  );
}

/**
 * Runs a prompt on `runtime` (`runtime.call` and `callPrompt` come here).
 * @throws EndpointError, TimeoutError, InvalidOutputError, BudgetExceededError, RateLimitedError,
 *   ConfigError, InvalidInputError, CancelledError — each with a stable `code`
 */
export async function runCall<I, O>(
  runtime: Runtime,
  spec: PromptSpec<I, O>,
  input: I,
  options: CallOptions = {},
): Promise<CallResult<O>> {
  const s = spec as PromptSpec<unknown, unknown>;
  if (options.signal?.aborted) throw cancelled(s, options.signal.reason);
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map((i) => `${["input", ...i.path].join(".")}: ${i.message}`);
    throw new InvalidInputError(
      `prompt \`${spec.name}\`: the input does not match its parameters: ${issues.join("; ")}`,
      issues,
      {
        prompt: spec.name,
      },
    );
  }
  const value = parsed.data as unknown;
  const ladder = ladderOf(s, value);
  const first = runtime.resolveModel(ladder.models[0]!, spec.name);
  const rendered = render(s, value);
  const root = runtime.startSpan({
    kind: "prompt",
    prompt: spec.name,
    model: first.spec.name,
    input: value,
    ...(options.parentSpan ? { parentSpan: options.parentSpan } : {}),
    source: `${spec.source.file}:${spec.source.line}`,
  });
  const store = spec.cache ? runtime.cache() : undefined;
  const key = store ? cacheKey(s, first, value) : undefined;
  if (store && key) {
    const hit = await lookup(runtime, store, key);
    if (hit) {
      runtime
        .startSpan({
          kind: "cache_hit",
          parentSpan: root.spanId,
          prompt: spec.name,
          model: first.spec.name,
        })
        .end({ cache_hit: true });
      root.end({ cache_hit: true, output: hit.value });
      return {
        value: hit.value as O,
        usage: { calls: 0, promptTokens: 0, completionTokens: 0 },
        cacheHit: true,
        attempts: 0,
      };
    }
  }
  const state: CallState = {
    runtime,
    spec: s,
    input: value,
    options,
    rendered,
    root,
    totals: { calls: 0, promptTokens: 0, completionTokens: 0 },
    attempts: 0,
  };
  try {
    const result = await climb(state, ladder, first);
    if (store && key) {
      const now = Date.now();
      try {
        await store.set(key, {
          value: result,
          storedAt: now,
          expiresAt: now + spec.cache!.ttlMs,
          prompt: spec.name,
        });
      } catch (error) {
        runtime.warn({
          code: "CACHE_FAILED",
          message: `the prompt cache could not be written (${(error as Error).message})`,
        });
      }
    }
    root.end({
      attempts: state.attempts,
      prompt_tokens: state.totals.promptTokens,
      completion_tokens: state.totals.completionTokens,
      output: result,
    });
    return { value: result as O, usage: { ...state.totals }, cacheHit: false, attempts: state.attempts };
  } catch (raw) {
    const error = finalError(state, raw);
    root.end({
      status: "error",
      error_code: (error as MarrowRuntimeError).code ?? "UNEXPECTED",
      message: (error as Error).message,
      attempts: state.attempts,
      prompt_tokens: state.totals.promptTokens,
      completion_tokens: state.totals.completionTokens,
    });
    throw error;
  }
}
