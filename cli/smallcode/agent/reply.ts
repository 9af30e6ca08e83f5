import { type RepairedToolCall, tools as toolSpecs } from "../../../generated/index.ts";
import type { AgentTurn, ToolSpec } from "../../../runtime/index.ts";
import type { ParsedReply, PendingCall } from "../contract/index.ts";
import { parseToolCalls, type ToolCallIssue, type ToolDefinition } from "../tool-calls/index.ts";
import { excerptOf, makeIssue } from "../tool-calls/issues.ts";
import { codeFenceSpans, maskSpans } from "../tool-calls/regions.ts";
import { MAX_CALLS_PER_REPLY } from "./state.ts";

/**
 * Reading an act reply: native tool calls first, then every text format, through the forgiving
 * parser, with arguments repaired against the declared tool schemas (aliases included). Every
 * declared tool is recognised, not only the offered ones. When nothing could be read but the reply
 * clearly tried to call a tool — the parser reported a failed attempt, or a line starts like a call of
 * a known tool (`[patch(…`, `bash(…`) and was not read — the generated `repair_tool_call` prompt gets
 * one try (shown the text, or the native calls' names and raw arguments); if that fails too, the reply
 * carries a `problem` to tell the model. Such a reply is never a final answer. A reply with more than
 * `MAX_CALLS_PER_REPLY` calls keeps the first ones; the rest never enter the history (so every call
 * there still gets its one result) and are reported in `dropped`, which the loop tells the model.
 */

/** A tool spec as the parser wants it. */
function definitionOf(t: ToolSpec): ToolDefinition {
  return {
    name: t.name,
    description: t.description,
    parameters: t.parameters as ToolDefinition["parameters"],
    aliases: t.aliases,
  };
}

/** Every declared tool as the parser wants it. */
export const toolDefinitions: readonly ToolDefinition[] = Object.values(toolSpecs).map(definitionOf);

/** A parsed reply, plus what went wrong when the model meant to call a tool and could not be understood. */
export interface ReadReply extends ParsedReply {
  /** Set when the reply tried to call a tool and nothing could be recovered: tell the model this. */
  readonly problem?: string;
  /** Error-level issues about calls that were dropped while others were recovered. */
  readonly dropped: readonly string[];
  /** True when `repair_tool_call` recovered the call. */
  readonly repaired: boolean;
}

/** Hands out tool-call ids unique within a run (models and servers reuse `call_0`). */
export class CallIds {
  readonly #used = new Set<string>();
  #next = 0;

