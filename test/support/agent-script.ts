import type { Script, ScriptedReply, ScriptedRule } from "../../cli/testkit/scripted-server.ts";

/**
 * Scripts for agent end-to-end tests: the classifier and the category picker answer first, then the
 * act turns in order (the last one repeats). Act replies are written in the text formats small models
 * really use, so the whole path — HTTP, runtime, parser, argument repair, tools — is exercised.
 */

/** A Hermes `<tool_call>` block. */
export function hermes(name: string, args: Record<string, unknown>): string {
  return `<tool_call>\n${JSON.stringify({ name, arguments: args })}\n</tool_call>`;
}

/** A Qwen3-Coder XML call. */
export function qwenXml(name: string, args: Record<string, string>): string {
  const params = Object.entries(args).map(([k, v]) => `<parameter=${k}>\n${v}\n</parameter>`);
  return `<tool_call>\n<function=${name}>\n${params.join("\n")}\n</function>\n</tool_call>`;
}

/** A pythonic call list: `[name(k="v")]`. */
export function pythonic(name: string, args: Record<string, unknown>): string {
  const list = Object.entries(args).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return `[${name}(${list.join(", ")})]`;
}

/** A fenced JSON call; `truncate` drops the final closing brace (a cut-off reply). */
export function fencedJson(name: string, args: Record<string, unknown>, truncate = false): string {
  const json = JSON.stringify({ name, arguments: args });
  return `\`\`\`json\n${truncate ? json.slice(0, -1) : json}\n\`\`\``;
}

export interface AgentScriptOptions {
  /** The classifier's reply (default "debugging"); a status makes it fail. */
  readonly classify?: ScriptedReply;
  /** The picker's reply (default ["read","write","run"]). */
  readonly pick?: ScriptedReply;
  /** Act turns in order: text replies (strings) or full replies. */
  readonly act: readonly (string | ScriptedReply)[];
  /** Extra rules (compress_history, repair_tool_call, …). */
  readonly rules?: readonly ScriptedRule[];
}

/** A script answering the agent's prompts by `x-marrow-prompt`. */
export function agentScript(options: AgentScriptOptions): Script {
  return {
    rules: [
      { prompt: "classify_task_type", replies: [options.classify ?? { content: "debugging" }] },
      { prompt: "pick_tool_categories", replies: [options.pick ?? { content: '["read", "write", "run"]' }] },
      ...(options.rules ?? []),
      {
        prompt: "act",
        replies: options.act.map((r) => (typeof r === "string" ? { content: r } : r)),
      },
    ],
  };
}

/**
 * "change greeting" for the terminal tests: classify as coding, pick read and write, read greet.txt,
 * patch `hello` to `goodbye`, then `answer`. `hangOn` adds an act rule that never answers a task
 * containing that text (for Ctrl-C during a model call).
 */
export function greetingScript(answer: ScriptedReply, options: { hangOn?: string } = {}): Script {
  return {
    models: ["scripted-model"],
    rules: [
      ...(options.hangOn
        ? [{ prompt: "act", match: options.hangOn, replies: [{ fault: "hang" as const }] }]
        : []),
      { prompt: "classify_task_type", replies: [{ content: "coding" }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["read","write"]' }] },
      {
        prompt: "act",
        replies: [
          { toolCalls: [{ name: "read_file", arguments: { path: "greet.txt" } }] },
          {
            toolCalls: [
              { name: "patch", arguments: { path: "greet.txt", old_str: "hello", new_str: "goodbye" } },
            ],
          },
          answer,
        ],
      },
    ],
    fallback: { content: "ok" },
  };
}
