import type { Guard, GuardContext, ToolOutcomeRecord } from "../contract/index.ts";
import { EDIT_TOOLS, pathOf } from "../guard-kit/calls.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";

/**
 * Adaptive retry temperature: when the model keeps failing the same edit (consecutive failed
 * `patch` / `read_and_patch` / `write_file` calls on one file), sampling it again at the same low
 * temperature tends to give the same wrong `old_str`. From `retryTemperatureAfter` failures on, the
 * next act turn is sampled hotter, step by step up to `retryTemperatureMax`; a successful edit of that
 * file (or a new task) returns to the model's own temperature.
 *
 * The loop passes `temperatureFor(ctx)` as the act call's temperature override (undefined: no override).
 */

/** Switch name of this guard. */
export const RETRY_TEMPERATURE = "retry-temperature";

/** A guard that also says which temperature the next act turn should use. */
export interface TemperatureGuard extends Guard {
  /** The temperature for the next act turn, or undefined to keep the model's own. */
  temperatureFor(ctx: GuardContext): number | undefined;
}

/** Consecutive failures of the latest edited file, counted back from the newest edit outcome. */
export function consecutiveEditFailures(outcomes: readonly ToolOutcomeRecord[], cwd: string): number {
  let path: string | undefined;
  let fails = 0;
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const o = outcomes[i]!;
    if (!EDIT_TOOLS.has(o.call.name)) continue;
    const p = pathOf(o.call, cwd);
    if (path === undefined) path = p;
    else if (p !== path) continue;
    if (o.ok) break;
    fails++;
  }
  return fails;
}

/** Creates the retry-temperature guard. */
export function retryTemperatureGuard(t: Thresholds): TemperatureGuard {
  let offset = 0;
  return {
    name: RETRY_TEMPERATURE,
    start(ctx) {
      offset = ctx.outcomes.length;
    },
    temperatureFor(ctx) {
      const fails = consecutiveEditFailures(ctx.outcomes.slice(offset), ctx.cwd);
      if (fails < t.retryTemperatureAfter) return undefined;
      const raised = t.retryTemperatureStart + t.retryTemperatureStep * (fails - t.retryTemperatureAfter);
      return Math.round(Math.min(t.retryTemperatureMax, raised) * 100) / 100;
    },
  };
}
