import { checkCodes } from "../../diagnostics/codes-check.ts";
import { originalCodes } from "../../diagnostics/codes-original.ts";
import { diag } from "../../diagnostics/diagnostic.ts";
import type { CheckContext } from "../context.ts";
import { suggestionHint } from "../report.ts";
import { isNumeric, resolveType, tyText } from "../types.ts";
import { fieldValue, singleName } from "../values.ts";
import { declsOfKind } from "../walk.ts";

/**
 * A router's `by:` is a path `input.NAME…`; every prompt that uses the router has the parameter
 * NAME, and it is a number (`int`, `float`, or optional of those), since tiers compare the value with
 * their `max`. (MRW2033) A prompt without the parameter, which the original grammar allowed, always
 * takes the last tier: a warning (MRW2101).
 */
export function RouterInputsRule(ctx: CheckContext): void {
  for (const { decl: router } of declsOfKind(ctx.files, "Router")) {
    const by = fieldValue(router.fields, "by");
    if (by?.kind !== "Path") continue;
    if (by.parts[0]?.name !== "input" || by.parts.length < 2) {
      ctx.report(
        diag(
          checkCodes.MRW2033,
          by.span,
          `\`by\` of router \`${router.name.name}\` must start with \`input.\``,
          {
            label: "not a path into the prompt's input",
            hint: `write \`by: input.${by.parts[by.parts.length - 1]?.name ?? "complexity"}\``,
          },
        ),
      );
    }
  }
  for (const { decl: prompt } of declsOfKind(ctx.files, "Prompt")) {
    const ref = fieldValue(prompt.fields, "router");
    const name = ref && singleName(ref);
    const router = name && ctx.symbols.byKind.router.get(name.name);
    const by = router && fieldValue(router.decl.fields, "by");
    if (!name || by?.kind !== "Path" || by.parts[0]?.name !== "input" || !by.parts[1]) continue;
    const input = by.parts[1].name;
    const param = prompt.params.find((p) => p.name.name === input);
    if (!param) {
      // The original grammar allowed this; at run time a missing value takes the last tier (MRW2101).
      const candidates = new Map(prompt.params.map((p) => [p.name.name, p.name.span]));
      const { hint, suggestions } = suggestionHint(
        ctx,
        input,
        candidates,
        `add a parameter \`${input}: float\` to \`${prompt.name.name}\`, or use \`model:\``,
      );
      const last = router ? router.decl.tiers[router.decl.tiers.length - 1] : undefined;
      ctx.report(
        diag(
          originalCodes.MRW2101,
          name.span,
          `prompt \`${prompt.name.name}\` has no parameter \`${input}\` for router \`${name.name}\``,
          {
            label: last ? `always takes tier \`${last.name.name}\`` : `routes on \`input.${input}\``,
            hint: suggestions.length ? `${hint}; or add a parameter \`${input}: float\`` : hint,
            suggestions,
            related: [{ span: by.span, message: "the router's input" }],
          },
        ),
      );
      continue;
    }
    const ty = resolveType(ctx.symbols, param.type);
    if (by.parts.length === 2 && !isNumeric(ty)) {
      ctx.report(
        diag(
          checkCodes.MRW2033,
          param.type.span,
          `parameter \`${input}\` routes prompt \`${prompt.name.name}\` but is \`${tyText(ty)}\`, not a number`,
          {
            label: "not `int` or `float`",
            hint: "declare it as `float` or `int`; a non-numeric value always takes the last tier",
            related: [{ span: by.span, message: "the router's input" }],
          },
        ),
      );
    }
  }
}
