import { describe, expect, it } from "vitest";
import { makeModel, makeSpec } from "../../cli/testkit/make-spec.ts";
import { budgetMs, MARGIN, newSpeed, recordSpeed } from "../../runtime/embedded/speed.ts";
import {
  type ChatReply,
  type ChatRequest,
  callPrompt,
  createRuntime,
  MemoryTraceSink,
  type ModelClient,
  TimeoutError,
} from "../../runtime/index.ts";
import { MAX_TIMEOUT_SCALE } from "../../runtime/timeout.ts";

/**
 * A prompt's declared `timeout` scaled for a slow in-process model: the client proposes a budget from
 * its measured speed, the runtime holds it between the declared value and `MAX_TIMEOUT_SCALE` times
 * that. The model here is an in-process client of the test's own (a provider like `embedded`) that
 * answers after a delay longer than the declared timeout; no timing is asserted, only outcomes.
 */

const reply = (text: string): ChatReply => ({
  text,
  reasoning: "",
  toolCalls: [],
  finishReason: "stop",
  usage: { promptTokens: 10, completionTokens: 2, estimated: false },
});

/** An in-process model that answers `ok` after `delayMs`, or stops when its signal aborts. */
function slowModel(delayMs: number, propose: () => Promise<number>) {
  const seen: ChatRequest[] = [];
  const client: ModelClient = {
    inProcess: true,
    attemptTimeout: propose,
    chat: (request) => {
      seen.push(request);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => resolve(reply("ok")), delayMs);
        request.signal.addEventListener("abort", () => {
          clearTimeout(timer);
          reject(request.signal.reason);
        });
      });
    },
  };
  const sink = new MemoryTraceSink();
  const runtime = createRuntime({ clients: { embedded: client }, traceSinks: [sink] });
  const spec = makeSpec({
    model: makeModel({ provider: "embedded", endpoint: "", model: "slow.gguf" }),
    timeoutMs: 100,
  });
  return { seen, sink, call: () => callPrompt(spec, { text: "label this" }, { runtime }) };
}

describe("attempt timeouts of in-process models", () => {
  it("lets a slow model finish within the budget its speed asks for, past the declared timeout", async () => {
    // declared 100 ms, the model needs 250 ms and its speed asks for 400 ms: not cut off
    const m = slowModel(250, async () => 400);
    await expect(m.call()).resolves.toBe("ok");
    expect(m.seen[0]!.timeoutMs).toBe(400);
    expect(m.sink.ofKind("attempt")[0]).toMatchObject({ status: "ok", timeout_ms: 400 });
  });

  it("still cuts off at the declared timeout when the client proposes less, or cannot say", async () => {
    const low = slowModel(250, async () => 10);
    await expect(low.call()).rejects.toBeInstanceOf(TimeoutError);
    expect(low.seen[0]!.timeoutMs).toBe(100);
    const broken = slowModel(250, async () => {
      throw new Error("no such file");
    });
    await expect(broken.call()).rejects.toThrow(/no complete reply within 100 ms/);
    const nonsense = slowModel(250, async () => Number.NaN);
    await expect(nonsense.call()).rejects.toBeInstanceOf(TimeoutError);
  });

  it("bounds the budget: never more than MAX_TIMEOUT_SCALE times the declared timeout", async () => {
    const endless = slowModel(5000, async () => Number.POSITIVE_INFINITY);
    const run = endless.call();
    await expect(run).rejects.toThrow(`no complete reply within ${100 * MAX_TIMEOUT_SCALE} ms`);
    expect(endless.seen[0]!.timeoutMs).toBe(100 * MAX_TIMEOUT_SCALE);
    const huge = slowModel(0, async () => 1e9);
    await huge.call();
    expect(huge.seen[0]!.timeoutMs).toBe(100 * MAX_TIMEOUT_SCALE);
  });

  it("leaves a client without a speed (HTTP) at the declared timeout", async () => {
    const sink = new MemoryTraceSink();
    const plain: ModelClient = { chat: async () => reply("ok") };
    const runtime = createRuntime({ clients: { openai_compat: plain }, traceSinks: [sink] });
    const spec = makeSpec({
      model: makeModel({ endpoint: "http://127.0.0.1:9/v1" }),
      timeoutMs: 100,
    });
    await callPrompt(spec, { text: "a" }, { runtime });
    expect(sink.ofKind("attempt")[0]!.timeout_ms).toBeUndefined();
  });
});

describe("an embedded model's budget from its measured speed", () => {
  it("is unknown (the runtime's bound) until the model has been timed on enough tokens", () => {
    const speed = newSpeed();
    expect(budgetMs(speed, 100, 16)).toBe(Number.POSITIVE_INFINITY);
    recordSpeed(speed, { ...reply("ok"), usage: { promptTokens: 5, completionTokens: 2, estimated: false } });
    expect(budgetMs(speed, 100, 16)).toBe(Number.POSITIVE_INFINITY);
  });

  it("covers evaluating the prompt and generating max_output at the measured rates, with a margin", () => {
    const speed = newSpeed();
    // 1,000 tokens evaluated in 10 s (100/s, 200 of 1,200 were cached) and 40 generated in 20 s (2/s)
    recordSpeed(speed, {
      ...reply("x"),
      usage: { promptTokens: 1200, completionTokens: 40, estimated: false },
      metrics: { prompt_eval_ms: 10_000, eval_ms: 20_000, cached_tokens: 200 },
    });
    // a 300-token classifier prompt with max_output 16: 3 s + 8 s
    expect(budgetMs(speed, 300, 16)).toBe((3000 + 8000) * MARGIN);
    // no max_output: 512 tokens assumed
    expect(budgetMs(speed, 0, undefined)).toBe(256_000 * MARGIN);
  });
});
