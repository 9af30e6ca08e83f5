import type { Message } from "../contract/index.ts";

/**
 * Pair-aware views of a flat chat history. An assistant message with tool calls and the tool results
 * that answer it form one *unit*; compaction, eviction and resumption only ever cut between units, so
 * a call is never separated from its result.
 */

/** One or more messages that must stay together. */
export interface Unit {
  readonly messages: readonly Message[];
}

/** Splits a history into units (an assistant tool-call message with its results, or a single message). */
export function toUnits(history: readonly Message[]): Unit[] {
  const units: Unit[] = [];
  let i = 0;
  while (i < history.length) {
    const message = history[i]!;
    const calls = message.role === "assistant" ? (message.tool_calls?.length ?? 0) : 0;
    if (calls === 0) {
      units.push({ messages: [message] });
      i++;
      continue;
    }
    let j = i + 1;
    while (j < history.length && history[j]!.role === "tool") j++;
    units.push({ messages: history.slice(i, j) });
    i = j;
  }
  return units;
}

/** Joins units back into a flat history. */
export function fromUnits(units: readonly Unit[]): Message[] {
  return units.flatMap((u) => u.messages);
}

/**
 * Checks the message-ordering invariant: every assistant message with tool calls is followed by
 * exactly one tool result per call (matched by `tool_call_id`, any order) before any other message,
 * and no tool result appears anywhere else. Returns the problems found (empty when the history is valid).
 */
export function toolPairProblems(history: readonly Message[]): string[] {
  const problems: string[] = [];
  let open: Set<string> | undefined;
  let openAt = -1;
  const close = (at: number) => {
    if (open && open.size > 0)
      problems.push(
        `message ${openAt}: tool call${open.size === 1 ? "" : "s"} ${[...open].join(", ")} not answered before message ${at}`,
      );
    open = undefined;
  };
  history.forEach((m, i) => {
    if (m.role === "tool") {
      if (!open) problems.push(`message ${i}: tool result without a preceding tool call`);
      else if (!m.tool_call_id || !open.has(m.tool_call_id))
        problems.push(
          `message ${i}: tool result for unknown or already answered call ${m.tool_call_id ?? "(none)"}`,
        );
      else open.delete(m.tool_call_id);
      return;
    }
    close(i);
    const calls = m.role === "assistant" ? (m.tool_calls ?? []) : [];
    if (calls.length > 0) {
      const ids = calls.map((c) => c.id);
      if (new Set(ids).size !== ids.length) problems.push(`message ${i}: duplicate tool call ids`);
      open = new Set(ids);
      openAt = i;
    }
  });
  close(history.length);
  return problems;
}

/** Throws when the history breaks the message-ordering invariant (see `toolPairProblems`). */
export function assertToolPairs(history: readonly Message[]): void {
  const problems = toolPairProblems(history);
  if (problems.length > 0) throw new Error(`message-ordering invariant broken: ${problems.join("; ")}`);
}

/** The result given to a call whose result is missing (a session that ended mid-step). */
export const MISSING_RESULT = "(no result: the session ended before this call ran)";

/**
 * Makes a history from elsewhere (a saved session) obey the invariant: tool results that answer no
 * open call are dropped, and calls left unanswered get a stub result.
 */
export function closeOpenCalls(history: readonly Message[]): Message[] {
  const out: Message[] = [];
  let open: string[] = [];
  const flush = () => {
    for (const id of open) out.push({ role: "tool", tool_call_id: id, content: MISSING_RESULT });
    open = [];
  };
  for (const m of history) {
    if (m.role === "tool") {
      const at = m.tool_call_id ? open.indexOf(m.tool_call_id) : -1;
      if (at >= 0) {
        open.splice(at, 1);
        out.push(m);
      }
      continue;
    }
    flush();
    out.push(m);
    if (m.role === "assistant" && m.tool_calls?.length) open = [...new Set(m.tool_calls.map((c) => c.id))];
  }
  flush();
  return out;
}
