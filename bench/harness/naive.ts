import OpenAI from "openai";
import type { RunResult, StopReason, ToolCallRecord } from "../../cli/smallcode/contract/index.ts";
import { createToolSession, runTool, Shell } from "../../cli/smallcode/toolbox/index.ts";
import { tools as toolSpecs } from "../../generated/index.ts";
import { benchEnv } from "./workspace.ts";

/**
 * The naive baseline: the plain loop frontier-oriented agents use. Every tool schema on every turn,
 * native `tool_calls` only (a call written as text is taken as the final answer), arguments parsed with
 * `JSON.parse` and no repair, no guards, no context management; the run ends when the model answers
 * without a tool call. Same tools (`runTool`) and same model as SmallCode, so the difference is the agent.
 */

/** Options of one naive run. */
export interface NaiveOptions {
  readonly task: string;
  readonly cwd: string;
  readonly baseUrl: string;
  readonly model: string;
  readonly apiKey?: string;
  readonly maxSteps?: number;
  readonly maxTimeMs?: number;
  readonly signal?: AbortSignal;
}

const SYSTEM =
  "You are a coding agent working in the user's project. Use the tools to complete the user's task. " +
  "When the task is complete, reply with a short summary and no tool call.";

/** Categories of work tools; SmallCode's planning and memory tools (todo, note, done_when) need its guards. */
const WORK_CATEGORIES = new Set(["read", "write", "search", "run"]);

/** Every declared work tool as an OpenAI `tools` entry. */
export const NAIVE_TOOLS: OpenAI.Chat.Completions.ChatCompletionTool[] = Object.values(toolSpecs)
  .filter((t) => WORK_CATEGORIES.has(t.category))
  .map((t) => ({
    type: "function",
    function: {
      name: t.name,
      description: t.description,
      parameters: t.parameters as Record<string, unknown>,
    },
  }));

/** Runs the naive loop on one task and reports it in SmallCode's `RunResult` shape. */
export async function runNaive(options: NaiveOptions): Promise<RunResult> {
  const started = Date.now();
  const maxSteps = options.maxSteps ?? 30;
  const deadline = started + (options.maxTimeMs ?? 10 * 60_000);
  const client = new OpenAI({
    baseURL: options.baseUrl,
    apiKey: options.apiKey || "sk-no-key",
    maxRetries: 1,
    timeout: 120_000,
  });
  const created = new Set<string>();
  const edited = new Set<string>();
  const session = createToolSession({
    cwd: options.cwd,
    shell: new Shell({ cwd: options.cwd, env: benchEnv() }),
    signal: options.signal,
    onChange: (path, kind) => (kind === "created" ? created : edited).add(path),
  });
  const messages: OpenAI.Chat.Completions.ChatCompletionMessageParam[] = [
    { role: "system", content: SYSTEM },
    { role: "user", content: options.task },
  ];
  const toolCalls: ToolCallRecord[] = [];
  const usage = { calls: 0, promptTokens: 0, completionTokens: 0 };
  let stopReason: StopReason = "max_steps";
  let response = "";
  try {
    for (let step = 0; step < maxSteps; step++) {
      if (Date.now() > deadline) {
        stopReason = "max_time";
        break;
      }
      let completion: OpenAI.Chat.Completions.ChatCompletion;
      try {
        completion = await client.chat.completions.create(
          { model: options.model, messages, tools: NAIVE_TOOLS, tool_choice: "auto", temperature: 0.2 },
          { signal: options.signal },
        );
      } catch (error) {
        stopReason = options.signal?.aborted ? "cancelled" : "endpoint";
        response = error instanceof Error ? error.message : String(error);
        break;
      }
      usage.calls++;
      usage.promptTokens += completion.usage?.prompt_tokens ?? 0;
      usage.completionTokens += completion.usage?.completion_tokens ?? 0;
      const message = completion.choices[0]?.message;
      const calls = (message?.tool_calls ?? []).filter((c) => c.type === "function");
      if (calls.length === 0) {
        response = message?.content ?? "";
        stopReason = "done";
        break;
      }
      messages.push({ role: "assistant", content: message?.content ?? null, tool_calls: calls });
      for (const call of calls) {
        const t0 = Date.now();
        let args: Record<string, unknown> = {};
        let result: { ok: boolean; output: string };
        try {
          args = JSON.parse(call.function.arguments || "{}");
          result = await runTool(call.function.name, args, session);
        } catch (error) {
          result = {
            ok: false,
            output: `error: the arguments are not valid JSON: ${(error as Error).message}`,
          };
        }
        toolCalls.push({ name: call.function.name, arguments: args, ok: result.ok, ms: Date.now() - t0 });
        messages.push({ role: "tool", tool_call_id: call.id, content: result.output });
      }
    }
  } finally {
    await session.close();
  }
  return {
    success: stopReason === "done",
    response,
    stopReason,
    toolCalls,
    filesCreated: [...created].sort(),
    filesEdited: [...edited].filter((p) => !created.has(p)).sort(),
    usage,
    durationMs: Date.now() - started,
  };
}
