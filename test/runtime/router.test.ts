/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { afterEach, describe, expect, it } from "vitest";
import { labelSpec, makeModel, makeRouter, makeSpec, serve } from "../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { callPrompt, configureRuntime, InvalidOutputError, MemoryTraceSink } from "../../runtime/index.ts";
import { confidenceOf, ladderOf, pickTier } from "../../runtime/router.ts";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const labels = ["coding", "editing"];
const models = (s: ScriptedServer) => s.chatRequests().map((r) => r.body.model);

describe("tiers", () => {
  const router = makeRouter();

  it("tests tiers in order with value <= max; missing or non-numeric takes the last", () => {
    expect(pickTier(router, { complexity: 0.1 })).toBe(0);
    expect(pickTier(router, { complexity: 0.3 })).toBe(0);
    expect(pickTier(router, { complexity: 0.31 })).toBe(1);
    expect(pickTier(router, { complexity: 0.9 })).toBe(2);
    expect(pickTier(router, {})).toBe(2);
    expect(pickTier(router, { complexity: "0.1" })).toBe(2);
    expect(pickTier(makeRouter({ by: ["task", "score"] }), { task: { score: 0.5 } })).toBe(1);
  });

  it("builds a ladder from the routed tier upward, skipping repeated models", () => {
    const spec = makeSpec({ router: makeRouter({ fallback: makeModel({ name: "Big", model: "big" }) }) });
    const ladder = ladderOf(spec as never, { complexity: 0.5 });
    expect(ladder.models.map((m) => m.name)).toEqual(["Small", "Medium"]);
    expect(ladder.fallback?.name).toBe("Big");
    const same = makeRouter({
      tiers: [
        { name: "a", max: 0.5, model: makeModel({ name: "Tiny" }) },
        { name: "b", model: makeModel({ name: "Tiny" }) },
      ],
    });
    expect(ladderOf(makeSpec({ router: same }) as never, { complexity: 0 }).models).toHaveLength(1);
  });

  it("sends the routed tier's model", async () => {
    server = await serve({ fallback: { content: "coding" } });
    const spec = labelSpec(labels, { router: makeRouter() });
    await callPrompt(spec, { text: "a", complexity: 0.2 });
    await callPrompt(spec, { text: "a", complexity: 0.5 });
    await callPrompt(spec, { text: "a" });
    expect(models(server)).toEqual(["tiny", "small", "medium"]);
  });
});

describe("escalation and fallback", () => {
  it("on_invalid: escalate moves to the next tier's model", async () => {
    server = await serve({
      rules: [
        { model: "tiny", replies: [{ content: "no idea" }] },
        { model: "small", replies: [{ content: "Editing" }] },
      ],
    });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    const spec = labelSpec(labels, {
      router: makeRouter(),
      onInvalid: "escalate",
      retry: { maxAttempts: 3, backoff: "fixed", intervalMs: 1 },
    });
    expect(await callPrompt(spec, { text: "a", complexity: 0 })).toBe("editing");
    expect(models(server)).toEqual(["tiny", "small"]);
    expect(sink.ofKind("escalation")[0]).toMatchObject({
      from: "Tiny",
      to: "Small",
      reason: "invalid_output",
    });
  });

  it("the fallback gets one final attempt after transport failures", async () => {
    server = await serve({
      rules: [
        { model: "small", replies: [{ status: 500 }] },
        { model: "big", replies: [{ content: "coding" }] },
      ],
    });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    const router = makeRouter({ fallback: makeModel({ name: "Big", model: "big" }) });
    const spec = labelSpec(labels, { router, retry: { maxAttempts: 2, backoff: "fixed", intervalMs: 1 } });
    expect(await callPrompt(spec, { text: "a", complexity: 0.5 })).toBe("coding");
    expect(models(server)).toEqual(["small", "small", "big"]);
    expect(sink.ofKind("escalation")[0]).toMatchObject({
      to: "Big",
      reason: "fallback",
      error_code: "ENDPOINT_ERROR",
    });
  });

  it("the fallback gets exactly one attempt, and none when it already ran", async () => {
    server = await serve({ fallback: { content: "wrong" } });
    const big = makeModel({ name: "Big", model: "big" });
    const spec = labelSpec(labels, {
      router: makeRouter({ fallback: big }),
      onInvalid: "retry",
      retry: { maxAttempts: 2, backoff: "fixed", intervalMs: 1 },
    });
    await expect(callPrompt(spec, { text: "a", complexity: 0.9 })).rejects.toBeInstanceOf(InvalidOutputError);
    expect(models(server)).toEqual(["medium", "medium", "big"]);
    server.requests.length = 0;
    const onlyBig = labelSpec(labels, {
      router: makeRouter({ tiers: [{ name: "x", model: big }], fallback: big }),
    });
    await expect(callPrompt(onlyBig, { text: "a" })).rejects.toBeInstanceOf(InvalidOutputError);
    expect(models(server)).toEqual(["big"]);
  });
});

