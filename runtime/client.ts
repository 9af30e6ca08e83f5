import type { ChatMessage } from "./chat.ts";
import type { ResolvedModel } from "./env.ts";
import type { JsonSchema } from "./spec.ts";

/** A tool offered natively (OpenAI `tools` entry). */
export interface NativeTool {
  readonly type: "function";
  readonly function: { readonly name: string; readonly description: string; readonly parameters: JsonSchema };
}

/** Whether an act turn may answer (`auto`) or must call one of the offered tools (`required`). */
export type ToolChoice = "auto" | "required";

/** One chat request, fully prepared by the runtime; a client only moves it over the wire. */
export interface ChatRequest {
  readonly model: ResolvedModel;
  readonly messages: readonly ChatMessage[];
  readonly tools?: readonly NativeTool[];
  /**
   * `required`: the reply must be a tool call, no answer text (OpenAI's `tool_choice: "required"`).
   * Set only with `tools`. A client enforces it where it can (the embedded provider drops the
   * grammar's answer branch) and may ignore it elsewhere: the HTTP clients do not send it, because no
   * measurement has shown that servers' forced-call paths help small models (docs/models.md).
   */
  readonly toolChoice?: ToolChoice;
  readonly temperature?: number;
  readonly topP?: number;
  readonly maxTokens?: number;
  readonly stop?: readonly string[];
  /** Ask the server for token log-probabilities (router confidence). */
  readonly logprobs?: boolean;
  /** The `x-marrow-*` headers, sent on every request. */
  readonly headers: Readonly<Record<string, string>>;
  /** Aborts the request: the caller's signal combined with the attempt's timeout. */
  readonly signal: AbortSignal;
  readonly timeoutMs: number;
  /** When set the reply is streamed and its text (without reasoning) passed on as it arrives. */
  readonly onToken?: (text: string) => void;
  /** Estimated prompt tokens (chars/4), for usage fallback and Ollama truncation checks. */
  readonly promptTokens: number;
}

/** What came back, the same whichever route carried it. */
export interface ChatReply {
  /** Reply text as sent (reasoning blocks still in it). */
  readonly text: string;
  /** Reasoning the server sent in a separate field (`reasoning_content`, Ollama `thinking`). */
  readonly reasoning: string;
  readonly toolCalls: readonly { readonly id: string; readonly name: string; readonly arguments: string }[];
  readonly finishReason: string | null;
  readonly usage: {
    readonly promptTokens: number;
    readonly completionTokens: number;
    readonly estimated: boolean;
  };
  /** Log-probabilities of the reply tokens, when the server reported them. */
  readonly logprobs?: readonly number[];
  /** Figures for the call's trace span (an in-process model's `prompt_eval_ms`, `eval_ms`, `cached_tokens`). */
  readonly metrics?: Readonly<Record<string, number>>;
  /** Ollama only: the server evaluated fewer prompt tokens than were sent. */
  readonly truncation?: { readonly sent: number; readonly evaluated: number; readonly numCtx: number };
}

/**
 * A model provider: moves chat requests to a model, over HTTP or in process. A runtime picks the
 * client by the model's declared `provider`; register your own with `createRuntime({ clients })`.
 *
 * The contract every client keeps, whichever way it reaches the model:
 * - `chat` sends `messages` (and `tools`, `temperature`, `maxTokens` as `max_output`, `stop`…),
 *   streams the reply text through `onToken` when it is set, and reports `usage` (estimated when
 *   the model does not say);
 * - it stops as soon as `signal` aborts (the caller's cancel or the attempt's timeout) and rethrows
 *   the signal's reason, or any error: the runtime tells a cancel from a timeout;
 * - failures are the runtime's typed errors (`EndpointError` retryable or not, `RateLimitedError`,
 *   `TimeoutError`) with a message that says what to check;
 * - `headers` (`x-marrow-*`) go on the wire where there is one; an in-process client may ignore them.
 */
export interface ModelClient {
  /** Sends one request and resolves to the whole reply. */
  chat(request: ChatRequest): Promise<ChatReply>;
  /**
   * The context window the model really has where it runs (a server's setting, a model file's
   * metadata), or undefined when the client cannot tell.
   */
  contextWindow?(model: ResolvedModel, signal?: AbortSignal): Promise<number | undefined>;
  /**
   * How long an attempt on `model` may take (ms) for a request of `promptTokens` asking for up to
   * `maxTokens`, when `declaredMs` (the prompt's `timeout`) was written for a model at server speed:
   * an in-process model on a slow CPU derives it from its measured speed. The runtime never waits
   * less than declared nor more than `declaredMs × MAX_TIMEOUT_SCALE` (runtime/timeout.ts).
   */
  attemptTimeout?(
    model: ResolvedModel,
    need: { readonly promptTokens: number; readonly maxTokens: number | undefined },
    declaredMs: number,
  ): Promise<number>;
  /** Frees what the client holds (a loaded model, connections); `runtime.close()` calls it. */
  close?(): Promise<void>;
  /**
   * True for a client that runs models in this process (an embedded model serving models declared
   * for a server): the models it serves resolve to no endpoint, so messages and traces name none.
   */
  readonly inProcess?: boolean;
}

/** Tokens estimated from characters (about 4 per token) when a server does not report usage. */
export function estimateTokens(chars: number): number {
  return Math.ceil(chars / 4);
}

/** Characters of a request that count toward its prompt tokens. */
export function requestChars(messages: readonly ChatMessage[], tools?: readonly NativeTool[]): number {
  let chars = 0;
  for (const m of messages) chars += m.content?.length ?? 0;
  if (tools && tools.length > 0) chars += JSON.stringify(tools).length;
  return chars;
}

/** Usage as reported, or estimated from characters when the server sent none. */
export function usageOf(
  reported: { prompt_tokens?: number | null; completion_tokens?: number | null } | null | undefined,
  request: ChatRequest,
  completionChars: number,
): ChatReply["usage"] {
  if (
    reported &&
    typeof reported.prompt_tokens === "number" &&
    typeof reported.completion_tokens === "number"
  ) {
    return {
      promptTokens: reported.prompt_tokens,
      completionTokens: reported.completion_tokens,
      estimated: false,
    };
  }
  return {
    promptTokens: request.promptTokens,
    completionTokens: estimateTokens(completionChars),
    estimated: true,
  };
}
