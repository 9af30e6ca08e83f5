import { PassThrough } from "node:stream";
import type { RunResult } from "../../cli/smallcode/contract/index.ts";
import { StringWriter } from "../../cli/smallcode/io.ts";
import type { KnowledgeSettings } from "../../cli/smallcode/knowledge/settings.ts";
import { Repl } from "../../cli/smallcode/repl/session.ts";
import type { ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { run, userEnv } from "../cli/smallcode/helpers.ts";

export { userEnv };

/**
 * Driving `smallcode run` in-process against a scripted model for the knowledge and memory tests:
 * the act turns given (tool calls, then a final answer), and what the requests carried.
 */

/** A tool call reply. */
export function call(name: string, args: Record<string, unknown>) {
  return { toolCalls: [{ name, arguments: args }] };
}

/** The scripted rules: a classifier, a picker, and act replies in order (the last repeats). */
export function script(
  act: readonly ({ content: string } | ReturnType<typeof call>)[],
  pick = '["read"]',
  classify = "coding",
) {
  return {
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: classify }] },
      { prompt: "pick_tool_categories", replies: [{ content: pick }] },
      { prompt: "act", replies: act },
    ],
    fallback: { content: "ok" },
  };
}

interface Body {
  messages: { role: string; content: string }[];
  tools?: { function: { name: string } }[];
}

/** Runs `task` in `dir`; the exit code and output, and the act requests' system prompts, tool names and tool results. */
export async function runTask(
  model: ScriptedServer,
  dir: string,
  task: string,
  act: Parameters<typeof script>[0],
  env: Record<string, string>,
  pick?: string,
  classify?: string,
) {
  model.setScript(script(act, pick, classify));
  const before = model.chatRequests("act").length;
  // without --json: the notices (what went into the prompt, problems found) come on stderr
  const r = await run(dir, ["run", task, "--base-url", model.url, "--model", "scripted-model"], { env });
  const requests = model.chatRequests("act").slice(before);
  const bodies = requests.map((q) => q.body as Body);
  const system = bodies[0]?.messages[0]?.content ?? "";
  const tools = (bodies[0]?.tools ?? []).map((t) => t.function.name);
  const results = (bodies.at(-1)?.messages ?? []).filter((m) => m.role === "tool").map((m) => m.content);
  return { r, system, tools, results, bodies, wire: JSON.stringify(bodies) };
}

/** What the interactive session prints for `lines` (slash commands) in project `cwd`. */
export async function replSays(
  cwd: string,
  lines: string,
  knowledge: KnowledgeSettings = {},
): Promise<string> {
  const input = new PassThrough();
  const output = new StringWriter();
  const done = { success: true } as RunResult;
  const repl = new Repl({
    input,
    output,
    options: { cwd, knowledge },
    factory: () => ({ run: async () => done }),
    color: false,
  });
  input.end(lines);
  await repl.run();
  return output.text;
}
