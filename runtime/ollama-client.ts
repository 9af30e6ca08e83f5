import type { ChatResponse, Message, Ollama, ChatRequest as OllamaRequest, Tool } from "ollama";
import { type ChatMessage, parseToolArguments } from "./chat.ts";
import type { ChatReply, ChatRequest, ModelClient } from "./client.ts";
import { usageOf } from "./client.ts";
import { EndpointError, MarrowRuntimeError } from "./errors.ts";
import { nativeBase } from "./provider.ts";
import { thinkFilter } from "./think.ts";
import {
  connectionError,
  contextOf,
  malformedReply,
  networkReason,
  retryAfterMs,
  statusError,
} from "./transport.ts";

/**
 * Ollama's native `/api/chat`, through the `ollama` package (loaded on first use). It sends
 * `options.num_ctx` from the declared context window, which Ollama's OpenAI route ignores, and
 * compares `prompt_eval_count` with the tokens sent so that a cut-off prompt does not pass silently.
 */

let lib: Promise<typeof import("ollama")> | undefined;

function toOllamaMessage(m: ChatMessage): Message {
  const message: Message = { role: m.role, content: m.content ?? "" };
  if (m.tool_calls && m.tool_calls.length > 0) {
    message.tool_calls = m.tool_calls.map((c) => ({
      function: { name: c.function.name, arguments: parseToolArguments(c.function.arguments) },
    }));
  }
  if (m.role === "tool" && m.name) message.tool_name = m.name;
  return message;
}

/** A `fetch` bound to the attempt: carries its signal and turns HTTP failures into typed errors. */
function boundFetch(request: ChatRequest): typeof fetch {
  const ctx = contextOf(request.model, request.headers["x-marrow-prompt"]);
  return async (input, init) => {
    let response: Response;
    try {
      response = await fetch(input, { ...init, signal: request.signal });
    } catch (error) {
      throw request.signal.aborted ? error : connectionError(ctx, error);
    }
    if (!response.ok) {
      const text = await response.text().catch(() => "");
      let message = text;
      try {
        const body = JSON.parse(text) as { error?: unknown };
        if (typeof body.error === "string") message = body.error;
      } catch {
        // not JSON: keep the text
      }
      throw await statusError(request.model, ctx, response.status, message, retryAfterMs(response.headers));
    }
    const contentType = response.headers.get("content-type") ?? "";
    if (/text\/html/i.test(contentType)) throw malformedReply(ctx, "html", "", contentType);
    return response;
  };
}

function mapError(error: unknown, request: ChatRequest): unknown {
  if (request.signal.aborted || error instanceof MarrowRuntimeError) return error;
  const ctx = contextOf(request.model, request.headers["x-marrow-prompt"]);
  if (error instanceof SyntaxError) return malformedReply(ctx, "not_json", error.message);
  if (error instanceof TypeError) return connectionError(ctx, error);
  const message = error instanceof Error ? error.message : String(error);
  return new EndpointError(
    `${ctx.prompt ? `prompt \`${ctx.prompt}\`` : "model call"} at ${ctx.endpoint}: ${message}`,
    {
      retryable: true,
      context: ctx,
      cause: error,
    },
  );
}

/** A client for Ollama's native API. */
export function createOllamaClient(): ModelClient {
  return { chat: ollamaChat };
}

/** Sends one chat request to Ollama's native API. */
async function ollamaChat(request: ChatRequest): Promise<ChatReply> {
  lib ??= import("ollama");
  const { Ollama: OllamaClass } = await lib;
  const headers: Record<string, string> = { ...request.headers };
  if (request.model.apiKey) headers.authorization = `Bearer ${request.model.apiKey}`;
  const client: Ollama = new OllamaClass({
    host: nativeBase(request.model.endpoint),
    headers,
    fetch: boundFetch(request),
  });
  const numCtx = request.model.spec.contextWindow;
  const options: NonNullable<OllamaRequest["options"]> = { num_ctx: numCtx };
  if (request.temperature !== undefined) options.temperature = request.temperature;
  if (request.topP !== undefined) options.top_p = request.topP;
  if (request.maxTokens !== undefined) options.num_predict = request.maxTokens;
  if (request.stop && request.stop.length > 0) options.stop = [...request.stop];
  const body = {
    model: request.model.model,
    messages: request.messages.map(toOllamaMessage),
    options,
    ...(request.tools && request.tools.length > 0 ? { tools: request.tools as unknown as Tool[] } : {}),
    ...(request.logprobs ? { logprobs: true } : {}),
  };
  try {
    let final: ChatResponse;
    let text = "";
    let reasoning = "";
    if (request.onToken) {
      const filter = thinkFilter(request.onToken);
      let last: ChatResponse | undefined;
      const calls: NonNullable<Message["tool_calls"]> = [];
      const logprobs: NonNullable<ChatResponse["logprobs"]> = [];
      const ctx = contextOf(request.model, request.headers["x-marrow-prompt"]);
      try {
        for await (const part of await client.chat({ ...body, stream: true })) {
          text += part.message.content;
          reasoning += part.message.thinking ?? "";
          filter.push(part.message.content);
          calls.push(...(part.message.tool_calls ?? []));
          logprobs.push(...(part.logprobs ?? []));
          last = part;
        }
      } catch (error) {
        // The connection broke after the reply began: say so, rather than "cannot reach the endpoint".
        if (
          request.signal.aborted ||
          !last ||
          error instanceof MarrowRuntimeError ||
          error instanceof SyntaxError
        )
          throw error;
        throw malformedReply(ctx, "cut_off", `after ${text.length} characters: ${networkReason(error)}`);
      }
      if (request.signal.aborted) throw request.signal.reason;
      filter.flush();
      if (!last) throw malformedReply(ctx, "stream", "no messages");
      // Ollama ends every reply with a `done` message; a stream without one was cut off.
      if (!last.done)
        throw malformedReply(
          ctx,
          "cut_off",
          `it ended after ${text.length} characters without Ollama's final message`,
        );
      final = { ...last, message: { ...last.message, tool_calls: calls }, logprobs };
    } else {
      final = await client.chat({ ...body, stream: false });
      text = final.message.content ?? "";
      reasoning = final.message.thinking ?? "";
    }
    return replyOf(final, text, reasoning, request, numCtx);
  } catch (error) {
    throw mapError(error, request);
  }
}

function replyOf(
  final: ChatResponse,
  text: string,
  reasoning: string,
  request: ChatRequest,
  numCtx: number,
): ChatReply {
  const evaluated = final.prompt_eval_count;
  const sent = request.promptTokens;
  // Ollama keeps only the end of a prompt longer than num_ctx; a cached prefix also lowers the count,
  // so only a prompt near or over the window with a clear shortfall counts as cut off.
  const truncated = typeof evaluated === "number" && sent > numCtx * 0.9 && evaluated < sent * 0.75;
  const reported =
    typeof evaluated === "number" && typeof final.eval_count === "number"
      ? { prompt_tokens: evaluated, completion_tokens: final.eval_count }
      : undefined;
  const logprobs = final.logprobs?.map((l) => l.logprob) ?? [];
  return {
    text,
    reasoning,
    toolCalls: (final.message.tool_calls ?? []).map((c, i) => ({
      id: `call_${i}`,
      name: c.function.name,
      arguments: JSON.stringify(c.function.arguments ?? {}),
    })),
    finishReason: final.done_reason ?? null,
    usage: usageOf(reported, request, text.length),
    ...(truncated ? { truncation: { sent, evaluated, numCtx } } : {}),
    ...(logprobs.length > 0 ? { logprobs } : {}),
  };
}