describe("low confidence", () => {
  const confident = { content: "coding", logprob: -0.05 };
  const unsure = { content: "editing", logprob: -2 };

  it("computes confidence as the geometric mean of token probabilities", () => {
    expect(confidenceOf([Math.log(0.5), Math.log(0.5)])).toBeCloseTo(0.5);
    expect(confidenceOf(undefined)).toBeUndefined();
  });

  it("asks for logprobs only when the router has a threshold", async () => {
    server = await serve({ fallback: confident });
    await callPrompt(labelSpec(labels, { router: makeRouter() }), { text: "a" });
    await callPrompt(labelSpec(labels, { router: makeRouter({ confidenceThreshold: 0.6 }) }), { text: "a" });
    expect(server.chatRequests().map((r) => r.body.logprobs)).toEqual([undefined, true]);
  });

  it("escalate: a reply below the threshold moves up a tier", async () => {
    server = await serve({
      rules: [
        { model: "tiny", replies: [unsure] },
        { model: "small", replies: [confident] },
      ],
    });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    const spec = labelSpec(labels, {
      router: makeRouter({ confidenceThreshold: 0.6, onLowConfidence: "escalate" }),
    });
    expect(await callPrompt(spec, { text: "a", complexity: 0 })).toBe("coding");
    expect(sink.ofKind("escalation")[0]).toMatchObject({ reason: "low_confidence" });
    expect(sink.ofKind("attempt")[0]).toMatchObject({ status: "invalid" });
    expect(sink.ofKind("attempt")[1]!.confidence).toBeGreaterThan(0.9);
  });

  it("fail: a reply below the threshold is an error, with no fallback", async () => {
    server = await serve({ fallback: unsure });
    const router = makeRouter({
      confidenceThreshold: 0.6,
      onLowConfidence: "fail",
      fallback: makeModel({ name: "Big", model: "big" }),
    });
    const error = await callPrompt(labelSpec(labels, { router }), { text: "a" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOutputError);
    expect((error as InvalidOutputError).issues[0]).toMatch(
      /confidence 0\.14 is below the router's threshold 0\.6/,
    );
    expect(models(server)).toEqual(["medium"]);
  });

  it("retry: asks the same model again", async () => {
    server = await serve({ rules: [{ replies: [unsure, confident] }] });
    const router = makeRouter({ confidenceThreshold: 0.6, onLowConfidence: "retry" });
    const spec = labelSpec(labels, { router, retry: { maxAttempts: 2, backoff: "fixed", intervalMs: 1 } });
    expect(await callPrompt(spec, { text: "a", complexity: 0 })).toBe("coding");
    expect(models(server)).toEqual(["tiny", "tiny"]);
  });

  it("accepts replies when the server reports no logprobs", async () => {
    server = await serve({ fallback: { content: "coding" } });
    const spec = labelSpec(labels, {
      router: makeRouter({ confidenceThreshold: 0.99, onLowConfidence: "fail" }),
    });
    expect(await callPrompt(spec, { text: "a" })).toBe("coding");
  });
});

describe("low confidence on Ollama's route", () => {
  it("reads Ollama's logprobs", async () => {
    server = await serve(
      { ollama: {}, fallback: { content: "editing", logprob: -3 } },
      { provider: "ollama" },
    );
    const router = makeRouter({ confidenceThreshold: 0.6, onLowConfidence: "fail" });
    await expect(callPrompt(labelSpec(labels, { router }), { text: "a" })).rejects.toThrow(
      /confidence 0\.05/,
    );
    expect(server.chatRequests()[0]).toMatchObject({ path: "/api/chat", body: { logprobs: true } });
  });
});

describe("escalation targets that cannot be resolved", () => {
  it("end the call with the failure at hand and a warning naming the unset variable", async () => {
    server = await serve({ fallback: { status: 500 } });
    const warnings: string[] = [];
    configureRuntime({ onWarning: (w) => warnings.push(w.message) });
    const strong = makeModel({ name: "StrongCoder", model: "${SMALLCODE_TEST_UNSET_STRONG}" });
    const spec = labelSpec(labels, { router: makeRouter({ fallback: strong }) });
    const error = await callPrompt(spec, { text: "a", complexity: 0 }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/server failed \(500/);
    expect(warnings[0]).toMatch(/cannot move on to model `StrongCoder`.*SMALLCODE_TEST_UNSET_STRONG/);
  });
});
