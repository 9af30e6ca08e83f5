import type OpenAI from "openai";
import type { ChatReply, ChatRequest, ModelClient } from "./client.ts";
import { usageOf } from "./client.ts";
import type { ResolvedModel } from "./env.ts";
import { thinkFilter } from "./think.ts";
import {
  connectionError,
  contextOf,
  malformedReply,
  networkReason,
  retryAfterMs,
  statusError,
  timeoutError,
} from "./transport.ts";

/**
 * The OpenAI-compatible route, on the `openai` package (loaded on first use). One SDK client per
 * endpoint and key, kept by the `ModelClient` that made it; the SDK's own retries are off (the
 * runtime retries by policy) and the caller's AbortSignal bounds each request.
 */

type Sdk = typeof import("openai");
let sdk: Promise<Sdk> | undefined;
const silent = { error() {}, warn() {}, info() {}, debug() {} };

/** A client for OpenAI-compatible servers, with its own SDK clients. */
export function createOpenAIClient(): ModelClient {
  const clients = new Map<string, OpenAI>();
  return {
    chat: (request) => openaiChat(clients, request),
    async close() {
      clients.clear();
    },
  };
}

async function clientFor(
  clients: Map<string, OpenAI>,
  model: ResolvedModel,
): Promise<{ client: OpenAI; lib: Sdk }> {
  sdk ??= import("openai");
  const lib = await sdk;
  const key = `${model.endpoint}\u0000${model.apiKey}`;
  let client = clients.get(key);
  if (!client) {
    client = new lib.OpenAI({
      baseURL: model.endpoint,
      // The SDK insists on a key; without one the Authorization header is removed per request.
      apiKey: model.apiKey || "no-key",
      adminAPIKey: null,
      organization: null,
      project: null,
      maxRetries: 0,
      logger: silent,
    });
    clients.set(key, client);
  }
  return { client, lib };
}

type Params = OpenAI.Chat.Completions.ChatCompletionCreateParamsNonStreaming;

/**
 * An assistant turn that only calls tools goes out with `content: ""` rather than `null`: OpenAI
 * accepts both, llama-cpp-python's server rejects `null` with a 500 (its pydantic model wants a string).
 */
function wireMessages(messages: ChatRequest["messages"]): ChatRequest["messages"] {
  return messages.map((m) => (m.role === "assistant" && m.content === null ? { ...m, content: "" } : m));
}

function paramsOf(request: ChatRequest): Params {
  const params: Record<string, unknown> = {
    model: request.model.model,
    messages: wireMessages(request.messages),
  };
  if (request.temperature !== undefined) params.temperature = request.temperature;
  if (request.topP !== undefined) params.top_p = request.topP;
  if (request.maxTokens !== undefined) params.max_tokens = request.maxTokens;
  if (request.stop && request.stop.length > 0) params.stop = [...request.stop];
  if (request.tools && request.tools.length > 0) params.tools = request.tools;
  if (request.logprobs) params.logprobs = true;
  return params as unknown as Params;
}

interface MessageLike {
  content?: string | null;
  reasoning_content?: string | null;
  reasoning?: string | null;
  tool_calls?: { id?: string; function?: { name?: string; arguments?: string } }[] | null;
}

async function mapError(error: unknown, request: ChatRequest, lib: Sdk): Promise<unknown> {
  const ctx = contextOf(request.model, request.headers["x-marrow-prompt"]);
  if (request.signal.aborted) return error; // the attempt tells a timeout from a cancellation
  if (error instanceof lib.APIConnectionTimeoutError) {
    return timeoutError(ctx, request.timeoutMs);
  }
  if (error instanceof lib.APIError && typeof error.status === "number") {
    const body = error.error as { message?: unknown } | undefined;
    const message = typeof body?.message === "string" ? body.message : error.message;
    return statusError(request.model, ctx, error.status, message, retryAfterMs(error.headers));
  }
  if (error instanceof lib.APIConnectionError) return connectionError(ctx, error.cause ?? error);
  if (error instanceof SyntaxError) {
    const stream = /server-sent event|stream/i.test(error.message);
    return malformedReply(ctx, stream ? "stream" : "not_json", error.message);
  }
  if (error instanceof TypeError) return connectionError(ctx, error);
  return error;
}

/** Sends one chat request over the OpenAI-compatible API. */
async function openaiChat(clients: Map<string, OpenAI>, request: ChatRequest): Promise<ChatReply> {
  const { client, lib } = await clientFor(clients, request.model);
  const headers: Record<string, string | null> = { ...request.headers };
  if (!request.model.apiKey) headers.authorization = null;
  const options = { signal: request.signal, headers, timeout: request.timeoutMs + 1000, maxRetries: 0 };
  try {
    if (request.onToken) return await streamed(client, request, options);
    const { data, response } = await client.chat.completions
      .create(paramsOf(request), options)
      .withResponse();
    return replyOf(data as unknown, request, response.headers.get("content-type") ?? undefined);
  } catch (error) {
    throw await mapError(error, request, lib);
  }
}

