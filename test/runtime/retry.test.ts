import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { labelSpec, makeSpec, serve } from "../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import {
  callPrompt,
  configureRuntime,
  EndpointError,
  InvalidOutputError,
  MemoryTraceSink,
  RateLimitedError,
  TimeoutError,
} from "../../runtime/index.ts";
import { backoffDelay, decideRetry, MAX_DELAY_MS } from "../../runtime/retry.ts";
import type { BackoffKind, RetrySpec } from "../../runtime/spec.ts";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const retry = (maxAttempts: number, backoff: BackoffKind = "fixed", intervalMs = 5): RetrySpec => ({
  maxAttempts,
  backoff,
  intervalMs,
});

describe("backoff schedules", () => {
  it("fixed, linear and exponential from the declared interval", () => {
    const delays = (kind: BackoffKind) => [1, 2, 3, 4].map((n) => backoffDelay(retry(5, kind, 100), n));
    expect(delays("fixed")).toEqual([100, 100, 100, 100]);
    expect(delays("linear")).toEqual([100, 200, 300, 400]);
    expect(delays("exponential")).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(retry(30, "exponential", 1000), 20)).toBe(MAX_DELAY_MS);
  });

  it("waits the schedule between attempts on the wire", async () => {
    server = await serve({ fallback: { status: 503 } });
    await callPrompt(makeSpec({ retry: retry(4, "linear", 40) }), { text: "a" }).catch(() => {});
    const times = server.chatRequests().map((r) => r.at);
    expect(times).toHaveLength(4);
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps[0]).toBeGreaterThanOrEqual(35);
    expect(gaps[1]).toBeGreaterThanOrEqual(75);
    expect(gaps[2]).toBeGreaterThanOrEqual(115);
  });
});

describe("transport failures", () => {
  it("retries 5xx, connection resets and timeouts, then succeeds", async () => {
    server = await serve({
      rules: [
        {
          prompt: "test_prompt",
          replies: [
            { status: 500 },
            { fault: "reset" },
            { fault: "hang" },
            { status: 429, retryAfterMs: 10 },
            { content: "ok" },
          ],
        },
      ],
    });
    const out = await callPrompt(makeSpec({ timeoutMs: 100, retry: retry(5) }), { text: "a" });
    expect(out).toBe("ok");
    expect(server.chatRequests().map((r) => r.headers["x-marrow-attempt"])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
    ]);
  });

  it("does not retry other 4xx", async () => {
    server = await serve({ fallback: { status: 400, errorMessage: "bad field" } });
    const error = await callPrompt(makeSpec({ retry: retry(3) }), { text: "a" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EndpointError);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it("honours Retry-After on 429", async () => {
    server = await serve({ rules: [{ replies: [{ status: 429, retryAfterMs: 120 }, { content: "ok" }] }] });
    await callPrompt(makeSpec({ retry: retry(2, "fixed", 1) }), { text: "a" });
    const [a, b] = server.chatRequests().map((r) => r.at);
    expect(b! - a!).toBeGreaterThanOrEqual(110);
  });

  it("classifies errors", () => {
    const r = retry(3, "fixed", 50);
    expect(decideRetry(new TimeoutError("t", 1), 1, r, "fail")).toEqual({ retry: true, delayMs: 50 });
    expect(decideRetry(new EndpointError("x", { retryable: false, status: 404 }), 1, r, "retry").retry).toBe(
      false,
    );
    expect(decideRetry(new RateLimitedError("x", 500, "endpoint"), 1, r, "fail")).toEqual({
      retry: true,
      delayMs: 500,
    });
    expect(decideRetry(new RateLimitedError("x", 500, "policy"), 1, r, "fail").retry).toBe(false);
    expect(decideRetry(new InvalidOutputError("x", "", []), 1, r, "fail").retry).toBe(false);
    expect(decideRetry(new InvalidOutputError("x", "", []), 1, r, "retry")).toEqual({
      retry: true,
      delayMs: 0,
    });
  });
});

describe("invalid output", () => {
  const labels = ["coding", "editing"];

  it("on_invalid: fail makes one call even with retries declared", async () => {
    server = await serve({ fallback: { content: "banana" } });
    const error = await callPrompt(labelSpec(labels, { retry: retry(3) }), { text: "a" }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidOutputError);
    expect((error as InvalidOutputError).raw).toBe("banana");
    expect((error as InvalidOutputError).issues).toEqual([
      "the reply is not one of the labels: coding, editing",
    ]);
    expect(server.chatRequests()).toHaveLength(1);
  });

  it("on_invalid: retry asks again, at once, up to max_attempts", async () => {
    server = await serve({ rules: [{ replies: [{ content: "banana" }, { content: "Editing." }] }] });
    const out = await callPrompt(labelSpec(labels, { onInvalid: "retry", retry: retry(3, "fixed", 3000) }), {
      text: "a",
    });
    expect(out).toBe("editing");
    const [a, b] = server.chatRequests();
    expect(b!.at - a!.at).toBeLessThan(2000);
    expect(b!.body.messages).toEqual(a!.body.messages);
  });

  it("on_invalid: retry_with_repair_prompt shows the model its output and what was wrong", async () => {
    server = await serve({
      rules: [{ replies: [{ content: '{"files": "a.ts"}' }, { content: '{"files": ["a.ts"]}' }] }],
    });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    const schema = z.object({ files: z.array(z.string()) });
    const spec = makeSpec<z.infer<typeof schema>>({
      output: { kind: "json" },
      schema,
      onInvalid: "retry_with_repair_prompt",
      retry: retry(2),
    });
    expect(await callPrompt(spec, { text: "list files" })).toEqual({ files: ["a.ts"] });
    const repair = server.chatRequests()[1]!.body.messages;
    expect(repair.slice(0, 1)).toEqual([{ role: "user", content: "list files" }]);
    expect(repair[1]).toEqual({ role: "assistant", content: '{"files": "a.ts"}' });
    expect(repair[2].content).toMatch(/could not be used:\n- output\.files: .*array/i);
    expect(repair[2].content).toMatch(/JSON schema/);
    expect(sink.spans.filter((s) => s.kind !== "prompt").map((s) => `${s.kind}:${s.status}`)).toEqual([
      "attempt:invalid",
      "repair:ok",
    ]);
  });

  it("repair calls count against max_attempts", async () => {
    server = await serve({ fallback: { content: "nope" } });
    const spec = labelSpec(labels, { onInvalid: "retry_with_repair_prompt", retry: retry(3) });
    const error = await callPrompt(spec, { text: "a" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidOutputError);
    expect((error as Error).message).toMatch(/no valid output after 3 attempts/);
    const requests = server.chatRequests();
    expect(requests).toHaveLength(3);
    // each repair shows the latest bad reply once, not a growing transcript
    expect(requests[2]!.body.messages).toHaveLength(3);
  });

  it("a transport failure between invalid replies is retried with backoff", async () => {
    server = await serve({
      rules: [{ replies: [{ content: "nope" }, { status: 502 }, { content: "coding" }] }],
    });
    const out = await callPrompt(
      labelSpec(labels, { onInvalid: "retry_with_repair_prompt", retry: retry(3) }),
      { text: "a" },
    );
    expect(out).toBe("coding");
    expect(server.chatRequests()[2]!.body.messages).toHaveLength(3);
  });
});
