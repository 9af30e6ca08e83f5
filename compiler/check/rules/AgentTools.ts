import type { Value } from "../../ast.ts";
import { checkCodes } from "../../diagnostics/codes-check.ts";
import { diag } from "../../diagnostics/diagnostic.ts";
import { isCapabilityTool } from "../capabilities.ts";
import type { CheckContext } from "../context.ts";
import { promptOutputType } from "../types.ts";
import { singleName } from "../values.ts";
import { declsOfKind } from "../walk.ts";

/**
 * Only agent prompts (`returns: turn`) offer tools: `tools:` on any other prompt is an error, since
 * its reply is validated as a value and tool calls are never read. (MRW2041; that each entry names a
 * declared tool is KnownReferences') A list of nothing but `capability` names, as the original grammar
 * wrote, offers no tools and is left to NoEffectFields.
 */
export function AgentToolsRule(ctx: CheckContext): void {
  for (const { decl } of declsOfKind(ctx.files, "Prompt")) {
    const tools = decl.fields.find((f) => f.key.name === "tools");
    if (!tools || onlyCapabilities(ctx, tools.value)) continue;
    const output = promptOutputType(ctx.symbols, decl);
    if (output.k === "turn" || output.k === "unknown") continue;
    ctx.report(
      diag(
        checkCodes.MRW2041,
        tools.key.span,
        `prompt \`${decl.name.name}\` offers tools but does not return \`turn\``,
        {
          label: "tools are only read from agent turns",
          hint: "declare `returns: turn`, or remove `tools`",
        },
      ),
    );
  }
}

function onlyCapabilities(ctx: CheckContext, value: Value): boolean {
  if (value.kind !== "List" || value.items.length === 0) return false;
  return value.items.every((item) => {
    const name = singleName(item);
    return name !== undefined && isCapabilityTool(ctx, name.name);
  });
}
