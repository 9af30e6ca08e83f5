import type { PolicySpec } from "../../../../runtime/spec.ts";
import { conversationTokens } from "../conversation.ts";
import type { CommandContext, SlashCommand } from "./types.ts";

/** A bar of `width` cells, `used` of `total` filled. */
export function bar(used: number, total: number, width = 20): string {
  const filled = total > 0 ? Math.min(width, Math.round((used / total) * width)) : 0;
  return `[${"█".repeat(filled)}${"·".repeat(width - filled)}]`;
}

const n = (x: number) => x.toLocaleString("en-US");
const pct = (used: number, max: number) => `${Math.round((used / max) * 100)}%`;

/** Milliseconds as the marrow source writes a window: `1h`, `30m`, `10s`. */
function span(ms: number): string {
  if (ms % 3_600_000 === 0) return `${ms / 3_600_000} h`;
  if (ms % 60_000 === 0) return `${ms / 60_000} min`;
  return `${ms / 1000} s`;
}

/** The context window line: the history of the conversation against the window, when known. */
async function contextLine(ctx: CommandContext): Promise<string> {
  const used = await conversationTokens(ctx.cwd, ctx.sessionId);
  const window = ctx.agentOptions.contextWindow;
  if (used === undefined) return "  context   the saved conversation could not be read";
  if (window === undefined)
    return `  context   ${n(used)} tokens of history (the window is unknown: --context-window N sets it)`;
  return `  context   ${bar(used, window)} ${n(used)} / ${n(window)} tokens of history (${pct(used, window)}; the prompt and the tools come on top, /compact shrinks it)`;
}

/** One line per marrow policy: the prompts it governs, its rate limit and its cost budgets. */
export function policyLines(
  policies: readonly PolicySpec[],
  prompts: readonly { readonly name: string; readonly policies: readonly PolicySpec[] }[],
): string[] {
  return policies.map((policy) => {
    const governed = prompts.filter((p) => p.policies.some((q) => q.name === policy.name)).map((p) => p.name);
    const limits = [
      ...(policy.rateLimit
        ? [`at most ${policy.rateLimit.count} calls per ${span(policy.rateLimit.perMs)}`]
        : []),
      ...policy.costBudgets.map((b) => {
        const scope = b.scope.kind === "per_session" ? "per task" : b.scope.kind.replace("_", " ");
        const unit = b.cap.kind === "usd" ? "USD" : b.cap.kind;
        return `${n(b.cap.max)} ${unit} ${scope} in ${span(b.windowMs)}`;
      }),
    ];
    const on = governed.length > 0 ? ` on ${governed.join(", ")}` : " (no prompt uses it)";
    return `  policy    ${policy.name} (${policy.source.file}:${policy.source.line})${on}: ${limits.join("; ")}`;
  });
}

/** `/budget`: the context window, the run's token budget, and the marrow policies' budgets, with what is left. */
export const budget: SlashCommand = {
  name: "budget",
  usage: "/budget",
  description:
    "the context window, the token budget of a run and the marrow policies' budgets, and what is left",
  async run(ctx) {
    const last = ctx.ledger.tasks.at(-1);
    const max = last?.result.usage.maxTokens ?? ctx.maxTokens;
    const used = last ? last.result.usage.promptTokens + last.result.usage.completionTokens : undefined;
    const lines = [await contextLine(ctx)];
    if (used === undefined)
      lines.push(
        max
          ? `  run       each task may use ${n(max)} tokens; no task ran yet`
          : "  run       no task ran yet",
      );
    else if (!max) lines.push(`  run       the last task used ${n(used)} tokens (no token budget is set)`);
    else
      lines.push(
        `  last task ${bar(used, max)} ${n(used)} / ${n(max)} tokens (${pct(used, max)}), ${n(Math.max(0, max - used))} left`,
      );
    const { policies, prompts } = await import("../../../../generated/index.ts");
    lines.push(...policyLines(Object.values(policies), Object.values(prompts)));
    ctx.say(lines.join("\n"));
  },
};
