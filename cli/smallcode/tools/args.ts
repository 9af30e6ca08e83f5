import type { z } from "zod";
import { toolArg } from "../../../runtime/index.ts";
import type { Tool, ToolContext, ToolResult } from "./tool.ts";

/**
 * `invokeTool`, which validates raw model arguments against a tool's schema before `run`. The
 * forgiving schemas themselves (`null` for absent, numbers as strings) are the runtime's `toolArg`,
 * which the generated `xxxParams` of each declared tool use.
 */

/** Argument schemas of hand-made tools (MCP adapters, tests); declared tools use the generated ones. */
export const { requiredString, anyString, optionalString, optionalInt } = toolArg;

/** Turns zod issues into one clause per problem, naming the argument: "`path` is required". */
export function describeIssues(error: z.ZodError, input: unknown): string {
  const given = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : {};
  return error.issues
    .map((issue) => {
      const key = issue.path.map(String).join(".");
      if (!key) return issue.message;
      if (issue.path.length === 1 && given[key] === undefined) return `\`${key}\` is required`;
      return `\`${key}\` ${issue.message}`;
    })
    .join("; ");
}

/**
 * Validates `args` against the tool's schema, then runs it. Invalid arguments become a failed result
 * the model can act on; they are never thrown.
 */
export async function invokeTool(tool: Tool, args: unknown, ctx: ToolContext): Promise<ToolResult> {
  const input = args === undefined || args === null ? {} : args;
  if (typeof input !== "object" || Array.isArray(input)) {
    return { ok: false, output: `invalid arguments for ${tool.name}: expected an object of named arguments` };
  }
  const parsed = tool.params.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      output: `invalid arguments for ${tool.name}: ${describeIssues(parsed.error, input)}`,
    };
  }
  return tool.run(parsed.data, ctx);
}
