/**
 * Pure detectors over reply text: degenerate repetition inside one reply, and the "greeting
 * regression" (the model forgot its task and greets the user as if the conversation just began).
 */

import type { Thresholds } from "../guard-kit/thresholds.ts";

/** The longest tail of a reply the repetition detectors look at (bounds their cost). */
const SCAN_CHARS = 6000;

/**
 * Whether `text` repeats itself degenerately: one line (at least `replyRepeatMinChars` long) back to
 * back `replyRepeatCount` times, most substantial lines being duplicates, or a chunk repeated inline.
 */
export function isRepetitive(
  text: string,
  t: Pick<Thresholds, "replyRepeatCount" | "replyRepeatMinChars" | "replyDuplicateLineRatio">,
): boolean {
  const tail = text.length > SCAN_CHARS ? text.slice(-SCAN_CHARS) : text;
  const lines = tail
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length >= t.replyRepeatMinChars);
  let run = 1;
  for (let i = 1; i < lines.length; i++) {
    run = lines[i] === lines[i - 1] ? run + 1 : 1;
    if (run >= t.replyRepeatCount) return true;
  }
  if (lines.length >= 6) {
    const distinct = new Set(lines).size;
    if (1 - distinct / lines.length >= t.replyDuplicateLineRatio) return true;
  }
  const min = t.replyRepeatMinChars;
  const inline = new RegExp(`([^\\n]{${min},120}?)\\1{${t.replyRepeatCount - 1},}`);
  const m = inline.exec(tail);
  return m !== null && m[1]!.trim().length >= Math.min(6, min);
}

const GREETING = [
  /^\W*(hi|hello|hey|greetings|good (morning|afternoon|evening))\b[\s\S]{0,200}\b(help|assist|do for you|work on)\b/i,
  /\bhow (can|may|could) i (help|assist)( you)?( today)?\b/i,
  /\bwhat (would|do) you (like|want|need) (me )?(to )?(do|help|work on|build)\b/i,
  /\bwhat can i (do|help you with)\b/i,
  /\bplease (tell|let) me (know )?what (you('d| would) like|task|you want)\b/i,
  /\bi('m| am) (ready|here) to help\b/i,
];

/**
 * Whether a reply (without tool calls) is a greeting or an offer of help instead of work on the task:
 * short, and shaped like the first message of a chat.
 */
export function isGreeting(text: string): boolean {
  const t = text.trim();
  if (t === "" || t.length > 400) return false;
  return GREETING.some((re) => re.test(t));
}
