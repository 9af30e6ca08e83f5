import { formatMs } from "../render.ts";
import type { SlashCommand } from "./types.ts";

/** `/stats`: tasks, steps, tool calls by tool with their failures, and time. */
export const stats: SlashCommand = {
  name: "stats",
  usage: "/stats",
  description: "steps, tool calls by tool (with failures) and time in this session",
  run(ctx) {
    const tasks = ctx.ledger.tasks;
    if (tasks.length === 0) {
      ctx.say("no tasks in this session yet");
      return;
    }
    const tools = new Map<string, { calls: number; failed: number; ms: number }>();
    for (const t of tasks)
      for (const call of t.result.toolCalls) {
        const row = tools.get(call.name) ?? { calls: 0, failed: 0, ms: 0 };
        row.calls += 1;
        row.failed += call.ok ? 0 : 1;
        row.ms += call.ms;
        tools.set(call.name, row);
      }
    const steps = tasks.reduce((a, t) => a + t.steps, 0);
    const ms = tasks.reduce((a, t) => a + t.result.durationMs, 0);
    const done = tasks.filter((t) => t.result.success).length;
    const lines = [`  ${tasks.length} tasks (${done} done) · ${steps} steps · ${formatMs(ms)}`];
    for (const [name, r] of [...tools].sort(([, a], [, b]) => b.calls - a.calls))
      lines.push(
        `  ${name}: ${r.calls} calls${r.failed > 0 ? `, ${r.failed} failed` : ""} · ${formatMs(r.ms)}`,
      );
    ctx.say(lines.join("\n"));
  },
};
