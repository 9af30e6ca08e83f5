import type { SlashCommand } from "./types.ts";

const n = (x: number) => x.toLocaleString("en-US");

/**
 * `/tokens`: the session's prompt and completion tokens and model calls, in all and per model, and
 * how full the context was at the last model turn (its `usage` event).
 */
export const tokens: SlashCommand = {
  name: "tokens",
  usage: "/tokens",
  description: "tokens used in this session: prompt, completion, per model",
  run(ctx) {
    const per = new Map<string, { calls: number; prompt: number; completion: number }>();
    const add = (model: string, calls: number, prompt: number, completion: number) => {
      const row = per.get(model) ?? { calls: 0, prompt: 0, completion: 0 };
      row.calls += calls;
      row.prompt += prompt;
      row.completion += completion;
      per.set(model, row);
    };
    for (const t of ctx.ledger.tasks) {
      // a run's totals include what it sent to the stronger model (escalation): that part is its own row
      const u = t.result.usage;
      const e = u.escalation;
      add(
        t.model,
        u.calls - (e?.calls ?? 0),
        u.promptTokens - (e?.promptTokens ?? 0),
        u.completionTokens - (e?.completionTokens ?? 0),
      );
      if (e) add(e.model, e.calls, e.promptTokens, e.completionTokens);
    }
    if (per.size === 0) {
      ctx.say("no model calls in this session yet");
      return;
    }
    const total = [...per.values()].reduce(
      (a, r) => ({
        calls: a.calls + r.calls,
        prompt: a.prompt + r.prompt,
        completion: a.completion + r.completion,
      }),
      { calls: 0, prompt: 0, completion: 0 },
    );
    const line = (name: string, r: typeof total) =>
      `  ${name}: ${n(r.prompt)} prompt + ${n(r.completion)} completion = ${n(r.prompt + r.completion)} tokens in ${n(r.calls)} calls`;
    const c = ctx.ledger.context;
    // the conversation as the model last saw it: what the next turn starts from
    const context = c
      ? [
          `  context: ${n(c.tokens)} of ${n(c.window)} tokens (${Math.round((100 * c.tokens) / c.window)}%) at the last model turn${c.estimated ? ", estimated: the server reported no usage" : ""}`,
        ]
      : [];
    ctx.say([line("session", total), ...[...per].map(([model, r]) => line(model, r)), ...context].join("\n"));
  },
};
