/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { afterEach, describe, expect, it } from "vitest";
import { makeModel, makeSpec, serve } from "../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import {
  CancelledError,
  ConfigError,
  callPrompt,
  configureRuntime,
  MemoryTraceSink,
  type RuntimeWarning,
  resolveRefs,
  TimeoutError,
} from "../../runtime/index.ts";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
  delete process.env.TEST_MARROW_MODEL;
});

describe("headers", () => {
  it("sends x-marrow-* headers on every request, streaming or not", async () => {
    server = await serve({ rules: [{ prompt: "test_prompt", replies: [{ content: "hi" }] }] });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    await callPrompt(makeSpec(), { text: "a" });
    await callPrompt(makeSpec(), { text: "b" }, { onToken: () => {} });
    const requests = server.chatRequests();
    expect(requests).toHaveLength(2);
    const attempts = sink.ofKind("attempt");
    for (const [i, r] of requests.entries()) {
      expect(r.headers["x-marrow-prompt"]).toBe("test_prompt");
      expect(r.headers["x-marrow-attempt"]).toBe("1");
      expect(r.headers["x-marrow-trace-id"]).toMatch(/^[0-9a-f]{32}$/);
      expect(r.headers["x-marrow-span-id"]).toBe(attempts[i]!.span_id);
      expect(r.headers["x-marrow-trace-id"]).toBe(attempts[i]!.trace_id);
    }
    expect(requests[0]!.headers["x-marrow-trace-id"]).not.toBe(requests[1]!.headers["x-marrow-trace-id"]);
  });

  it("sends the API key only when one is configured", async () => {
    server = await serve({ fallback: { content: "ok" } });
    await callPrompt(makeSpec(), { text: "a" });
    expect(server.chatRequests()[0]!.headers.authorization).toBeUndefined();
    configureRuntime({ apiKey: "sk-local-test-key-1234" });
    await callPrompt(makeSpec(), { text: "a" });
    expect(server.chatRequests()[1]!.headers.authorization).toBe("Bearer sk-local-test-key-1234");
  });

  it("sends the declared sampling settings", async () => {
    server = await serve({ fallback: { content: "ok" } });
    const model = makeModel({ temperature: 0.2, topP: 0.9, stop: ["\n\n"], maxOutput: 64 });
    await callPrompt(makeSpec({ model, temperature: 0, maxOutput: 16 }), { text: "a" });
    const body = server.chatRequests()[0]!.body;
    expect(body).toMatchObject({
      model: "scripted-model",
      temperature: 0,
      top_p: 0.9,
      stop: ["\n\n"],
      max_tokens: 16,
    });
    expect(body.messages).toEqual([{ role: "user", content: "a" }]);
  });

  it("lets a call override max_output", async () => {
    server = await serve({ fallback: { content: "ok" } });
    const model = makeModel({ maxOutput: 4096 });
    await callPrompt(makeSpec({ model }), { text: "a" }, { maxOutput: 1024 });
    await callPrompt(makeSpec({ model, maxOutput: 2048 }), { text: "a" }, { maxOutput: 512 });
    await callPrompt(makeSpec({ model }), { text: "a" });
    expect(server.chatRequests().map((r) => r.body.max_tokens)).toEqual([1024, 512, 4096]);
  });

  it("lets a call override the temperature", async () => {
    server = await serve({ fallback: { content: "ok" } });
    const model = makeModel({ temperature: 0.2 });
    await callPrompt(makeSpec({ model, temperature: 0 }), { text: "a" }, { temperature: 0.7 });
    expect(server.chatRequests()[0]!.body).toMatchObject({ temperature: 0.7 });
  });
});

