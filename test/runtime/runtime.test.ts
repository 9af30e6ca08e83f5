import { afterEach, describe, expect, it } from "vitest";
import { labelSpec, makeModel, makeSpec } from "../../cli/testkit/make-spec.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import {
  type CallUsage,
  CancelledError,
  type ChatRequest,
  ConfigError,
  callPrompt,
  createRuntime,
  EndpointError,
  MemoryCacheStore,
  MemoryTraceSink,
  type ModelClient,
  type RuntimeOptions,
} from "../../runtime/index.ts";

/** The runtime as an object: runtimes side by side, usage with each call, clients swapped in. */

const servers: ScriptedServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function server(content: string): Promise<ScriptedServer> {
  const s = await startScriptedServer({
    fallback: { content, usage: { prompt_tokens: 10, completion_tokens: 2 } },
  });
  servers.push(s);
  return s;
}

const quiet = (options: RuntimeOptions): RuntimeOptions => ({
  traceDir: false,
  cognitionLog: "",
  provider: "openai_compat",
  apiKey: "",
  ...options,
});

const cached = () => makeSpec({ cache: { ttlMs: 60_000 } });

describe("runtimes side by side", () => {
  it("two runtimes with different endpoints and caches serve concurrent calls, each its own", async () => {
    const [a, b] = [await server("from a"), await server("from b")];
    const storeA = new MemoryCacheStore();
    const storeB = new MemoryCacheStore();
    const sinkA = new MemoryTraceSink();
    const rtA = createRuntime(
      quiet({ baseUrl: a.url, model: "model-a", cache: storeA, traceSinks: [sinkA] }),
    );
    const rtB = createRuntime(quiet({ baseUrl: b.url, model: "model-b", cache: storeB }));
    // each runtime calls twice in a row; the two runtimes at the same time
    const twice = async (runtime: typeof rtA, text: string) => [
      await callPrompt(cached(), { text }, { runtime }),
      await callPrompt(cached(), { text }, { runtime }),
    ];
    expect(await Promise.all([twice(rtA, "q0"), twice(rtB, "q1")])).toEqual([
      ["from a", "from a"],
      ["from b", "from b"],
    ]);
    // the second call on each runtime was a hit in that runtime's own cache
    expect(a.chatRequests().map((r) => r.body.model)).toEqual(["model-a"]);
    expect(b.chatRequests().map((r) => r.body.model)).toEqual(["model-b"]);
    // same input, other runtime: a miss there, so B's server answers and A's cache is not read
    expect(await callPrompt(cached(), { text: "q0" }, { runtime: rtB })).toBe("from b");
    expect(b.chatRequests()).toHaveLength(2);
    expect(sinkA.ofKind("attempt").map((s) => s.endpoint)).toEqual([a.url]);
    expect(sinkA.ofKind("cache_hit")).toHaveLength(1);
  });

  it("budgets are per runtime unless shared", async () => {
    const a = await server("ok");
    const rt = createRuntime(quiet({ baseUrl: a.url }));
    const other = createRuntime(quiet({ baseUrl: a.url }));
    const derived = rt.derive({ model: "x" });
    const policy = {
      name: "cap",
      costBudgets: [
        {
          scope: { kind: "per_session" as const },
          windowMs: 60_000,
          cap: { kind: "calls" as const, max: 5 },
          onExceeded: { action: "error" as const },
        },
      ],
      audit: false,
      source: { file: "t", line: 1 },
    };
    await callPrompt(makeSpec({ policies: [policy] }), { text: "a" }, { runtime: rt });
    await callPrompt(makeSpec({ policies: [policy] }), { text: "a" }, { runtime: derived });
    expect(rt.remainingBudget()[0]!.used).toBe(2);
    expect(other.remainingBudget({ policies: [policy] })[0]!.used).toBe(0);
  });
});

