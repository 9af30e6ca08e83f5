import type { ChatReply, ChatRequest } from "../client.ts";
import type { ResolvedModel } from "../env.ts";
import { ConfigError } from "../errors.ts";
import type { EmbeddedClientOptions, EmbeddedModelInfo } from "./types.ts";

/** The embedded engine (first version of the interface; the implementation follows). */
export class Engine {
  readonly #options: EmbeddedClientOptions;

  constructor(options: EmbeddedClientOptions) {
    this.#options = options;
  }

  async chat(_request: ChatRequest): Promise<ChatReply> {
    throw new ConfigError(
      `embedded models are not implemented yet (${this.#options.modelFile ?? "no file"})`,
    );
  }

  async contextWindow(_model: ResolvedModel, _signal?: AbortSignal): Promise<number | undefined> {
    return undefined;
  }

  async info(_modelFile?: string, _model?: ResolvedModel): Promise<EmbeddedModelInfo> {
    throw new ConfigError("embedded models are not implemented yet");
  }

  async close(): Promise<void> {}
}
