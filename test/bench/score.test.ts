import { describe, expect, it } from "vitest";
import { choose, passAtK, passHatK, scoreGroup, type TrialLike, wilson } from "../../bench/harness/score.ts";
import { binomialHalf, exactMcNemar, signTest } from "../../bench/harness/stats.ts";

const trial = (pass: boolean, extra: Partial<TrialLike> = {}): TrialLike => ({
  pass,
  calls: 4,
  promptTokens: 1000,
  completionTokens: 100,
  toolCalls: 3,
  ms: 200,
  ...extra,
});

describe("wilson", () => {
  it("matches published values", () => {
    // 8 of 10: 95% Wilson interval [0.490, 0.943].
    const e = wilson(8, 10);
    expect(e.value).toBe(0.8);
    expect(e.low).toBeCloseTo(0.4902, 3);
    expect(e.high).toBeCloseTo(0.9433, 3);
  });

  it("stays inside [0, 1] at the extremes and is wide for n = 0", () => {
    expect(wilson(0, 5).low).toBe(0);
    expect(wilson(5, 5).high).toBe(1);
    expect(wilson(5, 5).low).toBeCloseTo(0.5655, 3);
    expect(wilson(0, 0)).toMatchObject({ value: 0, low: 0, high: 1 });
  });
});

describe("pass@k and pass^k", () => {
  it("computes binomial coefficients", () => {
    expect(choose(5, 2)).toBe(10);
    expect(choose(3, 4)).toBe(0);
  });

  it("estimates pass@k without bias and pass^k as all-of-k", () => {
    expect(passAtK(3, 1, 1)).toBeCloseTo(1 / 3);
    expect(passAtK(3, 1, 3)).toBe(1);
    expect(passAtK(3, 0, 2)).toBe(0);
    expect(passHatK(3, 3, 3)).toBe(1);
    expect(passHatK(3, 2, 3)).toBe(0);
    expect(passHatK(4, 2, 2)).toBeCloseTo(1 / 6);
  });

  it("scores a group: pass@1 is the mean per-task rate, pass^k the share of tasks passing every trial", () => {
    const score = scoreGroup([
      [trial(true), trial(true), trial(true)],
      [trial(true), trial(false), trial(true)],
      [trial(false, { calls: 10 }), trial(false), trial(false)],
    ]);
    expect(score.tasks).toBe(3);
    expect(score.trials).toBe(9);
    expect(score.k).toBe(3);
    expect(score.passAt1.value).toBeCloseTo(5 / 9);
    expect(score.passAt1.n).toBe(9);
    expect(score.passHatK.value).toBeCloseTo(1 / 3);
    expect(score.passHatK.n).toBe(3);
    expect(score.meanCalls).toBeCloseTo(42 / 9);
    expect(score.meanPromptTokens).toBe(1000);
    expect(score.honestClaims.n).toBe(0);
  });

  it("scores the agent's success claims against the oracle: the honest-claim rate, false and unclaimed successes", () => {
    const claim = (pass: boolean, agentSuccess: boolean) => ({ ...trial(pass), agentSuccess });
    const score = scoreGroup([
      [claim(true, true), claim(true, false)],
      [claim(false, true), claim(false, false)],
    ]);
    expect(score.honestClaims).toMatchObject({ successes: 2, n: 4, value: 0.5 });
    expect(score.falseSuccess).toBe(1);
    expect(score.unclaimedPasses).toBe(1);
  });
});

describe("paired tests", () => {
  it("computes the binomial(n, 1/2) mass", () => {
    expect(binomialHalf(4, 2)).toBeCloseTo(6 / 16);
    expect(binomialHalf(10, 0)).toBeCloseTo(1 / 1024);
  });

  it("gives exact two-sided sign test p-values", () => {
    expect(signTest(0, 0)).toBe(1);
    expect(signTest(10, 0)).toBeCloseTo(2 / 1024);
    expect(signTest(0, 10)).toBeCloseTo(2 / 1024);
    expect(signTest(5, 5)).toBe(1);
    // 8 vs 2: 2 * P(X <= 2) = 2 * 56/1024.
    expect(signTest(8, 2)).toBeCloseTo(112 / 1024);
    expect(exactMcNemar(6, 0)).toBeCloseTo(2 / 64);
  });
});
