import { capOutput, safeCut, safeStart } from "../tools/cap.ts";

/**
 * Caps a tool result to a token budget before it enters the history: the head and the tail are kept,
 * the middle becomes one marker line that says how much was left out and how to see it.
 */

/** Characters per token assumed when converting a token cap to characters. */
const CHARS = 4;

/** The hint added to a capped result, by tool. */
export function capHint(tool: string): string {
  switch (tool) {
    case "read_file":
      return "pass start_line/end_line to read the omitted lines";
    case "bash":
      return "narrow the command (grep, head, tail) to see the omitted part";
    case "run_tests":
      return "pass a filter to run fewer tests";
    case "search":
    case "search_and_read":
    case "find_files":
      return "use a narrower pattern or path";
    default:
      return "ask for less at a time";
  }
}

/** A capped text, and whether anything was cut. */
export interface CappedResult {
  readonly text: string;
  readonly truncated: boolean;
}

/**
 * Keeps `text` within about `maxTokens` tokens (head 60%, tail 40%), cutting very long lines too.
 * @param tool the tool that produced the text, for the hint
 */
export function capToolResult(text: string, maxTokens: number, tool = ""): CappedResult {
  const maxChars = Math.max(200, Math.floor(maxTokens * CHARS));
  if (text.length <= maxChars) return { text, truncated: false };
  const capped = capOutput(text, {
    maxLines: Number.MAX_SAFE_INTEGER,
    maxChars: maxChars - 160,
    maxLineChars: Math.max(80, Math.floor(maxChars / 3)),
    hint: capHint(tool),
    headRatio: 0.6,
  });
  let out = capped.text;
  const hint = capHint(tool);
  if (!out.includes(hint)) out += `\n… [long lines were cut; ${hint}]`;
  // one very long line cannot be split by lines: cut it by characters
  if (out.length > maxChars) {
    // neither cut may fall inside a secret: sessions redact what they store, and half a secret is unrecognisable
    const head = safeCut(out, Math.floor(maxChars * 0.6) - 80);
    const from = safeStart(out, out.length - (maxChars - Math.floor(maxChars * 0.6) - 80));
    out = `${out.slice(0, head)}\n… ${from - head} characters omitted; ${hint} …\n${out.slice(from)}`;
  }
  return { text: out, truncated: true };
}
