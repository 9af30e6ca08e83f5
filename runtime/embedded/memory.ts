import type { GgufFileInfo, Llama } from "node-llama-cpp";
import { ConfigError } from "../errors.ts";

/**
 * Says clearly, before loading, when a model and its context will not fit in memory: a ConfigError
 * with the figures and what to change, instead of an out-of-memory kill halfway through a load.
 */

/** Bytes as a short figure: `1.2 GB`, `310 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  return `${Math.max(1, Math.round(bytes / 1e6))} MB`;
}

/** The memory a model needs against what is free: the error to throw, or undefined when it fits. */
export function memoryVerdict(
  file: string,
  need: { readonly weights: number; readonly context: number; readonly window: number },
  freeBytes: number,
): ConfigError | undefined {
  const total = need.weights + need.context;
  if (total <= freeBytes) return undefined;
  return new ConfigError(
    `model file ${file} needs about ${formatBytes(total)} of memory (weights ${formatBytes(need.weights)}, context of ${need.window} tokens ${formatBytes(need.context)}), but only ${formatBytes(freeBytes)} is free; close other programs, declare a smaller context_window, or use a smaller or more quantised model`,
  );
}

/** Estimates a CPU load of `info` with a `window`-token context and checks it against free RAM. */
export async function checkMemory(
  llama: Llama,
  file: string,
  info: GgufFileInfo,
  window: number,
  gpuLayers: number,
): Promise<void> {
  const lib = await import("node-llama-cpp");
  const insights = await lib.GgufInsights.from(info, llama);
  const weights = await insights.estimateModelResourceRequirementsV2({ gpuLayers, useMmap: false });
  const context = await insights.estimateContextResourceRequirementsV2({
    contextSize: window,
    modelGpuLayers: gpuLayers,
    sequences: 1,
  });
  const ram = await llama.getRamState();
  const verdict = memoryVerdict(file, { weights: weights.cpuRam, context: context.cpuRam, window }, ram.free);
  if (verdict) throw verdict;
}
