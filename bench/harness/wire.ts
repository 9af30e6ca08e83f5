import { parseToolCalls, type ToolDefinition } from "../../cli/smallcode/tool-calls/index.ts";
import { tools as toolSpecs } from "../../generated/index.ts";
import type { Exchange } from "./recorder.ts";

/**
 * What a real model did on the wire during one attempt, read from the recording proxy's exchanges:
 * how many of its tool calls were well-formed, how fast it read and wrote, and a few raw replies
 * (for the tool-call corpus). Only for runs against a real server (`--base-url`); the sim has its
 * own statistics.
 */

/** The wire figures of one attempt. */
export interface WireStats {
  /** Replies to requests that offered tools (natively or in the prompt: SmallCode's `act`). */
  readonly actReplies: number;
  /** Act replies that tried to call a tool: native `tool_calls`, or a call written in the text. */
  readonly callAttempts: number;
  /** Call attempts that were well-formed: a known tool, JSON-object arguments, nothing repaired. */
  readonly wellFormed: number;
  /** Sum of the times to the first token (streams) or to the whole reply, ms. */
  readonly firstTokenMs: number;
  /** Sum over streamed replies of the time from the first token to the end, ms. */
  readonly generationMs: number;
  /** Content and tool-call events of streamed replies (llama-cpp-python sends one per token). */
  readonly streamedTokens: number;
  /** Prompt and completion tokens the server reported (streams from llama-cpp-python report none). */
  readonly reportedPromptTokens: number;
  readonly reportedCompletionTokens: number;
  /** Requests whose reply was not 2xx (embedded: model attempts that ended in an error). */
  readonly errors: number;
  /** Embedded runs: llama.cpp's own timings (prompt evaluation, generation) and the tokens they cover. */
  readonly engine?: {
    readonly promptEvalMs: number;
    readonly evaluatedPromptTokens: number;
    readonly evalMs: number;
    readonly generatedTokens: number;
  };
  /** The first act replies as received, shortened (raw text and native calls). */
  readonly samples: readonly {
    readonly prompt: string;
    readonly text: string;
    readonly toolCalls: readonly { readonly name: string; readonly arguments: string }[];
  }[];
}

const DEFINITIONS: ToolDefinition[] = Object.values(toolSpecs).map((t) => ({
  name: t.name,
  parameters: t.parameters as ToolDefinition["parameters"],
}));

const isAct = (e: Exchange) =>
  e.prompt === "act" || (e.prompt === undefined && Array.isArray(e.request?.tools));

function offered(e: Exchange): ToolDefinition[] {
  const native = e.request?.tools;
  if (!Array.isArray(native) || native.length === 0) return DEFINITIONS;
  const names = new Set(native.map((t) => (t as { function?: { name?: string } }).function?.name));
  return DEFINITIONS.filter((d) => names.has(d.name));
}

