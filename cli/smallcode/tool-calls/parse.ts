/**
 * The orchestrator: native calls first, then every text format in priority order over a view of
 * the reply with reasoning and ordinary code blanked out; each candidate's name is resolved and its
 * arguments repaired; duplicates are merged; recovered calls are cut from the text. Nothing is
 * dropped silently: a call attempt that cannot be recovered stays in the text and gets an issue.
 */
import { renameArguments } from "./aliases.ts";
import { repairArguments } from "./args.ts";
import { nativeCandidates, SCANNERS } from "./formats/index.ts";
import { clearScanCaches, END_TOKENS } from "./formats/util.ts";
import { excerptOf, makeIssue } from "./issues.ts";
import { stableStringify } from "./json.ts";
import { createToolIndex, type ToolIndex } from "./names.ts";
import {
  codeFenceSpans,
  findReasoning,
  inlineQuoteSpans,
  maskSpans,
  mergeSpans,
  overlaps,
} from "./regions.ts";
import type {
  Candidate,
  ParseOptions,
  ParseResult,
  Span,
  ToolCall,
  ToolCallIssue,
  ToolDefinition,
} from "./types.ts";

type Outcome = "accepted" | "rejected" | "ignored";

/** Marks of a call attempt, used to warn when calls appear only inside reasoning. */
const CALL_MARKERS =
  /<tool_call>|<function=|\[TOOL_CALLS\]|<\|tool_call|tool[▁_ ]calls?[▁_ ]begin|<\|python_tag\|>|to=functions\.|"arguments"\s*:|```tool_code/;

class Collector {
  readonly index: ToolIndex;
  readonly issues: ToolCallIssue[] = [];
  readonly calls: { call: ToolCall; start: number }[] = [];
  readonly seen = new Set<string>();

  constructor(index: ToolIndex) {
    this.index = index;
  }

  /** Resolves, repairs and records one candidate; unknown names of uncertain candidates are ignored. */
  take(candidate: Candidate, source: string): Outcome {
    const span = candidate.span;
    const certain = candidate.certain;
    const resolution = this.index.resolve(candidate.name, certain);
    const format = candidate.format;
    const excerpt = span ? excerptOf(source.slice(span.start, span.end)) : undefined;
    if (resolution.kind === "unknown") {
      if (!certain) return "ignored";
      const closest = resolution.suggestions.map((name) => `\`${name}\``).join(", ");
      const message = `unknown tool \`${candidate.name}\`${closest ? `; the closest tools are ${closest}` : ""}`;
      this.issues.push(
        makeIssue("unknown_tool", message, {
          format,
          tool: candidate.name,
          suggestions: resolution.suggestions,
          excerpt,
        }),
      );
      return "rejected";
    }
    const tool = resolution.tool;
    const repaired = repairArguments(candidate, tool, format);
    if (!repaired.ok) {
      this.issues.push({ ...repaired.issue, excerpt: excerpt ?? repaired.issue.excerpt });
      return "rejected";
    }
    if (resolution.kind === "corrected") {
      const message = `mapped \`${candidate.name}\` to \`${tool.name}\` (${resolution.how})`;
      this.issues.push(makeIssue("tool_name_corrected", message, { format, tool: tool.name }));
    }
    for (const note of candidate.notes ?? []) {
      this.issues.push(makeIssue(note.code, note.message, { format, tool: tool.name }));
    }
    this.issues.push(...repaired.issues);
    const key = `${tool.name}\u0000${stableStringify(repaired.args)}`;
    if (this.seen.has(key)) {
      const message = `\`${tool.name}\` was called twice with the same arguments; kept once`;
      this.issues.push(makeIssue("duplicate_call", message, { format, tool: tool.name }));
      return "accepted";
    }
    this.seen.add(key);
    const call: ToolCall = { name: tool.name, arguments: repaired.args, format };
    if (candidate.id) call.id = candidate.id;
    this.calls.push({ call, start: span?.start ?? -1 });
    return "accepted";
  }
}

function groupBySpan(candidates: readonly Candidate[]): Candidate[][] {
  const groups = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const key = candidate.span ? `${candidate.span.start}:${candidate.span.end}` : "";
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  return [...groups.values()];
}

const TRAILING_END_TOKENS = new RegExp(`(?:\\s*(?:${END_TOKENS.source}))+\\s*$`);