describe("streaming", () => {
  it("streams text without reasoning and returns the whole reply", async () => {
    server = await serve({ fallback: { content: "<think>let me see</think>Hello there", chunkSize: 3 } });
    const tokens: string[] = [];
    const out = await callPrompt(makeSpec(), { text: "a" }, { onToken: (t) => tokens.push(t) });
    expect(out).toBe("Hello there");
    expect(tokens.join("")).toBe("Hello there");
    expect(tokens.length).toBeGreaterThan(2);
    expect(server.chatRequests()[0]!.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });
});

describe("${VAR} resolution", () => {
  it("resolves references at call time, with defaults", async () => {
    server = await serve({ fallback: { content: "ok" } });
    const spec = makeSpec({ model: makeModel({ model: "${TEST_MARROW_MODEL:-fallback-model}" }) });
    await callPrompt(spec, { text: "a" });
    process.env.TEST_MARROW_MODEL = "from-env";
    await callPrompt(spec, { text: "a" });
    configureRuntime({ env: { TEST_MARROW_MODEL: "from-options" } });
    await callPrompt(spec, { text: "a" });
    expect(server.chatRequests().map((r) => r.body.model)).toEqual([
      "fallback-model",
      "from-env",
      "from-options",
    ]);
  });

  it("names the unset variable and how to set it", async () => {
    server = await serve({ fallback: { content: "ok" } });
    configureRuntime({ baseUrl: "" });
    const saved = process.env.SMALLCODE_BASE_URL;
    delete process.env.SMALLCODE_BASE_URL;
    try {
      const error = await callPrompt(makeSpec(), { text: "a" }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).code).toBe("CONFIG_ERROR");
      expect((error as Error).message).toMatch(
        /SMALLCODE_BASE_URL.*not set.*configureRuntime\(\{ baseUrl \}\)/,
      );
      expect((error as Error).message).toContain("marrow/test.marrow:1");
    } finally {
      if (saved !== undefined) process.env.SMALLCODE_BASE_URL = saved;
    }
  });

  it("treats an empty value like an unset one", () => {
    expect(resolveRefs("${A:-x}/${B}", (n) => (n === "A" ? "" : undefined))).toEqual({
      value: "x/",
      missing: ["B"],
    });
  });
});

