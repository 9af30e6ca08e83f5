import { join } from "node:path";
import { BudgetLedger, type BudgetStatus } from "./budget.ts";
import { type CacheStore, MemoryCacheStore } from "./cache.ts";
import { type CallResult, runCall } from "./call.ts";
import type { ModelClient } from "./client.ts";
import { lookupIn, optionOrEnv, type RuntimeOptions, type RuntimeWarning } from "./config.ts";
import { DiskCacheStore } from "./disk-cache.ts";
import { type ResolvedModel, resolveModelWith, resolveRefs as resolveWith } from "./env.ts";
import { ConfigError } from "./errors.ts";
import { createOllamaClient } from "./ollama-client.ts";
import { createOpenAIClient } from "./openai-client.ts";
import { type OllamaProbeOptions, OllamaProbes, routeFor } from "./provider.ts";
import type { CallOptions, ModelSpec, PolicySpec, PromptSpec } from "./spec.ts";
import { type SpanHandle, SpanIds, type SpanStart, Tracer, type TraceSink } from "./trace.ts";
import { DirectoryTraceSink, JsonlFileSink, StderrTraceSink } from "./trace-sinks.ts";

/**
 * The runtime as an object: the model clients, the prompt cache, the trace sinks, the budget ledger
 * and the `${VAR}` values that one family of calls uses. `createRuntime(options)` makes one; calls
 * name theirs with the `runtime` call option, and the ones that name none use the default runtime,
 * built from the environment (and `configureRuntime`). Nothing here is process-wide but that
 * default: two runtimes with different endpoints and caches serve concurrent calls side by side.
 */

/** Cache settings that, when a derived runtime changes them, give it its own store. */
const CACHE_KEYS = ["cache", "cacheDir", "cacheMaxEntries"] as const;
/** Trace settings that, when a derived runtime changes them, give it its own sinks. */
const SINK_KEYS = ["cognitionLog", "traceDir", "traceSinks", "onWarning"] as const;

/** State runtimes derived from one another share: span ids, Ollama probes, warnings already shown. */
interface Family {
  readonly ids: SpanIds;
  readonly probes: OllamaProbes;
  readonly warned: Set<string>;
}

/** A value built from some options, rebuilt when they change. */
interface Slot<T> {
  signature: unknown;
  value: T;
}

/** The built-in clients: OpenAI-compatible (with Ollama detection) and Ollama's native API. */
interface Builtins {
  readonly openai: ModelClient;
  readonly ollama: ModelClient;
}

/** Providers the built-in OpenAI-compatible client serves as they are. */
const OPENAI_PROVIDERS = new Set(["llamacpp", "lmstudio", "vllm", "http"]);

/** A runtime: `createRuntime(options)`; see the module comment. */
export class Runtime {
  #options: RuntimeOptions;
  readonly #family: Family;
  readonly #budgets: BudgetLedger;
  readonly #cache: Slot<CacheStore | undefined>;
  readonly #sinks: Slot<TraceSink[]>;
  readonly #builtins: Builtins;
  readonly #tracer: Tracer;

