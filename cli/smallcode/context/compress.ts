import type { Message } from "../contract/index.ts";
import { resultCapFor } from "./budget.ts";
import { capToolResult } from "./cap.ts";
import { describeArguments, EVICTED_PREFIX, evictToolResults } from "./evict.ts";
import { fromUnits, toUnits, type Unit } from "./pairs.ts";
import { defaultCounter, type TokenCounter } from "./tokens.ts";

/**
 * Fitting the history into its budget, in order of cost:
 * 1. cap tool results bigger than the per-result cap (`resultCapFor`), head and tail kept, oldest first;
 * 2. evict old tool-result bodies to one-line stubs, oldest first;
 * 3. summarise the older turns (the generated `compress_history` prompt, or a deterministic summary
 *    built from the tool calls when that call fails) into one message, kept at the head of the history;
 * 4. cut the newest turn harder (its result to head and tail, a long argument of its call), then the summary.
 * The newest tool call with its results (and any message after it) and the summary always stay, so a
 * history is never emptied. Every step cuts between units, so tool calls and their results stay
 * together. The result is within the budget, unless even that smallest history is larger (a budget
 * under about `MIN_HISTORY_TOKENS`, which the window's safety margin covers): then it is returned
 * anyway, marked `overBudget`.
 */

/** Marks the summary message that replaces older turns. */
export const SUMMARY_HEADER = "Summary of the earlier steps of this session:";

/**
 * About the most the smallest history can take: the summary and a newest turn of up to three calls,
 * each cut to its floor. Within the safety margin of a 4k window (5%, 205 tokens).
 */
export const MIN_HISTORY_TOKENS = 200;

/** Floors, in tokens, below which step 4 cuts no further: a tool result, other text, the summary. */
const RESULT_FLOOR = 20;
const TEXT_FLOOR = 12;
const SUMMARY_FLOOR = 30;
/** Characters a long string argument of a call is cut to, at the least. */
const ARGUMENT_FLOOR = 24;

/** Options of `fitHistory`. */
export interface FitOptions {
  /** Summarises a transcript of older turns; a throw falls back to the deterministic summary. */
  readonly summarise?: (transcript: string) => Promise<string>;
  readonly counter?: TokenCounter;
  /** Largest transcript handed to `summarise`, tokens. Default 6000. */
  readonly maxTranscriptTokens?: number;
  /** Told about fallbacks (a failed summary call). */
  readonly onNotice?: (message: string) => void;
}

/** What `fitHistory` did. */
export interface FitResult {
  readonly history: Message[];
  /** Tool results replaced by stubs. */
  readonly evicted: number;
  /** Units folded into the summary. */
  readonly summarised: number;
  /** How the summary was made, when one was. */
  readonly summary?: "model" | "fallback";
  /** Messages shortened: big results capped (step 1) and the newest turn or the summary cut (step 4). */
  readonly shortened: number;
  /** True when even the smallest history (see `MIN_HISTORY_TOKENS`) is over the budget. */
  readonly overBudget?: boolean;
}

