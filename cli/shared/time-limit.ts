import { parseDuration } from "../../compiler/syntax/duration.ts";

/**
 * A time limit as a user writes it (`--max-time 90s`, `SMALLCODE_MAX_TIME=10m`, `max_time = 600`): a
 * MarrowScript duration (`90s`, `10m`, `1.5h`; compiler/syntax/duration.ts) or plain seconds. Pure.
 */

/** The longest limit a timer can hold (Node fires longer ones at once). */
export const MAX_TIME_LIMIT_MS = 2 ** 31 - 1;

/** What a time limit must be, in words. */
export const TIME_LIMIT_EXPECTED =
  "a duration such as `90s`, `10m` or `1.5h`, or plain seconds (`600`), above 0 and at most 24 days";

/** The milliseconds `raw` stands for, or undefined when it is not a usable time limit. */
export function timeLimitMs(raw: string | number): number | undefined {
  const text = typeof raw === "number" ? String(raw) : raw.trim();
  const ms = /^\d+(?:\.\d+)?$/.test(text) ? Number(text) * 1000 : parseDuration(text);
  if (ms === undefined || !(ms > 0) || ms > MAX_TIME_LIMIT_MS) return undefined;
  return Math.ceil(ms);
}
