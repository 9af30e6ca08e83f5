import { type DoneWhenArgs, doneWhenParams } from "../../../generated/index.ts";
import type { Tool } from "./tool.ts";

/** Arguments of `done_when`, as declared in marrow/tools.marrow. */
export type { DoneWhenArgs } from "../../../generated/index.ts";

/** What a check expects, in words: `exit with code 0 and print "ok"`. */
export function expectation(args: Omit<DoneWhenArgs, "command">): string {
  const parts: string[] = [];
  if (args.exit_code !== undefined || args.output_contains === undefined)
    parts.push(`exit with code ${args.exit_code ?? 0}`);
  if (args.output_contains !== undefined) parts.push(`print ${JSON.stringify(args.output_contains)}`);
  return parts.join(" and ");
}

/**
 * `done_when(command, exit_code?, output_contains?)`: declares a check of the definition of done. The
 * check itself is kept and run by the contracts guard when the model gives its final answer; the tool
 * only confirms what was declared.
 */
export const doneWhenTool: Tool<DoneWhenArgs> = {
  name: "done_when",
  params: doneWhenParams,
  async run(args) {
    return {
      ok: true,
      output:
        `recorded: \`${args.command}\` must ${expectation(args)}. ` +
        "It runs when you give your final answer, which is accepted only when every check passes.",
    };
  },
};
