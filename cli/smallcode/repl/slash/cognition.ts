import { inert } from "../stream-filter.ts";
import { readSpans, type Span } from "../trace-view.ts";
import type { SlashCommand } from "./types.ts";

/** Per prompt: the marrow model, the served models, calls, retries, cache hits and tokens. Pure. */
export function cognitionReport(spans: readonly Span[]): string {
  const rows = new Map<
    string,
    {
      model: string;
      served: Set<string>;
      calls: number;
      retries: number;
      hits: number;
      failed: number;
      tokens: number;
    }
  >();
  const row = (s: Span) => {
    const key = inert(String(s.prompt ?? "?"));
    let r = rows.get(key);
    if (!r) {
      r = {
        model: inert(String(s.model ?? "?")),
        served: new Set(),
        calls: 0,
        retries: 0,
        hits: 0,
        failed: 0,
        tokens: 0,
      };
      rows.set(key, r);
    }
    return r;
  };
  for (const s of spans) {
    if (s.kind === "prompt") {
      const r = row(s);
      r.calls += 1;
      r.failed += s.status === "ok" ? 0 : 1;
      r.tokens += (Number(s.prompt_tokens) || 0) + (Number(s.completion_tokens) || 0);
    } else if (s.kind === "attempt") {
      const r = row(s);
      if (typeof s.model_name === "string") r.served.add(inert(s.model_name));
      if (Number(s.attempt) > 1) r.retries += 1;
    } else if (s.kind === "cache_hit") row(s).hits += 1;
  }
  if (rows.size === 0) return "no model calls recorded in this session (traces are off, or no task ran yet)";
  const calls = [...rows.values()].reduce((a, r) => a + r.calls, 0);
  const hits = [...rows.values()].reduce((a, r) => a + r.hits, 0);
  const lines = [...rows].map(
    ([prompt, r]) =>
      `  ${prompt} → ${r.model}${r.served.size > 0 ? ` (${[...r.served].join(", ")})` : ""}: ${r.calls} calls${r.retries > 0 ? `, ${r.retries} retries` : ""}${r.failed > 0 ? `, ${r.failed} failed` : ""}${r.hits > 0 ? `, ${r.hits} cached` : ""} · ${r.tokens.toLocaleString("en-US")} tokens`,
  );
  const rate = calls > 0 ? Math.round((hits / calls) * 100) : 0;
  return [`${calls} prompt calls · cache hit rate ${rate}% (${hits} of ${calls})`, ...lines].join("\n");
}

/** `/cognition`: which prompts ran on which models, with retries, failures and cache hits, this session. */
export const cognition: SlashCommand = {
  name: "cognition",
  usage: "/cognition",
  description: "prompts, their models, retries and the cache hit rate in this session",
  run(ctx) {
    const since = ctx.startedAt.toISOString();
    ctx.say(cognitionReport(readSpans(ctx.traceDir).filter((s) => String(s.started_at ?? "") >= since)));
  },
};
