import type { SlashCommand } from "./types.ts";

/** A bar of `width` cells, `used` of `total` filled. */
export function bar(used: number, total: number, width = 20): string {
  const filled = total > 0 ? Math.min(width, Math.round((used / total) * width)) : 0;
  return `[${"█".repeat(filled)}${"·".repeat(width - filled)}]`;
}

/** `/budget`: the last run's tokens against its budget, as a bar, and what is left. */
export const budget: SlashCommand = {
  name: "budget",
  usage: "/budget",
  description: "the token budget of a run and how much the last task used",
  run(ctx) {
    const last = ctx.ledger.tasks.at(-1);
    const max = last?.result.usage.maxTokens ?? ctx.maxTokens;
    if (!last) {
      ctx.say(
        max ? `each task may use ${max.toLocaleString("en-US")} tokens; no task ran yet` : "no task ran yet",
      );
      return;
    }
    const used = last.result.usage.promptTokens + last.result.usage.completionTokens;
    if (!max) {
      ctx.say(`the last task used ${used.toLocaleString("en-US")} tokens (no token budget is set)`);
      return;
    }
    const pct = Math.round((used / max) * 100);
    ctx.say(
      `  last task ${bar(used, max)} ${used.toLocaleString("en-US")} / ${max.toLocaleString("en-US")} tokens (${pct}%), ${Math.max(0, max - used).toLocaleString("en-US")} left`,
    );
  },
};