const firstLine = (text: string | null | undefined, max = 160) => {
  const line = (text ?? "").trim().split("\n")[0] ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** The text of older turns handed to the summariser: every message, long bodies shortened. */
export function transcriptOf(units: readonly Unit[], maxTokens = 6000): string {
  const lines: string[] = [];
  for (const m of fromUnits(units)) {
    const body = capToolResult(m.content ?? "", isSummaryMessage(m) ? 600 : 150).text;
    if (m.role === "tool") lines.push(`[result] ${body}`);
    else if (body.trim() !== "") lines.push(`[${m.role}] ${body}`);
    for (const c of m.tool_calls ?? [])
      lines.push(`[call] ${c.function.name}(${describeArguments(c.function.arguments, 200)})`);
  }
  return capToolResult(lines.join("\n"), maxTokens).text;
}

/** A summary made without a model: the calls made and how they went, plus the messages' first lines. */
export function fallbackSummary(units: readonly Unit[], maxLines = 30): string {
  const lines: string[] = [];
  for (const unit of units) {
    const [head, ...results] = unit.messages;
    if (!head) continue;
    const calls = head.tool_calls ?? [];
    if (calls.length === 0) {
      const text = firstLine(head.content);
      if (text.startsWith(SUMMARY_HEADER)) {
        for (const l of (head.content ?? "").split("\n").slice(1)) if (l.trim()) lines.push(l.trim());
      } else if (text) lines.push(`- ${head.role === "user" ? "note" : "said"}: ${text}`);
      continue;
    }
    for (const call of calls) {
      const result = results.find((r) => r.tool_call_id === call.id);
      const content = result?.content ?? "";
      const outcome = content.startsWith(EVICTED_PREFIX)
        ? "(output evicted)"
        : firstLine(content, 120) || "(no output)";
      lines.push(`- ${call.function.name}(${describeArguments(call.function.arguments, 80)}) → ${outcome}`);
    }
  }
  const kept =
    lines.length > maxLines ? [...lines.slice(0, 5), "- …", ...lines.slice(-(maxLines - 6))] : lines;
  return kept.join("\n");
}

const isSummaryMessage = (m: Message | undefined) =>
  m?.role === "user" && (m.content ?? "").startsWith(SUMMARY_HEADER);

/** True when `unit` is a summary message made by `fitHistory`. */
const isSummary = (unit: Unit | undefined) =>
  unit?.messages.length === 1 && isSummaryMessage(unit.messages[0]);

/** Cuts `text` to `maxChars` characters: head and tail, with a marker saying how much was cut. */
function headTail(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = (n: number) => `\n…[${n} chars cut]…\n`;
  const room = maxChars - marker(text.length).length;
  if (room < 12) return `${text.slice(0, Math.max(1, maxChars - 1))}…`;
  const head = Math.ceil(room * 0.6);
  const tail = room - head;
  return `${text.slice(0, head)}${marker(text.length - head - tail)}${text.slice(text.length - tail)}`;
}

/**
 * Cuts `text` to at most `maxTokens` tokens, keeping its head and its tail (whole lines, with the
 * tool's hint, when there is room for them).
 */
export function cutText(
  text: string,
  maxTokens: number,
  counter: TokenCounter = defaultCounter,
  tool = "",
): string {
  const tokens = counter.text(text);
  if (tokens <= maxTokens) return text;
  let chars = Math.floor((text.length * maxTokens) / tokens);
  for (;;) {
    const out = chars >= 400 ? capToolResult(text, Math.floor(chars / 4), tool).text : headTail(text, chars);
    if (counter.text(out) <= maxTokens || chars <= 8) return out;
    chars = Math.floor(chars * 0.9);
  }
}

/** Applies `fn` to every string in a JSON value. */
function mapStrings(value: unknown, fn: (s: string) => string): unknown {
  if (typeof value === "string") return fn(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn));
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)]));
  return value;
}

/** The length of the longest string in a JSON value. */
function longestString(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (value !== null && typeof value === "object")
    return Math.max(0, ...Object.values(value).map(longestString));
  return 0;
}

/** Parses a call's arguments; text that is not JSON becomes `{ "arguments": text }`. */
function parseArguments(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return { arguments: json };
  }
}

/**
 * Shortens a call's JSON arguments to about `maxTokens` tokens by cutting its longest strings to
 * their head and tail (never below `ARGUMENT_FLOOR` characters); the result is still valid JSON.
 */
function cutArguments(json: string, maxTokens: number, counter: TokenCounter): string {
  const value = parseArguments(json);
  const at = (limit: number) => JSON.stringify(mapStrings(value, (s) => headTail(s, limit)));
  let lo = ARGUMENT_FLOOR;
  let hi = longestString(value);
  if (counter.text(at(hi)) <= maxTokens) return at(hi);
  // the largest per-string limit whose arguments fit
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (counter.text(at(mid)) <= maxTokens) lo = mid;
    else hi = mid - 1;
  }
  return at(lo);
}

