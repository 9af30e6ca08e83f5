import type { ServerResponse } from "node:http";
import type { ScriptedReply } from "./scripted-server.ts";

/** How the scripted server writes replies: OpenAI JSON and SSE, Ollama JSON and NDJSON, faults. */

/** A parsed JSON object. */
export type Json = Record<string, unknown>;

/** Tokens from characters, the way the runtime estimates them (chars/4). */
export const estimate = (chars: number) => Math.ceil(chars / 4);

/** Characters of a chat request that count toward its prompt tokens. */
export function messageChars(body: Json): number {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  let chars = 0;
  for (const m of messages) chars += typeof m.content === "string" ? m.content.length : 0;
  if (Array.isArray(body.tools)) chars += JSON.stringify(body.tools).length;
  return chars;
}

/** Text of the last user message, for rules that match on it. */
export function lastUserText(body: Json): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i]!;
    if (m.role === "user" && typeof m.content === "string") return m.content;
  }
  return "";
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** An OpenAI-style error body. */
export function errorBody(status: number, message: string): Json {
  const type =
    status === 401 ? "invalid_request_error" : status >= 500 ? "server_error" : "invalid_request_error";
  return { error: { message, type, code: status === 401 ? "invalid_api_key" : null } };
}

function toolCallsOpenAI(reply: ScriptedReply) {
  return (reply.toolCalls ?? []).map((c, i) => ({
    id: c.id ?? `call_${i}`,
    type: "function",
    function: {
      name: c.name,
      arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments),
    },
  }));
}

function split(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}

