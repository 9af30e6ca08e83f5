/**
 * What each kind of model server says about its models and their context windows, read from its
 * JSON answers. Pure functions over parsed bodies; anything of an unexpected shape reads as unknown.
 */

/** The kinds of server told apart. `openai` is any other OpenAI-compatible server. */
export type BackendKind = "ollama" | "llamacpp" | "vllm" | "lmstudio" | "openai";

/** Display names, for messages. */
export const BACKEND_NAMES: Readonly<Record<BackendKind, string>> = {
  ollama: "Ollama",
  llamacpp: "llama.cpp server",
  vllm: "vLLM",
  lmstudio: "LM Studio",
  openai: "OpenAI-compatible server",
};

const record = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

const positive = (v: unknown): number | undefined =>
  typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined;

/** The answer of `GET {base}/models`: model ids, and vLLM's `max_model_len` per id. */
export interface ModelList {
  readonly ids: readonly string[];
  /** vLLM lists `max_model_len`; other servers leave it out. */
  readonly maxModelLen: Readonly<Record<string, number>>;
  /** Whether an entry says it is served by vLLM (`owned_by: "vllm"`). */
  readonly vllm: boolean;
}

/** Reads an OpenAI model list (`{ data: [{ id, … }] }`); undefined when the shape is wrong. */
export function readModelList(body: unknown): ModelList | undefined {
  const data = record(body)?.data;
  if (!Array.isArray(data)) return undefined;
  const ids: string[] = [];
  const maxModelLen: Record<string, number> = {};
  let vllm = false;
  for (const entry of data) {
    const e = record(entry);
    if (!e || typeof e.id !== "string") continue;
    ids.push(e.id);
    const len = positive(e.max_model_len);
    if (len !== undefined) maxModelLen[e.id] = len;
    if (e.owned_by === "vllm") vllm = true;
  }
  return { ids, maxModelLen, vllm };
}

/** What Ollama's `POST /api/show` says about a model's context. */
export interface OllamaContext {
  /** `model_info["<architecture>.context_length"]`: the most the model supports. */
  readonly contextLength?: number;
  /** `num_ctx` in the model's parameters: the window used when a request sets none. */
  readonly numCtx?: number;
}

/** Reads Ollama's `/api/show` answer. */
export function readOllamaShow(body: unknown): OllamaContext {
  const b = record(body);
  const info = record(b?.model_info);
  let contextLength: number | undefined;
  if (info) {
    const arch = info["general.architecture"];
    const preferred = typeof arch === "string" ? positive(info[`${arch}.context_length`]) : undefined;
    contextLength =
      preferred ??
      Object.entries(info)
        .filter(([k]) => k.endsWith(".context_length"))
        .map(([, v]) => positive(v))
        .find((v) => v !== undefined);
  }
  const params = typeof b?.parameters === "string" ? /^\s*num_ctx\s+(\d+)\s*$/m.exec(b.parameters) : null;
  const numCtx = params ? positive(Number(params[1])) : undefined;
  return {
    ...(contextLength !== undefined ? { contextLength } : {}),
    ...(numCtx !== undefined ? { numCtx } : {}),
  };
}

/** llama.cpp server's `GET /props`: `n_ctx` (newer builds put it under `default_generation_settings`). */
export function readLlamaCppProps(body: unknown): number | undefined {
  const b = record(body);
  if (!b) return undefined;
  return positive(record(b.default_generation_settings)?.n_ctx) ?? positive(b.n_ctx);
}

/** Whether a `/props` answer is llama.cpp's (it has generation settings or a context size). */
export function isLlamaCppProps(body: unknown): boolean {
  const b = record(body);
  return (
    b !== undefined &&
    (record(b.default_generation_settings) !== undefined || positive(b.n_ctx) !== undefined)
  );
}

/**
 * LM Studio's `GET /api/v0/models`: the window per model id — `loaded_context_length` when the model
 * is loaded, else `max_context_length`. Undefined when this is not LM Studio's listing.
 */
export function readLmStudioModels(
  body: unknown,
): Readonly<Record<string, { window: number; field: string }>> | undefined {
  const data = record(body)?.data;
  if (!Array.isArray(data)) return undefined;
  const out: Record<string, { window: number; field: string }> = {};
  let seen = false;
  for (const entry of data) {
    const e = record(entry);
    if (!e || typeof e.id !== "string") continue;
    const loaded = positive(e.loaded_context_length);
    const max = positive(e.max_context_length);
    if (loaded !== undefined || max !== undefined) seen = true;
    if (loaded !== undefined) out[e.id] = { window: loaded, field: "loaded_context_length" };
    else if (max !== undefined) out[e.id] = { window: max, field: "max_context_length" };
  }
  return seen ? out : undefined;
}

/** Whether `listed` holds `name`, allowing Ollama's implicit `:latest` tag. */
export function listedName(name: string, listed: readonly string[]): string | undefined {
  if (listed.includes(name)) return name;
  if (!name.includes(":") && listed.includes(`${name}:latest`)) return `${name}:latest`;
  return undefined;
}