  /** Use `createRuntime(options)` or `runtime.derive(patch)`. */
  constructor(options: RuntimeOptions = {}, parent?: Runtime, patch: RuntimeOptions = {}) {
    this.#options = { ...options };
    const from = parent ? parent.#parts() : undefined;
    const touches = (keys: readonly string[]) => keys.some((k) => k in patch);
    this.#family = from?.family ?? { ids: new SpanIds(), probes: new OllamaProbes(), warned: new Set() };
    this.#budgets = options.budgets ?? from?.budgets ?? new BudgetLedger();
    this.#cache = from && !touches(CACHE_KEYS) ? from.cache : { signature: undefined, value: undefined };
    this.#sinks = from && !touches(SINK_KEYS) ? from.sinks : { signature: undefined, value: [] };
    this.#builtins = from?.builtins ?? { openai: createOpenAIClient(), ollama: createOllamaClient() };
    this.#tracer = new Tracer(
      () => this.sinks(),
      (w) => this.warn(w),
      this.#family.ids,
    );
  }

  #parts() {
    return {
      family: this.#family,
      budgets: this.#budgets,
      cache: this.#cache,
      sinks: this.#sinks,
      builtins: this.#builtins,
    };
  }

  /** The options this runtime was made (and configured) with. */
  get options(): RuntimeOptions {
    return this.#options;
  }

  /** The budget ledger this runtime charges. */
  get budgets(): BudgetLedger {
    return this.#budgets;
  }

  /**
   * Changes this runtime's options: fields given replace earlier ones, fields left out keep their
   * value; the cache store and sinks are rebuilt on the next call when their settings changed.
   */
  configure(patch: RuntimeOptions): void {
    this.#options = { ...this.#options, ...patch };
  }

  /**
   * A runtime with `patch` over this one's options. It shares this one's budgets, clients and Ollama
   * probes, and its cache store and trace sinks unless `patch` changes their settings.
   */
  derive(patch: RuntimeOptions): Runtime {
    return new Runtime({ ...this.#options, ...patch }, this, patch);
  }

  /**
   * Runs a prompt on this runtime and returns the validated value with the usage of the call (every
   * attempt, repair and fallback it made; none on a cache hit).
   * @throws the errors `callPrompt` throws
   */
  call<I, O>(spec: PromptSpec<I, O>, input: I, options: CallOptions = {}): Promise<CallResult<O>> {
    return runCall(this, spec, input, options);
  }

  /** The value a `${NAME}` reference resolves to: the typed option, `options.env`, then `process.env`. */
  lookupVar(name: string): string | undefined {
    return lookupIn(this.#options, name);
  }

  /** `text` with its `${NAME}` references resolved, and the names that had no value. */
  resolveRefs(text: string): { value: string; missing: string[] } {
    return resolveWith(text, (name) => this.lookupVar(name));
  }

  /** Resolves a model's endpoint, name and key now. @throws ConfigError naming the unset variable */
  resolveModel(model: ModelSpec, promptName?: string): ResolvedModel {
    const resolved = resolveModelWith(model, (name) => this.lookupVar(name), promptName);
    // a model served in process has no server: its declared endpoint is not where it runs
    return this.#options.clients?.[model.provider]?.inProcess ? { ...resolved, endpoint: "" } : resolved;
  }

  /** Reports a warning through `onWarning`, or once per distinct message on stderr. */
  warn(warning: RuntimeWarning): void {
    const handler = this.#options.onWarning;
    if (handler) {
      try {
        handler(warning);
      } catch {
        // a failing handler must not fail the call
      }
      return;
    }
    if (this.#family.warned.has(warning.message)) return;
    this.#family.warned.add(warning.message);
    process.stderr.write(`smallcode: warning: ${warning.message}\n`);
  }

  /** The cache store in use, or undefined when caching is off (`SMALLCODE_CACHE=off`). */
  cache(): CacheStore | undefined {
    const options = this.#options;
    const mode = options.cache ?? process.env.SMALLCODE_CACHE ?? "memory";
    const dir =
      optionOrEnv(options, "cacheDir", "SMALLCODE_CACHE_DIR") ?? join(process.cwd(), ".smallcode", "cache");
    const signature = typeof mode === "object" ? mode : `${mode}|${dir}|${options.cacheMaxEntries ?? 1000}`;
    const slot = this.#cache;
    if (signature === slot.signature) return slot.value;
    let store: CacheStore | undefined;
    if (typeof mode === "object") store = mode;
    else if (mode === "off") store = undefined;
    else if (mode === "disk") store = new DiskCacheStore(dir);
    else if (mode === "memory" || mode === "") store = new MemoryCacheStore(options.cacheMaxEntries ?? 1000);
    else throw new ConfigError(`SMALLCODE_CACHE is \`${mode}\`; use memory, disk or off`);
    slot.value = store;
    slot.signature = signature;
    return store;
  }

  /** The trace sinks in use: `SMALLCODE_COGNITION_LOG`, the trace directory, and `traceSinks`. */
  sinks(): readonly TraceSink[] {
    const options = this.#options;
    const log = optionOrEnv(options, "cognitionLog", "SMALLCODE_COGNITION_LOG");
    const dir = traceDirOf(options);
    const slot = this.#sinks;
    const last = slot.signature as unknown[] | undefined;
    const signature = [log, dir, options.traceSinks, options.onWarning];
    if (last?.every((v, i) => v === signature[i])) return slot.value;
    for (const sink of slot.value) if (sink instanceof JsonlFileSink) void sink.close();
    const onWarning = (w: RuntimeWarning) => this.warn(w);
    const next: TraceSink[] = [];
    if (log === "stderr") next.push(new StderrTraceSink());
    else if (log && log !== "off") next.push(new JsonlFileSink(log, onWarning));
    if (dir) next.push(new DirectoryTraceSink(dir, onWarning));
    next.push(...(options.traceSinks ?? []));
    slot.value = next;
    slot.signature = signature;
    return next;
  }

  /** Opens a span whose end is written to this runtime's sinks. */
  startSpan(start: SpanStart): SpanHandle {
    return this.#tracer.start(start);
  }

  /** Writes out spans still buffered by file sinks (call before a CLI exits early, or in tests). */
  async flushTraces(): Promise<void> {
    await Promise.all(this.sinks().map((s) => s.flush?.().catch(() => {})));
  }

  /**
   * The client that serves a model: one registered for its provider (`clients`), else the built-in
   * one (Ollama's native API for Ollama servers, the `openai` package for the others).
   * @throws ConfigError when no client serves the provider (an `embedded` model without its client)
   */
  clientFor(model: ModelSpec): ModelClient {
    const own = this.#options.clients?.[model.provider];
    if (own) return own;
    const { openai, ollama } = this.#builtins;
    if (model.provider === "ollama") return ollama;
    if (OPENAI_PROVIDERS.has(model.provider)) return openai;
    if (model.provider === "openai_compat") {
      return {
        chat: async (request) => {
          const forced = optionOrEnv(this.#options, "provider", "SMALLCODE_PROVIDER");
          const route = await routeFor(request.model, forced, this.#family.probes, request.signal);
          return route === "ollama" ? ollama.chat(request) : openai.chat(request);
        },
      };
    }
    throw new ConfigError(
      `model \`${model.name}\`: no model client serves provider \`${model.provider}\`; register one with createRuntime({ clients: { ${model.provider}: … } }) (declared at ${model.source.file}:${model.source.line})`,
      { model: model.name },
    );
  }

  /** The window a model really has where it runs, when its client can tell (undefined otherwise). */
  async contextWindow(model: ModelSpec, signal?: AbortSignal): Promise<number | undefined> {
    const client = this.clientFor(model);
    if (!client.contextWindow) return undefined;
    return client.contextWindow(this.resolveModel(model), signal);
  }

  /**
   * Ollama's version at an endpoint's server (`GET /api/version`), or undefined when it is not
   * Ollama; asked once per server for this runtime and those derived from it.
   */
  ollamaVersion(endpoint: string, options: OllamaProbeOptions = {}): Promise<string | undefined> {
    return this.#family.probes.version(endpoint, options);
  }

  /**
   * What is left of each budget, for one session.
   * @param options.session the budget session; default `default`
   * @param options.policies the policies to report; default every one this runtime has charged
   */
  remainingBudget(options: { session?: string; policies?: readonly PolicySpec[] } = {}): BudgetStatus[] {
    return this.#budgets.remaining(options);
  }

  /** Writes buffered spans and frees the clients given in `clients` (a loaded model). */
  async close(): Promise<void> {
    await this.flushTraces();
    await Promise.all(
      Object.values(this.#options.clients ?? {}).map((c) => c.close?.().catch(() => {}) ?? undefined),
    );
  }
}

function traceDirOf(options: RuntimeOptions): string | undefined {
  const option = options.traceDir;
  if (option === false) return undefined;
  const dir = option ?? process.env.SMALLCODE_TRACE_DIR;
  if (dir === "off") return undefined;
  return dir || join(process.cwd(), ".smallcode", "traces");
}

/**
 * A runtime of its own: clients, cache, sinks, budgets and `${VAR}` values, none shared with the
 * default runtime or any other.
 */
export function createRuntime(options: RuntimeOptions = {}): Runtime {
  return new Runtime(options);
}

let fallback: Runtime | undefined;

/** The runtime calls use when they name none: built from the environment on first use. */
export function defaultRuntime(): Runtime {
  fallback ??= new Runtime();
  return fallback;
}

/**
 * Makes `runtime` the default (an application that builds its runtime at start-up, or a test that
 * wants a fresh one); returns the one it replaces, whose buffered spans are written out.
 */
export function setDefaultRuntime(runtime: Runtime): Runtime {
  const previous = defaultRuntime();
  fallback = runtime;
  void previous.flushTraces();
  return previous;
}

/** Changes the default runtime's options (a thin helper over `defaultRuntime().configure`). */
export function configureRuntime(options: RuntimeOptions): void {
  defaultRuntime().configure(options);
}

/** Opens a span on the default runtime (or on `runtime`). */
export function startSpan(start: SpanStart, runtime: Runtime = defaultRuntime()): SpanHandle {
  return runtime.startSpan(start);
}

/**
 * Opens a `tool_call` span for an agent's tool run; end it with `{ status: "ok" | "error", output }`.
 * @param name declared tool name
 * @param args the arguments the tool runs with (redacted when written)
 * @param options.runtime the runtime whose sinks receive it; default the default runtime
 */
export function startToolSpan(
  name: string,
  args: unknown,
  options: { parentSpan?: string; runtime?: Runtime } = {},
): SpanHandle {
  return (options.runtime ?? defaultRuntime()).startSpan({
    kind: "tool_call",
    tool: name,
    input: args,
    parentSpan: options.parentSpan,
  });
}

/**
 * Runs a prompt: the one function generated prompt functions call. It runs on `options.runtime`,
 * or the default runtime.
 * @returns the validated output (an `AgentTurn` for `returns: turn`)
 * @throws EndpointError, TimeoutError, InvalidOutputError, BudgetExceededError, RateLimitedError,
 *   ConfigError, InvalidInputError, CancelledError — each with a stable `code`
 */
export async function callPrompt<I, O>(
  spec: PromptSpec<I, O>,
  input: I,
  options: CallOptions = {},
): Promise<O> {
  const result = await (options.runtime ?? defaultRuntime()).call(spec, input, options);
  return result.value;
}

/**
 * Replaces `${NAME}` and `${NAME:-default}` in `text`, with values from `lookup` (default: the
 * default runtime's); returns the names that had neither a value nor a default.
 */
export function resolveRefs(
  text: string,
  lookup: (name: string) => string | undefined = (name) => defaultRuntime().lookupVar(name),
): { value: string; missing: string[] } {
  return resolveWith(text, lookup);
}

/** Writes out the default runtime's buffered spans. */
export function flushTraces(): Promise<void> {
  return defaultRuntime().flushTraces();
}

/** What is left of the default runtime's budgets (see `Runtime.remainingBudget`). */
export function remainingBudget(
  options: { session?: string; policies?: readonly PolicySpec[] } = {},
): BudgetStatus[] {
  return defaultRuntime().remainingBudget(options);
}
