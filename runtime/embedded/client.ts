import type { ResolvedModel } from "../env.ts";
import { ConfigError } from "../errors.ts";
import type { EmbeddedClient, EmbeddedClientOptions } from "./types.ts";

/**
 * The embedded provider's client: a `ModelClient` that runs GGUF models in process. This module is
 * cheap to import; the engine (and node-llama-cpp with it) loads on the first call that needs a model.
 */

type EngineModule = typeof import("./engine.ts");
type Engine = InstanceType<EngineModule["Engine"]>;

/**
 * A client for `provider: embedded` models; register it with
 * `createRuntime({ clients: { embedded: createEmbeddedClient(options) } })`. Each model file is loaded
 * once, on first use, and kept until `close()` (which `runtime.close()` calls).
 */
export function createEmbeddedClient(options: EmbeddedClientOptions = {}): EmbeddedClient {
  let engine: Promise<Engine> | undefined;
  const get = (): Promise<Engine> => {
    engine ??= import("./engine.ts").then(
      (m) => new m.Engine(options),
      (error: unknown) => {
        engine = undefined;
        throw new ConfigError(
          `the embedded model engine (node-llama-cpp) could not be loaded: ${(error as Error).message}; reinstall SmallCode's dependencies (npm ci), or use a model server with --base-url`,
          {},
          error,
        );
      },
    );
    return engine;
  };
  return {
    // Whatever provider it is registered for, its models run here: they resolve to no endpoint.
    inProcess: true,
    chat: async (request) => (await get()).chat(request),
    attemptTimeout: async (model, need) => (await get()).attemptTimeout(model, need),
    contextWindow: async (model: ResolvedModel, signal?: AbortSignal) =>
      (await get()).contextWindow(model, signal),
    info: async (modelFile?: string, model?: ResolvedModel) => (await get()).info(modelFile, model),
    load: async (modelFile?: string, model?: ResolvedModel) => (await get()).load(modelFile, model),
    async close() {
      const running = engine;
      engine = undefined;
      if (running) await (await running.catch(() => undefined))?.close();
    },
  };
}
