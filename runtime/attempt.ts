import type { Reservation } from "./budget.ts";
import type { ChatMessage } from "./chat.ts";
import { type ChatReply, estimateTokens, type NativeTool, requestChars } from "./client.ts";
import type { ResolvedModel } from "./env.ts";
import { CancelledError, describeTarget, InvalidOutputError, type MarrowRuntimeError } from "./errors.ts";
import { extract } from "./extract.ts";
import { registerSecret } from "./redact.ts";
import { confidenceOf } from "./router.ts";
import type { Runtime } from "./runtime.ts";
import type { AgentTurn, CallOptions, PolicySpec, PromptSpec } from "./spec.ts";
import { stripThink } from "./think.ts";
import { attemptTimeoutMs } from "./timeout.ts";
import type { SpanHandle } from "./trace.ts";
import { contextOf, timeoutError } from "./transport.ts";
import { validateOutput } from "./validate.ts";

/**
 * One model call of a prompt (a first try, a retry or a repair): budget check on the estimate, the
 * request with its timeout, usage charged, the reply extracted and validated, one span written.
 */

/** Output tokens assumed for a budget estimate when neither the prompt nor the model declares max_output. */
export const DEFAULT_OUTPUT_ESTIMATE = 512;

/** Marks invalid-output errors that were valid values below the router's confidence threshold. */
export const lowConfidence = new WeakSet<InvalidOutputError>();

/** Usage summed over a call's attempts, for its `prompt` span and its result. */
export interface UsageTotals {
  /** Requests that got a reply. */
  calls: number;
  promptTokens: number;
  completionTokens: number;
}

/** One model call, planned by `call.ts`. */
export interface AttemptPlan {
  readonly runtime: Runtime;
  readonly spec: PromptSpec<unknown, unknown>;
  readonly input: unknown;
  readonly model: ResolvedModel;
  readonly tier?: string;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly NativeTool[];
  readonly kind: "attempt" | "repair";
  /** Attempt number within the call, counting every request (sent as `x-marrow-attempt`). */
  readonly attempt: number;
  readonly root: SpanHandle;
  readonly options: CallOptions;
  /** Router confidence threshold; asks the server for log-probabilities when set. */
  readonly threshold?: number;
  readonly totals: UsageTotals;
}

function turnOf(reply: ChatReply): AgentTurn {
  const { text, reasoning } = stripThink(reply.text);
  const allReasoning = [reply.reasoning, reasoning].filter((r) => r !== "").join("\n");
  return {
    text: text.trim(),
    toolCalls: reply.toolCalls,
    finishReason: reply.finishReason,
    usage: reply.usage,
    ...(allReasoning !== "" ? { reasoning: allReasoning } : {}),
  };
}

/** The prompt's policies, with the call's own added (a call policy replaces a prompt policy of the same name). */
function policiesOf(
  own: readonly PolicySpec[],
  extra: readonly PolicySpec[] | undefined,
): readonly PolicySpec[] {
  if (!extra || extra.length === 0) return own;
  const names = new Set(extra.map((p) => p.name));
  return [...own.filter((p) => !names.has(p.name)), ...extra];
}

function budgetCheck(plan: AttemptPlan, promptTokens: number, maxOutput: number | undefined): Reservation {
  const { spec, model, options, runtime } = plan;
  const pricing = runtime.options.pricing;
  const outputEstimate = maxOutput ?? DEFAULT_OUTPUT_ESTIMATE;
  try {
    const reservation = runtime.budgets.reserve(policiesOf(spec.policies, options.policies), {
      prompt: spec.name,
      promptId: spec.id,
      ...(model.spec.costClass ? { costClass: model.spec.costClass } : {}),
      session: options.session ?? "default",
      tokens: promptTokens + outputEstimate,
      usd: pricing ? pricing(model.model, { promptTokens, completionTokens: outputEstimate }) : 0,
      context: contextOf(model, spec.name),
    });
    for (const message of reservation.warnings)
      runtime.warn({ code: "BUDGET_WARNING", message, prompt: spec.name });
    return reservation;
  } catch (error) {
    const refusal = runtime.startSpan({
      kind: "budget_refusal",
      parentSpan: plan.root.spanId,
      prompt: spec.name,
      model: model.spec.name,
      attempt: plan.attempt,
    });
    refusal.end({
      status: "refused",
      error_code: (error as MarrowRuntimeError).code ?? null,
      message: (error as Error).message,
      estimated_tokens: promptTokens + outputEstimate,
    });
    throw error;
  }
}

