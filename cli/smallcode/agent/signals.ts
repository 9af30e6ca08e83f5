import {
  BudgetExceededError,
  CancelledError,
  ConfigError,
  EndpointError,
  InvalidOutputError,
  type MarrowRuntimeError,
  RateLimitedError,
  TimeoutError,
} from "../../../runtime/index.ts";
import type { StopReason } from "../contract/index.ts";
import { spentMessage } from "./budget.ts";

/**
 * How a run ends: every exit from the loop is a `StopRun` carrying its reason and a message a person
 * can act on (mini-swe-agent's typed signals). Runtime errors are mapped to stop reasons here.
 */

/** Ends the run. `done` carries the model's final answer as its message. */
export class StopRun extends Error {
  readonly reason: StopReason;
  /** Stable code for `error` events (a runtime error's code, or the reason in upper case). */
  readonly code: string;

  constructor(reason: StopReason, message: string, code?: string) {
    super(message);
    this.name = "StopRun";
    this.reason = reason;
    this.code = code ?? reason.toUpperCase();
  }
}

/** Why a run stopped at its wall-clock limit, and how to give it more time. */
export const TIME_LIMIT_MESSAGE =
  "the run reached its time limit (raise it with --max-time or max_time in smallcode.toml)";

/** Which limit fired when the run's own signal aborted, if any. */
export type AbortCause = "max_time" | "cancelled" | undefined;

/**
 * Maps anything thrown inside a run to the signal that ends it.
 * @param cause why the run's signal aborted (wall-time limit or the caller), when it did
 */
export function toStop(error: unknown, cause?: AbortCause): StopRun {
  if (error instanceof StopRun) return error;
  const e = error as MarrowRuntimeError;
  if (cause === "max_time") return new StopRun("max_time", TIME_LIMIT_MESSAGE, "MAX_TIME");
  if (error instanceof CancelledError || cause === "cancelled")
    return new StopRun("cancelled", "the run was cancelled", "CANCELLED");
  if (error instanceof BudgetExceededError) {
    const spent = spentMessage(error);
    return spent ? new StopRun("max_tokens", spent, "MAX_TOKENS") : new StopRun("budget", e.message, e.code);
  }
  if (error instanceof RateLimitedError)
    return new StopRun(error.source === "policy" ? "budget" : "endpoint", e.message, e.code);
  if (error instanceof EndpointError || error instanceof TimeoutError) {
    const where =
      e.context.endpoint && !e.message.includes(e.context.endpoint) ? ` (${e.context.endpoint})` : "";
    const hint = /\bcheck\b/i.test(e.message)
      ? ""
      : "; check that the server is running and that the base URL and model name are right";
    return new StopRun("endpoint", `the model endpoint failed${where}: ${e.message}${hint}`, e.code);
  }
  // an in-process model whose act replies stayed unusable through the retries (cut off at max_output
  // inside the tool-call grammar): the model failed, not SmallCode
  if (error instanceof InvalidOutputError)
    return new StopRun("endpoint", `the model gave no usable reply: ${e.message}`, e.code);
  if (error instanceof ConfigError) return new StopRun("error", e.message, e.code);
  const message = error instanceof Error ? error.message : String(error);
  return new StopRun("error", `internal error: ${message}`, e?.code ?? "INTERNAL");
}