/** `text` without `spans`, with the blank lines left behind collapsed. */
function cut(text: string, spans: readonly Span[]): string {
  let out = "";
  let pos = 0;
  for (const span of mergeSpans(spans)) {
    out += text.slice(pos, span.start);
    pos = Math.max(pos, span.end);
  }
  out += text.slice(pos);
  return out
    .replace(TRAILING_END_TOKENS, "")
    .replace(/^[ \t]*(`{3,}|~{3,})[\w-]*[ \t]*\n\s*\1[ \t]*$/gm, "") // fences left empty
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** The index built for each tool list, with the tools (and names) it was built from. */
const indexes = new WeakMap<
  readonly ToolDefinition[],
  { names: string[]; tools: ToolDefinition[]; index: ToolIndex }
>();

/** The tool index for `tools`, reused while the list holds the same tools under the same names. */
function toolIndexFor(tools: readonly ToolDefinition[]): ToolIndex {
  const cached = indexes.get(tools);
  const same =
    cached?.tools.length === tools.length &&
    tools.every((tool, i) => tool === cached.tools[i] && tool.name === cached.names[i]);
  if (same) return cached.index;
  const index = createToolIndex(tools);
  indexes.set(tools, { names: tools.map((tool) => tool.name), tools: [...tools], index });
  return index;
}

/**
 * Recovers the tool calls in a model reply. Native `tool_calls` are tried first, then the text in
 * every format open models emit; names are resolved against `tools` and arguments repaired against
 * their schemas. Returns the calls, the reply with recovered calls removed, and issues explaining
 * every repair and every call attempt that could not be recovered.
 */
export function parseToolCalls(text: string, options: ParseOptions): ParseResult {
  const collector = new Collector(toolIndexFor(options.tools));
  for (const candidate of nativeCandidates(options.nativeToolCalls, collector.issues)) {
    collector.take(candidate, text);
  }
  const reasoning = findReasoning(text);
  const outside = maskSpans(text, reasoning);
  const hidden = [...reasoning, ...codeFenceSpans(outside), ...inlineQuoteSpans(outside)];
  const blocked: Span[] = [];
  const removed: Span[] = [];
  const isTool = (name: string) => collector.index.isTool(name);
  const fitsTool = (name: string, keys: readonly string[]) => {
    const resolution = collector.index.resolve(name, false);
    if (resolution.kind === "unknown") return false;
    const params = Object.keys(resolution.tool.parameters.properties ?? {});
    const renamed = renameArguments(Object.fromEntries(keys.map((key) => [key, true])), resolution.tool).args;
    return Object.keys(renamed).some((key) => params.includes(key));
  };
  let view = "";
  let maskedUpTo = -1;
  for (const scanner of SCANNERS) {
    // Most scanners find nothing: the view changes only when a block was taken.
    if (maskedUpTo !== blocked.length) {
      view = maskSpans(text, [...hidden, ...blocked]);
      maskedUpTo = blocked.length;
    }
    const result = scanner.scan({ source: text, view, isTool, fitsTool });
    for (const failure of result.failures) {
      if (overlaps(blocked, failure.span.start, failure.span.end)) continue;
      collector.issues.push(
        makeIssue(failure.code, failure.message, {
          format: failure.format,
          excerpt: failure.excerpt,
        }),
      );
      blocked.push(failure.span);
    }
    let anyAccepted = false;
    for (const group of groupBySpan(result.candidates)) {
      const outcomes = group.map((candidate) => collector.take(candidate, text));
      const span = group[0]!.span;
      if (!span || outcomes.every((o) => o === "ignored")) continue;
      blocked.push(span);
      if (outcomes.every((o) => o === "accepted")) removed.push(span);
      if (outcomes.includes("accepted")) anyAccepted = true;
    }
    if (anyAccepted) removed.push(...(result.wrappers ?? []));
  }
  if (collector.calls.length === 0 && reasoning.some((r) => CALL_MARKERS.test(text.slice(r.start, r.end)))) {
    const message =
      "a tool call appears only inside the reasoning, which is never executed; nothing was called";
    collector.issues.push(makeIssue("call_in_reasoning", message));
  }
  clearScanCaches();
  const calls = [...collector.calls].sort((a, b) => a.start - b.start).map((entry) => entry.call);
  const hasTextCalls = removed.length > 0;
  return { calls, text: hasTextCalls ? cut(text, removed) : text, issues: collector.issues };
}
