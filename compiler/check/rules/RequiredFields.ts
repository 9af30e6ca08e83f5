import { checkCodes } from "../../diagnostics/codes-check.ts";
import { diag } from "../../diagnostics/diagnostic.ts";
import type { CheckContext } from "../context.ts";
import { forEachShaped } from "../walk.ts";

/**
 * Each declaration and nested object has the fields it cannot do without: router `by`, prompt
 * `template`, entity `owns`, tool `description` and `category`,
 * evaluation `prompt` and `cases`, retry `max_attempts`, cost budget `scope` and `window`,
 * `on_exceeded.action`, evaluation case `input` and `expect`. (MRW2012) A prompt of the original
 * grammar with `promptbook:` instead of `template:` is no exception: nothing would be sent.
 */
export function RequiredFieldsRule(ctx: CheckContext): void {
  forEachShaped(ctx, ({ fields, shape, owner, anchor }) => {
    for (const key of shape.required) {
      if (fields.some((f) => f.key.name === key)) continue;
      // The original grammar's `promptbook:` stood in for `template:`; SmallCode has no promptbooks.
      const promptbook = key === "template" && fields.some((f) => f.key.name === "promptbook");
      ctx.report(
        diag(checkCodes.MRW2012, anchor, `${owner} has no \`${key}\``, {
          label: `\`${key}\` is required`,
          hint: promptbook
            ? `SmallCode has no promptbooks: add \`template: "…"\` with the promptbook's text to ${owner}`
            : `add \`${key}: …\` to ${owner}`,
        }),
      );
    }
  });
}
