import { realpath } from "node:fs/promises";
import type { Llama, LlamaChat, LlamaContext, LlamaGrammar, LlamaModel } from "node-llama-cpp";
import type { ChatReply, ChatRequest } from "../client.ts";
import type { ResolvedModel } from "../env.ts";
import { ConfigError } from "../errors.ts";
import { generate, type Target } from "./generate.ts";
import { type FileFacts, readFacts } from "./gguf.ts";
import { actSchema, compactGbnf, grammarKey } from "./grammar.ts";
import { checkMemory } from "./memory.ts";
import { gpuOption, type ModelSettings, settingsFor } from "./settings.ts";
import { budgetMs, newSpeed, recordSpeed, type Speed } from "./speed.ts";
import type { EmbeddedClientOptions, EmbeddedModelInfo } from "./types.ts";

/**
 * The embedded engine: one llama.cpp instance per client, each model file loaded once (keyed by its
 * real path) with one context and one sequence, requests to a model queued so its KV cache carries
 * the stable prefix from one turn to the next. Loaded only through `client.ts`'s dynamic import.
 */

type Lib = typeof import("node-llama-cpp");

/** A loaded model file. */
interface Loaded {
  readonly facts: FileFacts;
  readonly model: LlamaModel;
  readonly context: LlamaContext;
  readonly chat: LlamaChat;
  readonly threads: number;
  readonly grammars: Map<string, Promise<LlamaGrammar>>;
  /** The tail of the request queue. */
  queue: Promise<unknown>;
}

/** The window used for a file: the declared cap, or less when the model was trained on less. */
export function windowOf(facts: Pick<FileFacts, "trainContextSize">, declared: number): number {
  return facts.trainContextSize > 0 ? Math.min(declared, facts.trainContextSize) : declared;
}

/** Resolves when `waited` does, or rejects with the signal's reason as soon as it aborts. */
function untilAborted(waited: Promise<unknown>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const stop = () => reject(signal.reason);
    signal.addEventListener("abort", stop, { once: true });
    void waited.finally(() => {
      signal.removeEventListener("abort", stop);
      resolve();
    });
  });
}

/** The engine behind an `EmbeddedClient`. */
export class Engine {
  readonly #options: EmbeddedClientOptions;
  #lib: Promise<Lib> | undefined;
  #llama: Promise<Llama> | undefined;
  readonly #facts = new Map<string, Promise<FileFacts>>();
  readonly #loaded = new Map<string, Promise<Loaded>>();
  /** Measured speed per model file (as settings name it), for attempt budgets. */
  readonly #speeds = new Map<string, Speed>();

  constructor(options: EmbeddedClientOptions) {
    this.#options = options;
  }

