import type { Value } from "../../ast.ts";
import { isCapabilityTool } from "../capabilities.ts";
import type { CheckContext } from "../context.ts";
import { checkReference } from "../references.ts";
import type { ValueSpec } from "../schema.ts";
import { singleName } from "../values.ts";
import { declsOfKind, forEachShaped, specOf } from "../walk.ts";

/**
 * Every reference names a declaration of the right kind: a prompt's `model:` and `router:`, tier
 * targets, `fallback:`, `tools:` entries, `validate: custom: NAME` and `metric: custom: NAME`
 * (extension points), an evaluation's `prompt:`, and `per_prompt: "NAME"` budget scopes. An unknown
 * name gets up to three ranked suggestions and where the best one is declared (MRW2002); a name of
 * another kind of declaration is MRW2007. A `tools:` entry naming a `capability` of the original
 * grammar is left to NoEffectFields.
 */
export function KnownReferencesRule(ctx: CheckContext): void {
  forEachShaped(ctx, ({ fields, shape }) => {
    const seen = new Set<string>();
    for (const field of fields) {
      const spec = specOf(shape, field);
      if (!spec || seen.has(field.key.name)) continue;
      seen.add(field.key.name);
      visit(ctx, field.value, spec, field.key.name);
    }
  });
  for (const { decl } of declsOfKind(ctx.files, "Router")) {
    for (const tier of decl.tiers)
      if (tier.target) checkReference(ctx, "model", tier.target.name, tier.target.span, "tier");
  }
}

function visit(ctx: CheckContext, value: Value, spec: ValueSpec, key: string): void {
  switch (spec.t) {
    case "ref": {
      const name = singleName(value);
      if (!name || (spec.kind === "tool" && isCapabilityTool(ctx, name.name))) return;
      checkReference(ctx, spec.kind, name.name, name.span, key);
      return;
    }
    case "stringRef":
      if (value.kind === "String") checkReference(ctx, spec.kind, value.value, value.span, key);
      return;
    case "list":
      if (value.kind === "List") for (const item of value.items) visit(ctx, item, spec.of, key);
      return;
    case "oneOf":
      if (value.kind === "Tagged" && spec.tagged && Object.hasOwn(spec.tagged, value.tag.name)) {
        visit(ctx, value.value, spec.tagged[value.tag.name]!, value.tag.name);
      }
      return;
  }
}
