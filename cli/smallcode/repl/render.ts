import { redactString } from "../../../runtime/redact.ts";
import { type AgentEvent, CHECK_SOURCE, type RunResult } from "../contract/index.ts";
import { colorDiff, type DiffTracker, MAX_LINES } from "./diff-view.ts";
import { createStreamFilter, inert } from "./stream-filter.ts";

/**
 * Agent events as terminal text: streamed tokens as they come, one line per tool start and end,
 * notices, errors and a closing summary. {@link render} is pure; {@link createRenderer} adds the
 * state a terminal needs (whether the cursor is at the start of a line) and redacts secrets from
 * everything it writes.
 */

/** The `source` of a notice that reports a check the agent or a guard ran (defined with the events). */
export { CHECK_SOURCE };

/** Rendering options. */
export interface RenderOptions {
  readonly color: boolean;
  /** Leave out streamed tokens (one-shot runs print the final answer instead). */
  readonly tokens?: boolean;
  /** Shows the diff of each edit after its tool line (the tracker also serves `/diff`). */
  readonly diffs?: DiffTracker;
}

const CODES = {
  dim: [2, 22],
  red: [31, 39],
  green: [32, 39],
  yellow: [33, 39],
  cyan: [36, 39],
  bold: [1, 22],
};
type Style = keyof typeof CODES;

/** `text` in `style` when colours are on. */
export function paint(style: Style, text: string, color: boolean): string {
  if (!color) return text;
  const [open, close] = CODES[style];
  return `\u001b[${open}m${text}\u001b[${close}m`;
}

