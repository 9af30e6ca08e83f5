import { actSpec, toolCategories, tools as toolSpecs } from "../../../generated/index.ts";
import { type ModelSpec, type ToolSpec, toolsPrompt } from "../../../runtime/index.ts";
import { defaultCounter, MESSAGE_OVERHEAD, type TokenCounter } from "./tokens.ts";

/**
 * The fixed part of an act request: what every turn pays before any history — the system prompt
 * (with the guards' notes), the task message, and the offered tools' schemas (native `tools`, or the
 * tools section written into the system message for text tool formats). Measured with the same
 * chars/4 rule the runtime uses.
 */

/** The limit the fixed prompt of a first request must stay under (small models, 8k windows). */
export const FIXED_PROMPT_LIMIT = 2000;

/** The fixed part of an act request, in tokens, by part. */
export interface FixedPrompt {
  /** Tokens of the system message (prompt text and notes, plus the tools section for text formats). */
  readonly system: number;
  /** Tokens of the task message. */
  readonly task: number;
  /** Tokens of the native tool schemas (0 for text formats: they are in `system`). */
  readonly tools: number;
  readonly total: number;
  /** Names of the tools offered. */
  readonly offered: readonly string[];
}

/** The tool specs named in `names`, in declaration order (then the run-time `extra` ones, MCP). */
export function specsOf(names: readonly string[], extra: readonly ToolSpec[] = []): ToolSpec[] {
  const wanted = new Set(names);
  return [...(actSpec.tools ?? []), ...extra].filter((t) => wanted.has(t.name));
}

/**
 * Measures the fixed prompt of an act turn.
 * @param offered names of the tools offered on the turn
 * @param model decides how tools are offered (native or text format); default native
 * @param extra tools known only at run time (MCP) that `offered` may name
 */
export function measureFixedPrompt(
  offered: readonly string[],
  input: { readonly task: string; readonly notes?: string; readonly complexity?: number },
  model?: Pick<ModelSpec, "toolFormat">,
  counter: TokenCounter = defaultCounter,
  extra: readonly ToolSpec[] = [],
): FixedPrompt {
  const context = {
    task: input.task,
    notes: input.notes ?? "",
    complexity: input.complexity ?? 0,
    history: [],
  };
  const specs = specsOf(offered, extra);
  const format = model?.toolFormat ?? "native";
  const section = format === "native" ? "" : toolsPrompt(specs, format);
  const systemText = [actSpec.system?.(context).trim() ?? "", section].filter((s) => s !== "").join("\n\n");
  const native = specs.map((t) => ({
    type: "function",
    function: { name: t.name, description: t.description, parameters: t.parameters },
  }));
  const system = counter.text(systemText) + MESSAGE_OVERHEAD;
  const task = counter.text(actSpec.template(context)) + MESSAGE_OVERHEAD;
  const tools = format === "native" && native.length > 0 ? counter.text(JSON.stringify(native)) : 0;
  return { system, task, tools, total: system + task + tools, offered: specs.map((t) => t.name) };
}

/** Every declared tool name (the guards' own tools included). */
export const allToolNames: readonly string[] = Object.keys(toolSpecs);

/** The tools of the four core categories (read, write, search, run): what routing "all" offers. */
export const coreToolNames: readonly string[] = Object.entries(toolCategories)
  .filter(([, category]) => ["read", "write", "search", "run"].includes(category))
  .map(([name]) => name);
