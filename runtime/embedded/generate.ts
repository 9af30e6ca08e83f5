import type { LlamaChat, LlamaContextSequence, LlamaGrammar, LlamaModel } from "node-llama-cpp";
import type { ChatReply, ChatRequest } from "../client.ts";
import { EndpointError, type ErrorContext, InvalidOutputError } from "../errors.ts";
import { thinkFilter } from "../think.ts";
import { actInstructions, parseAct } from "./grammar.ts";
import { toHistory } from "./history.ts";
import { answerStream } from "./stream.ts";

/**
 * One chat request on a loaded model: messages → history, a context-overflow check before any
 * evaluation, the generation (grammar-constrained on act turns), and the reply in the runtime's shape.
 */

/** A loaded model as one request needs it. */
export interface Target {
  readonly file: string;
  readonly model: LlamaModel;
  readonly sequence: LlamaContextSequence;
  readonly chat: LlamaChat;
  /** Tokens the context holds. */
  readonly window: number;
  /** The grammar for a tool set, built once per set. */
  readonly grammarFor: (request: ChatRequest) => Promise<LlamaGrammar>;
  /** Whether act turns are constrained (`grammar: tools`). */
  readonly constrained: boolean;
}

function contextFor(request: ChatRequest, file: string): ErrorContext {
  return { model: request.model.spec.name, modelName: request.model.model, endpoint: file };
}

/** Runs `request` on `target`. @throws EndpointError (overflow, evaluation failure), InvalidOutputError, the signal's reason */
export async function generate(target: Target, request: ChatRequest): Promise<ChatReply> {
  const { signal } = request;
  if (signal.aborted) throw signal.reason;
  const tools = request.tools ?? [];
  const act = tools.length > 0;
  const history = toHistory(request.messages, act ? actInstructions(tools) : "", act);
  const rendered = target.chat.chatWrapper.generateContextState({ chatHistory: history });
  const promptTokens = rendered.contextText.tokenize(target.model.tokenizer).length;
  const room = target.window - promptTokens;
  const ctx = contextFor(request, target.file);
  if (room <= 0 || (request.maxTokens !== undefined && request.maxTokens > room)) {
    throw new EndpointError(
      `model \`${ctx.model}\` (${target.file}): the prompt is ${promptTokens} tokens${request.maxTokens !== undefined ? ` and max_output asks for ${request.maxTokens} more` : ""}, beyond the model's context window of ${target.window} tokens; shorten the input or lower max_output`,
      { status: 400, retryable: false, context: ctx },
    );
  }
  const grammar = act && target.constrained ? await target.grammarFor(request) : undefined;
  const stream = request.onToken
    ? act
      ? answerStream(request.onToken)
      : thinkFilter(request.onToken)
    : undefined;
  const meter = target.sequence.tokenMeter.getState();
  const started = performance.now();
  let firstAt: number | undefined;
  let generated = 0;
  let result: Awaited<ReturnType<LlamaChat["generateResponse"]>>;
  try {
    result = await target.chat.generateResponse(history, {
      maxTokens: request.maxTokens ?? room,
      ...(request.temperature !== undefined ? { temperature: request.temperature } : {}),
      ...(request.topP !== undefined ? { topP: request.topP } : {}),
      ...(request.stop && request.stop.length > 0 && !grammar
        ? { customStopTriggers: [...request.stop] }
        : {}),
      ...(grammar ? { grammar } : {}),
      signal,
      stopOnAbortSignal: false,
      onTextChunk: (text) => stream?.push(text),
      onToken: (tokens) => {
        firstAt ??= performance.now();
        generated += tokens.length;
      },
    });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw new EndpointError(
      `model \`${ctx.model}\` (${target.file}): generation failed: ${(error as Error).message}`,
      { retryable: false, context: ctx, cause: error },
    );
  }
  stream?.flush();
  const ended = performance.now();
  const evaluated = target.sequence.tokenMeter.diff(meter).usedInputTokens;
  const usage = { promptTokens, completionTokens: generated, estimated: false };
  const metrics = {
    prompt_eval_ms: Math.round((firstAt ?? ended) - started),
    eval_ms: Math.round(ended - (firstAt ?? ended)),
    // The prompt tokens not evaluated now were already in the KV cache (a stable prefix).
    cached_tokens: Math.max(0, promptTokens - evaluated),
  };
  const text = result.response;
  const cut = result.metadata.stopReason === "maxTokens";
  const finish = cut ? "length" : "stop";
  if (!act) return { text, reasoning: "", toolCalls: [], finishReason: finish, usage, metrics };
  const parsed = parseAct(text, tools);
  if (parsed?.kind === "call") {
    const call = { id: "call_0", name: parsed.name, arguments: JSON.stringify(parsed.arguments) };
    return { text: "", reasoning: "", toolCalls: [call], finishReason: "tool_calls", usage, metrics };
  }
  if (parsed?.kind === "answer")
    return { text: parsed.text, reasoning: "", toolCalls: [], finishReason: finish, usage, metrics };
  if (grammar) {
    const why = cut
      ? `the reply was cut off at max_output (${request.maxTokens ?? room} tokens) inside the tool-call grammar, so it is not a complete JSON object`
      : "the reply does not match the tool-call grammar";
    throw new InvalidOutputError(`model \`${ctx.model}\` (${target.file}): ${why}`, text, [why], ctx);
  }
  return { text, reasoning: "", toolCalls: [], finishReason: finish, usage, metrics };
}