function isObjectJson(text: string): boolean {
  try {
    const v = JSON.parse(text || "{}") as unknown;
    return typeof v === "object" && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

/** Classifies one act reply: how many call attempts it holds and how many of them were well-formed. */
export function judgeReply(e: Pick<Exchange, "text" | "toolCalls" | "request">): {
  attempts: number;
  wellFormed: number;
} {
  const tools = offered(e as Exchange);
  const names = new Set(tools.map((t) => t.name));
  if (e.toolCalls.length > 0) {
    const good = e.toolCalls.filter((c) => names.has(c.name) && isObjectJson(c.arguments)).length;
    return { attempts: e.toolCalls.length, wellFormed: good };
  }
  const parsed = parseToolCalls(e.text, { tools });
  const failed = parsed.issues.filter((i) => i.severity === "error").length;
  const repaired = parsed.issues.some((i) => i.severity === "warning");
  const attempts = parsed.calls.length + failed;
  return { attempts, wellFormed: repaired ? 0 : parsed.calls.length };
}

/** The wire figures of one attempt's exchanges. */
export function wireStats(exchanges: readonly Exchange[], samples = 8): WireStats {
  let actReplies = 0;
  let callAttempts = 0;
  let wellFormed = 0;
  let generationMs = 0;
  let streamedTokens = 0;
  const kept: WireStats["samples"][number][] = [];
  for (const e of exchanges) {
    if (e.status >= 300) continue;
    if (e.streamed) {
      generationMs += Math.max(0, e.totalMs - e.firstTokenMs);
      streamedTokens += e.events;
    }
    if (!isAct(e)) continue;
    actReplies++;
    const judged = judgeReply(e);
    callAttempts += judged.attempts;
    wellFormed += judged.wellFormed;
    if (kept.length < samples)
      kept.push({ prompt: e.prompt ?? "naive", text: e.text.slice(0, 1500), toolCalls: e.toolCalls });
  }
  const sum = (f: (e: Exchange) => number) => exchanges.reduce((a, e) => a + f(e), 0);
  return {
    actReplies,
    callAttempts,
    wellFormed,
    firstTokenMs: Math.round(sum((e) => e.firstTokenMs)),
    generationMs: Math.round(generationMs),
    streamedTokens,
    reportedPromptTokens: sum((e) => e.usage?.promptTokens ?? 0),
    reportedCompletionTokens: sum((e) => e.usage?.completionTokens ?? 0),
    errors: exchanges.filter((e) => e.status >= 300).length,
    samples: kept,
  };
}

/** A cognition-log span (`SMALLCODE_COGNITION_LOG`), the fields read here. */
interface Span {
  readonly kind?: string;
  readonly prompt?: string | null;
  readonly output?: unknown;
  readonly prompt_tokens?: number | null;
  readonly completion_tokens?: number | null;
  readonly cached_tokens?: number;
  readonly prompt_eval_ms?: number;
  readonly eval_ms?: number;
  readonly status?: string;
}

/**
 * The same figures for an embedded run, read from its cognition log (JSON lines): the act prompts'
 * replies (their text and the calls the grammar or the parser produced) and llama.cpp's timings.
 */
export function wireFromCognitionLog(jsonl: string, samples = 8): WireStats {
  const spans: Span[] = [];
  for (const line of jsonl.split("\n")) {
    try {
      if (line.trim()) spans.push(JSON.parse(line) as Span);
    } catch {
      // a line cut by a killed process
    }
  }
  const exchanges: Exchange[] = spans
    .filter((s) => s.kind === "prompt" && s.prompt === "act" && typeof s.output === "object" && s.output)
    .map((s) => {
      const out = s.output as { text?: string; toolCalls?: { name: string; arguments: string }[] };
      return {
        method: "POST",
        path: "embedded",
        prompt: "act",
        request: undefined,
        status: 200,
        streamed: false,
        events: 0,
        text: out.text ?? "",
        toolCalls: (out.toolCalls ?? []).map((c) => ({ name: c.name, arguments: c.arguments })),
        finishReason: null,
        usage: undefined,
        error: undefined,
        firstTokenMs: 0,
        totalMs: 0,
      };
    });
  const attempts = spans.filter((s) => s.kind === "attempt" && typeof s.eval_ms === "number");
  const sum = (f: (s: Span) => number) => attempts.reduce((a, s) => a + f(s), 0);
  return {
    ...wireStats(exchanges, samples),
    reportedPromptTokens: sum((s) => s.prompt_tokens ?? 0),
    reportedCompletionTokens: sum((s) => s.completion_tokens ?? 0),
    errors: spans.filter((s) => s.kind === "attempt" && s.status === "error").length,
    engine: {
      promptEvalMs: Math.round(sum((s) => s.prompt_eval_ms ?? 0)),
      evaluatedPromptTokens: sum((s) => (s.prompt_tokens ?? 0) - (s.cached_tokens ?? 0)),
      evalMs: Math.round(sum((s) => s.eval_ms ?? 0)),
      generatedTokens: sum((s) => s.completion_tokens ?? 0),
    },
  };
}

/** The run's wire figures as table lines: well-formed share, generation speed, time per task. */
export function formatWire(
  trials: readonly { readonly wire?: WireStats; readonly ms: number; readonly pass: boolean }[],
): string {
  const wired = trials.filter((t) => t.wire);
  if (wired.length === 0) return "";
  const total = (f: (w: WireStats) => number) => wired.reduce((a, t) => a + f(t.wire!), 0);
  const attempts = total((w) => w.callAttempts);
  const good = total((w) => w.wellFormed);
  const genMs = total((w) => w.generationMs);
  const genTokens = total((w) => w.streamedTokens);
  const meanS = trials.reduce((a, t) => a + t.ms, 0) / trials.length / 1000;
  const engine = wired.filter((t) => t.wire!.engine).map((t) => t.wire!.engine!);
  const rate = (tokens: number, ms: number) => (ms > 0 ? (tokens / (ms / 1000)).toFixed(1) : "–");
  const speed =
    engine.length > 0
      ? `prompt ${rate(
          engine.reduce((a, e) => a + e.evaluatedPromptTokens, 0),
          engine.reduce((a, e) => a + e.promptEvalMs, 0),
        )} tokens/s (evaluated, KV-cached prefix left out), generation ${rate(
          engine.reduce((a, e) => a + e.generatedTokens, 0),
          engine.reduce((a, e) => a + e.evalMs, 0),
        )} tokens/s`
      : `streamed generation ${genMs ? (genTokens / (genMs / 1000)).toFixed(1) : "–"} tokens/s`;
  return [
    `act replies ${total((w) => w.actReplies)}, call attempts ${attempts}, well-formed ${good} (${attempts ? ((good / attempts) * 100).toFixed(0) : "–"}%)`,
    `${speed}; mean time per attempt ${meanS.toFixed(1)} s; failed model requests ${total((w) => w.errors)}`,
  ].join("\n");
}
