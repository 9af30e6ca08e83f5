import type { Field } from "../../ast.ts";
import { originalCodes } from "../../diagnostics/codes-original.ts";
import { diag } from "../../diagnostics/diagnostic.ts";
import { callIn } from "../../expr-calls.ts";
import type { Span } from "../../source.ts";
import { isCapabilityTool } from "../capabilities.ts";
import type { CheckContext } from "../context.ts";
import { fieldValue, singleName } from "../values.ts";
import { declsOfKind, forEachShaped } from "../walk.ts";

/**
 * Fields of the original MarrowScript grammar that mean nothing in SmallCode (a shape's `noEffect`
 * keys, `validate: ast_compiles`, `tools:` entries that name a `capability`, calls such as `now()` in
 * a constraint, which leave that constraint unchecked) are accepted and kept in
 * the syntax tree, with one warning per kind of field and file, at its first use (MRW2100).
 */
export function NoEffectFieldsRule(ctx: CheckContext): void {
  const warned = new Set<string>();
  const once = (span: Span, what: string, why: string, hint: string) => {
    const key = `${span.file}\0${what}`;
    if (warned.has(key)) return;
    warned.add(key);
    ctx.report(
      diag(originalCodes.MRW2100, span, `${what} has no effect in SmallCode`, {
        label: `accepted from the original grammar: ${why}`,
        hint,
      }),
    );
  };
  forEachShaped(ctx, ({ fields, shape }) => {
    if (!shape.noEffect) return;
    for (const field of fields) {
      const why = Object.hasOwn(shape.noEffect, field.key.name) ? shape.noEffect[field.key.name] : undefined;
      if (why === undefined) continue;
      once(field.key.span, `${shape.name} field \`${field.key.name}\``, why, removeHint(field));
    }
  });
  for (const { decl } of declsOfKind(ctx.files, "Prompt")) {
    const validate = fieldValue(decl.fields, "validate");
    const name = validate && singleName(validate);
    if (name?.name === "ast_compiles") {
      once(
        name.span,
        "`validate: ast_compiles`",
        "output is validated against the declared type (schema_only)",
        "write `validate: schema_only`, or `validate: custom: NAME` with an extension point that compiles the code",
      );
    }
    const constraints = fieldValue(decl.fields, "constraints");
    for (const item of constraints?.kind === "ConstraintList" ? constraints.items : []) {
      const call = callIn(item);
      if (!call) continue;
      once(
        call.span,
        "a call in a constraint",
        "calls are not evaluated, so this constraint is not checked",
        "write the constraint with paths, literals and operators only, or remove it",
      );
    }
    const tools = fieldValue(decl.fields, "tools");
    if (tools?.kind !== "List") continue;
    for (const item of tools.items) {
      const tool = singleName(item);
      if (!tool || !isCapabilityTool(ctx, tool.name)) continue;
      once(
        tool.span,
        "a `capability` in `tools:`",
        `\`${tool.name}\` is a capability, which SmallCode skips`,
        `declare \`tool ${tool.name}(…) { description: "…", category: … }\` to offer it to an agent prompt`,
      );
    }
  }
}

function removeHint(field: Field): string {
  return `remove \`${field.key.name}\` to silence this warning; nothing else changes`;
}
