import type { ResolvedModel } from "./env.ts";
import {
  describeTarget,
  EndpointError,
  type ErrorContext,
  RateLimitedError,
  TimeoutError,
} from "./errors.ts";

/**
 * Turns what went wrong on the wire into typed errors whose messages name the endpoint and say what
 * to check. Shared by the OpenAI and Ollama routes.
 */

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: "connection refused",
  ENOTFOUND: "host not found",
  EAI_AGAIN: "host name lookup failed",
  ECONNRESET: "connection reset by the server",
  EHOSTUNREACH: "host unreachable",
  ENETUNREACH: "network unreachable",
  ETIMEDOUT: "connection timed out",
  EPIPE: "connection closed by the server",
  UND_ERR_SOCKET: "connection closed by the server before the reply was complete",
  UND_ERR_CONNECT_TIMEOUT: "connection timed out",
};

/** A short reason from an error's cause chain (`connection refused`), or its message. */
export function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current && depth < 6; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_REASONS[code]) return NETWORK_REASONS[code];
    const message = (current as { message?: unknown }).message;
    if (message === "terminated") return "connection closed before the reply was complete";
    if (message === "bad port") return "the port is blocked by fetch (bad port)";
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Error context for a model call. */
export function contextOf(model: ResolvedModel, prompt: string | undefined): ErrorContext {
  return { prompt, model: model.spec.name, modelName: model.model, endpoint: model.endpoint };
}

/** The endpoint could not be reached, or the connection broke. Retryable. */
export function connectionError(ctx: ErrorContext, error: unknown): EndpointError {
  return new EndpointError(
    `${describeTarget(ctx)}: cannot reach the endpoint (${networkReason(error)}); check that the server is running and that the endpoint URL is right (SMALLCODE_BASE_URL)`,
    { retryable: true, context: ctx, cause: error },
  );
}

/** The attempt ran past its timeout and was aborted. Retryable. */
export function timeoutError(ctx: ErrorContext, timeoutMs: number): TimeoutError {
  return new TimeoutError(
    `${describeTarget(ctx)}: no complete reply within ${timeoutMs} ms, so the request was aborted; raise the prompt's \`timeout\` or check that the server is not overloaded`,
    timeoutMs,
    ctx,
  );
}

/**
 * A reply that is not a usable chat completion: an HTML page or a body that is not JSON (a web
 * server or proxy, not the model server, answered), no choices, a malformed stream, or a stream cut
 * off before its end. `contentType` is the reply's, when known.
 */
export function malformedReply(
  ctx: ErrorContext,
  what: "html" | "not_json" | "no_choices" | "stream" | "cut_off",
  detail = "",
  contentType?: string,
): EndpointError {
  const target = describeTarget(ctx);
  const why = detail ? ` (${detail})` : "";
  const server = ctx.endpoint ? `the server at ${ctx.endpoint}` : "the server";
  const type = contentType ? `content-type ${contentType}` : "";
  switch (what) {
    case "html":
      return new EndpointError(
        `${target}: ${server} replied with an HTML page${type ? ` (${type})` : ""}, not JSON — is this an OpenAI-compatible endpoint? check the endpoint URL (it usually ends in /v1: Ollama http://localhost:11434/v1, LM Studio http://localhost:1234/v1, llama.cpp http://localhost:8080/v1)`,
        { retryable: false, context: ctx },
      );
    case "not_json": {
      const about = [type, detail].filter((s) => s !== "").join(": ");
      return new EndpointError(
        `${target}: ${server} replied with something that is not JSON${about ? ` (${about})` : ""} — is this an OpenAI-compatible endpoint? check the endpoint URL and the server's log`,
        { retryable: true, context: ctx },
      );
    }
    case "no_choices":
      return new EndpointError(
        `${target}: the endpoint replied without any choices; check the server's log`,
        {
          retryable: true,
          context: ctx,
        },
      );
    case "stream":
      return new EndpointError(`${target}: the reply stream is malformed${why}; check the server's log`, {
        retryable: true,
        context: ctx,
      });
    case "cut_off":
      return new EndpointError(
        `${target}: the reply was cut off mid-stream${why}; the server may have stopped or crashed (out of memory?), or a proxy closed the connection — check the server's log`,
        { retryable: true, context: ctx },
      );
  }
}

