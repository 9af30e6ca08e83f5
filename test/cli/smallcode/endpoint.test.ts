import { afterAll, describe, expect, it } from "vitest";
import {
  checkEndpoint,
  type Detection,
  detectEndpoint,
  effectiveWindow,
  unreachableMessage,
} from "../../../cli/smallcode/endpoint/index.ts";
import { deadUrl, type FakeKind, type FakeOptions, type FakeServer, startFake } from "./servers.ts";

const servers: FakeServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function fake(kind: FakeKind, options: FakeOptions = {}): Promise<FakeServer> {
  const server = await startFake(kind, options);
  servers.push(server);
  return server;
}

describe("detectEndpoint: each kind of server", () => {
  it("Ollama: /api/version, then /api/show's model_info context_length", async () => {
    const s = await fake("ollama", {
      models: ["qwen2.5-coder:7b", "llama3:latest"],
      context: 32768,
      numCtx: 8192,
    });
    const d = await detectEndpoint({ baseUrl: s.url, models: ["qwen2.5-coder:7b", "llama3"] });
    expect(d).toMatchObject({
      reachable: true,
      kind: "ollama",
      version: "0.6.5",
      listed: ["qwen2.5-coder:7b", "llama3:latest"],
    });
    expect(d.problem).toBeUndefined();
    expect(d.windows).toEqual([
      {
        name: "qwen2.5-coder:7b",
        listed: true,
        window: 32768,
        source: "Ollama /api/show model_info context_length",
      },
      { name: "llama3", listed: true, window: 32768, source: "Ollama /api/show model_info context_length" },
    ]);
    expect(s.requests.filter((r) => r.path === "/api/show").map((r) => r.body)).toEqual([
      { model: "qwen2.5-coder:7b" },
      { model: "llama3" },
    ]);
  });

  it("Ollama through its OpenAI route: the parameters' num_ctx, or Ollama's default", async () => {
    const s = await fake("ollama", { models: ["m"], context: 32768, numCtx: 8192 });
    const d = await detectEndpoint({ baseUrl: s.url, models: ["m"], provider: "openai_compat" });
    expect(d.windows[0]).toMatchObject({ window: 8192, source: "Ollama parameters num_ctx (OpenAI route)" });
    const plain = await fake("ollama", { models: ["m"], context: 32768 });
    const d2 = await detectEndpoint({ baseUrl: plain.url, models: ["m"], provider: "openai_compat" });
    expect(d2.windows[0]).toMatchObject({ window: 2048, source: "Ollama default num_ctx (OpenAI route)" });
  });

  it("llama.cpp server: /props n_ctx, in either place", async () => {
    const s = await fake("llamacpp", { models: ["qwen.gguf"], context: 4096 });
    const d = await detectEndpoint({ baseUrl: s.url, models: ["anything"] });
    expect(d.kind).toBe("llamacpp");
    expect(d.windows).toEqual([
      { name: "anything", listed: false, window: 4096, source: "llama.cpp /props n_ctx" },
    ]);
    const old = await fake("llamacpp", { context: 2048, topLevelNctx: true });
    expect((await detectEndpoint({ baseUrl: old.url, models: ["x"] })).windows[0]?.window).toBe(2048);
  });

  it("vLLM: max_model_len from /v1/models", async () => {
    const s = await fake("vllm", { models: ["Qwen/Qwen2.5-Coder-7B-Instruct"], context: 16384 });
    const d = await detectEndpoint({ baseUrl: s.url, models: ["Qwen/Qwen2.5-Coder-7B-Instruct"] });
    expect(d.kind).toBe("vllm");
    expect(d.windows[0]).toEqual({
      name: "Qwen/Qwen2.5-Coder-7B-Instruct",
      listed: true,
      window: 16384,
      source: "vLLM /v1/models max_model_len",
    });
  });

  it("LM Studio: /api/v0/models, the loaded window first", async () => {
    const loaded = await fake("lmstudio", { models: ["qwen2.5-coder-7b"], context: 131072, numCtx: 8192 });
    const d = await detectEndpoint({ baseUrl: loaded.url, models: ["qwen2.5-coder-7b"] });
    expect(d.kind).toBe("lmstudio");
    expect(d.windows[0]).toMatchObject({
      window: 8192,
      source: "LM Studio /api/v0/models loaded_context_length",
    });
    const idle = await fake("lmstudio", { models: ["qwen2.5-coder-7b"], context: 32768 });
    const d2 = await detectEndpoint({ baseUrl: idle.url, models: ["qwen2.5-coder-7b"] });
    expect(d2.windows[0]).toMatchObject({
      window: 32768,
      source: "LM Studio /api/v0/models max_context_length",
    });
  });

  it("another OpenAI-compatible server: models listed, no window known", async () => {
    const s = await fake("openai", { models: ["gpt-x"] });
    const d = await detectEndpoint({ baseUrl: `${s.url}/`, models: ["gpt-x"] });
    expect(d).toMatchObject({
      baseUrl: s.url,
      kind: "openai",
      listed: ["gpt-x"],
      windows: [{ name: "gpt-x", listed: true }],
    });
    expect(d.windows[0]?.window).toBeUndefined();
  });

  it("runs the probes in parallel, each with a short timeout", async () => {
    const s = await fake("slow");
    const started = Date.now();
    const d = await detectEndpoint({ baseUrl: s.url, models: ["m"], timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(d.reachable).toBe(false);
    expect(d.problem?.message).toContain("no answer within 300 ms");
  });
});

describe("detectEndpoint: problems", () => {
  it("nothing listening", async () => {
    const url = await deadUrl();
    const d = await detectEndpoint({ baseUrl: url, models: ["m"] });
    expect(d).toMatchObject({ reachable: false, problem: { code: "unreachable" } });
    expect(checkEndpoint(d, { baseUrl: url, model: "m" })).toEqual({
      ok: false,
      message: `no model server answered at ${url} — start Ollama (\`ollama serve\`) or LM Studio, or pass --base-url / set SMALLCODE_BASE_URL`,
    });
  });

  it("an HTML page", async () => {
    const s = await fake("html");
    const d = await detectEndpoint({ baseUrl: s.url, models: ["m"] });
    expect(d.problem).toEqual({
      code: "html",
      message: `GET ${s.url}/models answered with an HTML page, not the OpenAI API — is the base URL right? (it usually ends in /v1)`,
    });
    expect(checkEndpoint(d, { baseUrl: s.url, model: "m" })).toMatchObject({
      ok: false,
      message: d.problem?.message,
    });
  });

  it("a server that wants an API key, and sends the key when given", async () => {
    const s = await fake("auth");
    const d = await detectEndpoint({ baseUrl: s.url, models: ["m"], apiKey: "k-1" });
    expect(d.problem?.code).toBe("unauthorized");
    expect(d.problem?.message).toContain("the server rejected the API key");
    const none = await detectEndpoint({ baseUrl: s.url, models: ["m"] });
    expect(none.problem?.message).toContain("pass --api-key-env VAR or set SMALLCODE_API_KEY");
  });

  it("Ollama's root given as the base URL", async () => {
    const s = await fake("ollama");
    const d = await detectEndpoint({ baseUrl: s.origin, models: ["test-model"] });
    expect(d.problem).toEqual({
      code: "wrong_path",
      message: `${s.origin} is Ollama's server root; its OpenAI-compatible route is ${s.origin}/v1 — pass --base-url ${s.origin}/v1`,
    });
  });
});

function detection(over: Partial<Detection>): Detection {
  return { baseUrl: "http://h/v1", reachable: true, kind: "ollama", windows: [], notes: [], ms: 1, ...over };
}

describe("checkEndpoint", () => {
  it("names a missing model with did-you-mean and the models there", () => {
    const d = detection({ listed: ["qwen2.5-coder:7b", "llama3:latest"] });
    expect(checkEndpoint(d, { baseUrl: d.baseUrl, model: "qwen2.5-coder" })).toEqual({
      ok: false,
      message:
        "model `qwen2.5-coder` is not available at http://h/v1 (did you mean `qwen2.5-coder:7b`?)\n" +
        "  Ollama has: qwen2.5-coder:7b, llama3:latest\n" +
        "  fix: pass --model qwen2.5-coder:7b or set SMALLCODE_MODEL, or fetch it with `ollama pull qwen2.5-coder`",
    });
    const strong = checkEndpoint(d, { baseUrl: d.baseUrl, model: "llama3", modelStrong: "qwen3" });
    expect(strong.ok).toBe(false);
    if (!strong.ok) expect(strong.message).toContain("fix: pass --model-strong");
  });

  it("accepts Ollama's implicit :latest, and any name on llama.cpp", () => {
    const d = detection({ listed: ["llama3:latest"] });
    expect(checkEndpoint(d, { baseUrl: d.baseUrl, model: "llama3" })).toMatchObject({
      ok: true,
      model: "llama3",
    });
    const l = detection({ kind: "llamacpp", listed: ["x.gguf"] });
    expect(checkEndpoint(l, { baseUrl: l.baseUrl, model: "whatever" }).ok).toBe(true);
  });

  it("uses the only model on the server when none is configured, and asks otherwise", () => {
    const one = checkEndpoint(detection({ listed: ["solo"] }), { baseUrl: "http://h/v1" });
    expect(one).toEqual({
      ok: true,
      model: "solo",
      modelStrong: "solo",
      notes: ["no model configured; using `solo`, the only one the server has"],
    });
    const many = checkEndpoint(detection({ listed: ["a", "b"] }), { baseUrl: "http://h/v1" });
    expect(many).toEqual({
      ok: false,
      message:
        "no model is configured; the server at http://h/v1 has: a, b\n  fix: pass --model a or set SMALLCODE_MODEL=a",
    });
  });

  it("passes on the smaller of the server's and the configured window, or nothing when neither is known", () => {
    const d = detection({ listed: ["m"], windows: [{ name: "m", window: 32768 }] });
    expect(checkEndpoint(d, { baseUrl: d.baseUrl, model: "m" })).toMatchObject({ contextWindow: 32768 });
    expect(checkEndpoint(d, { baseUrl: d.baseUrl, model: "m", contextWindow: 8192 })).toMatchObject({
      contextWindow: 8192,
    });
    const unknown = checkEndpoint(detection({ listed: ["m"] }), { baseUrl: "http://h/v1", model: "m" });
    expect(unknown.ok && unknown.contextWindow).toBeUndefined();
    expect(effectiveWindow(undefined, undefined)).toBeUndefined();
    expect(effectiveWindow(4096, 8192)).toBe(4096);
  });

  it("says where base_url came from, and mentions --sim only when it exists", () => {
    expect(unreachableMessage("http://x/v1", "smallcode.toml:3")).toContain(
      "at http://x/v1 (base_url from smallcode.toml:3) —",
    );
    expect(unreachableMessage("http://x/v1", "default")).not.toContain("base_url from");
    expect(unreachableMessage("http://x/v1")).not.toContain("--sim");
    expect(unreachableMessage("http://x/v1", undefined, true)).toContain(
      "\nto try SmallCode without a model, run `smallcode bench --sim clean` (a simulated model)",
    );
  });
});
