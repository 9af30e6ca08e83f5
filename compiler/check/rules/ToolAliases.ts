import type { ToolDecl } from "../../ast.ts";
import { checkCodes } from "../../diagnostics/codes-check.ts";
import { diag } from "../../diagnostics/diagnostic.ts";
import type { Span } from "../../source.ts";
import type { CheckContext } from "../context.ts";
import { suggestionHint } from "../report.ts";
import { fieldValue, singleName } from "../values.ts";
import { declsOfKind } from "../walk.ts";

/**
 * Every key of a tool's `aliases` is a parameter of the tool (MRW2070, with a did-you-mean), and
 * every alias identifies one parameter: it is not itself a parameter name and is not listed for two
 * parameters (MRW2071). Every name in `may_be_empty` is a required `string` parameter (MRW2072).
 */
export function ToolAliasesRule(ctx: CheckContext): void {
  for (const { decl: tool } of declsOfKind(ctx.files, "Tool")) {
    checkMayBeEmpty(ctx, tool);
    const aliases = fieldValue(tool.fields, "aliases");
    if (aliases?.kind !== "Object") continue;
    const params = new Map(tool.params.map((p) => [p.name.name, p.name.span]));
    const owners = new Map<string, { param: string; span: Span }>();
    for (const field of aliases.fields) {
      const param = field.key.name;
      if (!params.has(param)) {
        const { hint, suggestions } = suggestionHint(
          ctx,
          param,
          params,
          `tool \`${tool.name.name}\` has no such parameter`,
        );
        ctx.report(
          diag(
            checkCodes.MRW2070,
            field.key.span,
            `\`${param}\` is not a parameter of tool \`${tool.name.name}\``,
            {
              label: "unknown parameter",
              hint,
              suggestions,
            },
          ),
        );
      }
      if (field.value.kind !== "List") continue;
      for (const item of field.value.items) {
        const alias = item.kind === "String" ? item.value : singleName(item)?.name;
        if (alias === undefined) continue;
        const ambiguous = (message: string, hint: string, related?: Span) =>
          ctx.report(
            diag(checkCodes.MRW2071, item.span, message, {
              label: "ambiguous alias",
              hint,
              ...(related ? { related: [{ span: related, message: "also here" }] } : {}),
            }),
          );
        if (params.has(alias)) {
          ambiguous(
            `alias \`${alias}\` is the name of a parameter of tool \`${tool.name.name}\``,
            `remove \`${alias}\` from the aliases of \`${param}\``,
            params.get(alias),
          );
          continue;
        }
        const earlier = owners.get(alias);
        if (earlier) {
          ambiguous(
            `alias \`${alias}\` is listed for both \`${earlier.param}\` and \`${param}\``,
            "list each alias for one parameter only",
            earlier.span,
          );
          continue;
        }
        owners.set(alias, { param, span: item.span });
      }
    }
  }
}

/** `may_be_empty: [content]` names required `string` parameters only (MRW2072). */
function checkMayBeEmpty(ctx: CheckContext, tool: ToolDecl): void {
  const list = fieldValue(tool.fields, "may_be_empty");
  if (list?.kind !== "List") return;
  const strings = new Map(
    tool.params
      .filter((p) => p.type.name.name === "string" && !p.type.nullable && p.type.args.length === 0)
      .map((p) => [p.name.name, p.name.span]),
  );
  for (const item of list.items) {
    const name = item.kind === "String" ? item.value : singleName(item)?.name;
    if (name === undefined || strings.has(name)) continue;
    const { hint, suggestions } = suggestionHint(
      ctx,
      name,
      strings,
      `tool \`${tool.name.name}\` has no required string parameter of that name`,
    );
    ctx.report(
      diag(
        checkCodes.MRW2072,
        item.span,
        `\`${name}\` is not a required string parameter of tool \`${tool.name.name}\``,
        { label: "not a required string", hint, suggestions },
      ),
    );
  }
}
