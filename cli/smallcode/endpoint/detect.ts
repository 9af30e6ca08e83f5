import {
  type BackendKind,
  isLlamaCppProps,
  listedName,
  type ModelList,
  readLlamaCppProps,
  readLmStudioModels,
  readModelList,
  readOllamaShow,
} from "./backends.ts";
import { type Probe, probeJson, serverRoot } from "./http.ts";

type Runtime = import("../../../runtime/index.ts").Runtime;

/**
 * Endpoint detection: which server answers at the base URL, which models it lists, and the context
 * window each model really has there. All probes run in parallel with short timeouts; Ollama's
 * `/api/show` follows once the server is known to be Ollama. Whether it is Ollama is asked through
 * the runtime's probe (`runtime.ollamaVersion`), so the runs that follow on that runtime (or one
 * derived from it) do not ask again. Nothing here prints or exits.
 */

/** Why the endpoint cannot be used as configured. */
export interface EndpointProblem {
  readonly code: "unreachable" | "unauthorized" | "html" | "not_json" | "bad_status" | "wrong_path";
  readonly message: string;
}

/** The window detected for one model name. */
export interface ModelWindow {
  readonly name: string;
  /** Whether the server lists the model; undefined when the listing is unknown. */
  readonly listed?: boolean;
  readonly window?: number;
  /** Where the window was read: `Ollama /api/show qwen2.context_length`. */
  readonly source?: string;
}

/** What detection found. */
export interface Detection {
  readonly baseUrl: string;
  /** Whether anything answered HTTP at the server. */
  readonly reachable: boolean;
  readonly kind?: BackendKind;
  /** Ollama's version. */
  readonly version?: string;
  /** Model ids from `GET {base}/models`, when it answered. */
  readonly listed?: readonly string[];
  readonly problem?: EndpointProblem;
  readonly windows: readonly ModelWindow[];
  /** Things worth knowing that do not stop a run. */
  readonly notes: readonly string[];
  readonly ms: number;
}

/** Options of {@link detectEndpoint}. */
export interface DetectOptions {
  readonly baseUrl: string;
  /** Model names whose windows to look up. */
  readonly models: readonly string[];
  readonly apiKey?: string;
  /** Per probe; default 2000 ms. */
  readonly timeoutMs?: number;
  /** `SMALLCODE_PROVIDER`: `openai_compat` means Ollama is driven through its OpenAI route. */
  readonly provider?: string;
  readonly signal?: AbortSignal;
  /** The runtime whose Ollama probe to ask (and to tell); default the default runtime. */
  readonly runtime?: Runtime;
}

/** Ollama's window when a request sets no `num_ctx` and the model's parameters set none either. */
export const OLLAMA_DEFAULT_NUM_CTX = 2048;

const answered = (p: Probe): boolean => p.ok || p.status !== undefined;

function listingProblem(
  models: Probe,
  baseUrl: string,
  kind: BackendKind | undefined,
  keySent: boolean,
): EndpointProblem | undefined {
  if (models.ok) {
    return readModelList(models.body)
      ? undefined
      : { code: "not_json", message: `GET ${baseUrl}/models did not answer with a model list` };
  }
  const where = `GET ${baseUrl}/models`;
  switch (models.failure) {
    case "html":
      return {
        code: "html",
        message: `${where} answered with an HTML page, not the OpenAI API — is the base URL right? (it usually ends in /v1)`,
      };
    case "not_json":
      return {
        code: "not_json",
        message: `${where} answered with something that is not JSON (${models.detail})`,
      };
    case "status":
      if (models.status === 401 || models.status === 403) {
        return {
          code: "unauthorized",
          message: keySent
            ? `${where} refused the request (HTTP ${models.status}): the server rejected the API key — check that it is the right key for this server (\`smallcode doctor\` shows where it comes from)`
            : `${where} refused the request (HTTP ${models.status}): the server wants an API key — pass --api-key-env VAR or set SMALLCODE_API_KEY`,
        };
      }
      if (models.status === 404 && kind === "ollama" && !/\/v1\/?$/.test(baseUrl)) {
        return {
          code: "wrong_path",
          message: `${baseUrl} is Ollama's server root; its OpenAI-compatible route is ${serverRoot(baseUrl)}/v1 — pass --base-url ${serverRoot(baseUrl)}/v1`,
        };
      }
      if (models.status === 404) return undefined; // some servers have no /models route; a note says so
      return { code: "bad_status", message: `${where} failed: ${models.detail}` };
    default:
      return undefined;
  }
}

function kindOf(probes: { models: Probe; version: string | undefined; props: Probe; lmstudio: Probe }): {
  kind?: BackendKind;
  version?: string;
} {
  const version = probes.version;
  if (version !== undefined) return { kind: "ollama", version };
  if (probes.props.ok && isLlamaCppProps(probes.props.body)) return { kind: "llamacpp" };
  if (probes.lmstudio.ok && readLmStudioModels(probes.lmstudio.body)) return { kind: "lmstudio" };
  const list = probes.models.ok ? readModelList(probes.models.body) : undefined;
  if (list && (list.vllm || Object.keys(list.maxModelLen).length > 0)) return { kind: "vllm" };
  if (list) return { kind: "openai" };
  return {};
}

