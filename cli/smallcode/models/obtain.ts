import { statSync } from "node:fs";
import { createInterface } from "node:readline/promises";
import type { Writable } from "node:stream";
import { ConfigError } from "../config/errors.ts";
import type { SessionIo } from "../io.ts";
import { cachedPath, DEFAULT_MODEL, formatBytes, modelsDir, modelUrl, type PinnedModel } from "./catalog.ts";
import { type DownloadProblem, downloadFile, partPath } from "./download.ts";
import { downloadView } from "./progress.ts";

/**
 * Getting the default model onto the disk: already in the cache, or downloaded with the user's
 * consent (`--download-model`, `smallcode models pull`, or a yes at the terminal prompt). Without
 * consent nothing is downloaded: the error names the flag, the command and `--model-file`.
 */

/** How the user agreed (or may agree) to a download. */
export type Consent = "given" | "ask" | "never";

/** Whether `path` is a file of exactly `size` bytes. */
function complete(path: string, size: number): boolean {
  try {
    const s = statSync(path);
    return s.isFile() && s.size === size;
  } catch {
    return false;
  }
}

/** The cached file of `model`, or undefined when it is not downloaded (completely) yet. */
export function cachedModel(
  env: Readonly<Record<string, string | undefined>>,
  model: PinnedModel = DEFAULT_MODEL,
): string | undefined {
  const path = cachedPath(model, env);
  return complete(path, model.size) ? path : undefined;
}

/** The manual way: the URL, the checksum, and where to put the file or how to pass it. */
export function manualAlternative(
  model: PinnedModel,
  env: Readonly<Record<string, string | undefined>>,
  mirror?: string,
): string {
  return (
    `download ${modelUrl(model, mirror)} yourself (${formatBytes(model.size)}, sha256 ${model.sha256}) ` +
    `and pass --model-file PATH, or put it at ${cachedPath(model, env)}; or use a model server with --base-url URL`
  );
}

/** The error for a missing model when nobody agreed to download it. */
export function noConsentError(
  model: PinnedModel,
  env: Readonly<Record<string, string | undefined>>,
  mirror?: string,
): ConfigError {
  return new ConfigError(
    `no model server is configured and the default model, ${model.title}, is not downloaded yet (${formatBytes(model.size)}, into ${modelsDir(env)})`,
    {
      code: "MODEL_MISSING",
      fix:
        "pass --download-model to download it now (or run `smallcode models pull` once); " +
        manualAlternative(model, env, mirror),
    },
  );
}

/** Asks on the terminal; true for yes. */
async function ask(io: SessionIo, question: string): Promise<boolean> {
  const rl = createInterface({
    input: io.stdin!,
    output: io.stderr as unknown as Writable,
    terminal: false,
  });
  try {
    const answer = await rl.question(question);
    return /^\s*y(es)?\s*$/i.test(answer);
  } finally {
    rl.close();
  }
}

/** Whether a person is there to answer (both stdin and stderr are terminals). */
export function canAsk(io: SessionIo): boolean {
  return io.stdin?.isTTY === true && io.stderr.isTTY === true;
}

function downloadError(
  problem: DownloadProblem,
  model: PinnedModel,
  io: SessionIo,
  mirror?: string,
): ConfigError {
  const manual = manualAlternative(model, io.env, mirror);
  const again =
    problem.partKept && problem.code !== "checksum"
      ? `run the same command again to resume from ${partPath(cachedPath(model, io.env))}; or `
      : problem.code === "offline"
        ? "check the network (or set SMALLCODE_MODEL_MIRROR to a mirror you can reach); or "
        : "";
  return new ConfigError(`the download of ${model.title} failed: ${problem.message}`, {
    code: "MODEL_MISSING",
    where: problem.where,
    fix: `${again}${manual}`,
  });
}

/** Downloads `model` into the cache with a progress bar on stderr. @throws ConfigError when it fails */
export async function pullModel(
  io: SessionIo,
  mirror?: string,
  model: PinnedModel = DEFAULT_MODEL,
): Promise<string> {
  const dest = cachedPath(model, io.env);
  const url = modelUrl(model, mirror);
  io.stderr.write(`downloading ${model.title}, ${formatBytes(model.size)}\n  from ${url}\n  to   ${dest}\n`);
  const view = downloadView(io.stderr);
  const result = await downloadFile({
    url,
    dest,
    size: model.size,
    sha256: model.sha256,
    ...(io.signal ? { signal: io.signal } : {}),
    onProgress: (p) => view.update(p),
  });
  view.done();
  if (!result.ok) throw downloadError(result.problem, model, io, mirror);
  const resumed = result.resumedFrom > 0 ? ` (resumed at ${formatBytes(result.resumedFrom)})` : "";
  io.stderr.write(`downloaded and verified (sha256 ${model.sha256.slice(0, 12)}…)${resumed}\n`);
  return result.path;
}

/**
 * The default model's file: the cached one, or a fresh download when the user agrees.
 * @throws ConfigError (MODEL_MISSING) without consent, or when the download fails
 */
export async function obtainDefaultModel(io: SessionIo, consent: Consent, mirror?: string): Promise<string> {
  const model = DEFAULT_MODEL;
  const cached = cachedModel(io.env, model);
  if (cached) return cached;
  let agreed = consent === "given";
  if (!agreed && consent === "ask" && canAsk(io)) {
    io.stderr.write(
      `No model server is configured, so SmallCode runs its default model in process: ${model.title}.\n` +
        `It is not downloaded yet: ${formatBytes(model.size)} from ${new URL(modelUrl(model, mirror)).host} into ${modelsDir(io.env)}.\n` +
        "(To use a server instead, pass --base-url; to use a GGUF file you have, pass --model-file PATH.)\n",
    );
    agreed = await ask(io, "Download it now? [y/N] ");
  }
  if (!agreed) throw noConsentError(model, io.env, mirror);
  return pullModel(io, mirror, model);
}