  /** Runs one request on its model, loading the model first if needed. */
  async chat(request: ChatRequest): Promise<ChatReply> {
    const settings = await settingsFor(request.model, this.#options, request.signal);
    const loaded = await this.#load(settings);
    const previous = loaded.queue;
    // A request waiting for the one before it still stops at once when its signal aborts.
    const run = untilAborted(previous, request.signal).then(() => {
      const target: Target = {
        file: loaded.facts.file,
        model: loaded.model,
        sequence: loaded.chat.sequence,
        chat: loaded.chat,
        window: Math.min(loaded.context.contextSize, settings.declaredWindow),
        constrained: settings.grammar === "tools",
        grammarFor: (r) => this.#grammar(loaded, r),
      };
      return generate(target, request);
    });
    void run.then(
      (reply) => {
        const speed = this.#speeds.get(settings.file) ?? newSpeed();
        this.#speeds.set(settings.file, speed);
        recordSpeed(speed, reply);
      },
      () => {},
    );
    // The next request waits for this one's generation, and for the one before if this one gave up.
    loaded.queue = previous.then(() => run).catch(() => undefined);
    return run;
  }

  /**
   * The time a request may take on this model at its measured speed (`speed.ts`); `Infinity` before
   * the model has served a request (loading time unknown too), which the runtime bounds.
   */
  async attemptTimeout(
    model: ResolvedModel,
    need: { readonly promptTokens: number; readonly maxTokens: number | undefined },
  ): Promise<number> {
    const settings = await settingsFor(model, this.#options);
    const speed = this.#speeds.get(settings.file);
    return speed ? budgetMs(speed, need.promptTokens, need.maxTokens) : Number.POSITIVE_INFINITY;
  }

  /** The model's window: min(declared `context_window`, the file's trained context), from the metadata. */
  async contextWindow(model: ResolvedModel, signal?: AbortSignal): Promise<number | undefined> {
    const settings = await settingsFor(model, this.#options, signal);
    const facts = await this.#factsOf(settings.file);
    return windowOf(facts, settings.declaredWindow);
  }

  /** A file's facts and how this engine runs it (or would run it). */
  async info(modelFile?: string, model?: ResolvedModel): Promise<EmbeddedModelInfo> {
    const options = modelFile ? { ...this.#options, modelFile } : this.#options;
    const settings = await settingsFor(model, options);
    const facts = await this.#factsOf(settings.file);
    const loaded = this.#loaded.get(facts.file);
    const ready = loaded ? await loaded.catch(() => undefined) : undefined;
    const { info: _header, ...rest } = facts;
    return {
      ...rest,
      contextWindow: ready?.context.contextSize ?? windowOf(facts, settings.declaredWindow),
      threads: ready?.threads ?? settings.threads ?? (await this.#llamaFor(settings)).cpuMathCores,
      sizeBytes: facts.sizeBytes,
    };
  }

  /** Loads a file now (as the first chat would) and returns its info. */
  async load(modelFile?: string, model?: ResolvedModel): Promise<EmbeddedModelInfo> {
    const options = modelFile ? { ...this.#options, modelFile } : this.#options;
    await this.#load(await settingsFor(model, options));
    return this.info(modelFile, model);
  }

  /** Unloads every model and llama.cpp itself. */
  async close(): Promise<void> {
    const loaded = [...this.#loaded.values()];
    this.#loaded.clear();
    this.#facts.clear();
    this.#speeds.clear();
    for (const entry of loaded) {
      const ready = await entry.catch(() => undefined);
      if (!ready) continue;
      await ready.queue;
      await ready.context.dispose().catch(() => {});
      await ready.model.dispose().catch(() => {});
    }
    const llama = this.#llama;
    this.#llama = undefined;
    const ready = await llama?.catch(() => undefined);
    await ready?.dispose().catch(() => {});
  }

  async #factsOf(file: string): Promise<FileFacts> {
    const real = await realpath(file).catch(() => file);
    let facts = this.#facts.get(real);
    if (!facts) {
      facts = readFacts(real);
      this.#facts.set(real, facts);
      facts.catch(() => this.#facts.delete(real));
    }
    return facts;
  }

  #libOf(): Promise<Lib> {
    this.#lib ??= import("node-llama-cpp");
    return this.#lib;
  }

  /** llama.cpp, started once; CPU only unless a model asks for GPU layers. */
  #llamaFor(settings: ModelSettings): Promise<Llama> {
    this.#llama ??= this.#libOf().then(async (lib) => {
      const log = this.#options.log;
      try {
        return await lib.getLlama({
          build: "never",
          gpu: gpuOption(settings.gpuLayers),
          logLevel: lib.LlamaLogLevel.warn,
          logger: (level, message) => {
            const line = message.trim();
            if (line !== "" && level !== lib.LlamaLogLevel.disabled) log?.(`llama.cpp ${level}: ${line}`);
          },
          progressLogs: false,
          skipDownload: true,
        });
      } catch (error) {
        this.#llama = undefined;
        throw new ConfigError(
          `llama.cpp could not start (${(error as Error).message}): its prebuilt package for ${process.platform}-${process.arch} (@node-llama-cpp/…, e.g. linux-x64) is missing or does not load; reinstall SmallCode (npm ci in a checkout, else the tarball of npm run package), or use a model server with --base-url`,
          {},
          error,
        );
      }
    });
    return this.#llama;
  }

  #load(settings: ModelSettings): Promise<Loaded> {
    return this.#factsOf(settings.file).then((facts) => {
      let entry = this.#loaded.get(facts.file);
      if (!entry) {
        entry = this.#loadFile(facts, settings);
        this.#loaded.set(facts.file, entry);
        entry.catch(() => this.#loaded.delete(facts.file));
      }
      return entry;
    });
  }

  async #loadFile(facts: FileFacts, settings: ModelSettings): Promise<Loaded> {
    if (!facts.chatTemplate) {
      throw new ConfigError(
        `model file ${facts.file} (${facts.name}) has no chat template, so it cannot hold a conversation (a base model?); use an instruct model's GGUF`,
      );
    }
    const lib = await this.#libOf();
    const llama = await this.#llamaFor(settings);
    const window = windowOf(facts, settings.declaredWindow);
    const threads = settings.threads ?? llama.cpuMathCores;
    await checkMemory(llama, facts.file, facts.info, window, settings.gpuLayers);
    let model: LlamaModel;
    try {
      model = await llama.loadModel({
        modelPath: facts.file,
        gpuLayers: settings.gpuLayers,
        ...(this.#options.onLoadProgress ? { onLoadProgress: this.#options.onLoadProgress } : {}),
      });
    } catch (error) {
      throw this.#loadError(lib, facts, "load", error);
    }
    try {
      const context = await model.createContext({
        contextSize: window,
        threads,
        sequences: 1,
        failedCreationRemedy: false,
      });
      const chat = new lib.LlamaChat({ contextSequence: context.getSequence() });
      return { facts, model, context, chat, threads, grammars: new Map(), queue: Promise.resolve() };
    } catch (error) {
      await model.dispose().catch(() => {});
      throw this.#loadError(lib, facts, `create a ${window}-token context for`, error);
    }
  }

  #loadError(lib: Lib, facts: FileFacts, what: string, error: unknown): ConfigError {
    const memory = error instanceof lib.InsufficientMemoryError;
    const hint = memory
      ? "there is not enough memory; close other programs, declare a smaller context_window, or use a smaller or more quantised model"
      : "check that the file is a complete GGUF model of an architecture llama.cpp supports";
    return new ConfigError(
      `could not ${what} model file ${facts.file} (${facts.architecture}, ${facts.quantisation}): ${(error as Error).message}; ${hint}`,
      {},
      error,
    );
  }

  #grammar(loaded: Loaded, request: ChatRequest): Promise<LlamaGrammar> {
    const tools = request.tools ?? [];
    // a forced turn (`tool_choice: required`) has its own grammar, without the answer branch
    const required = request.toolChoice === "required";
    const key = grammarKey(tools, required);
    let grammar = loaded.grammars.get(key);
    if (!grammar) {
      const schema = actSchema(tools, required);
      grammar = Promise.all([this.#llama!, this.#libOf()]).then(async ([llama, lib]) => {
        const json = await llama.createGrammarForJsonSchema(
          schema as Parameters<Llama["createGrammarForJsonSchema"]>[0],
        );
        // Same rules and stop trigger as node-llama-cpp's JSON grammar, without pretty-printing.
        return llama.createGrammar({
          grammar: compactGbnf(json.grammar),
          stopGenerationTriggers: [lib.LlamaText(["\n".repeat(4)])],
          trimWhitespaceSuffix: true,
        });
      });
      loaded.grammars.set(key, grammar);
      grammar.catch(() => loaded.grammars.delete(key));
    }
    return grammar;
  }
}