  /** `preferred` when it is unused, else a fresh `call_<n>`. */
  take(preferred?: string): string {
    let id = preferred && !this.#used.has(preferred) ? preferred : "";
    while (id === "" || this.#used.has(id)) id = `call_${++this.#next}`;
    this.#used.add(id);
    return id;
  }

  /** Marks ids already in a (resumed) history as used. */
  reserve(ids: Iterable<string>): void {
    for (const id of ids) this.#used.add(id);
  }
}

const errorsOf = (issues: readonly ToolCallIssue[]) => issues.filter((i) => i.severity === "error");

const escapeRegExp = (name: string) => name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A line that starts like a call of a declared tool: `[patch(`, `  bash (`. */
const CALL_LINE = new RegExp(
  `^[ \\t]*\\[?[ \\t]*(${toolDefinitions.map((t) => escapeRegExp(t.name)).join("|")})[ \\t]*\\(`,
  "m",
);

/**
 * An issue for a line of `text` (outside ordinary code fences) that starts like a call of a declared
 * tool, when the parser read nothing from it; undefined when there is none.
 */
export function unreadCallAttempt(text: string): ToolCallIssue | undefined {
  const m = CALL_LINE.exec(maskSpans(text, codeFenceSpans(text)));
  if (!m) return undefined;
  const line = text.slice(
    m.index,
    text.indexOf("\n", m.index) === -1 ? undefined : text.indexOf("\n", m.index),
  );
  return makeIssue(
    "malformed_call",
    `the call to \`${m[1]}\` is not complete call syntax (check the quotes, the commas and the closing \`)]\`)`,
    { format: "pythonic", tool: m[1], excerpt: excerptOf(line) },
  );
}

/** What `repair_tool_call` is shown: the reply text and every native call, name and raw arguments. */
export function repairQuote(turn: AgentTurn): string {
  const native = turn.toolCalls.map(
    (c) =>
      `{"name": ${JSON.stringify(c.name)}, "arguments": ${c.arguments.trim() === "" ? "{}" : c.arguments}}`,
  );
  return [turn.text.trim(), ...native].filter((part) => part !== "").join("\n");
}

/** What the model is told when its call could not be read. */
export function problemText(issues: readonly ToolCallIssue[]): string {
  const lines = issues.slice(0, 3).map((i) => `- ${i.message}${i.excerpt ? ` (in: ${i.excerpt})` : ""}`);
  return [
    "Your reply looks like a tool call, but it could not be read:",
    ...lines,
    'Send the call again, complete, as {"name": "<tool>", "arguments": {...}} — or answer without a tool call if you are done.',
  ].join("\n");
}

/** What the model is told about the calls past the per-reply cap: how many, which tools, what to do. */
export function tooManyCalls(kept: readonly { name: string }[], over: readonly { name: string }[]): string {
  const byTool = new Map<string, number>();
  for (const c of over) byTool.set(c.name, (byTool.get(c.name) ?? 0) + 1);
  const tools = [...byTool].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name)).join(", ");
  const n = (x: number) => x.toLocaleString("en-US");
  return (
    `your reply had ${n(kept.length + over.length)} tool calls, and at most ${kept.length} run per reply: the first ${kept.length} ran, ` +
    `the other ${n(over.length)} (${tools}) did not. Read these results first, then send only the calls you still need`
  );
}

/**
 * Parses `turn`. `repair` is the generated `repairToolCall` bound to the run's call options; it is
 * tried once when the parser found a failed call attempt and no calls. At most `maxCalls` calls are kept.
 * `external` are the run's MCP tools (and their aliases), recognised besides the declared ones.
 */
export async function readReply(
  turn: AgentTurn,
  ids: CallIds,
  repair?: (reply: string, toolNames: string) => Promise<RepairedToolCall>,
  maxCalls = MAX_CALLS_PER_REPLY,
  external: readonly ToolSpec[] = [],
): Promise<ReadReply> {
  const definitions = [...toolDefinitions, ...external.map(definitionOf)];
  const parsed = parseToolCalls(turn.text, { tools: definitions, nativeToolCalls: turn.toolCalls });
  const errors = errorsOf(parsed.issues);
  if (parsed.calls.length === 0 && errors.length === 0) {
    const attempt = unreadCallAttempt(parsed.text);
    if (attempt) errors.push(attempt);
  }
  const toPending = (c: { id?: string; name: string; arguments: Record<string, unknown> }): PendingCall => ({
    id: ids.take(c.id),
    name: c.name,
    arguments: c.arguments,
  });
  if (parsed.calls.length > 0) {
    const kept = parsed.calls.slice(0, maxCalls);
    const over = parsed.calls.slice(maxCalls);
    return {
      text: parsed.text,
      calls: kept.map(toPending),
      dropped: [...errors.map((i) => i.message), ...(over.length > 0 ? [tooManyCalls(kept, over)] : [])],
      repaired: false,
    };
  }
  if (errors.length === 0) return { text: parsed.text, calls: [], dropped: [], repaired: false };
  if (repair) {
    try {
      const fixed = await repair(repairQuote(turn), definitions.map((t) => t.name).join(", "));
      const again = parseToolCalls("", {
        tools: definitions,
        nativeToolCalls: [{ name: fixed.name, arguments: fixed.arguments ?? {} }],
      });
      if (again.calls.length > 0)
        return { text: "", calls: again.calls.map(toPending), dropped: [], repaired: true };
    } catch {
      // the repair call failed: tell the model instead
    }
  }
  return { text: parsed.text, calls: [], problem: problemText(errors), dropped: [], repaired: false };
}
