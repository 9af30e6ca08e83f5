import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Small stand-ins for the model servers endpoint detection tells apart: Ollama, llama.cpp's server,
 * vLLM, LM Studio, a plain OpenAI-compatible server, one that answers HTML, and one that wants a key.
 * Each serves only the routes its real counterpart has that detection asks for.
 */

export type FakeKind = "ollama" | "llamacpp" | "vllm" | "lmstudio" | "openai" | "html" | "auth" | "slow";

export interface FakeOptions {
  readonly models?: readonly string[];
  /** Ollama: model_info context_length; llama.cpp: n_ctx; vLLM: max_model_len; LM Studio: max_context_length. */
  readonly context?: number;
  /** Ollama: `num_ctx` in the model's parameters. LM Studio: loaded_context_length. */
  readonly numCtx?: number;
  /** llama.cpp: put n_ctx at the top level of /props (older builds) instead of default_generation_settings. */
  readonly topLevelNctx?: boolean;
}

export interface FakeServer {
  readonly origin: string;
  /** `origin/v1` */
  readonly url: string;
  readonly requests: { method: string; path: string; body: unknown }[];
  close(): Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function notFound(res: ServerResponse): void {
  res.writeHead(404, { "content-type": "text/plain" });
  res.end("404 page not found");
}

function list(ids: readonly string[], extra: (id: string) => Record<string, unknown> = () => ({})) {
  return { object: "list", data: ids.map((id) => ({ id, object: "model", created: 0, ...extra(id) })) };
}

function handler(kind: FakeKind, o: FakeOptions) {
  const models = o.models ?? ["test-model"];
  return (req: IncomingMessage, res: ServerResponse, path: string, body: unknown) => {
    const get = req.method === "GET";
    if (kind === "html") {
      res.writeHead(200, { "content-type": "text/html" });
      res.end("<!doctype html><html><body>Welcome</body></html>");
      return;
    }
    if (kind === "auth") return json(res, 401, { error: { message: "Incorrect API key provided" } });
    if (kind === "slow") return; // never answers
    if (get && path === "/v1/models") {
      const extra =
        kind === "vllm"
          ? () => ({ owned_by: "vllm", max_model_len: o.context ?? 32768 })
          : () => ({ owned_by: kind === "llamacpp" ? "llamacpp" : "organization_owner" });
      return json(res, 200, list(models, extra));
    }
    if (kind === "ollama" && get && path === "/api/version") return json(res, 200, { version: "0.6.5" });
    if (kind === "ollama" && req.method === "POST" && path === "/api/show") {
      const name = (body as { model?: string }).model;
      if (!name || !models.some((m) => m === name || m === `${name}:latest`)) {
        return json(res, 404, { error: `model '${name}' not found` });
      }
      return json(res, 200, {
        parameters: o.numCtx
          ? `num_ctx                        ${o.numCtx}\nstop "<|im_end|>"`
          : 'stop "<|im_end|>"',
        model_info: { "general.architecture": "qwen2", "qwen2.context_length": o.context ?? 32768 },
      });
    }
    if (kind === "llamacpp" && get && path === "/props") {
      const n = o.context ?? 4096;
      return json(
        res,
        200,
        o.topLevelNctx ? { n_ctx: n } : { default_generation_settings: { n_ctx: n }, total_slots: 1 },
      );
    }
    if (kind === "lmstudio" && get && path === "/api/v0/models") {
      return json(
        res,
        200,
        list(models, () => ({
          type: "llm",
          state: o.numCtx ? "loaded" : "not-loaded",
          max_context_length: o.context ?? 131072,
          ...(o.numCtx ? { loaded_context_length: o.numCtx } : {}),
        })),
      );
    }
    if (kind === "lmstudio" && path.startsWith("/api/")) {
      return json(res, 200, { error: "Unexpected endpoint or method." }); // LM Studio answers 200 with an error
    }
    return notFound(res);
  };
}

/** Starts a fake server of `kind` on 127.0.0.1. */
export async function startFake(kind: FakeKind, options: FakeOptions = {}): Promise<FakeServer> {
  const requests: FakeServer["requests"] = [];
  const handle = handler(kind, options);
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const body = raw === "" ? undefined : (JSON.parse(raw) as unknown);
    const path = (req.url ?? "/").split("?")[0]!;
    requests.push({ method: req.method ?? "GET", path, body });
    handle(req, res, path, body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: `${origin}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A base URL where nothing listens (a port that was free a moment ago). */
export async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}/v1`;
}

/** The agent's model calls for "write hello.txt": classify, pick categories, act (a tool call, then the answer). */
export const WRITE_HELLO_SCRIPT = {
  models: ["scripted-model"],
  rules: [
    { prompt: "classify_task_type", replies: [{ content: "coding" }] },
    { prompt: "pick_tool_categories", replies: [{ content: '["write"]' }] },
    {
      prompt: "act",
      replies: [
        { toolCalls: [{ name: "write_file", arguments: { path: "hello.txt", content: "hello\n" } }] },
        { content: "I created hello.txt." },
      ],
    },
  ],
  fallback: { content: "ok" },
};