function replyOf(completion: unknown, request: ChatRequest, contentType?: string): ChatReply {
  const ctx = contextOf(request.model, request.headers["x-marrow-prompt"]);
  if (typeof completion !== "object" || completion === null) {
    const text = String(completion ?? "");
    const html = /^\s*</.test(text) || /html/i.test(contentType ?? "");
    throw malformedReply(ctx, html ? "html" : "not_json", html ? "" : text.slice(0, 80), contentType);
  }
  const value = completion as OpenAI.Chat.Completions.ChatCompletion;
  const choice = value.choices?.[0];
  if (!choice) throw malformedReply(ctx, "no_choices");
  const message = (choice.message ?? {}) as MessageLike;
  const text = message.content ?? "";
  const logprobs = choice.logprobs?.content?.map((t) => t.logprob);
  return {
    text,
    reasoning: message.reasoning_content ?? message.reasoning ?? "",
    toolCalls: (message.tool_calls ?? []).map((c, i) => ({
      id: c.id ?? `call_${i}`,
      name: c.function?.name ?? "",
      arguments: c.function?.arguments ?? "",
    })),
    finishReason: choice.finish_reason ?? null,
    usage: usageOf(value.usage, request, text.length),
    ...(logprobs && logprobs.length > 0 ? { logprobs } : {}),
  };
}

/** A reply to a streaming request that came back as one body: a completion, or not the API at all. */
function notStreamed(text: string, request: ChatRequest, contentType: string): ChatReply {
  let body: unknown = text;
  if (!/html/i.test(contentType)) {
    try {
      body = JSON.parse(text);
    } catch (error) {
      const ctx = contextOf(request.model, request.headers["x-marrow-prompt"]);
      throw malformedReply(ctx, "not_json", (error as Error).message, contentType);
    }
  }
  const reply = replyOf(body, request, contentType);
  const filter = thinkFilter(request.onToken!);
  filter.push(reply.text);
  filter.flush();
  return reply;
}

/** A streamed request that got an empty stream, sent again without streaming (its error or its reply). */
async function notStreamedRetry(
  client: OpenAI,
  request: ChatRequest,
  options: { signal: AbortSignal; headers: Record<string, string | null>; timeout: number },
): Promise<ChatReply> {
  const { data, response } = await client.chat.completions.create(paramsOf(request), options).withResponse();
  const reply = replyOf(data as unknown, request, response.headers.get("content-type") ?? undefined);
  const filter = thinkFilter(request.onToken!);
  filter.push(reply.text);
  filter.flush();
  return reply;
}

async function streamed(
  client: OpenAI,
  request: ChatRequest,
  options: { signal: AbortSignal; headers: Record<string, string | null>; timeout: number },
): Promise<ChatReply> {
  const params = { ...paramsOf(request), stream: true as const, stream_options: { include_usage: true } };
  const { data: stream, response } = await client.chat.completions.create(params, options).withResponse();
  const ctx = contextOf(request.model, request.headers["x-marrow-prompt"]);
  const contentType = response.headers.get("content-type") ?? "";
  // Not a stream: an HTML page or a JSON body (a server that ignores `stream`, or an error page).
  if (/html|json/i.test(contentType) && !/event-stream/i.test(contentType))
    return notStreamed(await response.text(), request, contentType);
  const filter = thinkFilter(request.onToken!);
  let text = "";
  let reasoning = "";
  let finishReason: string | null = null;
  let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
  let sawChoice = false;
  let events = 0;
  const logprobs: number[] = [];
  const calls: { id: string; name: string; arguments: string }[] = [];
  try {
    for await (const chunk of stream as AsyncIterable<OpenAI.Chat.Completions.ChatCompletionChunk>) {
      events++;
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices?.[0];
      if (!choice) continue;
      sawChoice = true;
      const delta = (choice.delta ?? {}) as MessageLike & {
        tool_calls?: { index?: number; id?: string; function?: { name?: string; arguments?: string } }[];
      };
      if (delta.content) {
        text += delta.content;
        filter.push(delta.content);
      }
      reasoning += delta.reasoning_content ?? delta.reasoning ?? "";
      for (const part of delta.tool_calls ?? []) {
        const index = part.index ?? calls.length;
        calls[index] ??= { id: part.id ?? `call_${index}`, name: "", arguments: "" };
        const call = calls[index];
        if (part.id) call.id = part.id;
        if (part.function?.name) call.name += part.function.name;
        if (part.function?.arguments) call.arguments += part.function.arguments;
      }
      for (const t of choice.logprobs?.content ?? []) logprobs.push(t.logprob);
      if (choice.finish_reason) finishReason = choice.finish_reason;
    }
  } catch (error) {
    // The connection broke after the reply began: say so, rather than "cannot reach the endpoint".
    if (request.signal.aborted || !sawChoice || error instanceof SyntaxError) throw error;
    throw malformedReply(ctx, "cut_off", `after ${text.length} characters: ${networkReason(error)}`);
  }
  // The SDK ends an aborted stream quietly; a cut-off reply must not pass as a whole one.
  if (request.signal.aborted) throw request.signal.reason;
  // llama-cpp-python answers a streamed request whose prompt exceeds its window with 200 and an
  // empty stream; the same request unstreamed gets its real error (400 context_length_exceeded).
  if (events === 0) return notStreamedRetry(client, request, options);
  filter.flush();
  if (!sawChoice) throw malformedReply(ctx, "no_choices");
  // Every OpenAI-compatible server ends a reply with a finish_reason; a stream that just stops was cut off.
  if (finishReason === null)
    throw malformedReply(ctx, "cut_off", `it ended after ${text.length} characters without a finish_reason`);
  return {
    text,
    reasoning,
    toolCalls: calls.filter(Boolean),
    finishReason,
    usage: usageOf(usage, request, text.length),
    ...(logprobs.length > 0 ? { logprobs } : {}),
  };
}