/** One thing step 4 can cut: a message's text, or one call's arguments. */
interface Cuttable {
  readonly unit: number;
  readonly message: number;
  /** The call whose arguments are cut; absent for the message's text. */
  readonly call?: number;
  readonly tokens: number;
}

/** The largest thing in `units` (the summary at index 0 aside) that is still above its floor. */
function largestCuttable(units: readonly Unit[], counter: TokenCounter, from: number): Cuttable | undefined {
  let best: Cuttable | undefined;
  const consider = (c: Cuttable) => {
    if (!best || c.tokens > best.tokens) best = c;
  };
  for (let u = from; u < units.length; u++) {
    units[u]!.messages.forEach((m, i) => {
      const tokens = counter.text(m.content ?? "");
      if (tokens > (m.role === "tool" ? RESULT_FLOOR : TEXT_FLOOR)) consider({ unit: u, message: i, tokens });
      m.tool_calls?.forEach((c, k) => {
        if (longestString(parseArguments(c.function.arguments)) > ARGUMENT_FLOOR)
          consider({ unit: u, message: i, call: k, tokens: counter.text(c.function.arguments) });
      });
    });
  }
  return best;
}

/** The tool that produced the result `message` of `unit`, for the cap hint. */
function toolOf(unit: Unit, message: Message): string {
  return unit.messages[0]?.tool_calls?.find((c) => c.id === message.tool_call_id)?.function.name ?? "";
}

/** Returns `units` with one message replaced. */
function replaceMessage(units: Unit[], u: number, m: number, message: Message): void {
  const messages = [...units[u]!.messages];
  messages[m] = message;
  units[u] = { messages };
}

/** Step 1: caps tool results above `cap` tokens, oldest first, until the history fits. */
function capResults(
  history: readonly Message[],
  budget: number,
  cap: number,
  counter: TokenCounter,
): { history: Message[]; capped: number } {
  const out = [...history];
  let total = counter.messages(out);
  let capped = 0;
  let tools = new Map<string, string>();
  for (let i = 0; i < out.length && total > budget; i++) {
    const message = out[i]!;
    if (message.tool_calls?.length) tools = new Map(message.tool_calls.map((c) => [c.id, c.function.name]));
    if (message.role !== "tool" || counter.text(message.content ?? "") <= cap) continue;
    const tool = tools.get(message.tool_call_id ?? "") ?? "";
    const shorter = { ...message, content: cutText(message.content ?? "", cap, counter, tool) };
    out[i] = shorter;
    total += counter.message(shorter) - counter.message(message);
    capped++;
  }
  return { history: out, capped };
}

/** Index of the unit with the newest tool calls (the last unit when there is none). */
function newestCallUnit(units: readonly Unit[]): number {
  for (let u = units.length - 1; u >= 0; u--) if (units[u]!.messages[0]?.tool_calls?.length) return u;
  return units.length - 1;
}

/** Summarises `older` with the model, or with the fallback when that fails. */
async function summariseUnits(
  older: readonly Unit[],
  options: FitOptions,
): Promise<{ text: string; how: "model" | "fallback" }> {
  try {
    if (!options.summarise) throw new Error("no summariser");
    const text = (await options.summarise(transcriptOf(older, options.maxTranscriptTokens))).trim();
    if (text === "") throw new Error("the summary was empty");
    return { text, how: "model" };
  } catch (error) {
    if (options.summarise)
      options.onNotice?.(`history summary fell back to a list of tool calls: ${(error as Error).message}`);
    return { text: fallbackSummary(older), how: "fallback" };
  }
}

