import { afterEach, describe, expect, it } from "vitest";
import { labelSpec, makeModel, makeRouter, makeSpec, serve } from "../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import {
  BudgetExceededError,
  callPrompt,
  configureRuntime,
  MemoryTraceSink,
  RateLimitedError,
  type RuntimeWarning,
  remainingBudget,
} from "../../runtime/index.ts";
import type { CostBudgetSpec, PolicySpec } from "../../runtime/spec.ts";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const source = { file: "marrow/test.marrow", line: 3 };
const policy = (budgets: CostBudgetSpec[], extra: Partial<PolicySpec> = {}): PolicySpec => ({
  name: "limits",
  costBudgets: budgets,
  audit: false,
  source,
  ...extra,
});
const tokens = (
  max: number,
  onExceeded: CostBudgetSpec["onExceeded"] = { action: "error", code: "TOKEN_LIMIT" },
): CostBudgetSpec => ({
  scope: { kind: "per_session" },
  windowMs: 60_000,
  cap: { kind: "tokens", max },
  onExceeded,
});
const reply = { content: "ok", usage: { prompt_tokens: 40, completion_tokens: 10 } };

describe("cost budgets", () => {
  it("refuses a call whose estimate exceeds the cap, before sending it", async () => {
    server = await serve({ fallback: reply });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    // estimate: 400 chars / 4 = 100 prompt tokens + max_output 50 = 150 > 120
    const spec = makeSpec({ maxOutput: 50, policies: [policy([tokens(120)])] });
    const error = await callPrompt(spec, { text: "x".repeat(400) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BudgetExceededError);
    const e = error as BudgetExceededError;
    expect(e.code).toBe("BUDGET_EXCEEDED");
    expect(e.declaredCode).toBe("TOKEN_LIMIT");
    expect(e.requested).toBe(150);
    expect(e.message).toMatch(
      /policy `limits` budget per_session \(cap 120 tokens per 1 min: 0 used, this call needs about 150\) \[TOKEN_LIMIT\]; it was not sent/,
    );
    expect(server.chatRequests()).toHaveLength(0);
    expect(sink.ofKind("budget_refusal")[0]).toMatchObject({
      status: "refused",
      error_code: "BUDGET_EXCEEDED",
    });
  });

  it("charges the actual usage after the call and exposes what remains", async () => {
    server = await serve({ fallback: reply });
    const spec = makeSpec({ maxOutput: 10, policies: [policy([tokens(120)])] });
    await callPrompt(spec, { text: "x".repeat(40) }); // estimate 20, actual 50
    expect(remainingBudget()).toEqual([
      {
        policy: "limits",
        scope: "per_session",
        kind: "tokens",
        max: 120,
        used: 50,
        remaining: 70,
        windowMs: 60_000,
      },
    ]);
    await callPrompt(spec, { text: "x".repeat(40) }); // used 100
    expect(await callPrompt(spec, { text: "x".repeat(40) })).toBe("ok"); // 100 + 20 ≤ 120 passes
    const refused = await callPrompt(spec, { text: "x".repeat(40) }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect((refused as BudgetExceededError).resetsInMs).toBeGreaterThan(50_000);
    expect(server.chatRequests()).toHaveLength(3);
  });

  it("counts repair and fallback calls", async () => {
    server = await serve({
      rules: [
        {
          model: "medium",
          replies: [{ content: "nope", usage: { prompt_tokens: 5, completion_tokens: 5 } }],
        },
        { model: "big", replies: [{ content: "coding", usage: { prompt_tokens: 5, completion_tokens: 5 } }] },
      ],
    });
    const calls: CostBudgetSpec = {
      scope: { kind: "per_session" },
      windowMs: 60_000,
      cap: { kind: "calls", max: 10 },
      onExceeded: { action: "error" },
    };
    const spec = labelSpec(["coding"], {
      router: makeRouter({ fallback: makeModel({ name: "Big", model: "big" }) }),
      onInvalid: "retry_with_repair_prompt",
      retry: { maxAttempts: 2, backoff: "fixed", intervalMs: 1 },
      policies: [policy([calls, tokens(1000)])],
    });
    expect(await callPrompt(spec, { text: "a" })).toBe("coding");
    expect(remainingBudget().map((b) => b.used)).toEqual([3, 30]);
  });

  it("keeps sessions apart", async () => {
    server = await serve({ fallback: reply });
    const spec = makeSpec({ maxOutput: 1, policies: [policy([tokens(51)])] }); // estimate 2, actual 50
    await callPrompt(spec, { text: "a" }, { session: "one" });
    await expect(callPrompt(spec, { text: "a" }, { session: "one" })).rejects.toBeInstanceOf(
      BudgetExceededError,
    );
    await callPrompt(spec, { text: "a" }, { session: "two" });
    expect(remainingBudget({ session: "two" })[0]!.used).toBe(50);
  });

  it("applies per_prompt and per_cost_class scopes only to matching calls", async () => {
    server = await serve({ fallback: reply });
    const p = policy([
      {
        scope: { kind: "per_prompt", prompt: "other" },
        windowMs: 60_000,
        cap: { kind: "calls", max: 0 },
        onExceeded: { action: "error" },
      },
      {
        scope: { kind: "per_cost_class", costClass: "large" },
        windowMs: 60_000,
        cap: { kind: "calls", max: 0 },
        onExceeded: { action: "error" },
      },
    ]);
    await callPrompt(makeSpec({ policies: [p] }), { text: "a" });
    await expect(
      callPrompt(makeSpec({ name: "other", policies: [p] }), { text: "a" }),
    ).rejects.toBeInstanceOf(BudgetExceededError);
    const large = makeModel({ costClass: "large" });
    await expect(callPrompt(makeSpec({ model: large, policies: [p] }), { text: "a" })).rejects.toThrow(
      /per_cost_class: "large"/,
    );
  });

  it("throttle refuses with a retry-after; warn lets the call through", async () => {
    server = await serve({ fallback: reply });
    const throttled = makeSpec({
      maxOutput: 1,
      policies: [policy([tokens(10, { action: "throttle", retryAfterMs: 300_000 })])],
    });
    const error = await callPrompt(throttled, { text: "x".repeat(80) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).retryAfterMs).toBe(300_000);
    expect((error as Error).message).toMatch(/try again in 5 min/);
    const warnings: RuntimeWarning[] = [];
    configureRuntime({ onWarning: (w) => warnings.push(w) });
    const warned = makeSpec({ maxOutput: 1, policies: [policy([tokens(10, { action: "warn" })])] });
    expect(await callPrompt(warned, { text: "x".repeat(80) })).toBe("ok");
    expect(warnings.map((w) => w.code)).toEqual(["BUDGET_WARNING"]);
  });

  it("reserves estimates so that concurrent calls cannot overshoot a cap together", async () => {
    server = await serve({ fallback: { ...reply, delayMs: 30 } });
    const spec = makeSpec({ maxOutput: 10, policies: [policy([tokens(100)])] });
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => callPrompt(spec, { text: "x".repeat(40) })),
    );
    // each call is estimated at 20 tokens: five fit under 100, three are refused unsent
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(server.chatRequests()).toHaveLength(5);
  });
});

describe("rate limits", () => {
  it("refuses calls beyond N per window with the time to wait", async () => {
    server = await serve({ fallback: reply });
    const spec = makeSpec({ policies: [policy([], { rateLimit: { count: 2, perMs: 60_000 } })] });
    await callPrompt(spec, { text: "a" });
    await callPrompt(spec, { text: "a" });
    const error = await callPrompt(spec, { text: "a" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitedError);
    expect((error as RateLimitedError).source).toBe("policy");
    expect((error as Error).message).toMatch(/allows 2 calls per 1 min.*try again in 1 min/);
    expect(server.chatRequests()).toHaveLength(2);
  });
});
