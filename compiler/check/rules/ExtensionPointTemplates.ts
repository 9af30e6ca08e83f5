import { checkCodes } from "../../diagnostics/codes-check.ts";
import { originalCodes } from "../../diagnostics/codes-original.ts";
import { diag, type Label } from "../../diagnostics/diagnostic.ts";
import type { CheckContext } from "../context.ts";
import { checkReference } from "../references.ts";
import { decodedSpan } from "../strings.ts";
import { EXTENSION_POINT_PREFIX } from "../template.ts";
import { fieldValue, typeExprOf, typeKey, typeText } from "../values.ts";
import { declsOfKind } from "../walk.ts";

/**
 * `template: "extension_point:NAME"` names a declared extension point (MRW2002) whose parameters
 * match the prompt's by name and type, in any order, and which returns `string` when it declares
 * `returns` (MRW2040). Errors point at NAME inside the string. A prompt parameter the extension point
 * does not declare, which the original grammar allowed, is a warning (MRW2102).
 */
export function ExtensionPointTemplatesRule(ctx: CheckContext): void {
  for (const { decl: prompt } of declsOfKind(ctx.files, "Prompt")) {
    const template = fieldValue(prompt.fields, "template");
    if (template?.kind !== "String" || !template.value.startsWith(EXTENSION_POINT_PREFIX)) continue;
    const name = template.value.slice(EXTENSION_POINT_PREFIX.length).trim();
    const from = template.value.indexOf(name, EXTENSION_POINT_PREFIX.length);
    const span = decodedSpan(template, ctx.sources.get(template.span.file)?.text, from, from + name.length);
    if (!name) {
      ctx.report(
        diag(checkCodes.MRW2002, template.span, "`extension_point:` names no extension point", {
          label: "missing name",
          hint: 'write `template: "extension_point:NAME"` with the name of an extension point',
        }),
      );
      continue;
    }
    const entry = ctx.symbols.byKind.extension_point.get(name);
    if (!entry) {
      checkReference(ctx, "extension_point", name, span, "template");
      continue;
    }
    const ep = entry.decl;
    const mismatch = (message: string, related: Label) =>
      ctx.report(
        diag(checkCodes.MRW2040, span, message, {
          label: `does not match prompt \`${prompt.name.name}\``,
          hint: "give the extension point the same parameters as the prompt (names and types)",
          related: [related],
        }),
      );
    for (const param of prompt.params) {
      const other = ep.params.find((p) => p.name.name === param.name.name);
      if (!other) {
        // The original grammar allowed this; the function still receives the whole input (MRW2102).
        ctx.report(
          diag(
            originalCodes.MRW2102,
            param.name.span,
            `extension point \`${name}\` has no parameter \`${param.name.name}\``,
            {
              label: `not declared by extension point \`${name}\``,
              hint: `add \`${param.name.name}: ${typeText(param.type)}\` to extension point \`${name}\`, or remove it from prompt \`${prompt.name.name}\``,
              related: [{ span, message: "the extension point" }],
            },
          ),
        );
      } else if (typeKey(other.type) !== typeKey(param.type)) {
        mismatch(
          `parameter \`${param.name.name}\` is \`${typeText(param.type)}\` in prompt \`${prompt.name.name}\` but \`${typeText(other.type)}\` in extension point \`${name}\``,
          { span: other.type.span, message: "declared here" },
        );
      }
    }
    for (const other of ep.params) {
      if (prompt.params.some((p) => p.name.name === other.name.name)) continue;
      mismatch(
        `extension point \`${name}\` takes \`${other.name.name}\`, which prompt \`${prompt.name.name}\` does not have`,
        {
          span: other.name.span,
          message: "declared here",
        },
      );
    }
    const returnsValue = fieldValue(ep.fields, "returns");
    const returns = returnsValue && typeExprOf(returnsValue);
    if (returns && typeKey(returns) !== "string") {
      mismatch(
        `extension point \`${name}\` returns \`${typeText(returns)}\`, but a template must return \`string\``,
        {
          span: returns.span,
          message: "declared here",
        },
      );
    }
  }
}
