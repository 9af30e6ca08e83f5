import type { ModelClient } from "../client.ts";
import type { ResolvedModel } from "../env.ts";

/**
 * Public shapes of the embedded provider (an in-process llama.cpp model through node-llama-cpp).
 * Nothing here loads node-llama-cpp: the engine is imported on the first call that needs a model.
 */

/** Whether act turns that offer tools are constrained to one JSON answer-or-call object. */
export type GrammarMode = "tools" | "none";

/** Process-wide settings of an embedded client; a model's own spec fields take precedence, except `modelFile`. */
export interface EmbeddedClientOptions {
  /** A GGUF file for every embedded model (the CLI's `--model-file`); overrides `model_file`/`source`. */
  readonly modelFile?: string;
  /** CPU threads; default the machine's math cores (never node-llama-cpp's own default). */
  readonly threads?: number;
  /** Layers offloaded to a GPU; 0 (the default) keeps everything on the CPU and never probes a GPU. */
  readonly gpuLayers?: number;
  /** Default grammar mode for models that declare none; default `tools`. */
  readonly grammar?: GrammarMode;
  /** Turns a model's `source: "hf:…"` into a local file path (the CLI's downloader); without it such a model needs `modelFile`. */
  readonly fetchSource?: (source: string, signal?: AbortSignal) => Promise<string>;
  /** Loading progress of a model file, from 0 to 1. */
  readonly onLoadProgress?: (fraction: number) => void;
  /** llama.cpp's own warnings and the client's notes, one line each. */
  readonly log?: (line: string) => void;
}

/** What the GGUF file says about a model, and how the client runs it. */
export interface EmbeddedModelInfo {
  /** Absolute path of the GGUF file. */
  readonly file: string;
  /** `general.architecture`, e.g. `llama`, `qwen2`. */
  readonly architecture: string;
  /** `general.name`, or the file name when the metadata has none. */
  readonly name: string;
  /** Quantisation, from `general.file_type` (e.g. `Q4_K_M`), or `unknown`. */
  readonly quantisation: string;
  /** The raw `general.file_type` number, when present. */
  readonly fileType: number | undefined;
  /** The context length the model was trained with (`<arch>.context_length`). */
  readonly trainContextSize: number;
  /** The context the client uses: min(declared `context_window`, trainContextSize). */
  readonly contextWindow: number;
  /** CPU threads the client uses. */
  readonly threads: number;
  /** File size in bytes. */
  readonly sizeBytes: number;
  /** Whether the file carries a chat template (a model without one cannot chat). */
  readonly chatTemplate: boolean;
}

/** A `ModelClient` for `provider: embedded`, with the model file's facts and an explicit unload. */
export interface EmbeddedClient extends ModelClient {
  /**
   * Reads a model file's metadata without loading the weights.
   * @param modelFile a GGUF path; default `options.modelFile`
   * @param model the model whose declared `context_window` caps the window (default 8192 when absent)
   * @throws ConfigError when no file is given, it does not exist, or is not a GGUF file
   */
  info(modelFile?: string, model?: ResolvedModel): Promise<EmbeddedModelInfo>;
  /**
   * Loads a model file now (weights and context, reporting `onLoadProgress`) instead of on the first
   * chat, e.g. behind a progress bar before a session starts; resolves to its info.
   * @throws ConfigError as `chat` would (missing file, no chat template, not enough memory)
   */
  load(modelFile?: string, model?: ResolvedModel): Promise<EmbeddedModelInfo>;
  /** Unloads every model and frees llama.cpp; the client loads again if used afterwards. */
  close(): Promise<void>;
}
