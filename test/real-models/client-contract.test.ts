import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LlamaServer,
  realModelsSkipReason,
  startLlamaServer,
  testModel,
} from "../../cli/testkit/test-models.ts";
import {
  type ChatRequest,
  createEmbeddedClient,
  EndpointError,
  type ModelClient,
  type ModelSpec,
  type NativeTool,
} from "../../runtime/index.ts";
import { createOpenAIClient } from "../../runtime/openai-client.ts";

/**
 * One contract for SmallCode's two real model routes, held against a real model (SmolLM2-135M, the
 * smallest test model): llama-cpp-python's OpenAI-compatible server through the runtime's openai
 * client, and the same GGUF run in process by the embedded client. The cases check what the runtime
 * relies on, not what the model is good at: streamed tokens that add up to the reply, usage, the
 * `max_tokens` cut, an agent's tool-call turn sent back as history, and a prompt beyond the window as
 * a final error that says so. The server's quirks (docs/models.md) are what the server route must
 * absorb: no usage when streaming, a 500 on `content: null`, an empty stream on overflow.
 */

const N_CTX = 2048;
const skip = realModelsSkipReason(["smollm2-135m"], true);
if (skip) console.warn(`real-model client contract skipped: ${skip}`);

const { models } = (await import("../../generated/index.ts")) as unknown as {
  models: Record<string, ModelSpec>;
};
const SPEC = models.DefaultCoder ?? Object.values(models)[0]!;

interface Route {
  readonly name: "server" | "embedded";
  readonly client: ModelClient;
  readonly model: ChatRequest["model"];
  /** The window the route enforces. */
  readonly window: number;
}

let server: LlamaServer | undefined;
const routes: Route[] = [];

beforeAll(async () => {
  if (skip) return;
  const file = testModel("smollm2-135m");
  server = await startLlamaServer({ modelFile: file, alias: "smollm2-135m", nCtx: N_CTX });
  routes.push({
    name: "server",
    client: createOpenAIClient(),
    model: { spec: SPEC, endpoint: server.url, model: server.model, apiKey: "" },
    window: N_CTX,
  });
  routes.push({
    name: "embedded",
    // no decode grammar: this contract is the plumbing both routes share (the grammar has its own tests)
    client: createEmbeddedClient({
      modelFile: file,
      threads: Number(process.env.SMALLCODE_THREADS ?? 2),
      grammar: "none",
    }),
    model: {
      spec: { ...SPEC, contextWindow: N_CTX } as ModelSpec,
      endpoint: "",
      model: "smollm2-135m",
      apiKey: "",
      modelFile: file,
    },
    window: N_CTX,
  });
}, 300_000);

afterAll(async () => {
  for (const r of routes) await r.client.close?.();
  await server?.close();
});

function request(route: Route, extra: Partial<ChatRequest>): ChatRequest {
  const messages = extra.messages ?? [];
  return {
    model: route.model,
    messages,
    temperature: 0,
    headers: { "x-marrow-prompt": "contract" },
    signal: new AbortController().signal,
    timeoutMs: 300_000,
    promptTokens: Math.ceil(JSON.stringify(messages).length / 4),
    ...extra,
  };
}

const route = (name: Route["name"]) => {
  const r = routes.find((x) => x.name === name);
  if (!r) throw new Error(`route ${name} did not start (see beforeAll)`);
  return r;
};

describe.skipIf(skip !== undefined).each(["server", "embedded"] as const)("%s route", (name) => {
  it("streams tokens that add up to the reply, with usage and a finish reason", async () => {
    const chunks: string[] = [];
    const reply = await route(name).client.chat(
      request(route(name), {
        messages: [{ role: "user", content: "Write the word hello three times." }],
        maxTokens: 24,
        onToken: (t) => chunks.push(t),
      }),
    );
    expect(reply.text.length).toBeGreaterThan(0);
    expect(chunks.join("")).toBe(reply.text);
    expect(["stop", "length"]).toContain(reply.finishReason);
    // llama-cpp-python ignores stream_options.include_usage: the runtime estimates instead of reporting 0
    expect(reply.usage.promptTokens).toBeGreaterThan(0);
    expect(reply.usage.completionTokens).toBeGreaterThan(0);
  }, 300_000);

  it("stops at max_tokens with finish reason length", async () => {
    const reply = await route(name).client.chat(
      request(route(name), {
        messages: [{ role: "user", content: "Count from 1 to 200, one number per line." }],
        maxTokens: 5,
      }),
    );
    expect(reply.finishReason).toBe("length");
    expect(reply.usage.completionTokens).toBeLessThanOrEqual(6);
  }, 300_000);

  it("takes an agent's tool-call turn (no text, one call) and its result back as history", async () => {
    const tools = [
      {
        type: "function",
        function: {
          name: "read_file",
          description: "Read a file of the project.",
          parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
        },
      },
    ] as unknown as NativeTool[];
    const reply = await route(name).client.chat(
      request(route(name), {
        messages: [
          { role: "system", content: "You are a coding agent." },
          { role: "user", content: "What does notes.txt say?" },
          {
            role: "assistant",
            content: null,
            tool_calls: [
              {
                id: "call_1",
                type: "function",
                function: { name: "read_file", arguments: '{"path":"notes.txt"}' },
              },
            ],
          },
          { role: "tool", tool_call_id: "call_1", content: "buy milk" },
        ],
        tools,
        maxTokens: 16,
      }),
    );
    expect(typeof reply.text).toBe("string");
    expect(reply.finishReason).not.toBeNull();
  }, 300_000);

  it("refuses a prompt beyond the window with a final error that gives the window", async () => {
    const long = Array.from({ length: 3000 }, (_, i) => `item${i}`).join(" ");
    const error = await route(name)
      .client.chat(
        request(route(name), {
          messages: [{ role: "user", content: long }],
          maxTokens: 16,
          onToken: () => {},
        }),
      )
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(EndpointError);
    const e = error as EndpointError;
    expect(e.retryable).toBe(false);
    expect(e.status).toBe(400);
    expect(e.message).toContain(String(route(name).window));
  }, 300_000);
});
