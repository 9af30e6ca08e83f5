/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeModel, makeSpec, makeTool } from "../../../cli/testkit/make-spec.ts";
import { testModel } from "../../../cli/testkit/test-models.ts";
import type { ChatRequest, NativeTool } from "../../../runtime/client.ts";
import { resolveModelWith } from "../../../runtime/env.ts";
import { CancelledError, ConfigError, EndpointError, InvalidOutputError } from "../../../runtime/errors.ts";
import {
  type AgentTurn,
  createEmbeddedClient,
  createRuntime,
  MemoryTraceSink,
} from "../../../runtime/index.ts";
import type { ModelSpec } from "../../../runtime/spec.ts";

/**
 * The embedded client against a real model (SmolLM2-135M, the smallest test model), with the
 * contract the HTTP clients keep. Short replies, temperature 0, one thread: vitest runs other test
 * files beside this one, and llama.cpp's threads slow down badly when they have to share cores.
 */

const FILE = testModel("smollm2-135m");
let loads = 0;
const client = createEmbeddedClient({
  modelFile: FILE,
  threads: 1,
  onLoadProgress: (f) => {
    if (f === 1) loads++;
  },
});
afterAll(() => client.close());

function embedded(overrides: Partial<ModelSpec> = {}) {
  return resolveModelWith(
    makeModel({ name: "Smol", provider: "embedded", endpoint: "", model: "", ...overrides }),
    () => undefined,
  );
}

function request(text: string, overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: embedded(),
    messages: [
      { role: "system", content: "You are a helpful assistant." },
      { role: "user", content: text },
    ],
    temperature: 0,
    maxTokens: 12,
    headers: {},
    signal: new AbortController().signal,
    timeoutMs: 60_000,
    promptTokens: 0,
    ...overrides,
  };
}

const TOOLS: NativeTool[] = [
  {
    type: "function",
    function: {
      name: "read_file",
      description: "Read a file of the project",
      parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
    },
  },
  {
    type: "function",
    function: {
      name: "run",
      description: "Run a shell command",
      parameters: {
        type: "object",
        properties: { command: { type: "string" }, timeout_s: { type: "integer" } },
        required: ["command"],
      },
    },
  },
];

// A model on a shared 2-core machine is slow at times: generous limits, no timed assertions.
/** A GGUF v3 file with these metadata (strings and uint32s) and no tensors: a real header, no weights. */
function ggufHeader(metadata: Record<string, string | number>): Buffer {
  const parts: Buffer[] = [Buffer.from("GGUF", "latin1")];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    return b;
  };
  const u64 = (n: number) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    return b;
  };
  const str = (text: string) => Buffer.concat([u64(Buffer.byteLength(text)), Buffer.from(text)]);
  parts.push(u32(3), u64(0), u64(Object.keys(metadata).length));
  for (const [key, value] of Object.entries(metadata)) {
    parts.push(
      str(key),
      typeof value === "string" ? Buffer.concat([u32(8), str(value)]) : Buffer.concat([u32(4), u32(value)]),
    );
  }
  return Buffer.concat(parts);
}

