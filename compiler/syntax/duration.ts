/**
 * MarrowScript's duration literals (`100ms`, `1.5s`, `10m`, `2h`, `7d`): the one place that says what
 * a unit is worth. The AST builder reads `timeout:` values with it and the CLI its time limits. Pure.
 */

/** Milliseconds per duration unit. */
export const DURATION_UNIT_MS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** A duration literal: a number directly followed by its unit. */
export const DURATION_LITERAL = /^(-?\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** The milliseconds a duration literal stands for (`90s` → 90000); undefined when `text` is not one. */
export function parseDuration(text: string): number | undefined {
  const m = DURATION_LITERAL.exec(text);
  return m ? Number(m[1]) * DURATION_UNIT_MS[m[2]!]! : undefined;
}