/** Runs one model call; returns the valid value (or the `AgentTurn`), or throws a typed error. */
export async function runAttempt(plan: AttemptPlan): Promise<unknown> {
  const { spec, model, options, runtime } = plan;
  const maxOutput = options.maxOutput ?? spec.maxOutput ?? model.spec.maxOutput;
  const promptTokens = estimateTokens(requestChars(plan.messages, plan.tools));
  if (promptTokens + (maxOutput ?? 0) > model.spec.contextWindow) {
    runtime.warn({
      code: "CONTEXT_OVERFLOW",
      prompt: spec.name,
      message: `${describeTarget(contextOf(model, spec.name))}: the request is about ${promptTokens} tokens${maxOutput ? ` plus ${maxOutput} for the reply` : ""}, more than the declared context_window ${model.spec.contextWindow}; the server may cut it`,
    });
  }
  const reservation = budgetCheck(plan, promptTokens, maxOutput);
  const offers = plan.tools !== undefined && plan.tools.length > 0;
  const forced = offers && options.toolChoice === "required";
  const span = runtime.startSpan({
    kind: plan.kind,
    parentSpan: plan.root.spanId,
    prompt: spec.name,
    model: model.spec.name,
    attempt: plan.attempt,
    model_name: model.model,
    endpoint: model.endpoint,
    ...(plan.tier ? { tier: plan.tier } : {}),
    ...(forced ? { tool_choice: "required" } : {}),
  });
  if (model.apiKey) registerSecret(model.apiKey);
  const temperature = options.temperature ?? spec.temperature ?? model.spec.temperature;
  let timeoutMs = spec.timeoutMs;
  let timeout: AbortSignal | undefined;
  let reply: ChatReply;
  try {
    const client = runtime.clientFor(model.spec);
    // only a client that knows its speed proposes a budget (an await the others do not need)
    if (client.attemptTimeout) {
      timeoutMs = await attemptTimeoutMs(client, model, spec.timeoutMs, {
        promptTokens,
        maxTokens: maxOutput,
      });
      options.signal?.throwIfAborted();
    }
    timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    reply = await client.chat({
      model,
      messages: plan.messages,
      ...(offers ? { tools: plan.tools } : {}),
      ...(forced ? { toolChoice: "required" as const } : {}),
      ...(temperature !== undefined ? { temperature } : {}),
      ...(model.spec.topP !== undefined ? { topP: model.spec.topP } : {}),
      ...(maxOutput !== undefined ? { maxTokens: maxOutput } : {}),
      ...(model.spec.stop ? { stop: model.spec.stop } : {}),
      ...(plan.threshold !== undefined ? { logprobs: true } : {}),
      headers: {
        "x-marrow-prompt": spec.name,
        "x-marrow-trace-id": plan.root.traceId,
        "x-marrow-span-id": span.spanId,
        "x-marrow-attempt": String(plan.attempt),
      },
      signal,
      timeoutMs,
      ...(options.onToken ? { onToken: options.onToken } : {}),
      promptTokens,
    });
  } catch (raw) {
    const ctx = contextOf(model, spec.name);
    const error = options.signal?.aborted
      ? new CancelledError(`${describeTarget(ctx)}: cancelled by the caller`, ctx, raw)
      : timeout?.aborted
        ? timeoutError(ctx, timeoutMs)
        : raw;
    reservation.commit({ tokens: 0, usd: 0 });
    span.end({
      status: "error",
      error_code: (error as MarrowRuntimeError).code ?? "UNEXPECTED",
      message: (error as Error).message,
      ...(timeoutMs !== spec.timeoutMs ? { timeout_ms: timeoutMs } : {}),
    });
    throw error;
  }
  const usage = reply.usage;
  const pricing = runtime.options.pricing;
  reservation.commit({
    tokens: usage.promptTokens + usage.completionTokens,
    usd: pricing ? pricing(model.model, usage) : 0,
  });
  plan.totals.calls++;
  plan.totals.promptTokens += usage.promptTokens;
  plan.totals.completionTokens += usage.completionTokens;
  if (options.onUsage) {
    try {
      options.onUsage({ prompt: spec.name, model: model.spec.name, ...usage });
    } catch {
      // a failing receiver must not fail the call
    }
  }
  if (reply.truncation) {
    const t = reply.truncation;
    runtime.warn({
      code: "CONTEXT_TRUNCATED",
      prompt: spec.name,
      message: `${describeTarget(contextOf(model, spec.name))}: Ollama evaluated ${t.evaluated} prompt tokens of about ${t.sent} sent (num_ctx ${t.numCtx}), so the start of the prompt was cut off; raise the model's context_window or shorten the input`,
    });
  }
  const common = {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    usage_estimated: usage.estimated,
    finish_reason: reply.finishReason,
    output: reply.text,
    ...reply.metrics,
    ...(reply.truncation ? { truncated: true } : {}),
    // a budget scaled for a slow in-process model (runtime/timeout.ts)
    ...(timeoutMs !== spec.timeoutMs ? { timeout_ms: timeoutMs } : {}),
  };
  if (spec.output.kind === "turn") {
    const turn = turnOf(reply);
    span.end({ ...common, tool_calls: turn.toolCalls.length });
    return turn;
  }
  return settle(plan, reply, span, common);
}

async function settle(
  plan: AttemptPlan,
  reply: ChatReply,
  span: SpanHandle,
  common: Record<string, unknown>,
): Promise<unknown> {
  const { spec, model } = plan;
  const stripped = stripThink(reply.text).text;
  const extracted = extract(spec.output, stripped);
  const checked = extracted.ok ? await validateOutput(spec, extracted.value, plan.input) : extracted;
  let issues = checked.ok ? [] : checked.issues;
  const confidence = confidenceOf(reply.logprobs);
  const low =
    checked.ok && plan.threshold !== undefined && confidence !== undefined && confidence < plan.threshold;
  if (low) issues = [`confidence ${confidence.toFixed(2)} is below the router's threshold ${plan.threshold}`];
  if (issues.length === 0 && checked.ok) {
    span.end({ ...common, ...(confidence !== undefined ? { confidence } : {}) });
    return checked.value;
  }
  if (reply.finishReason === "length")
    issues.push("the reply was cut off at max_output (finish_reason: length)");
  span.end({
    ...common,
    status: "invalid",
    error_code: "INVALID_OUTPUT",
    issues,
    ...(confidence !== undefined ? { confidence } : {}),
  });
  const ctx = { ...contextOf(model, spec.name), attempt: plan.attempt };
  const error = new InvalidOutputError(
    `${describeTarget(ctx)}: ${low ? "the reply's confidence is too low" : "the reply is not a valid output"}: ${issues.join("; ")}`,
    reply.text,
    issues,
    ctx,
  );
  if (low) lowConfidence.add(error);
  throw error;
}
