import { statSync } from "node:fs";
import { basename } from "node:path";
import type { ChatReply, EmbeddedClient, EmbeddedModelInfo, ModelSpec } from "../../../runtime/index.ts";
import { ConfigError } from "../config/errors.ts";
import type { ResolvedConfig } from "../config/index.ts";
import type { SessionIo } from "../io.ts";
import { DEFAULT_MODEL } from "./catalog.ts";
import type { Connection } from "./choose.ts";
import { onClose } from "./lifetime.ts";
import { type Consent, obtainDefaultModel } from "./obtain.ts";
import { loadView } from "./progress.ts";

/**
 * The CLI's embedded model: the model file (given, or the default one obtained), one embedded client
 * for the whole process (loading progress on stderr, closed when the command ends), and what the
 * file's metadata says (window, quantisation, threads).
 */

/** An embedded model ready to serve the run. */
export interface EmbeddedReady {
  readonly client: EmbeddedClient;
  readonly info: EmbeddedModelInfo;
  readonly file: string;
  /** Where the file came from: `--model-file`, `environment SMALLCODE_MODEL_FILE`, `default model`. */
  readonly origin: string;
  /** The name runs and traces know the model by (the file name without `.gguf`). */
  readonly name: string;
  /** Starts the clock of the "loaded in" line (the first request, which loads the model, is about to go). */
  readonly loading: () => void;
}

/** Checks that a given model file exists and is a file. @throws ConfigError */
function checkFile(file: string, origin: string): void {
  let isFile = false;
  try {
    isFile = statSync(file).isFile();
  } catch {}
  if (!isFile)
    throw new ConfigError(`the model file ${file} does not exist or is not a file`, {
      where: origin,
      fix: "pass the path of a .gguf model file to --model-file (or leave it out to use the default model)",
    });
}

/** The file of a `Connection` that is not a server. @throws ConfigError (MODEL_MISSING without consent) */
export async function modelFileOf(
  connection: Exclude<Connection, { kind: "server" }>,
  config: ResolvedConfig,
  io: SessionIo,
  consent: Consent,
): Promise<{ file: string; origin: string }> {
  if (connection.kind === "file") {
    checkFile(connection.file, connection.origin);
    return { file: connection.file, origin: connection.origin };
  }
  const file = await obtainDefaultModel(io, consent, config.embedded.mirror?.value);
  return { file, origin: `default model, ${DEFAULT_MODEL.title}` };
}

/**
 * Creates the process's embedded client for `file` and reads the file's metadata (no weights are
 * loaded until the first model call, which shows its progress on stderr).
 * @throws ConfigError when the file is not a usable GGUF model
 */
export async function openEmbedded(
  file: string,
  origin: string,
  config: ResolvedConfig,
  io: SessionIo,
): Promise<EmbeddedReady> {
  const { createEmbeddedClient } = await import("../../../runtime/index.ts");
  const name = basename(file).replace(/\.gguf$/i, "");
  const view = loadView(io.stderr, name);
  let started: number | undefined;
  let loaded = false;
  const threads = config.embedded.threads?.value;
  // SMALLCODE_GRAMMAR=none turns the act turns' decode grammar off (the benchmark's A/B switch)
  const grammar = io.env.SMALLCODE_GRAMMAR;
  const client = createEmbeddedClient({
    modelFile: file,
    ...(threads !== undefined ? { threads } : {}),
    ...(grammar === "none" || grammar === "tools" ? { grammar } : {}),
    onLoadProgress: (fraction) => {
      if (loaded) return;
      started ??= Date.now();
      view.update(fraction);
      if (fraction >= 1) {
        loaded = true;
        view.done(Date.now() - started);
      }
    },
    // llama.cpp's warnings (a known quirk of a model's tokenizer…) only under SMALLCODE_DEBUG
    log: (line) => {
      if (io.env.SMALLCODE_DEBUG || /^llama\.cpp error/.test(line))
        io.stderr.write(`smallcode: model: ${line}\n`);
    },
    fetchSource: async (source) => {
      if (source !== DEFAULT_MODEL.source)
        throw new ConfigError(`SmallCode downloads only its pinned default model, not ${source}`, {
          fix: "download the file yourself and pass --model-file PATH",
        });
      return obtainDefaultModel(io, "never", config.embedded.mirror?.value);
    },
  });
  onClose(() => client.close());
  const info = await client.info(file);
  const loading = () => {
    started ??= Date.now();
  };
  return { client, info, file, origin, name, loading };
}

/** SmallCode's act model declaration (DefaultCoder), whose settings a probe request uses. */
export async function actSpec(): Promise<ModelSpec> {
  const { models } = await import("../../../generated/index.ts");
  const specs = models as Record<string, ModelSpec>;
  return specs.DefaultCoder ?? Object.values(specs)[0]!;
}

/** One plain request to the embedded model (no tools), as the act model; the reply's usage and text. */
export async function askOnce(
  embedded: EmbeddedReady,
  content: string,
  maxTokens: number,
  signal?: AbortSignal,
): Promise<ChatReply> {
  const spec = await actSpec();
  return embedded.client.chat({
    model: { spec, endpoint: "", model: embedded.name, apiKey: "", modelFile: embedded.file },
    messages: [{ role: "user", content }],
    maxTokens,
    temperature: 0,
    headers: {},
    signal: signal ?? new AbortController().signal,
    timeoutMs: 600_000,
    promptTokens: Math.ceil(content.length / 4),
  });
}

/**
 * Loads the model now (a one-token request on the act model's settings), so that its loading
 * progress shows before a run or a session starts rather than in the middle of its output, and a
 * model that does not fit in memory is reported before any work.
 * @throws ConfigError when the model cannot be loaded
 */
export async function preload(embedded: EmbeddedReady, signal?: AbortSignal): Promise<void> {
  embedded.loading();
  await askOnce(embedded, "Hi", 1, signal);
}
