import type { ToolLimits, ToolResult } from "../contract/tool.ts";

export type {
  ChangeKind,
  ShellRun,
  ShellRunOptions,
  ShellSession,
  Tool,
  ToolContext,
  ToolLimits,
  ToolResult,
} from "../contract/tool.ts";

/**
 * What every tool shares: the default output caps and the helpers for results. The contract between
 * the agent loop and its tools (results, the shell session, the context) is in contract/tool.ts.
 */

/** Defaults sized for 8k-token context windows. */
export const DEFAULT_LIMITS: ToolLimits = Object.freeze({
  maxOutputLines: 200,
  maxOutputChars: 8000,
  maxLineChars: 400,
  readWindowLines: 250,
  readWindowChars: 8000,
  searchMaxResults: 50,
  searchTimeoutMs: 10_000,
  findMaxResults: 100,
  bashTimeoutS: 60,
  bashMaxTimeoutS: 600,
  testTimeoutS: 300,
});

/** A failed result: `message` says what went wrong and how to fix it. */
export function fail(message: string, extras?: Record<string, unknown>): ToolResult {
  return { ok: false, output: message, ...extras };
}

/** Formats an integer with thousands separators, e.g. `4,210`. */
export function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** `1 line` / `3 lines`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : pluralWord}`;
}
