import type { ModelClient } from "./client.ts";
import type { ResolvedModel } from "./env.ts";

/**
 * The per-attempt timeout actually used. A prompt's declared `timeout` is written for a model at
 * server speed (a 10 s classifier); an in-process model on a slow, shared CPU can need several times
 * that for the same request, and a timeout there only makes the run fall back. A client that knows
 * its speed (`ModelClient.attemptTimeout`) proposes a budget; it is held between the declared value
 * and this bound, so a slow model gets room and a stuck one still stops.
 */

/** An attempt never waits longer than its declared timeout times this. */
export const MAX_TIMEOUT_SCALE = 6;

/** The declared timeout, scaled by what `client` proposes for this request (bounded both ways). */
export async function attemptTimeoutMs(
  client: ModelClient,
  model: ResolvedModel,
  declaredMs: number,
  need: { readonly promptTokens: number; readonly maxTokens: number | undefined },
): Promise<number> {
  if (!client.attemptTimeout) return declaredMs;
  let proposed: number;
  try {
    proposed = await client.attemptTimeout(model, need, declaredMs);
  } catch {
    // a client that cannot say (its model not found yet) fails the request itself, with its reason
    return declaredMs;
  }
  if (!Number.isFinite(proposed) && proposed !== Number.POSITIVE_INFINITY) return declaredMs;
  return Math.round(Math.min(Math.max(declaredMs, proposed), declaredMs * MAX_TIMEOUT_SCALE));
}
