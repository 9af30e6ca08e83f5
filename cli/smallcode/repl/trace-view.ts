import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inert } from "./stream-filter.ts";

/**
 * The runtime's trace files (`.smallcode/traces/*.jsonl`, one span a line) for `/trace`: the runs
 * listed, one run as a tree of prompts, attempts, cache hits and tool calls, or its spans as JSONL.
 * The files are read as untrusted: lines that are not spans are skipped, text is shown inert.
 */

/** One span as the runtime writes it (only the fields shown here). */
export interface Span {
  readonly trace_id: string;
  readonly span_id: string;
  readonly parent_span_id: string | null;
  readonly kind: string;
  readonly started_at?: string;
  readonly [field: string]: unknown;
}

/** Spans in a trace directory's files, oldest file first; unreadable files and lines skipped. */
export function readSpans(dir: string, maxFiles = 14): Span[] {
  let files: string[];
  try {
    files = readdirSync(dir)
      .filter((f) => f.endsWith(".jsonl"))
      .sort()
      .slice(-maxFiles);
  } catch {
    return [];
  }
  const spans: Span[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(join(dir, file), "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n")) {
      if (line.trim() === "") continue;
      try {
        const s = JSON.parse(line) as Span;
        if (typeof s?.trace_id === "string" && typeof s.span_id === "string" && typeof s.kind === "string")
          spans.push(s);
      } catch {
        // a torn or foreign line
      }
    }
  }
  return spans;
}

/** The spans of the trace whose id is or starts with `id` (4 characters at least); error text when none or several. */
export function pickTrace(spans: readonly Span[], id: string): Span[] | string {
  if (id.length < 4) return "give at least 4 characters of the trace id (/trace lists them)";
  const ids = [...new Set(spans.map((s) => s.trace_id).filter((t) => t.startsWith(id)))];
  if (ids.length === 0) return `no trace \`${inert(id)}\`; /trace lists them`;
  if (ids.length > 1) return `\`${inert(id)}\` is the start of ${ids.length} traces; give more of it`;
  return spans.filter((s) => s.trace_id === ids[0]);
}

const num = (v: unknown) => (typeof v === "number" ? v : 0);
const str = (v: unknown, max = 60) => {
  const one = inert(typeof v === "string" ? v : v === undefined || v === null ? "" : JSON.stringify(v))
    .replace(/\s+/g, " ")
    .trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
};

/** One line per run, newest last: id (12 characters), start, task, calls, tokens, how it ended. */
export function listTraces(spans: readonly Span[], max = 15): string {
  const runs = spans.filter((s) => s.kind === "agent_run");
  if (runs.length === 0)
    return "no traces (the runtime writes them to .smallcode/traces unless SMALLCODE_TRACE_DIR=off)";
  return runs
    .slice(-max)
    .map(
      (r) =>
        `  ${r.trace_id.slice(0, 12)}  ${str(r.started_at, 20).slice(0, 19).replace("T", " ")}  ${String(num(r.calls)).padStart(3)} calls  ${String(num(r.prompt_tokens) + num(r.completion_tokens)).padStart(7)} tokens  ${str(r.stop_reason, 12).padEnd(12)}  ${str(r.task, 50)}`,
    )
    .join("\n");
}

/** What one span says, in one line. */
function describe(s: Span): string {
  const ms = typeof s.latency_ms === "number" ? ` ${Math.round(s.latency_ms)} ms` : "";
  const tokens =
    typeof s.prompt_tokens === "number"
      ? ` · ${num(s.prompt_tokens)}+${num(s.completion_tokens)} tokens`
      : "";
  const status = s.status === "ok" || s.status === undefined ? "" : ` · ${str(s.status, 20)}`;
  switch (s.kind) {
    case "agent_run":
      return `run "${str(s.task)}" → ${str(s.stop_reason, 20)}${tokens}${ms}`;
    case "prompt":
      return `prompt ${str(s.prompt, 40)} (${str(s.model, 30)})${status}${tokens}${ms}`;
    case "attempt":
      return `attempt ${num(s.attempt)} ${str(s.model_name, 30)}${status}${s.error_code ? ` ${str(s.error_code, 30)}` : ""}${tokens}${ms} → ${str(s.output, 50)}`;
    case "tool_call":
      return `tool ${str(s.tool, 30)} ${str(s.input, 50)}${status}${ms}`;
    case "cache_hit":
      return `cache hit ${str(s.prompt, 40)}`;
    default:
      return `${str(s.kind, 20)}${status}${ms}`;
  }
}

/** One trace as an indented tree, children in the order they started. */
export function traceTree(spans: readonly Span[]): string {
  const ids = new Set(spans.map((s) => s.span_id));
  const children = new Map<string | null, Span[]>();
  for (const s of spans) {
    const parent = s.parent_span_id !== null && ids.has(s.parent_span_id) ? s.parent_span_id : null;
    children.set(parent, [...(children.get(parent) ?? []), s]);
  }
  const lines: string[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    const kids = [...(children.get(parent) ?? [])].sort((a, b) =>
      String(a.started_at ?? "").localeCompare(String(b.started_at ?? "")),
    );
    for (const s of kids) {
      if (seen.has(s.span_id)) continue; // a cycle in a tampered file
      seen.add(s.span_id);
      lines.push(`${"  ".repeat(depth + 1)}${describe(s)}`);
      walk(s.span_id, depth + 1);
    }
  };
  walk(null, 0);
  return lines.join("\n");
}