describe("usage with each call", () => {
  it("runtime.call returns the value and the usage of every request, repairs included; none on a hit", async () => {
    const s = await startScriptedServer({
      rules: [
        {
          replies: [
            { content: "banana", usage: { prompt_tokens: 7, completion_tokens: 1 } },
            { content: "yes", usage: { prompt_tokens: 9, completion_tokens: 1 } },
          ],
        },
      ],
    });
    servers.push(s);
    const rt = createRuntime(quiet({ baseUrl: s.url }));
    const seen: CallUsage[] = [];
    const spec = labelSpec(["yes", "no"], {
      onInvalid: "retry_with_repair_prompt",
      retry: { maxAttempts: 2, backoff: "fixed", intervalMs: 1 },
      cache: { ttlMs: 60_000 },
    });
    const first = await rt.call(spec, { text: "ok?" }, { onUsage: (u) => seen.push(u) });
    expect(first).toEqual({
      value: "yes",
      usage: { calls: 2, promptTokens: 16, completionTokens: 2 },
      cacheHit: false,
      attempts: 2,
    });
    expect(seen).toEqual([
      { prompt: "test_prompt", model: "TestModel", promptTokens: 7, completionTokens: 1, estimated: false },
      { prompt: "test_prompt", model: "TestModel", promptTokens: 9, completionTokens: 1, estimated: false },
    ]);
    const again = await rt.call(spec, { text: "ok?" }, { onUsage: (u) => seen.push(u) });
    expect(again).toMatchObject({ value: "yes", cacheHit: true, usage: { calls: 0 } });
    expect(seen).toHaveLength(2);
  });
});

/** An in-process provider, as the embedded model will be: no HTTP, the same contract. */
function inProcess(log: ChatRequest[]): ModelClient {
  return {
    async chat(request) {
      log.push(request);
      if (request.messages.some((m) => m.content === "wait")) {
        await new Promise((_, reject) =>
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true }),
        );
      }
      const text = `echo: ${request.messages.at(-1)?.content}`;
      for (const piece of text.split(" ")) request.onToken?.(`${piece} `);
      return {
        text,
        reasoning: "",
        toolCalls: [],
        finishReason: "stop",
        usage: { promptTokens: request.promptTokens, completionTokens: 3, estimated: false },
      };
    },
    contextWindow: async () => 4096,
  };
}

describe("model clients", () => {
  const embedded = makeModel({ name: "Local", provider: "embedded", endpoint: "", model: "tiny.gguf" });

  it("a client registered for a provider serves its models in process, with tokens, usage, spans and cancel", async () => {
    const log: ChatRequest[] = [];
    const sink = new MemoryTraceSink();
    const rt = createRuntime(quiet({ clients: { embedded: inProcess(log) }, traceSinks: [sink] }));
    const spec = makeSpec({ model: embedded, maxOutput: 32, temperature: 0.1 });
    const tokens: string[] = [];
    const result = await rt.call(spec, { text: "hello" }, { onToken: (t) => tokens.push(t) });
    expect(result.value).toBe("echo: hello");
    expect(tokens.join("")).toBe("echo: hello ");
    expect(result.usage).toMatchObject({ calls: 1, completionTokens: 3 });
    expect(log[0]).toMatchObject({
      maxTokens: 32,
      temperature: 0.1,
      model: { endpoint: "", model: "tiny.gguf" },
    });
    expect(sink.ofKind("attempt")[0]).toMatchObject({ model: "Local", status: "ok", completion_tokens: 3 });
    expect(await rt.contextWindow(embedded)).toBe(4096);
    const controller = new AbortController();
    const pending = rt.call(spec, { text: "wait" }, { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(CancelledError);
  });

  it("a client can replace the built-in one for openai_compat; a provider nobody serves is a ConfigError", async () => {
    const log: ChatRequest[] = [];
    const rt = createRuntime(
      quiet({ baseUrl: "http://127.0.0.1:9/v1", clients: { openai_compat: inProcess(log) } }),
    );
    expect(await callPrompt(makeSpec(), { text: "hi" }, { runtime: rt })).toBe("echo: hi");
    expect(log[0]!.headers["x-marrow-prompt"]).toBe("test_prompt");
    const bare = createRuntime(quiet({}));
    const error = await bare.call(makeSpec({ model: embedded }), { text: "hi" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/no model client serves provider `embedded`; register one/);
    expect(error).not.toBeInstanceOf(EndpointError);
  });
});
