import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  answerChat,
  answerOllamaChat,
  errorBody,
  type Json,
  lastUserText,
  sendJson,
} from "./scripted-replies.ts";

/**
 * A real OpenAI-compatible HTTP server that answers from a script, for tests and benchmarks.
 * POST /v1/chat/completions (JSON and SSE), GET /v1/models, and optionally Ollama's /api/version,
 * /api/show and /api/chat. Replies are chosen per `x-marrow-prompt` header and/or the last user
 * message; every request is recorded (headers and parsed body) for assertions; faults are injectable.
 */

/** One scripted reply (or fault). */
export interface ScriptedReply {
  readonly content?: string;
  /** Sent as `reasoning_content` (OpenAI route) or `thinking` (Ollama route). */
  readonly reasoning?: string;
  readonly toolCalls?: readonly {
    readonly id?: string;
    readonly name: string;
    readonly arguments: string | Readonly<Record<string, unknown>>;
  }[];
  /** Default `stop` (`tool_calls` when there are tool calls). */
  readonly finishReason?: string;
  /** Reported usage; `false` leaves it out; default: chars/4 of the request and the reply. */
  readonly usage?: { readonly prompt_tokens: number; readonly completion_tokens: number } | false;
  /** Log-probability of every reply token, sent when the request asks for `logprobs`. */
  readonly logprob?: number;
  /** Wait before answering. */
  readonly delayMs?: number;
  /** Streaming: wait between chunks. */
  readonly chunkDelayMs?: number;
  /** Streaming: characters per content chunk (default 4). */
  readonly chunkSize?: number;
  /**
   * `hang`: never answer. `html`: 200 with an HTML page. `truncated`: cut the body off midway.
   * `malformed_sse`: a broken SSE event. `empty_choices`: `choices: []`. `reset`: drop the connection.
   * `not_json`: 200 with `application/json` but a body that is not JSON. `cut_off` (streaming): the
   * stream ends cleanly after the first content chunk, with no finish_reason and no `[DONE]` (on the
   * Ollama route, no final `done` message).
   */
  readonly fault?:
    | "hang"
    | "html"
    | "truncated"
    | "malformed_sse"
    | "empty_choices"
    | "reset"
    | "not_json"
    | "cut_off";
  /** Answer with this HTTP error status and an OpenAI-style error body. */
  readonly status?: number;
  readonly errorMessage?: string;
  /** Seconds, sent as `Retry-After`. */
  readonly retryAfter?: number;
  /** Milliseconds, sent as `retry-after-ms`. */
  readonly retryAfterMs?: number;
}

/** Replies for the requests a rule matches, consumed in order; the last one repeats. */
export interface ScriptedRule {
  /** Matches the `x-marrow-prompt` header. */
  readonly prompt?: string;
  /** Substring of the last user message. */
  readonly match?: string;
  /** Regular expression (source text) tested against the last user message. */
  readonly matchRegex?: string;
  /** Matches the requested model name. */
  readonly model?: string;
  readonly replies: readonly ScriptedReply[];
}