async function ollamaWindows(
  root: string,
  names: readonly string[],
  options: DetectOptions,
  nativeRoute: boolean,
): Promise<ModelWindow[]> {
  return Promise.all(
    names.map(async (name) => {
      const show = await probeJson(`${root}/api/show`, {
        method: "POST",
        body: { model: name },
        ...(options.apiKey ? { apiKey: options.apiKey } : {}),
        timeoutMs: options.timeoutMs ?? 2000,
        ...(options.signal ? { signal: options.signal } : {}),
      });
      if (!show.ok) return { name };
      const ctx = readOllamaShow(show.body);
      if (nativeRoute && ctx.contextLength !== undefined) {
        return { name, window: ctx.contextLength, source: "Ollama /api/show model_info context_length" };
      }
      if (nativeRoute && ctx.numCtx !== undefined) {
        return { name, window: ctx.numCtx, source: "Ollama /api/show parameters num_ctx" };
      }
      // Through the OpenAI route Ollama ignores the requested size and uses num_ctx or its default.
      const window = Math.min(
        ctx.numCtx ?? OLLAMA_DEFAULT_NUM_CTX,
        ctx.contextLength ?? Number.POSITIVE_INFINITY,
      );
      const source =
        ctx.numCtx !== undefined
          ? "Ollama parameters num_ctx (OpenAI route)"
          : "Ollama default num_ctx (OpenAI route)";
      return { name, window, source };
    }),
  );
}

function windowsFrom(
  kind: BackendKind | undefined,
  names: readonly string[],
  list: ModelList | undefined,
  probes: { props: Probe; lmstudio: Probe },
): ModelWindow[] {
  const lm = probes.lmstudio.ok ? readLmStudioModels(probes.lmstudio.body) : undefined;
  const nCtx = probes.props.ok ? readLlamaCppProps(probes.props.body) : undefined;
  return names.map((name): ModelWindow => {
    const id = list ? (listedName(name, list.ids) ?? name) : name;
    if (kind === "llamacpp" && nCtx !== undefined)
      return { name, window: nCtx, source: "llama.cpp /props n_ctx" };
    if (kind === "lmstudio" && lm?.[id]) {
      return { name, window: lm[id].window, source: `LM Studio /api/v0/models ${lm[id].field}` };
    }
    const max = list?.maxModelLen[id];
    if (max !== undefined) return { name, window: max, source: "vLLM /v1/models max_model_len" };
    return { name };
  });
}

/** Probes the endpoint; never throws except when `signal` aborts. */
export async function detectEndpoint(options: DetectOptions): Promise<Detection> {
  const started = Date.now();
  const baseUrl = options.baseUrl.replace(/\/+$/, "");
  const root = serverRoot(baseUrl);
  const common = {
    ...(options.apiKey ? { apiKey: options.apiKey } : {}),
    timeoutMs: options.timeoutMs ?? 2000,
    ...(options.signal ? { signal: options.signal } : {}),
  };
  const runtime = options.runtime ?? (await import("../../../runtime/index.ts")).defaultRuntime();
  const [models, version, props, lmstudio] = await Promise.all([
    probeJson(`${baseUrl}/models`, common),
    runtime.ollamaVersion(root, common),
    probeJson(`${root}/props`, common),
    probeJson(`${root}/api/v0/models`, common),
  ]);
  const reachable = [models, props, lmstudio].some(answered) || version !== undefined;
  const notes: string[] = [];
  if (!reachable) {
    const detail = models.ok ? "" : models.detail;
    return {
      baseUrl,
      reachable,
      problem: { code: "unreachable", message: `no model server answered at ${baseUrl} (${detail})` },
      windows: options.models.map((name) => ({ name })),
      notes,
      ms: Date.now() - started,
    };
  }
  const found = kindOf({ models, version, props, lmstudio });
  const list = models.ok ? readModelList(models.body) : undefined;
  // With no model configured and one on the server, that one is used: look its window up too.
  const names = [
    ...new Set(options.models.length === 0 && list?.ids.length === 1 ? list.ids : options.models),
  ];
  const problem = listingProblem(models, baseUrl, found.kind, options.apiKey !== undefined);
  if (!models.ok && models.status === 404 && !problem) {
    notes.push(`${baseUrl}/models does not exist (HTTP 404), so model names cannot be checked`);
  }
  const nativeRoute = options.provider !== "openai_compat" && options.provider !== "openai";
  const windows =
    found.kind === "ollama"
      ? await ollamaWindows(root, names, options, nativeRoute)
      : windowsFrom(found.kind, names, list, { props, lmstudio });
  const withListing = windows.map((w) =>
    list ? { ...w, listed: listedName(w.name, list.ids) !== undefined } : w,
  );
  return {
    baseUrl,
    reachable,
    ...(found.kind ? { kind: found.kind } : {}),
    ...(found.version ? { version: found.version } : {}),
    ...(list ? { listed: list.ids } : {}),
    ...(problem ? { problem } : {}),
    windows: withListing,
    notes,
    ms: Date.now() - started,
  };
}

/** The window to pass on: the smaller of the server's and the configured one; undefined when neither is known. */
export function effectiveWindow(
  detected: number | undefined,
  configured: number | undefined,
): number | undefined {
  if (detected === undefined) return configured;
  if (configured === undefined) return detected;
  return Math.min(detected, configured);
}
