import type { SlashCommand } from "./types.ts";

/**
 * `/eval [NAME…]`: SmallCode's marrow evaluations (all, or those named) against the session's
 * endpoint and current model, through `smallcode eval` itself.
 */
export const evalCommand: SlashCommand = {
  name: "eval",
  usage: "/eval [NAME…]",
  description: "run the marrow evaluations (all or those named) against the current model",
  takesArgument: true,
  async run(ctx, arg) {
    const names = arg.split(/\s+/).filter((w) => w !== "");
    const code = await ctx.cli(["eval", ...names, ...(ctx.model ? ["--model", ctx.model] : [])]);
    if (code !== 0) ctx.say(`eval ended with exit code ${code}`);
  },
};