export interface Script {
  readonly rules?: readonly ScriptedRule[];
  /** Used when no rule matches; default: a 400 naming the prompt, so a missing rule is obvious. */
  readonly fallback?: ScriptedReply;
  /** Served by GET /v1/models; when set, requests for other model names get a 404. */
  readonly models?: readonly string[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  readonly apiKey?: string;
  /** Emulates Ollama's native API. `defaultNumCtx` (2048) applies when a request sends no num_ctx. */
  readonly ollama?: {
    readonly version?: string;
    readonly contextLength?: number;
    readonly defaultNumCtx?: number;
  };
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
  /** Parsed JSON body, or the raw text when it is not JSON, or undefined for no body. */
  // biome-ignore lint/suspicious/noExplicitAny: tests walk recorded bodies freely
  readonly body: any;
  readonly at: number;
}

export interface ScriptedServer {
  /** `http://127.0.0.1:PORT/v1` */
  readonly url: string;
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Replaces the script and restarts every rule's reply sequence. */
  setScript(script: Script): void;
  /** Chat requests (OpenAI and Ollama routes) sent with this `x-marrow-prompt`, or all of them. */
  chatRequests(prompt?: string): RecordedRequest[];
  close(): Promise<void>;
}

/** Starts a scripted server on 127.0.0.1 (port 0 picks a free one). */
export async function startScriptedServer(
  script: Script = {},
  options: { port?: number } = {},
): Promise<ScriptedServer> {
  let current = script;
  let positions = new Map<number, number>();
  const requests: RecordedRequest[] = [];
  let counter = 0;

  function pick(body: Json, headers: Record<string, string>): ScriptedReply {
    const prompt = headers["x-marrow-prompt"];
    const user = lastUserText(body);
    const rules = current.rules ?? [];
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i]!;
      if (rule.prompt !== undefined && rule.prompt !== prompt) continue;
      if (rule.model !== undefined && rule.model !== body.model) continue;
      if (rule.match !== undefined && !user.includes(rule.match)) continue;
      if (rule.matchRegex !== undefined && !new RegExp(rule.matchRegex).test(user)) continue;
      const at = positions.get(i) ?? 0;
      positions.set(i, at + 1);
      const reply = rule.replies[Math.min(at, rule.replies.length - 1)];
      if (reply) return reply;
    }
    return (
      current.fallback ?? {
        status: 400,
        errorMessage: `scripted server: no rule matches prompt ${prompt ?? "(no x-marrow-prompt)"}, user message ${JSON.stringify(user.slice(0, 80))}`,
      }
    );
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(", ") : v;
    // biome-ignore lint/suspicious/noExplicitAny: parsed JSON of any shape, see RecordedRequest.body
    let body: any;
    if (raw !== "") {
      try {
        body = JSON.parse(raw);
      } catch {
        body = raw;
      }
    }
    const path = (req.url ?? "/").split("?")[0]!;
    requests.push({ method: req.method ?? "GET", path, headers, body, at: Date.now() });

    const isChat = path === "/v1/chat/completions" || path === "/chat/completions";
    const isOllamaChat = path === "/api/chat" && current.ollama !== undefined;
    if (current.apiKey !== undefined && (isChat || isOllamaChat || path.endsWith("/models"))) {
      if (headers.authorization !== `Bearer ${current.apiKey}`) {
        sendJson(res, 401, errorBody(401, "Incorrect API key provided"));
        return;
      }
    }
    if (req.method === "GET" && (path === "/v1/models" || path === "/models")) {
      const data = (current.models ?? ["scripted-model"]).map((id) => ({
        id,
        object: "model",
        created: 0,
        owned_by: "scripted",
      }));
      sendJson(res, 200, { object: "list", data });
      return;
    }
    if (req.method === "POST" && (isChat || isOllamaChat)) {
      if (typeof body !== "object" || body === null) {
        sendJson(res, 400, errorBody(400, "request body is not JSON"));
        return;
      }
      if (current.models && !current.models.includes(body.model)) {
        sendJson(res, 404, errorBody(404, `model "${body.model}" not found, try pulling it first`));
        return;
      }
      const reply = pick(body, headers);
      await (isChat
        ? answerChat(reply, body, res, `chatcmpl-${++counter}`)
        : answerOllamaChat(reply, body, res, current.ollama?.defaultNumCtx ?? 2048));
      return;
    }
    if (current.ollama && req.method === "GET" && path === "/api/version") {
      sendJson(res, 200, { version: current.ollama.version ?? "0.6.0" });
      return;
    }
    if (current.ollama && req.method === "POST" && path === "/api/show") {
      const ctx = current.ollama.contextLength ?? 32768;
      sendJson(res, 200, {
        model_info: { "general.architecture": "qwen2", "qwen2.context_length": ctx },
        parameters: "",
      });
      return;
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("404 page not found");
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, errorBody(500, String(error)));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/v1`,
    origin,
    port,
    requests,
    setScript(next: Script) {
      current = next;
      positions = new Map();
    },
    chatRequests(prompt?: string) {
      return requests.filter(
        (r) =>
          r.method === "POST" &&
          (r.path.endsWith("/chat/completions") || r.path === "/api/chat") &&
          (prompt === undefined || r.headers["x-marrow-prompt"] === prompt),
      );
    },
    close() {
      return new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
    },
  };
}