function clip(text: string, max: number): string {
  const one = text.replace(/\s+/g, " ").trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/**
 * A tool call's arguments in one short line: `path="src/a.ts" line=3`. Values are redacted before
 * they are clipped: a cut in the middle of a secret would leave a start no pattern recognises.
 */
export function summarizeArguments(args: Readonly<Record<string, unknown>>, max = 100): string {
  const parts = Object.entries(args).map(([key, value]) => {
    const shown =
      typeof value === "string"
        ? JSON.stringify(clip(redactString(value), 60))
        : clip(redactString(JSON.stringify(value) ?? ""), 60);
    return `${key}=${shown}`;
  });
  return clip(parts.join(" "), max);
}

/** Milliseconds for people: `850 ms`, `3.2 s`, `2 min 5 s`. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** The closing lines of a run. */
export function summarize(result: RunResult, color: boolean): string {
  const deleted = result.filesDeleted ?? [];
  const renamed = result.filesRenamed ?? [];
  const changed = result.filesCreated.length + result.filesEdited.length + deleted.length + renamed.length;
  const facts = [
    plural(result.toolCalls.length, "tool call"),
    ...(changed > 0 ? [`${plural(changed, "file")} changed`] : []),
    `${plural(result.usage.calls, "model call")}`,
    `${(result.usage.promptTokens + result.usage.completionTokens).toLocaleString("en-US")} tokens`,
    formatMs(result.durationMs),
  ].join(" · ");
  const head = result.success
    ? paint("green", "✓ done", color)
    : paint(
        "red",
        `✗ ${NOT_DONE.has(result.stopReason) ? "not done" : "stopped"} (${result.stopReason})`,
        color,
      );
  const lines = [`${head} ${paint("dim", `· ${facts}`, color)}`];
  if (result.filesCreated.length > 0)
    lines.push(paint("dim", `  created: ${result.filesCreated.join(", ")}`, color));
  if (result.filesEdited.length > 0)
    lines.push(paint("dim", `  edited: ${result.filesEdited.join(", ")}`, color));
  if (deleted.length > 0) lines.push(paint("dim", `  deleted: ${deleted.join(", ")}`, color));
  if (renamed.length > 0)
    lines.push(paint("dim", `  renamed: ${renamed.map((r) => `${r.from} → ${r.to}`).join(", ")}`, color));
  lines.push(...evidenceLines(result, color));
  return `${lines.join("\n")}\n`;
}

/** Stop reasons of a final answer the evidence did not bear out. */
const NOT_DONE: ReadonlySet<string> = new Set(["checks_failing", "no_changes", "write_failed", "unverified"]);

/** Why a claimed result is not believed, with the failing checks' output (already capped), or what was checked. */
function evidenceLines(result: RunResult, color: boolean): string[] {
  const evidence = result.evidence;
  if (!evidence) return [];
  if (result.success) {
    const passed = evidence.checks.filter((c) => c.ok).map((c) => `\`${c.command}\``);
    return passed.length > 0 ? [paint("dim", `  checked: ${passed.join(", ")} passed`, color)] : [];
  }
  if (!NOT_DONE.has(result.stopReason)) return [];
  const lines = [paint("red", `  ${evidence.verdict}`, color)];
  for (const check of evidence.checks.filter((c) => !c.ok)) {
    lines.push(`  $ ${check.command}`);
    for (const line of check.output.split("\n")) lines.push(`    ${line}`);
  }
  for (const write of evidence.failedWrites)
    lines.push(`  ${write.tool} ${write.path}: ${write.error.split("\n")[0]}`);
  return lines;
}

/** The text for one event (possibly empty). Block lines end with a newline; tokens are passed through. */
export function render(event: AgentEvent, options: RenderOptions): string {
  const { color } = options;
  switch (event.type) {
    case "step":
    case "usage": // the fullscreen status line's; the classic face prints the totals at the end
      return "";
    case "token":
      return options.tokens === false ? "" : event.text;
    case "classified": {
      const tools = event.categories.length > 0 ? ` · tools: ${event.categories.join(", ")}` : "";
      const fallback = event.fallback ? " (fallback classifier)" : "";
      return `${paint("dim", `· ${event.taskType}${fallback} → ${event.model}${tools}`, color)}\n`;
    }
    case "tool_start": {
      const args = inert(summarizeArguments(event.arguments));
      return `${paint("cyan", "▸", color)} ${paint("bold", event.name, color)}${args ? ` ${paint("dim", args, color)}` : ""}\n`;
    }
    case "tool_end": {
      const took = paint("dim", `(${formatMs(event.ms)})`, color);
      if (event.ok) return `  ${paint("green", "✓", color)} ${event.name} ${took}\n`;
      // redacted whole before the first line is taken and clipped (a key spans lines)
      const first = clip(
        inert(redactString(event.output))
          .split("\n")
          .find((l) => l.trim() !== "") ?? "",
        120,
      );
      return `  ${paint("red", "✗", color)} ${event.name} ${took}${first ? `: ${first}` : ""}\n`;
    }
    case "notice":
      // a check the loop or a guard ran (tests, a syntax check, done_when): a verification row
      if (event.source === CHECK_SOURCE) return `${paint("cyan", "⚙", color)} ${inert(event.message)}\n`;
      return `${paint("yellow", `! ${event.source}:`, color)} ${event.message}\n`;
    case "error":
      return `${paint("red", `✗ ${event.error.code}:`, color)} ${event.error.message}\n`;
    case "done":
      return summarize(event.result, color);
  }
}

/** A sink for rendered text that starts block lines on a fresh line after streamed tokens. */
export interface Renderer {
  (event: AgentEvent): void;
  /** Ends a pending partial line. */
  flush(): void;
}

/** Streamed text held back at most this long while its line is not finished. */
const HOLD_CHARS = 2000;

/**
 * Renders events to `write`, keeping track of whether the last text ended a line. Everything written
 * is redacted (`redactString`): a model reply or a tool output may quote a `.env` file or a key.
 * Streamed tokens are written a line at a time, so a secret split across tokens is still seen whole.
 */
export function createRenderer(write: (text: string) => void, options: RenderOptions): Renderer {
  let atLineStart = true;
  let pending = "";
  const out = (text: string) => {
    if (text === "") return;
    const clean = redactString(text);
    write(clean);
    atLineStart = clean.endsWith("\n");
  };
  const drain = () => {
    out(pending);
    pending = "";
  };
  let filter = createStreamFilter(options.color);
  /** whether this turn showed answer text, and whether it called a tool */
  let answered = false;
  let calledTool = false;
  const endReply = () => {
    pending += filter.end();
    filter = createStreamFilter(options.color);
  };
  const renderer = ((event: AgentEvent) => {
    const text = render(event, options);
    if (event.type === "token") {
      // tool-call markup is left out (the call shows as a tool row), reasoning is dimmed
      pending += filter.push(text);
      if (pending.trim() !== "") answered = true;
      // up to the last line break; a very long line up to its last space (tokens hold no spaces)
      let cut = pending.lastIndexOf("\n") + 1;
      if (cut === 0 && pending.length > HOLD_CHARS) cut = pending.lastIndexOf(" ") + 1;
      if (cut > 0) {
        out(pending.slice(0, cut));
        pending = pending.slice(cut);
      }
      return;
    }
    if (event.type === "tool_start") options.diffs?.start(event.id, event.name, event.arguments);
    endReply();
    // each model turn starts on a fresh line, so successive answers do not run together; an answer
    // followed by another turn without a tool call was not taken as final (a guard sent it back)
    if (event.type === "step") {
      const shown = answered || pending.trim() !== "";
      drain();
      if (!atLineStart) out("\n");
      if (shown && !calledTool && options.tokens !== false)
        out(`${paint("yellow", "↺ not accepted as the final answer; the model goes on", options.color)}\n`);
      answered = false;
      calledTool = false;
    }
    if (event.type === "tool_start") calledTool = true;
    if (text === "") return;
    drain();
    if (!atLineStart) out("\n");
    out(text);
    if (event.type === "tool_end" && options.diffs) {
      const diff = options.diffs.end(event.id, event.ok);
      if (diff !== "") out(`${colorDiff(inert(diff), options.color, MAX_LINES)}\n`);
    }
  }) as Renderer;
  renderer.flush = () => {
    endReply();
    drain();
    if (!atLineStart) out("\n");
  };
  return renderer;
}