describe("timeouts and cancellation", () => {
  it("aborts a hanging request at the prompt's timeout", async () => {
    server = await serve({ fallback: { fault: "hang" } });
    const started = performance.now();
    const error = await callPrompt(makeSpec({ timeoutMs: 150 }), { text: "a" }).catch((e: unknown) => e);
    const took = performance.now() - started;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as TimeoutError).code).toBe("TIMEOUT");
    expect((error as Error).message).toContain(server.url);
    expect(took).toBeGreaterThanOrEqual(140);
    expect(took).toBeLessThan(2000);
  });

  it("times out a stream that stalls midway", async () => {
    server = await serve({ fallback: { content: "slow reply here", chunkSize: 2, chunkDelayMs: 100 } });
    const error = await callPrompt(makeSpec({ timeoutMs: 150 }), { text: "a" }, { onToken: () => {} }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it("stops at once when the caller aborts", async () => {
    server = await serve({ fallback: { fault: "hang" } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const started = performance.now();
    const error = await callPrompt(
      makeSpec({ timeoutMs: 5000 }),
      { text: "a" },
      { signal: controller.signal },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CancelledError);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe("usage", () => {
  it("takes usage from the response", async () => {
    server = await serve({ fallback: { content: "ok", usage: { prompt_tokens: 11, completion_tokens: 3 } } });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    await callPrompt(makeSpec(), { text: "a" });
    expect(sink.ofKind("attempt")[0]).toMatchObject({
      prompt_tokens: 11,
      completion_tokens: 3,
      usage_estimated: false,
    });
  });

  it("estimates chars/4 when the server reports none", async () => {
    server = await serve({ fallback: { content: "12345678", usage: false } });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    await callPrompt(makeSpec(), { text: "x".repeat(40) });
    expect(sink.ofKind("attempt")[0]).toMatchObject({
      prompt_tokens: 10,
      completion_tokens: 2,
      usage_estimated: true,
    });
  });
});

describe("Ollama", () => {
  const ollamaModel = (contextWindow: number) => makeModel({ provider: "ollama", contextWindow });

  it("drives provider ollama through /api/chat with num_ctx from the declared window", async () => {
    server = await serve({ ollama: {}, fallback: { content: "<think>x</think>done" } });
    const out = await callPrompt(makeSpec({ model: ollamaModel(16384), maxOutput: 32 }), { text: "a" });
    expect(out).toBe("done");
    const request = server.chatRequests()[0]!;
    expect(request.path).toBe("/api/chat");
    expect(request.body.options).toMatchObject({ num_ctx: 16384, num_predict: 32 });
    expect(request.headers["x-marrow-prompt"]).toBe("test_prompt");
    expect(request.headers["x-marrow-span-id"]).toMatch(/^[0-9a-f]{16}$/);
  });

  it("streams from /api/chat", async () => {
    server = await serve({ ollama: {}, fallback: { content: "streamed reply" } });
    const tokens: string[] = [];
    const out = await callPrompt(
      makeSpec({ model: ollamaModel(4096) }),
      { text: "a" },
      { onToken: (t) => tokens.push(t) },
    );
    expect(out).toBe("streamed reply");
    expect(tokens.join("")).toBe("streamed reply");
  });

  it("detects Ollama behind openai_compat once per endpoint", async () => {
    server = await serve({ ollama: {}, fallback: { content: "ok" } }, { provider: "auto" });
    await callPrompt(makeSpec(), { text: "a" });
    await callPrompt(makeSpec(), { text: "b" });
    expect(server.requests.filter((r) => r.path === "/api/version")).toHaveLength(1);
    expect(server.chatRequests().map((r) => r.path)).toEqual(["/api/chat", "/api/chat"]);
    expect(server.chatRequests()[0]!.body.options.num_ctx).toBe(8192);
  });

  it("uses the OpenAI route when the endpoint is not Ollama, or when SMALLCODE_PROVIDER says so", async () => {
    server = await serve({ fallback: { content: "ok" } }, { provider: "auto" });
    await callPrompt(makeSpec(), { text: "a" });
    expect(server.chatRequests()[0]!.path).toBe("/v1/chat/completions");
    server.setScript({ ollama: {}, fallback: { content: "ok" } });
    configureRuntime({ provider: "openai_compat" });
    await callPrompt(makeSpec(), { text: "a" });
    expect(server.chatRequests()[1]!.path).toBe("/v1/chat/completions");
    configureRuntime({ provider: "ollama" });
    await callPrompt(makeSpec(), { text: "a" });
    expect(server.chatRequests()[2]!.path).toBe("/api/chat");
  });

  it("reports a prompt cut off by the server's window as truncation", async () => {
    server = await serve({ ollama: {}, fallback: { content: "ok" } });
    const warnings: RuntimeWarning[] = [];
    const sink = new MemoryTraceSink();
    configureRuntime({ onWarning: (w) => warnings.push(w), traceSinks: [sink] });
    await callPrompt(makeSpec({ model: ollamaModel(1024) }), { text: "word ".repeat(1600) });
    expect(warnings.map((w) => w.code)).toEqual(["CONTEXT_OVERFLOW", "CONTEXT_TRUNCATED"]);
    expect(warnings[1]!.message).toMatch(/evaluated 1024 prompt tokens of about 2000 sent \(num_ctx 1024\)/);
    expect(sink.ofKind("attempt")[0]).toMatchObject({ truncated: true, prompt_tokens: 1024 });
  });

  it("does not report truncation for a prompt that fits", async () => {
    server = await serve({ ollama: {}, fallback: { content: "ok" } });
    const warnings: RuntimeWarning[] = [];
    configureRuntime({ onWarning: (w) => warnings.push(w) });
    await callPrompt(makeSpec({ model: ollamaModel(8192) }), { text: "word ".repeat(1600) });
    expect(warnings).toEqual([]);
  });
});
