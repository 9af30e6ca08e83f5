import { skillTool } from "../knowledge/tool.ts";
import { memoryTool } from "../memory/tool.ts";
import { noteTool } from "../planning/note-tool.ts";
import { todoTool } from "../planning/todo-tool.ts";
import { symbolsTool } from "../repomap/tool.ts";
import { invokeTool } from "../tools/args.ts";
import { bashTool } from "../tools/bash.ts";
import { doneWhenTool } from "../tools/done-when.ts";
import { findFilesTool } from "../tools/find-files.ts";
import { patchTool } from "../tools/patch.ts";
import { readAndPatchTool } from "../tools/read-and-patch.ts";
import { readFileTool } from "../tools/read-file.ts";
import { runTestsTool } from "../tools/run-tests.ts";
import { searchTool } from "../tools/search.ts";
import { searchAndReadTool } from "../tools/search-and-read.ts";
import { Shell } from "../tools/shell.ts";
import {
  type ChangeKind,
  DEFAULT_LIMITS,
  type ShellSession,
  type Tool,
  type ToolContext,
  type ToolLimits,
  type ToolResult,
} from "../tools/tool.ts";
import { writeFileTool } from "../tools/write-file.ts";
import { webFetchTool } from "../web/tool.ts";

/**
 * The registry of the agent's tools, keyed by the names declared in `marrow/tools.marrow`, and the
 * session context they run in.
 */

export { invokeTool } from "../tools/args.ts";
export { Shell } from "../tools/shell.ts";
export type {
  ChangeKind,
  ShellRun,
  ShellSession,
  Tool,
  ToolContext,
  ToolLimits,
  ToolResult,
} from "../tools/tool.ts";
export { DEFAULT_LIMITS } from "../tools/tool.ts";

/** Every tool by its declared name. */
export const tools = {
  read_file: readFileTool,
  write_file: writeFileTool,
  patch: patchTool,
  bash: bashTool,
  search: searchTool,
  find_files: findFilesTool,
  run_tests: runTestsTool,
  read_and_patch: readAndPatchTool,
  search_and_read: searchAndReadTool,
  symbols: symbolsTool,
  web_fetch: webFetchTool,
  skill: skillTool,
  memory: memoryTool,
  todo: todoTool,
  note: noteTool,
  done_when: doneWhenTool,
} as const;

/** A declared tool name. */
export type ToolName = keyof typeof tools;

/** Names of all tools, in declaration order. */
export const toolNames = Object.keys(tools) as ToolName[];

/** The tool called `name`, or undefined. */
export function getTool(name: string): Tool | undefined {
  return Object.hasOwn(tools, name) ? (tools[name as ToolName] as Tool) : undefined;
}

/**
 * Runs the tool called `name` with raw model arguments. An unknown name or invalid arguments become a
 * failed result naming the problem, never a throw.
 */
export async function runTool(name: string, args: unknown, ctx: ToolContext): Promise<ToolResult> {
  const tool = getTool(name);
  if (tool === undefined)
    return { ok: false, output: `unknown tool \`${name}\`; available tools: ${toolNames.join(", ")}` };
  return invokeTool(tool, args, ctx);
}

/** The argument type of a tool. */
export type ArgsOf<T> = T extends Tool<infer A, infer _R> ? A : never;

/**
 * Every tool as a plain `(args, context) => Promise<ToolResult>` function (arguments validated first),
 * the shape of the generated `ToolImplementations<ToolContext>` interface, so the agent can check at
 * compile time that every declared tool is implemented.
 */
export const implementations = Object.fromEntries(
  toolNames.map((name) => [
    name,
    (args: unknown, context: ToolContext) => invokeTool(tools[name] as Tool, args, context),
  ]),
) as {
  readonly [K in ToolName]: (args: ArgsOf<(typeof tools)[K]>, context: ToolContext) => Promise<ToolResult>;
};

/** Options for `createToolSession`. */
export interface SessionOptions {
  /** Project root. */
  readonly cwd: string;
  readonly limits?: Partial<ToolLimits>;
  readonly signal?: AbortSignal;
  readonly onChange?: (path: string, kind: ChangeKind) => void;
  /** A shell to use instead of starting a new one. */
  readonly shell?: ShellSession;
  readonly searchEngine?: ToolContext["searchEngine"];
  readonly web?: ToolContext["web"];
  readonly knowledge?: ToolContext["knowledge"];
}

/** A tool context that owns its shell: call `close()` when the session ends. */
export interface ToolSession extends ToolContext {
  close(): Promise<void>;
}

/** Creates the context for one agent session, with a fresh persistent shell in the project root. */
export function createToolSession(options: SessionOptions): ToolSession {
  const shell = options.shell ?? new Shell({ cwd: options.cwd });
  return {
    cwd: options.cwd,
    shell,
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    signal: options.signal,
    onChange: options.onChange,
    searchEngine: options.searchEngine,
    ...(options.web ? { web: options.web } : {}),
    ...(options.knowledge ? { knowledge: options.knowledge } : {}),
    close: () => shell.close(),
  };
}
