import { countTokens } from "../context/tokens.ts";
import type { Message } from "../contract/index.ts";

/**
 * The bounded excerpt a stronger model gets: an instruction, the task, and the most recent turns
 * that fit the budget. Older turns go first; a tool result is never sent without the call it answers
 * (the excerpt starts at a user or assistant message), and one long message is cut in the middle. Pure.
 */

/** The instruction the stronger model reads first. */
export const ESCALATION_SYSTEM =
  "You are helping a smaller coding model that is stuck on a step of the task below. Read the recent " +
  "turns, then make the one tool call that gets the task moving (or answer briefly if it is done). " +
  "Your calls are run in the user's project through the same safety checks as the smaller model's.";

/** The excerpt: messages for the stronger endpoint, and how many history messages were left out. */
export interface Excerpt {
  readonly messages: Message[];
  readonly omitted: number;
  readonly tokens: number;
}

function clip(message: Message, maxChars: number): Message {
  const text = message.content ?? "";
  if (text.length <= maxChars) return message;
  const half = Math.floor(maxChars / 2);
  return {
    ...message,
    content: `${text.slice(0, half)}\n[… ${text.length - 2 * half} characters left out …]\n${text.slice(-half)}`,
  };
}

/** The excerpt of `history` for `task` within `maxTokens`. */
export function buildExcerpt(task: string, history: readonly Message[], maxTokens: number): Excerpt {
  const head: Message[] = [
    { role: "system", content: ESCALATION_SYSTEM },
    { role: "user", content: `Task: ${task.length > 2000 ? `${task.slice(0, 2000)}…` : task}` },
  ];
  let left = maxTokens - head.reduce((n, m) => n + countTokens(m.content ?? ""), 0);
  // One message may take a third of the budget (in characters, 4 a token), so several fit.
  const perMessage = Math.max(400, Math.floor((maxTokens * 4) / 3));
  const kept: Message[] = [];
  for (let i = history.length - 1; i >= 0 && left > 0; i--) {
    const message = clip(history[i]!, perMessage);
    const cost = countTokens(message.content ?? "") + countTokens(JSON.stringify(message.tool_calls ?? ""));
    if (cost > left) break;
    kept.unshift(message);
    left -= cost;
  }
  while (kept.length > 0 && kept[0]!.role === "tool") kept.shift();
  const messages = [...head, ...kept];
  const tokens = messages.reduce(
    (n, m) => n + countTokens(m.content ?? "") + countTokens(JSON.stringify(m.tool_calls ?? "")),
    0,
  );
  return { messages, omitted: history.length - kept.length, tokens };
}
