import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The default embedded model, pinned: where it comes from, its size and its sha256, stated here
 * and nowhere else. Also where downloaded models live (the user cache) and how a mirror replaces
 * the hub. Pure.
 */

/** A model SmallCode can download: pinned by revision, size and checksum. */
export interface PinnedModel {
  /** What a person reads: `Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)`. */
  readonly title: string;
  /** The `hf:` source as a `.marrow` model or the docs write it. */
  readonly source: string;
  /** Hugging Face repository. */
  readonly repo: string;
  /** The repository commit the file is fetched from (never a moving branch). */
  readonly revision: string;
  /** File name in the repository and in the cache. */
  readonly file: string;
  /** Size in bytes. */
  readonly size: number;
  /** sha256 of the whole file, lower-case hex. */
  readonly sha256: string;
}

/**
 * The default: Qwen2.5-Coder-1.5B-Instruct at Q4_K_M, Qwen's own GGUF. Size and sha256 are those of
 * the Git LFS object at this revision (published on the file's page), and the same bytes as the
 * `qwen2.5-coder-1.5b` model `.ci/models.sh` assembles from PyPI (its sha256 there is this one).
 */
export const DEFAULT_MODEL: PinnedModel = {
  title: "Qwen2.5-Coder-1.5B-Instruct (Q4_K_M)",
  source: "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
  repo: "Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF",
  revision: "f86cb2c1fa58255f8052cc32aeede1b7482d4361",
  file: "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
  size: 1_117_320_768,
  sha256: "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
};

/** The hub the pinned models come from unless a mirror is configured. */
export const HUB = "https://huggingface.co";

/** Where a pinned model is downloaded from: `{mirror or hub}/{repo}/resolve/{revision}/{file}`. */
export function modelUrl(model: PinnedModel, mirror?: string): string {
  const base = (mirror && mirror.trim() !== "" ? mirror.trim() : HUB).replace(/\/+$/, "");
  return `${base}/${model.repo}/resolve/${model.revision}/${model.file}`;
}

/** The folder downloaded models live in: `$XDG_CACHE_HOME/smallcode/models` (default `~/.cache`). */
export function modelsDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg !== undefined && xdg !== "" ? xdg : join(env.HOME || homedir(), ".cache");
  return join(base, "smallcode", "models");
}

/** Where a pinned model sits once downloaded. */
export function cachedPath(model: PinnedModel, env: Readonly<Record<string, string | undefined>>): string {
  return join(modelsDir(env), model.file);
}

/** A byte count for people: `98.4 MB`, `1.12 GB` (decimal units, as download pages show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ["kB", "MB", "GB", "TB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(value >= 100 ? 0 : value >= 10 ? 1 : 2)} ${units[unit]}`;
}
