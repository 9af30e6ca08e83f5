import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A recording proxy for a real OpenAI-compatible server: it listens on loopback, forwards every request
 * to the server unchanged, passes the reply back as it arrives (streams stay streams), and keeps what
 * went by: the prompt (`x-marrow-prompt`), the request, the reply's raw text and native tool calls,
 * usage, and timings (time to the first content token, total). The benchmark reads its figures from
 * these exchanges (well-formed calls, tokens per second), the real-model tests check the server's
 * quirks with them, and their raw replies become tool-call corpus cases.
 */

/** One chat completion as it went through the proxy. */
export interface Exchange {
  readonly method: string;
  readonly path: string;
  /** The marrow prompt that sent it (`x-marrow-prompt`), or undefined (the naive loop sends none). */
  readonly prompt: string | undefined;
  /** The parsed request body (undefined for a GET). */
  readonly request: Record<string, unknown> | undefined;
  readonly status: number;
  /** Whether the reply was an SSE stream. */
  readonly streamed: boolean;
  /** SSE `data:` events received, `[DONE]` excluded. */
  readonly events: number;
  /** The reply's text (streamed deltas joined). */
  readonly text: string;
  /** Native tool calls, `arguments` as the raw JSON text the server sent. */
  readonly toolCalls: readonly { readonly name: string; readonly arguments: string }[];
  readonly finishReason: string | null;
  /** Usage as the server reported it; undefined when it reported none (a stream without a usage chunk). */
  readonly usage: { readonly promptTokens: number; readonly completionTokens: number } | undefined;
  /** The error body of a non-2xx reply. */
  readonly error: string | undefined;
  /** From the request to the first content or tool-call delta (streams) or the whole body (otherwise). */
  readonly firstTokenMs: number;
  readonly totalMs: number;
}

/** A running proxy. */
export interface Recorder {
  /** The proxy's base URL: the target's path on the proxy's port. */
  readonly url: string;
  /** Every finished exchange, oldest first. */
  readonly exchanges: Exchange[];
  close(): Promise<void>;
}

interface Delta {
  content?: string | null;
  tool_calls?: { index?: number; function?: { name?: string; arguments?: string } }[];
}
interface Choice {
  delta?: Delta;
  message?: Delta & { tool_calls?: { function?: { name?: string; arguments?: string } }[] };
  finish_reason?: string | null;
}
interface Body {
  choices?: Choice[];
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  error?: unknown;
}

/** Reads an SSE body's `data:` JSON events (what the proxy saw, not what the client parsed). */
function sseEvents(raw: string): Body[] {
  const events: Body[] = [];
  for (const line of raw.split("\n")) {
    const data = line.startsWith("data:") ? line.slice(5).trim() : "";
    if (!data || data === "[DONE]") continue;
    try {
      events.push(JSON.parse(data) as Body);
    } catch {
      // a broken event is the client's problem to report; the record keeps the rest
    }
  }
  return events;
}

function usageOf(body: Body | undefined): Exchange["usage"] {
  const u = body?.usage;
  return u && typeof u.prompt_tokens === "number"
    ? { promptTokens: u.prompt_tokens, completionTokens: u.completion_tokens ?? 0 }
    : undefined;
}

function summarise(raw: string, streamed: boolean) {
  const calls: { name: string; arguments: string }[] = [];
  let text = "";
  let finishReason: string | null = null;
  let usage: Exchange["usage"];
  const bodies = streamed ? sseEvents(raw) : [safeJson(raw)].filter((b): b is Body => b !== undefined);
  for (const body of bodies) {
    usage = usageOf(body) ?? usage;
    const choice = body.choices?.[0];
    if (!choice) continue;
    const part = choice.delta ?? choice.message ?? {};
    text += part.content ?? "";
    (part.tool_calls ?? []).forEach((c, i) => {
      const index = (c as { index?: number }).index ?? i;
      calls[index] ??= { name: "", arguments: "" };
      calls[index].name += c.function?.name ?? "";
      calls[index].arguments += c.function?.arguments ?? "";
    });
    if (choice.finish_reason) finishReason = choice.finish_reason;
  }
  return {
    text,
    toolCalls: calls.filter(Boolean),
    finishReason,
    usage,
    events: streamed ? bodies.length : 0,
  };
}

function safeJson(text: string): Body | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null ? (value as Body) : undefined;
  } catch {
    return undefined;
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of req) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/** Starts a recording proxy in front of `target` (a base URL such as `http://127.0.0.1:8080/v1`). */
export async function startRecorder(target: string): Promise<Recorder> {
  const base = new URL(target);
  const exchanges: Exchange[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const body = await readBody(req);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (typeof v === "string" && k !== "host" && k !== "content-length") headers[k] = v;
    const forward = () =>
      fetch(new URL(req.url ?? "/", base.origin), {
        method: req.method ?? "GET",
        headers,
        ...(body.length > 0 ? { body } : {}),
      });
    // Once more on a fresh connection when the pooled one fails: uvicorn closes a keep-alive connection
    // after a streamed request failed (llama-cpp-python's overflow), and the next request may race it.
    const upstream = await forward()
      .catch(() => forward())
      .catch((error: unknown) => error as Error);
    if (upstream instanceof Error) {
      res.writeHead(502, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: `recorder: ${upstream.message}` } }));
      return;
    }
    const contentType = upstream.headers.get("content-type") ?? "";
    res.writeHead(upstream.status, { "content-type": contentType || "application/octet-stream" });
    const streamed = /event-stream/i.test(contentType);
    let raw = "";
    let firstTokenMs: number | undefined;
    const decoder = new TextDecoder();
    for await (const chunk of upstream.body ?? []) {
      const piece = decoder.decode(chunk as Uint8Array, { stream: true });
      raw += piece;
      if (firstTokenMs === undefined && (!streamed || /"(content|arguments)":\s*"[^"]/.test(piece)))
        firstTokenMs = performance.now() - started;
      res.write(chunk);
    }
    res.end();
    const totalMs = performance.now() - started;
    const request = safeJson(body.toString("utf8")) as Record<string, unknown> | undefined;
    const ok = upstream.status < 300;
    if (!(req.url ?? "").includes("/chat/completions")) return;
    exchanges.push({
      method: req.method ?? "GET",
      path: req.url ?? "/",
      prompt: headers["x-marrow-prompt"],
      request,
      status: upstream.status,
      streamed,
      ...summarise(ok ? raw : "", streamed),
      error: ok ? undefined : raw.slice(0, 2000),
      firstTokenMs: firstTokenMs ?? totalMs,
      totalMs,
    });
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(`recorder: ${(error as Error).message}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base.pathname.replace(/\/$/, "")}`,
    exchanges,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