/** Makes `history` fit in `budget` tokens (see the module comment). The input is not changed. */
export async function fitHistory(
  history: readonly Message[],
  budget: number,
  options: FitOptions = {},
): Promise<FitResult> {
  const counter = options.counter ?? defaultCounter;
  const size = (units: readonly Unit[]) => counter.messages(fromUnits(units));
  if (counter.messages(history) <= budget)
    return { history: [...history], evicted: 0, summarised: 0, shortened: 0 };

  // 1. cap big results
  const capped = capResults(history, budget, resultCapFor(budget), counter);
  let shortened = capped.capped;

  // 2. evict old results; the newest call's results are never evicted
  let units = toUnits(capped.history);
  const newestResults = units[newestCallUnit(units)]!.messages.filter((m) => m.role === "tool").length;
  const evicted = evictToolResults(capped.history, budget, {
    counter,
    keepRecent: Math.max(2, newestResults),
  });
  units = toUnits(evicted.history);

  // 3. summarise older turns, keeping the newest call, the last message and what fits in half the budget
  let summarised = 0;
  let summary: FitResult["summary"];
  const summaryCap = Math.max(60, Math.floor(budget * 0.25));
  if (size(units) > budget) {
    const keep = new Set([newestCallUnit(units), units.length - 1]);
    const keepBudget = Math.max(0, Math.min(Math.floor(budget * 0.5), budget - summaryCap));
    let kept = [...keep].reduce((n, u) => n + counter.messages(units[u]!.messages), 0);
    for (let u = units.length - 1; u >= 0; u--) {
      if (keep.has(u)) continue;
      const tokens = counter.messages(units[u]!.messages);
      if (kept + tokens > keepBudget) break;
      keep.add(u);
      kept += tokens;
    }
    const older = units.filter((_, u) => !keep.has(u));
    if (older.length > 0) {
      let content: string;
      if (older.length === 1 && isSummary(older[0])) content = older[0]!.messages[0]!.content ?? "";
      else {
        const made = await summariseUnits(older, options);
        content = `${SUMMARY_HEADER}\n${made.text}`;
        summary = made.how;
        summarised = older.length;
      }
      content = cutText(content, summaryCap, counter);
      units = [{ messages: [{ role: "user", content }] }, ...units.filter((_, u) => keep.has(u))];
    }
  }

  // 4. cut the newest turn harder (largest first, down to floors), then the summary
  const from = isSummary(units[0]) && units.length > 1 ? 1 : 0;
  for (let over = size(units) - budget; over > 0; over = size(units) - budget) {
    const item = largestCuttable(units, counter, from);
    if (!item) break;
    const unit = units[item.unit]!;
    const message = unit.messages[item.message]!;
    if (item.call === undefined) {
      const floor = message.role === "tool" ? RESULT_FLOOR : TEXT_FLOOR;
      const content = cutText(
        message.content ?? "",
        Math.max(floor, item.tokens - over),
        counter,
        toolOf(unit, message),
      );
      replaceMessage(units, item.unit, item.message, { ...message, content });
    } else {
      const calls = [...(message.tool_calls ?? [])];
      const call = calls[item.call]!;
      const args = cutArguments(call.function.arguments, Math.max(1, item.tokens - over), counter);
      calls[item.call] = { ...call, function: { ...call.function, arguments: args } };
      replaceMessage(units, item.unit, item.message, { ...message, tool_calls: calls });
    }
    shortened++;
  }
  const over = size(units) - budget;
  if (over > 0 && from === 1) {
    const content = units[0]!.messages[0]!.content ?? "";
    const shorter = cutText(content, Math.max(SUMMARY_FLOOR, counter.text(content) - over), counter);
    if (shorter !== content) {
      units[0] = { messages: [{ role: "user", content: shorter }] };
      shortened++;
    }
  }
  return {
    history: fromUnits(units),
    evicted: evicted.evicted,
    summarised,
    ...(summary ? { summary } : {}),
    shortened,
    ...(size(units) > budget ? { overBudget: true } : {}),
  };
}