describe("embedded client (SmolLM2-135M)", { timeout: 180_000 }, () => {
  it("reads the window and the facts from the GGUF metadata", async () => {
    const info = await client.info();
    expect(info).toMatchObject({
      file: FILE,
      architecture: "llama",
      quantisation: "Q4_1",
      trainContextSize: 8192,
      chatTemplate: true,
      threads: 1,
    });
    expect(info.sizeBytes).toBeGreaterThan(90e6);
    // The declared window caps the trained one, and never the other way round.
    expect(await client.contextWindow!(embedded({ contextWindow: 32768 }))).toBe(8192);
    expect(await client.contextWindow!(embedded({ contextWindow: 2048 }))).toBe(2048);
  });

  it("streams text whose chunks make the reply, with real usage, loading the model once", async () => {
    expect((await client.load()).contextWindow).toBe(8192);
    const chunks: string[] = [];
    const reply = await client.chat(request("Say hello.", { onToken: (t) => chunks.push(t) }));
    expect(reply.text.length).toBeGreaterThan(0);
    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.join("")).toBe(reply.text);
    expect(reply.usage.estimated).toBe(false);
    expect(reply.usage.promptTokens).toBeGreaterThan(10);
    expect(reply.usage.completionTokens).toBeGreaterThan(0);
    expect(reply.usage.completionTokens).toBeLessThanOrEqual(12);
    // Turn 2 extends turn 1: the same loaded model, its prompt mostly served from the KV cache.
    const second = await client.chat(
      request("", {
        messages: [
          { role: "system", content: "You are a helpful assistant." },
          { role: "user", content: "Say hello." },
          { role: "assistant", content: reply.text },
          { role: "user", content: "Again." },
        ],
      }),
    );
    expect(second.metrics?.cached_tokens).toBeGreaterThan(reply.usage.promptTokens / 2);
    expect(loads).toBe(1);
  });

  it("stops at maxTokens with finish reason length", async () => {
    const reply = await client.chat(request("Count from 1 to 100, separated by commas.", { maxTokens: 3 }));
    expect(reply.finishReason).toBe("length");
    expect(reply.usage.completionTokens).toBe(3);
  });

  it("stops when the signal aborts and rethrows its reason", async () => {
    const controller = new AbortController();
    const reason = new Error("cancelled by the test");
    let seen = 0;
    const run = client.chat(
      request("Count from 1 to 100, separated by commas.", {
        maxTokens: 200,
        signal: controller.signal,
        onToken: () => {
          if (++seen === 2) controller.abort(reason);
        },
      }),
    );
    await expect(run).rejects.toBe(reason);
    expect(seen).toBeLessThan(20);
  });

  it("lets a request queued behind another stop when its own signal aborts", async () => {
    const first = new AbortController();
    const second = new AbortController();
    const reason = new Error("the queued request was cancelled");
    let firstSettled = false;
    // Each token of the first request counts; `tokensAfter(n)` resolves n tokens from now.
    let tokens = 0;
    const waiters: { at: number; resolve: () => void }[] = [];
    const tokensAfter = (n: number) =>
      new Promise<void>((resolve) => waiters.push({ at: tokens + n, resolve }));
    const running = client
      .chat(
        request("Count from 1 to 300, separated by commas.", {
          maxTokens: 400,
          signal: first.signal,
          onToken: () => {
            tokens += 1;
            for (const w of waiters) if (w.at <= tokens) w.resolve();
          },
        }),
      )
      .finally(() => {
        firstSettled = true;
      });
    // Only once the first request generates is the second surely queued behind it (both resolve their
    // settings first, in whatever order their file lookups finish); a few tokens later it waits in the queue.
    await tokensAfter(1);
    const queued = client.chat(request("Say hello.", { signal: second.signal }));
    await tokensAfter(5);
    second.abort(reason);
    await expect(queued).rejects.toBe(reason);
    expect(firstSettled).toBe(false);
    first.abort(new Error("done"));
    await expect(running).rejects.toThrow("done");
  });

  it("constrains an act turn to one well-formed call with the grammar", async () => {
    const reply = await client.chat(request("Read the file src/main.py", { tools: TOOLS, maxTokens: 48 }));
    expect(reply.finishReason).toBe("tool_calls");
    expect(reply.toolCalls).toHaveLength(1);
    const call = reply.toolCalls[0]!;
    expect(["read_file", "run"]).toContain(call.name);
    const args = JSON.parse(call.arguments) as Record<string, unknown>;
    expect(typeof args).toBe("object");
    // Optional parameters the grammar had to emit come back absent, never null.
    expect(Object.values(args)).not.toContain(null);
  });

  it("forces a call with tool_choice required: the grammar has no answer branch on that turn", async () => {
    const question = "What is 2+2? Answer with the number only.";
    // unforced, the grammar lets the model answer, which it does here (and in the micro suite,
    // "Created greeting.txt" with no call)
    const free = await client.chat(request(question, { tools: TOOLS, maxTokens: 48 }));
    expect(free.toolCalls).toHaveLength(0);
    const forced = await client.chat(
      request(question, { tools: TOOLS, maxTokens: 48, toolChoice: "required" }),
    );
    expect(forced.finishReason).toBe("tool_calls");
    expect(forced.toolCalls).toHaveLength(1);
    expect(["read_file", "run"]).toContain(forced.toolCalls[0]!.name);
    expect(typeof JSON.parse(forced.toolCalls[0]!.arguments)).toBe("object");
    // both grammars stay cached: the unforced turn after a forced one may answer again
    const again = await client.chat(request(question, { tools: TOOLS, maxTokens: 48 }));
    expect(again.text).toBe(free.text);
  });

  it("leaves the reply free with grammar: none", async () => {
    const reply = await client.chat(
      request("Read the file src/main.py", {
        tools: TOOLS,
        maxTokens: 16,
        model: embedded({ grammar: "none" }),
      }),
    );
    // The 135M model does not follow the JSON format by itself (docs/models.md): text, no call.
    expect(reply.toolCalls).toHaveLength(0);
    expect(reply.text.length).toBeGreaterThan(0);
  });

  it("reports a reply cut inside the grammar as invalid output", async () => {
    const run = client.chat(request("Read the file src/main.py", { tools: TOOLS, maxTokens: 4 }));
    await expect(run).rejects.toBeInstanceOf(InvalidOutputError);
    await expect(run).rejects.toThrow(/cut off at max_output \(4 tokens\) inside the tool-call grammar/);
  });

  it("refuses a prompt beyond the window before generating, with the token counts", async () => {
    const long = "word ".repeat(400);
    const run = client.chat(request(long, { model: embedded({ contextWindow: 256 }), maxTokens: 16 }));
    await expect(run).rejects.toBeInstanceOf(EndpointError);
    await expect(run).rejects.toMatchObject({ retryable: false, status: 400 });
    await expect(run).rejects.toThrow(
      /the prompt is \d+ tokens and max_output asks for 16 more, beyond the model's context window of 256 tokens/,
    );
  });

  it("refuses a GGUF file without a chat template before loading it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "smallcode-embedded-"));
    const base = join(dir, "base-model.gguf");
    await writeFile(
      base,
      ggufHeader({
        "general.architecture": "llama",
        "general.name": "A base model",
        "llama.context_length": 512,
      }),
    );
    const other = createEmbeddedClient({ modelFile: base, threads: 1 });
    expect(await other.info()).toMatchObject({
      name: "A base model",
      chatTemplate: false,
      trainContextSize: 512,
      contextWindow: 512,
    });
    await expect(other.chat(request("hi"))).rejects.toThrow(
      `model file ${base} (A base model) has no chat template, so it cannot hold a conversation (a base model?); use an instruct model's GGUF`,
    );
    await other.close();
  });

  it("names a missing file and a file that is not GGUF", async () => {
    const dir = await mkdtemp(join(tmpdir(), "smallcode-embedded-"));
    const missing = join(dir, "no-such-model.gguf");
    const other = createEmbeddedClient({ modelFile: missing, threads: 2 });
    await expect(other.chat(request("hi"))).rejects.toBeInstanceOf(ConfigError);
    await expect(other.info()).rejects.toThrow(
      `model file ${missing} does not exist; pass --model-file PATH`,
    );
    const text = join(dir, "notes.gguf");
    await writeFile(text, "these are not model weights\n");
    await expect(other.info(text)).rejects.toThrow(`model file ${text} is not a GGUF file`);
    await other.close();
  });

  it("serves a runtime's embedded model: a call, its trace figures, a tool turn, and a cancel", async () => {
    const sink = new MemoryTraceSink();
    const runtime = createRuntime({
      clients: { embedded: client },
      traceSinks: [sink],
      traceDir: false,
      cache: "off",
    });
    const model = makeModel({
      name: "Smol",
      provider: "embedded",
      endpoint: "",
      model: "",
      modelFile: "${SMALLCODE_MODEL_FILE}",
    });
    const spec = makeSpec({ model, maxOutput: 8, temperature: 0, timeoutMs: 120_000 });
    const { value } = await runtime.call(spec, { text: "Say hello." });
    expect(typeof value).toBe("string");
    const attempt = sink.ofKind("attempt").at(-1)!;
    expect(attempt).toMatchObject({ status: "ok", usage_estimated: false, model: "Smol" });
    expect(attempt.prompt_eval_ms).toEqual(expect.any(Number));
    expect(attempt.cached_tokens).toEqual(expect.any(Number));

    const agent = makeSpec<AgentTurn>({
      model,
      output: { kind: "turn" },
      tools: [makeTool("read_file")],
      maxOutput: 48,
      temperature: 0,
      timeoutMs: 120_000,
    });
    const turn = (await runtime.call(agent, { text: "Read the file src/main.py" })).value;
    expect(turn.toolCalls.map((c) => c.name)).toEqual(["read_file"]);

    const controller = new AbortController();
    const long = makeSpec({ model, maxOutput: 400, temperature: 0, timeoutMs: 120_000 });
    const run = runtime.call(
      long,
      { text: "Count from 1 to 300." },
      { signal: controller.signal, onToken: () => controller.abort() },
    );
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });
});
