/**
 * Typed runtime errors. Each class has one stable `code` (never changes meaning) and a message that
 * says what went wrong and what to check. Callers branch on `instanceof` or `code`.
 */

/** Where a failure happened: the prompt, the model and the endpoint it was sent to. */
export interface ErrorContext {
  readonly prompt?: string;
  /** Declared model name (`TinyClassifier`). */
  readonly model?: string;
  /** Model name sent to the server, after `${VAR}` resolution. */
  readonly modelName?: string;
  /** Resolved endpoint URL. */
  readonly endpoint?: string;
  /** 1-based attempt number on that model. */
  readonly attempt?: number;
}

/** Base class of every error the runtime throws on purpose. */
export class MarrowRuntimeError extends Error {
  /** Stable machine-readable code of the error class. */
  readonly code: string;
  readonly context: ErrorContext;

  constructor(code: string, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.context = context;
  }
}

/** The endpoint could not be reached or answered with something that is not a usable reply. */
export class EndpointError extends MarrowRuntimeError {
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** Whether `retry` may try again (connection errors, 5xx, malformed replies); 4xx are final. */
  readonly retryable: boolean;

  constructor(
    message: string,
    init: { status?: number; retryable: boolean; context?: ErrorContext; cause?: unknown },
  ) {
    super("ENDPOINT_ERROR", message, init.context, { cause: init.cause });
    this.status = init.status;
    this.retryable = init.retryable;
  }
}

/** An attempt ran past the prompt's `timeout`; the request was aborted. */
export class TimeoutError extends MarrowRuntimeError {
  readonly timeoutMs: number;

  constructor(message: string, timeoutMs: number, context: ErrorContext = {}) {
    super("TIMEOUT", message, context);
    this.timeoutMs = timeoutMs;
  }
}

/** The model replied, but no valid value could be recovered from the reply. */
export class InvalidOutputError extends MarrowRuntimeError {
  /** The reply text of the last attempt, as the model sent it. */
  readonly raw: string;
  /** What was wrong, one line each. */
  readonly issues: readonly string[];

  constructor(message: string, raw: string, issues: readonly string[], context: ErrorContext = {}) {
    super("INVALID_OUTPUT", message, context);
    this.raw = raw;
    this.issues = issues;
  }
}

/** A policy cost budget would be exceeded; the call was not sent. */
export class BudgetExceededError extends MarrowRuntimeError {
  readonly policy: string;
  /** The scope as written, e.g. `per_session` or `per_prompt: "classify"`. */
  readonly scope: string;
  readonly cap: { readonly kind: "tokens" | "calls" | "usd"; readonly max: number };
  readonly used: number;
  readonly requested: number;
  /** The `code` declared in the policy's `on_exceeded`, if any. */
  readonly declaredCode: string | undefined;
  /** Time until enough of the window has passed for the call to fit, when known. */
  readonly resetsInMs: number | undefined;

  constructor(
    message: string,
    init: {
      policy: string;
      scope: string;
      cap: { kind: "tokens" | "calls" | "usd"; max: number };
      used: number;
      requested: number;
      declaredCode?: string;
      resetsInMs?: number;
      context?: ErrorContext;
    },
  ) {
    super("BUDGET_EXCEEDED", message, init.context);
    this.policy = init.policy;
    this.scope = init.scope;
    this.cap = init.cap;
    this.used = init.used;
    this.requested = init.requested;
    this.declaredCode = init.declaredCode;
    this.resetsInMs = init.resetsInMs;
  }
}

/** A rate limit (a policy's `rate_limit`, a `throttle` budget, or the endpoint's 429) refused the call. */
export class RateLimitedError extends MarrowRuntimeError {
  /** How long to wait before trying again. */
  readonly retryAfterMs: number;
  /** `policy` when a declared limit refused the call before sending it; `endpoint` for a 429. */
  readonly source: "policy" | "endpoint";

  constructor(
    message: string,
    retryAfterMs: number,
    source: "policy" | "endpoint",
    context: ErrorContext = {},
  ) {
    super("RATE_LIMITED", message, context);
    this.retryAfterMs = retryAfterMs;
    this.source = source;
  }
}

/** Configuration is missing or wrong (an unset `${VAR}`, an unknown provider); nothing was sent. */
export class ConfigError extends MarrowRuntimeError {
  constructor(message: string, context: ErrorContext = {}, cause?: unknown) {
    super("CONFIG_ERROR", message, context, cause === undefined ? undefined : { cause });
  }
}

/** The input given to a prompt function does not match the prompt's parameters. */
export class InvalidInputError extends MarrowRuntimeError {
  readonly issues: readonly string[];

  constructor(message: string, issues: readonly string[], context: ErrorContext = {}) {
    super("INVALID_INPUT", message, context);
    this.issues = issues;
  }
}

/** The caller's `signal` aborted the call. */
export class CancelledError extends MarrowRuntimeError {
  constructor(message: string, context: ErrorContext = {}, cause?: unknown) {
    super("CANCELLED", message, context, { cause });
  }
}

/** A generated extension-point stub was called before its body was written. */
export class ExtensionPointNotImplementedError extends MarrowRuntimeError {
  readonly function: string;
  readonly file: string;

  constructor(name: string, file: string) {
    super(
      "EXTENSION_POINT_NOT_IMPLEMENTED",
      `extension point \`${name}\` is not implemented yet; write its body in ${file} (between the marker comments) and run again`,
    );
    this.function = name;
    this.file = file;
  }
}

/**
 * Thrown by generated extension-point stubs whose body has not been written.
 * @param name the TypeScript function name of the extension point
 * @param file the file to edit, relative to the project
 */
export function extensionPointNotImplemented(name: string, file: string): never {
  throw new ExtensionPointNotImplementedError(name, file);
}

/** Describes where a call went, for messages: "prompt `x` (model `M` = `qwen`, http://…)". */
export function describeTarget(ctx: ErrorContext): string {
  const parts: string[] = [];
  if (ctx.model)
    parts.push(ctx.modelName ? `model \`${ctx.model}\` = \`${ctx.modelName}\`` : `model \`${ctx.model}\``);
  if (ctx.endpoint) parts.push(`at ${ctx.endpoint}`);
  const head = ctx.prompt ? `prompt \`${ctx.prompt}\`` : "model call";
  return parts.length > 0 ? `${head} (${parts.join(" ")})` : head;
}
