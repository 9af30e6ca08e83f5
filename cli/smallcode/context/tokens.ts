import type { Message } from "../contract/index.ts";

/**
 * Token counting. No tokenizer is bundled (nothing may be downloaded), so counts are estimates from
 * characters, the same rule the runtime uses for its budgets (about 4 characters per token), plus a
 * small per-message overhead for the chat template's role markers. A model family known to pack fewer
 * characters into a token can declare its own ratio in `CHARS_PER_TOKEN`; estimates err on the high
 * side so that a history that "fits" really fits.
 */

/** Characters per token by model-name pattern; the first match wins, the last entry is the default. */
export const CHARS_PER_TOKEN: readonly (readonly [RegExp, number])[] = [[/.*/, 4]];

/** Tokens a chat message costs besides its text (role markers, separators). */
export const MESSAGE_OVERHEAD = 4;

/** Counts tokens for one model. */
export interface TokenCounter {
  /** Tokens of a piece of text. */
  text(text: string): number;
  /** Tokens of one chat message: content, tool calls and overhead. */
  message(message: Message): number;
  /** Tokens of a list of messages. */
  messages(messages: readonly Message[]): number;
}

/** The characters-per-token ratio for a model name (sent name or declared name). */
export function charsPerToken(modelName = ""): number {
  for (const [pattern, ratio] of CHARS_PER_TOKEN) if (pattern.test(modelName)) return ratio;
  return 4;
}

/** A counter for `modelName` (chars/ratio estimate). */
export function tokenCounter(modelName = ""): TokenCounter {
  const ratio = charsPerToken(modelName);
  const text = (t: string) => Math.ceil(t.length / ratio);
  const message = (m: Message) => {
    let chars = m.content?.length ?? 0;
    for (const call of m.tool_calls ?? [])
      chars += call.function.name.length + call.function.arguments.length + 8;
    return Math.ceil(chars / ratio) + MESSAGE_OVERHEAD;
  };
  return {
    text,
    message,
    messages: (ms) => ms.reduce((n, m) => n + message(m), 0),
  };
}

/** The default counter (chars/4). */
export const defaultCounter: TokenCounter = tokenCounter();

/** Tokens of `text` with the default counter. */
export function countTokens(text: string): number {
  return defaultCounter.text(text);
}
