import type { ChatHistoryItem } from "node-llama-cpp";
import { type ChatMessage, parseToolArguments } from "../chat.ts";

/**
 * Chat messages → node-llama-cpp chat history. Tool calls and results are written as text in the
 * act-turn format (`{"tool":…,"arguments":…}` / "Result of NAME:"), the same text the grammar makes
 * the model write, so the model sees its own past turns in the format it must keep and the
 * rendered history stays a stable, append-only prefix for the KV cache.
 */

/** One call as the act-turn format writes it. */
export function callText(name: string, argumentsJson: string): string {
  return JSON.stringify({ tool: name, arguments: parseToolArguments(argumentsJson) });
}

/**
 * The history for `messages`, with `instructions` (the tools section) appended to the system text
 * and an empty model turn at the end for the reply. With `actFormat` the assistant's plain answers
 * are written as `{"answer": …}` too.
 */
export function toHistory(
  messages: readonly ChatMessage[],
  instructions: string,
  actFormat: boolean,
): ChatHistoryItem[] {
  const items: ChatHistoryItem[] = [];
  const names = new Map<string, string>();
  const systems = messages.filter((m) => m.role === "system").map((m) => m.content ?? "");
  const system = [...systems, instructions].filter((s) => s.trim() !== "").join("\n\n");
  if (system !== "") items.push({ type: "system", text: system });
  for (const m of messages) {
    if (m.role === "system") continue;
    if (m.role === "user") items.push({ type: "user", text: m.content ?? "" });
    else if (m.role === "assistant") {
      const calls = m.tool_calls ?? [];
      for (const c of calls) names.set(c.id, c.function.name);
      const parts = calls.map((c) => callText(c.function.name, c.function.arguments));
      const text = m.content ?? "";
      if (text.trim() !== "" || parts.length === 0) {
        parts.unshift(actFormat && calls.length === 0 ? JSON.stringify({ answer: text }) : text);
      }
      items.push({ type: "model", response: [parts.join("\n")] });
    } else {
      const name = m.name ?? (m.tool_call_id ? names.get(m.tool_call_id) : undefined) ?? "the tool";
      items.push({ type: "user", text: `Result of ${name}:\n${m.content ?? ""}` });
    }
  }
  items.push({ type: "model", response: [] });
  return items;
}