/** Milliseconds from `retry-after-ms` or `Retry-After` (seconds or an HTTP date), if present. */
export function retryAfterMs(headers: { get(name: string): string | null } | undefined): number | undefined {
  if (!headers) return undefined;
  const ms = Number(headers.get("retry-after-ms") ?? Number.NaN);
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get("retry-after");
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : undefined;
}

/** Names of the models the endpoint serves (GET /models), or undefined when it does not say within 1.5 s. */
export async function listModels(model: ResolvedModel): Promise<string[] | undefined> {
  try {
    const headers: Record<string, string> = model.apiKey ? { authorization: `Bearer ${model.apiKey}` } : {};
    const response = await fetch(`${model.endpoint}/models`, { headers, signal: AbortSignal.timeout(1500) });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { data?: { id?: unknown }[]; models?: { name?: unknown }[] };
    const ids = (body.data ?? []).map((m) => m.id).concat((body.models ?? []).map((m) => m.name));
    return ids.filter((id): id is string => typeof id === "string");
  } catch {
    return undefined;
  }
}

/** An HTTP error status from the server, as an error a person can act on. */
export async function statusError(
  model: ResolvedModel,
  ctx: ErrorContext,
  status: number,
  serverMessage: string,
  retryAfter: number | undefined,
): Promise<EndpointError | RateLimitedError> {
  const target = describeTarget(ctx);
  const said = serverMessage ? `: ${serverMessage.slice(0, 300)}` : "";
  if (status === 429) {
    const wait = retryAfter ?? 1000;
    return new RateLimitedError(
      `${target}: the endpoint is rate limiting requests (429${said}); wait ${Math.ceil(wait / 1000)} s or lower the request rate`,
      wait,
      "endpoint",
      ctx,
    );
  }
  if (status >= 500) {
    return new EndpointError(`${target}: the server failed (${status}${said}); check the server's log`, {
      status,
      retryable: true,
      context: ctx,
    });
  }
  if (status === 401 || status === 403) {
    return new EndpointError(
      model.apiKey
        ? `${target}: the server rejected the API key (${status}${said}); check that it is the right key for this server (SMALLCODE_API_KEY, or the variable api_key_env names)`
        : `${target}: the server wants an API key (${status}${said}); set one (SMALLCODE_API_KEY, or name its variable with api_key_env)`,
      { status, retryable: false, context: ctx },
    );
  }
  if (status === 404) {
    const served = await listModels(model);
    if (served && !served.includes(model.model)) {
      const list = served.length > 0 ? served.slice(0, 10).join(", ") : "none";
      return new EndpointError(
        `${target}: the server has no model \`${model.model}\` (404${said}); check the model name (SMALLCODE_MODEL, or the model's name:); it serves: ${list}`,
        { status, retryable: false, context: ctx },
      );
    }
    const aboutModel = /model/i.test(serverMessage);
    return new EndpointError(
      aboutModel
        ? `${target}: the server does not know model \`${model.model}\` (404${said}); check the model name (SMALLCODE_MODEL, or the model's name:), or pull it (ollama pull ${model.model})`
        : `${target}: the endpoint has no chat completions route (404${said}); check the endpoint URL (it usually ends in /v1)`,
      { status, retryable: false, context: ctx },
    );
  }
  return new EndpointError(
    `${target}: the server rejected the request (${status}${said}); check the model's settings (context_window, max_output, tools) against what the server supports`,
    { status, retryable: false, context: ctx },
  );
}
