import type { ChatReply } from "../client.ts";

/**
 * A loaded model's measured speed, from llama.cpp's own timings of the requests it served, and the
 * attempt budget it implies: the time to evaluate the prompt and generate `max_output` tokens at that
 * speed, with a margin (the machine's load changes from one request to the next).
 */

/** Totals over the requests a model served: prompt tokens evaluated and generated tokens, with their times. */
export interface Speed {
  evaluatedTokens: number;
  promptMs: number;
  generatedTokens: number;
  generationMs: number;
}

/** A new, empty record. */
export function newSpeed(): Speed {
  return { evaluatedTokens: 0, promptMs: 0, generatedTokens: 0, generationMs: 0 };
}

/** Adds one reply's timings (`prompt_eval_ms`, `eval_ms`, `cached_tokens`) to `speed`. */
export function recordSpeed(speed: Speed, reply: ChatReply): void {
  const m = reply.metrics;
  if (!m || m.prompt_eval_ms === undefined || m.eval_ms === undefined) return;
  speed.evaluatedTokens += Math.max(0, reply.usage.promptTokens - (m.cached_tokens ?? 0));
  speed.promptMs += m.prompt_eval_ms;
  speed.generatedTokens += reply.usage.completionTokens;
  speed.generationMs += m.eval_ms;
}

/** Safety factor over the measured need: another process may take the cores for a while. */
export const MARGIN = 2;

/** Requests with fewer tokens than this say little about speed (a few tokens time mostly overhead). */
const MIN_SAMPLE = 8;

/** Default `max_output` assumed when a request sets none. */
const DEFAULT_OUTPUT = 512;

/**
 * The time (ms) a request of `promptTokens` (all assumed uncached) and up to `maxTokens` generated
 * needs at `speed`, times `MARGIN`; `Infinity` while either speed is unmeasured (the caller bounds it).
 */
export function budgetMs(speed: Speed, promptTokens: number, maxTokens: number | undefined): number {
  if (speed.evaluatedTokens < MIN_SAMPLE || speed.generatedTokens < MIN_SAMPLE)
    return Number.POSITIVE_INFINITY;
  const promptRate = speed.evaluatedTokens / Math.max(1, speed.promptMs);
  const generationRate = speed.generatedTokens / Math.max(1, speed.generationMs);
  const need = promptTokens / promptRate + (maxTokens ?? DEFAULT_OUTPUT) / generationRate;
  return Math.ceil(need * MARGIN);
}
