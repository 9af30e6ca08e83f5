import {
  type PickToolCategoriesInput,
  pickToolCategories,
  type TaskType,
  type ToolGroup,
  toolCategories,
} from "../../../generated/index.ts";
import type { CallOptions, ToolSpec } from "../../../runtime/index.ts";
import { measureFixedPrompt } from "../context/prompt-size.ts";

/**
 * Stage two: routing. The complexity fed to the act prompt's router (task type, a few cheap
 * heuristics, and failures so far, so the run escalates to the strong tier after repeated failures),
 * and two-stage tool routing: a tiny model picks tool categories (a fixed mapping from the task type
 * answers when it cannot), and only those tools' schemas are offered.
 */

/** Complexity before heuristics, by task type. The router's simple tier ends at 0.6. */
export const BASE_COMPLEXITY: Readonly<Record<TaskType, number>> = {
  chat: 0.1,
  explain: 0.2,
  search: 0.2,
  editing: 0.3,
  coding: 0.4,
  testing: 0.4,
  debugging: 0.45,
  refactor: 0.5,
};

/** What a run has seen that makes it harder than its label says. */
export interface RouteSignals {
  /** Failed tool calls and unreadable replies so far. */
  readonly failures: number;
  /** Failures in a row, most recent last. */
  readonly consecutiveFailures: number;
}

/** Complexity in [0, 1]: base by type, +0.1 for long or multi-file tasks, +0.07 per failure, ≥0.65 after 3 in a row. */
export function complexityOf(taskType: TaskType, task: string, signals: RouteSignals): number {
  let value = BASE_COMPLEXITY[taskType] ?? 0.4;
  if (task.length > 400) value += 0.1;
  const files = task.match(/[\w./-]+\.[a-z]{1,5}\b/gi) ?? [];
  if (new Set(files).size >= 3) value += 0.1;
  value += 0.07 * signals.failures;
  if (signals.consecutiveFailures >= 3) value = Math.max(value, 0.65);
  return Math.round(Math.min(1, Math.max(0, value)) * 100) / 100;
}

/** Tool categories per task type, when the picker cannot answer. */
export const CATEGORY_FALLBACK: Readonly<Record<TaskType, readonly ToolGroup[]>> = {
  coding: ["read", "write", "search", "run"],
  editing: ["read", "write", "search"],
  debugging: ["read", "write", "run", "search"],
  search: ["search", "read"],
  explain: ["read", "search"],
  testing: ["read", "write", "run"],
  refactor: ["read", "write", "search", "run"],
  chat: ["read", "search"],
};

/** Categories that are extras: a pick of only these still brings `read`. */
const EXTRA_CATEGORIES: ReadonlySet<ToolGroup> = new Set(["mcp", "web", "memory"]);

/**
 * The categories to offer: the picked ones, plus `read` whenever `write` is picked (edits need reads);
 * `mcp` only when external tools are connected (`withMcp`), `web` only when the user enabled
 * web_fetch (`withWeb`), `memory` only when project memory is on (`withMemory`).
 */
export function normaliseCategories(
  categories: readonly ToolGroup[],
  withMcp = false,
  withWeb = false,
  withMemory = false,
): ToolGroup[] {
  const set = new Set<ToolGroup>(categories);
  if (!withMcp) set.delete("mcp");
  if (!withWeb) set.delete("web");
  if (!withMemory) set.delete("memory");
  if (set.has("write")) set.add("read");
  if (![...set].some((c) => !EXTRA_CATEGORIES.has(c))) set.add("read");
  return (["read", "write", "search", "run", "mcp", "web", "memory"] as const).filter((c) => set.has(c));
}

/** What the category picker is told `web` does, when web_fetch is enabled. */
export const WEB_LINE = "fetch a web page by its URL (documentation, an issue, an API reference).";

/** What the category picker is told `memory` does, when project memory is on. */
export const MEMORY_LINE = "remember a fact about the project for later tasks, or look one up or forget it.";

/** A task that speaks of remembering needs the memory tool, whatever the picker says. */
export const MEMORY_WORDS = /\b(remember|memori[sz]e|memory|forget|recall|from now on)\b/i;

/** The most tokens the fixed part of the first act request may take, whatever tools are installed. */
export const FIRST_REQUEST_TOKENS = 2000;

/** What the guards may add to a turn: their tools (todo, note, done_when) and their notes. */
const GUARD_TOOLS = ["todo", "note", "done_when"];
const GUARD_NOTES = 300;

/**
 * The external (MCP) tools to offer besides `routed`, in order, while the first act request stays
 * under {@link FIRST_REQUEST_TOKENS} with the guards' tools and notes at their largest (and `reserved`
 * tokens of other notes: the run's knowledge).
 */
export function fitExternal(
  routed: readonly string[],
  external: readonly ToolSpec[],
  task: string,
  reserved = 0,
): string[] {
  const core = measureFixedPrompt([...routed, ...GUARD_TOOLS], { task }).total + GUARD_NOTES + reserved;
  let left = FIRST_REQUEST_TOKENS - core;
  const kept: string[] = [];
  for (const spec of external) {
    const cost = measureFixedPrompt([spec.name], { task: "" }, undefined, undefined, [spec]).tools;
    if (cost > left) continue;
    left -= cost;
    kept.push(spec.name);
  }
  return kept;
}

/** Names of the tools in `categories`, in declaration order. */
export function toolsFor(categories: readonly string[]): string[] {
  const wanted = new Set(categories);
  return Object.entries(toolCategories)
    .filter(([, category]) => wanted.has(category))
    .map(([name]) => name);
}

/** Categories picked, and whether the fixed mapping answered. */
export interface CategoryPick {
  readonly categories: ToolGroup[];
  readonly fallback: boolean;
  readonly error?: string;
}

/**
 * Asks the tiny model for categories; falls back to `CATEGORY_FALLBACK` on any failure (except
 * cancellation). `servers` is the line naming the connected MCP servers (empty: none, no `mcp`);
 * `web` is {@link WEB_LINE} when web_fetch is enabled (empty: no `web`); `memory` is
 * {@link MEMORY_LINE} when project memory is on (empty: no `memory`).
 */
export async function pickCategories(
  task: string,
  taskType: TaskType,
  options: CallOptions = {},
  servers = "",
  web = "",
  memory = "",
): Promise<CategoryPick> {
  try {
    const input: PickToolCategoriesInput = {
      task,
      task_type: taskType,
      ...(servers ? { servers } : {}),
      ...(web ? { web } : {}),
      ...(memory ? { memory } : {}),
    };
    const picked = await pickToolCategories(input, options);
    return {
      categories: normaliseCategories(picked, servers !== "", web !== "", memory !== ""),
      fallback: false,
    };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return {
      categories: normaliseCategories(CATEGORY_FALLBACK[taskType] ?? CATEGORY_FALLBACK.coding),
      fallback: true,
      error: (error as Error).message,
    };
  }
}
