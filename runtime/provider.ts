import type { ResolvedModel } from "./env.ts";
import { ConfigError } from "./errors.ts";

/**
 * Which wire route a model takes. Ollama's OpenAI-compatible route ignores the context size, so
 * Ollama servers are driven through the native `/api/chat`: models declared `provider: ollama`, and
 * `openai_compat` endpoints that answer GET /api/version (asked once per endpoint and runtime
 * family). `SMALLCODE_PROVIDER=ollama|openai_compat` replaces the check. The probe is the one
 * SmallCode has: endpoint detection in the CLI asks it too, through its runtime.
 */
export type Route = "openai" | "ollama";

/** The server root of an endpoint: `http://host:11434/v1` → `http://host:11434`. */
export function nativeBase(endpoint: string): string {
  return endpoint.replace(/\/+$/, "").replace(/\/v1$/, "");
}

/** Options of {@link probeOllamaVersion}. */
export interface OllamaProbeOptions {
  /** Sent as a bearer token (an Ollama behind an authenticating proxy). */
  readonly apiKey?: string;
  /** Default 1500 ms. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Ollama's version from `GET {root}/api/version`, or undefined when the server is not Ollama or does
 * not say in time. Never throws, except with the signal's reason when `signal` aborts.
 */
export async function probeOllamaVersion(
  endpoint: string,
  options: OllamaProbeOptions = {},
): Promise<string | undefined> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? 1500);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  const headers: Record<string, string> = { accept: "application/json" };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  try {
    const response = await fetch(`${nativeBase(endpoint)}/api/version`, { headers, signal });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { version?: unknown } | null;
    return typeof body?.version === "string" ? body.version : undefined;
  } catch {
    if (options.signal?.aborted) throw options.signal.reason;
    return undefined;
  }
}

/** What the probe found per server root; a runtime keeps one (runtimes derived from it share it). */
export class OllamaProbes {
  readonly #found = new Map<string, Promise<string | undefined>>();

  /**
   * Ollama's version at the endpoint's server, asked once. `signal` only stops this caller's wait:
   * the probe itself runs to its answer or timeout, and that answer is kept for the next caller.
   */
  version(endpoint: string, options: OllamaProbeOptions = {}): Promise<string | undefined> {
    const base = nativeBase(endpoint);
    let answer = this.#found.get(base);
    if (!answer) {
      const { signal, ...rest } = options;
      answer = probeOllamaVersion(base, rest);
      this.#found.set(base, answer);
    }
    return options.signal ? untilAborted(answer, options.signal) : answer;
  }
}

/** The route for a model now; `forced` is `SMALLCODE_PROVIDER` (or the `provider` option). */
export async function routeFor(
  model: ResolvedModel,
  forced: string | undefined,
  probes: OllamaProbes,
  signal?: AbortSignal,
): Promise<Route> {
  const declared = model.spec.provider;
  if (declared === "ollama") return "ollama";
  if (declared !== "openai_compat") return "openai";
  if (forced === "ollama") return "ollama";
  if (forced === "openai_compat" || forced === "openai") return "openai";
  if (forced !== undefined && forced !== "auto") {
    throw new ConfigError(`SMALLCODE_PROVIDER is \`${forced}\`; use ollama, openai_compat or auto`, {
      model: model.spec.name,
    });
  }
  const version = await probes.version(model.endpoint, signal ? { signal } : {});
  return version !== undefined ? "ollama" : "openai";
}

/** Settles like `promise`, or rejects with the signal's reason as soon as it aborts. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}
