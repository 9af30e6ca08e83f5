import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { CallToolRequestSchema, ListToolsRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import {
  patchTool as patchSpec,
  readFileTool as readFileSpec,
  runTestsTool as runTestsSpec,
  searchTool as searchSpec,
} from "../../../generated/index.ts";
import type { JsonSchema, ToolSpec } from "../../../runtime/index.ts";
import { packageVersion } from "../../shared/process.ts";
import type { GuardRunner } from "../agent/guards.ts";
import { capToolResult } from "../context/index.ts";
import type { GuardContext, PendingCall, ToolOutcomeRecord } from "../contract/index.ts";
import { runTool, type ToolSession } from "../toolbox/index.ts";

/**
 * `smallcode mcp`: SmallCode's own tools served to other agents over MCP — `read_file`, `search`,
 * `patch` and `run_tests`, each call going through the same guards as the agent's own calls (the
 * caller passes them in: safety, snapshots so `/undo` can restore what a client changed), in the same
 * project-confined tools, with results capped the same way. `run_tests` takes no `command`: a client
 * runs the project's detected tests, never a shell command of its choosing.
 */

/** The tools served, from their marrow declarations; `run_tests` without `command`. */
export const SERVED: readonly ToolSpec[] = [
  readFileSpec,
  searchSpec,
  patchSpec,
  withoutCommand(runTestsSpec),
];

/** Most tokens of one result (as the agent's own cap on a roomy window). */
export const RESULT_TOKENS = 2000;

function withoutCommand(spec: ToolSpec): ToolSpec {
  const { command: _c, ...properties } = (spec.parameters.properties ?? {}) as Record<string, unknown>;
  const required = (spec.parameters.required ?? []).filter((r) => r !== "command");
  return {
    ...spec,
    description:
      "Run the project's tests (detected from its files); returns pass/fail counts and the failures.",
    parameters: { ...spec.parameters, properties, required } as JsonSchema,
  };
}

/** What the server runs calls with. */
export interface ServeOptions {
  /** The tool session (project root, sandboxed shell). */
  readonly tools: ToolSession;
  /** The guards every call goes through (started once, finished by `close`). */
  readonly guards: GuardRunner;
  /** Told about guard failures and refusals (stderr), never the client's stdout. */
  readonly log?: (line: string) => void;
}

/** The MCP server over SmallCode's tools, and `close` to finish the guards' task (snapshots) and the shell. */
export function createToolServer(options: ServeOptions): { server: Server; close(): Promise<void> } {
  const { tools, guards } = options;
  const server = new Server(
    { name: "smallcode", version: packageVersion() },
    {
      capabilities: { tools: {} },
      instructions: "SmallCode's project tools: read, search, patch, run the tests.",
    },
  );
  const outcomes: ToolOutcomeRecord[] = [];
  const filesRead = new Set<string>();
  const changed = new Set<string>();
  let step = 0;
  let started: Promise<void> | undefined;
  const ctx = (): GuardContext => ({
    task: "tool calls from an MCP client (smallcode mcp)",
    cwd: tools.cwd,
    step,
    history: [],
    outcomes,
    filesRead,
    filesChanged: changed,
    offeredTools: SERVED.map((t) => t.name),
    taskType: "editing",
  });

  server.setRequestHandler(ListToolsRequestSchema, async () => ({
    tools: SERVED.map((t) => ({
      name: t.name,
      description: t.description,
      inputSchema: t.parameters as never,
    })),
  }));

  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const name = request.params.name;
    const args = { ...(request.params.arguments ?? {}) };
    if (!SERVED.some((t) => t.name === name))
      return text(
        `unknown tool \`${name}\`; this server offers ${SERVED.map((t) => t.name).join(", ")}`,
        true,
      );
    if (name === "run_tests") delete args.command; // never a command of the client's choosing
    started ??= guards.start(ctx());
    await started;
    step++;
    const call: PendingCall = { id: `mcp_${step}`, name, arguments: args };
    const verdict = await guards.verdict("beforeTool", call, ctx());
    if (verdict.action === "stop" || verdict.action === "refuse") {
      options.log?.(`refused ${name}: ${verdict.message}`);
      return text(verdict.message, true);
    }
    if (verdict.action === "replace") return text(verdict.output, false);
    const result = await runTool(name, args, tools).catch((error: unknown) => ({
      ok: false,
      output: `the tool failed unexpectedly: ${(error as Error).message}`,
    }));
    const output = capToolResult(result.output, RESULT_TOKENS, name).text;
    const path = typeof args.path === "string" ? args.path : undefined;
    if (path && result.ok && name !== "search") (name === "patch" ? changed : filesRead).add(path);
    const outcome: ToolOutcomeRecord = {
      call,
      ok: result.ok,
      output,
      changed: path && name === "patch" && result.ok ? [path] : [],
    };
    outcomes.push(outcome);
    await guards.verdict("afterTool", outcome, ctx());
    return text(output, !result.ok);
  });

  return {
    server,
    async close() {
      if (started) {
        await started;
        const result = {
          success: true,
          response: "",
          stopReason: "done" as const,
          toolCalls: [],
          filesCreated: [],
          filesEdited: [...changed].sort(),
          usage: { calls: 0, promptTokens: 0, completionTokens: 0 },
          durationMs: 0,
        };
        await guards.finish(result, ctx()).catch(() => {});
      }
      await server.close().catch(() => {});
      await tools.close().catch(() => {});
    },
  };
}

function text(output: string, isError: boolean) {
  return { content: [{ type: "text" as const, text: output }], ...(isError ? { isError: true } : {}) };
}
