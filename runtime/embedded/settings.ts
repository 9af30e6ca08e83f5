import { resolve } from "node:path";
import type { ResolvedModel } from "../env.ts";
import { ConfigError } from "../errors.ts";
import type { EmbeddedClientOptions, GrammarMode } from "./types.ts";

/** How one embedded model runs: its file and settings, the spec's fields over the client's options. */
export interface ModelSettings {
  /** Absolute path of the GGUF file. */
  readonly file: string;
  /** Declared or given threads; undefined means the machine's math cores (the engine asks llama.cpp). */
  readonly threads: number | undefined;
  readonly gpuLayers: number;
  readonly grammar: GrammarMode;
  /** The declared `context_window`, the cap on the window read from the file. */
  readonly declaredWindow: number;
}

/** The default window cap when no model is given (the MarrowScript default). */
export const DEFAULT_WINDOW = 8192;

/**
 * Threads for llama.cpp: the spec's, then the option's; undefined when neither is a positive integer
 * (the engine then uses the machine's math cores: node-llama-cpp's own default oversubscribes).
 */
export function threadsFor(
  model: ResolvedModel | undefined,
  options: EmbeddedClientOptions,
): number | undefined {
  const wanted = model?.spec.threads ?? options.threads;
  return wanted !== undefined && Number.isInteger(wanted) && wanted > 0 ? wanted : undefined;
}

/**
 * The GGUF file of a model: `options.modelFile` (the CLI's `--model-file`) first, then `model_file`,
 * then `source` through `options.fetchSource`.
 * @throws ConfigError saying which setting to give when none yields a file
 */
export async function fileFor(
  model: ResolvedModel | undefined,
  options: EmbeddedClientOptions,
  signal?: AbortSignal,
): Promise<string> {
  if (options.modelFile) return resolve(options.modelFile);
  if (model?.modelFile) return resolve(model.modelFile);
  const spec = model?.spec;
  if (spec?.modelSource && options.fetchSource)
    return resolve(await options.fetchSource(spec.modelSource, signal));
  const where = spec
    ? `model \`${spec.name}\` (declared at ${spec.source.file}:${spec.source.line})`
    : "the embedded model";
  const declared = spec?.modelFile
    ? `its \`model_file: "${spec.modelFile}"\` refers to a variable that is not set`
    : spec?.modelSource
      ? `its \`source: "${spec.modelSource}"\` has not been downloaded`
      : "it has no model file";
  throw new ConfigError(`${where}: ${declared}; pass --model-file PATH (a GGUF file) or set model_file`, {
    ...(spec ? { model: spec.name } : {}),
  });
}

/**
 * node-llama-cpp's `gpu` option for a model that puts `gpuLayers` on a GPU: its CPU build (false)
 * when none do, except on macOS arm64, whose only prebuilt build is the Metal one (node-llama-cpp
 * offers no CPU-only build there, so `false` finds no binary); with 0 GPU layers that build keeps
 * the model's layers on the CPU (not tried here: no Mac).
 */
export function gpuOption(
  gpuLayers: number,
  platform: NodeJS.Platform = process.platform,
  arch: string = process.arch,
): false | "auto" | "metal" {
  if (platform === "darwin" && arch === "arm64") return "metal";
  return gpuLayers === 0 ? false : "auto";
}

/** Everything a request on `model` needs to know about how to run it. */
export async function settingsFor(
  model: ResolvedModel | undefined,
  options: EmbeddedClientOptions,
  signal?: AbortSignal,
): Promise<ModelSettings> {
  return {
    file: await fileFor(model, options, signal),
    threads: threadsFor(model, options),
    gpuLayers: model?.spec.gpuLayers ?? options.gpuLayers ?? 0,
    grammar: model?.spec.grammar ?? options.grammar ?? "tools",
    declaredWindow: model?.spec.contextWindow ?? DEFAULT_WINDOW,
  };
}