/** Sends the reply's fault or error status, if it has one; returns true when the response is done. */
export async function sendFault(reply: ScriptedReply, res: ServerResponse): Promise<boolean> {
  if (reply.delayMs) await sleep(reply.delayMs);
  if (reply.fault === "hang") return true;
  if (reply.fault === "reset") {
    res.socket?.destroy();
    return true;
  }
  if (reply.fault === "html") {
    const html =
      "<!DOCTYPE html><html><head><title>Welcome</title></head><body><h1>It works!</h1></body></html>";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(html);
    return true;
  }
  if (reply.fault === "not_json") {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{ this is not json");
    return true;
  }
  if (reply.status !== undefined && reply.status >= 400) {
    const headers: Record<string, string> = {};
    if (reply.retryAfter !== undefined) headers["retry-after"] = String(reply.retryAfter);
    if (reply.retryAfterMs !== undefined) headers["retry-after-ms"] = String(reply.retryAfterMs);
    sendJson(
      res,
      reply.status,
      errorBody(reply.status, reply.errorMessage ?? `scripted error ${reply.status}`),
      headers,
    );
    return true;
  }
  return false;
}

function usageOf(reply: ScriptedReply, body: Json) {
  if (reply.usage === false) return undefined;
  if (reply.usage)
    return { ...reply.usage, total_tokens: reply.usage.prompt_tokens + reply.usage.completion_tokens };
  const prompt = estimate(messageChars(body));
  const completion = estimate((reply.content ?? "").length);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function logprobsOf(reply: ScriptedReply, text: string, body: Json) {
  if (!body.logprobs || reply.logprob === undefined) return null;
  const lp = reply.logprob;
  return {
    content: split(text, 4).map((token) => ({ token, logprob: lp, bytes: null, top_logprobs: [] })),
  };
}

/** Answers POST /v1/chat/completions with `reply`, as JSON or SSE. */
export async function answerChat(
  reply: ScriptedReply,
  body: Json,
  res: ServerResponse,
  id: string,
): Promise<void> {
  if (await sendFault(reply, res)) return;
  const created = Math.floor(Date.now() / 1000);
  const content = reply.content ?? "";
  const toolCalls = toolCallsOpenAI(reply);
  const finish = reply.finishReason ?? (toolCalls.length > 0 ? "tool_calls" : "stop");
  const usage = usageOf(reply, body);
  if (!body.stream) {
    const message: Json = { role: "assistant", content };
    if (reply.reasoning !== undefined) message.reasoning_content = reply.reasoning;
    if (toolCalls.length > 0) message.tool_calls = toolCalls;
    const choices =
      reply.fault === "empty_choices"
        ? []
        : [{ index: 0, message, logprobs: logprobsOf(reply, content, body), finish_reason: finish }];
    const value: Json = { id, object: "chat.completion", created, model: body.model, choices };
    if (usage) value.usage = usage;
    if (reply.fault === "truncated") {
      const text = JSON.stringify(value);
      res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
      res.write(text.slice(0, Math.floor(text.length / 2)));
      setTimeout(() => res.socket?.destroy(), 5);
      return;
    }
    sendJson(res, 200, value);
    return;
  }
  res.writeHead(200, {
    "content-type": "text/event-stream",
    "cache-control": "no-cache",
    connection: "keep-alive",
  });
  const chunk = (delta: Json, finishReason: string | null = null, logprobs: unknown = null) =>
    `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [{ index: 0, delta, logprobs, finish_reason: finishReason }] })}\n\n`;
  const write = async (text: string) => {
    res.write(text);
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
  };
  if (reply.fault === "empty_choices") {
    res.end(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [] })}\n\ndata: [DONE]\n\n`,
    );
    return;
  }
  await write(chunk({ role: "assistant", content: "" }));
  if (reply.reasoning) await write(chunk({ reasoning_content: reply.reasoning }));
  const pieces = split(content, reply.chunkSize ?? 4);
  for (let i = 0; i < pieces.length; i++) {
    if (reply.fault === "malformed_sse" && i === 1) {
      res.end('data: {"choices": [{"delta": {"content": "x"\n\ndata: [DONE]\n\n');
      return;
    }
    if (reply.fault === "truncated" && i === 1) {
      res.socket?.destroy();
      return;
    }
    if (reply.fault === "cut_off" && i === 1) {
      res.end();
      return;
    }
    const piece = pieces[i]!;
    await write(chunk({ content: piece }, null, logprobsOf(reply, piece, body)));
  }
  for (let i = 0; i < toolCalls.length; i++) {
    const call = toolCalls[i]!;
    const args = call.function.arguments;
    const half = Math.floor(args.length / 2);
    await write(
      chunk({
        tool_calls: [
          {
            index: i,
            id: call.id,
            type: "function",
            function: { name: call.function.name, arguments: args.slice(0, half) },
          },
        ],
      }),
    );
    await write(chunk({ tool_calls: [{ index: i, function: { arguments: args.slice(half) } }] }));
  }
  await write(chunk({}, finish));
  const options = body.stream_options as Json | undefined;
  if (usage && options?.include_usage) {
    await write(
      `data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model: body.model, choices: [], usage })}\n\n`,
    );
  }
  res.end("data: [DONE]\n\n");
}

/** Answers Ollama's POST /api/chat with `reply`, as JSON or NDJSON; prompt_eval_count is capped at num_ctx. */
export async function answerOllamaChat(
  reply: ScriptedReply,
  body: Json,
  res: ServerResponse,
  defaultNumCtx: number,
): Promise<void> {
  if (await sendFault(reply, res)) return;
  const options = (body.options ?? {}) as Json;
  const numCtx = typeof options.num_ctx === "number" ? options.num_ctx : defaultNumCtx;
  const promptEval = Math.min(estimate(messageChars(body)), numCtx);
  const content = reply.content ?? "";
  const toolCalls = (reply.toolCalls ?? []).map((c) => ({
    function: {
      name: c.name,
      arguments: typeof c.arguments === "string" ? JSON.parse(c.arguments) : c.arguments,
    },
  }));
  const done = {
    model: body.model,
    created_at: new Date().toISOString(),
    done: true,
    done_reason: reply.finishReason ?? "stop",
    prompt_eval_count: promptEval,
    eval_count: estimate(content.length),
  };
  const message: Json = { role: "assistant", content };
  if (reply.reasoning !== undefined) message.thinking = reply.reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const logprobs = (text: string) =>
    body.logprobs && reply.logprob !== undefined
      ? { logprobs: split(text, 4).map((token) => ({ token, logprob: reply.logprob })) }
      : {};
  if (body.stream === false) {
    sendJson(res, 200, { ...done, message, ...logprobs(content) });
    return;
  }
  res.writeHead(200, { "content-type": "application/x-ndjson" });
  const pieces = split(content, reply.chunkSize ?? 4);
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (reply.fault === "cut_off" && i === 1) {
      res.end(); // no final `done` message
      return;
    }
    res.write(
      `${JSON.stringify({ model: body.model, created_at: done.created_at, message: { role: "assistant", content: piece }, done: false, ...logprobs(piece) })}\n`,
    );
    if (reply.chunkDelayMs) await sleep(reply.chunkDelayMs);
  }
  const last: Json = { role: "assistant", content: "" };
  if (toolCalls.length > 0) last.tool_calls = toolCalls;
  res.end(`${JSON.stringify({ ...done, message: last })}\n`);
}
