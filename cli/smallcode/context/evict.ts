import type { Message } from "../contract/index.ts";
import { defaultCounter, type TokenCounter } from "./tokens.ts";

/**
 * Mid-turn eviction: when the history grows past its budget, the bodies of old tool results (the
 * biggest and least useful part of a coding session) are replaced, oldest first, by a one-line stub
 * that says what was there and how to get it back. The tool messages themselves stay, so every
 * tool call keeps its one result.
 */

/** Stubs start with this, so they are never evicted twice. */
export const EVICTED_PREFIX = "[evicted]";

/** Options of `evictToolResults`. */
export interface EvictOptions {
  readonly counter?: TokenCounter;
  /** Tool results in the last `keepRecent` tool messages are never evicted. Default 2. */
  readonly keepRecent?: number;
  /** Results smaller than this many tokens are not worth evicting. Default 40. */
  readonly minTokens?: number;
}

/** Short text of a call's arguments, for a stub: `path="src/a.ts"`. */
export function describeArguments(argumentsJson: string, max = 80): string {
  let text: string;
  try {
    const value = JSON.parse(argumentsJson) as Record<string, unknown>;
    text = Object.entries(value)
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
      .join(", ");
  } catch {
    text = argumentsJson;
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The stub that replaces an evicted tool result. */
export function evictionStub(tool: string, args: string, tokens: number): string {
  return `${EVICTED_PREFIX} the output of ${tool}(${args}) (about ${tokens} tokens) was removed to save context; call the tool again if you need it`;
}

/** Finds the call a tool message answers: its name and arguments. */
function callOf(history: readonly Message[], index: number): { name: string; args: string } {
  const id = history[index]!.tool_call_id;
  for (let i = index - 1; i >= 0; i--) {
    const call = history[i]!.tool_calls?.find((c) => c.id === id);
    if (call) return { name: call.function.name, args: call.function.arguments };
  }
  return { name: history[index]!.name ?? "tool", args: "{}" };
}

/**
 * Replaces old tool results with stubs, oldest first, until the history is within `targetTokens`
 * (or nothing more may be evicted). Returns a new array; the input is not changed.
 */
export function evictToolResults(
  history: readonly Message[],
  targetTokens: number,
  options: EvictOptions = {},
): { history: Message[]; evicted: number } {
  const counter = options.counter ?? defaultCounter;
  const out = [...history];
  let total = counter.messages(out);
  if (total <= targetTokens) return { history: out, evicted: 0 };
  const toolIndexes = out.flatMap((m, i) => (m.role === "tool" ? [i] : []));
  const candidates = toolIndexes.slice(0, Math.max(0, toolIndexes.length - (options.keepRecent ?? 2)));
  let evicted = 0;
  for (const i of candidates) {
    if (total <= targetTokens) break;
    const message = out[i]!;
    const content = message.content ?? "";
    if (content.startsWith(EVICTED_PREFIX)) continue;
    const before = counter.message(message);
    if (before - 4 < (options.minTokens ?? 40)) continue;
    const call = callOf(out, i);
    const stubbed = { ...message, content: evictionStub(call.name, describeArguments(call.args), before) };
    out[i] = stubbed;
    total += counter.message(stubbed) - before;
    evicted++;
  }
  return { history: out, evicted };
}
