import { redactString } from "../../../runtime/redact.ts";
import { colorDiff, MAX_LINES } from "../repl/diff-view.ts";
import { CHECK_SOURCE, formatMs, paint, summarize } from "../repl/render.ts";
import { FRAMES } from "../repl/spinner.ts";
import type { Item, Status } from "./model.ts";

/**
 * The transcript and the status as terminal lines (ANSI styles only when `color`), pure. The
 * fullscreen face draws the last lines that fit; every line is cut to the width by ink.
 */

/** How to draw. */
export interface DrawOptions {
  readonly color: boolean;
  /** Whether a tool row shows its output (and a failed row its whole error); absent: none does. */
  readonly open?: (row: Item) => boolean;
  /** The tool row under the row cursor (Ctrl-O acts on it): drawn with a `▸` in front. */
  readonly selected?: Item;
  /** Reasoning is shown in full (else one collapsed line per block). */
  readonly thinking: boolean;
  /** The current time, for running rows. */
  readonly now: number;
  /** The spinner frame. */
  readonly tick: number;
  /** Columns: plain text is wrapped to them (styled rows are cut by ink). */
  readonly width: number;
}

/** Output lines shown under an expanded tool row. */
const EXPANDED_LINES = 20;

function splitLines(text: string): string[] {
  return text.replace(/\n+$/, "").split("\n");
}

/** Plain text (no escape codes) wrapped to `width` columns, at a space where there is one. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const line of splitLines(text)) {
    if (line.includes("\u001b")) {
      out.push(line); // styled (a command's coloured output): cut by ink, not wrapped
      continue;
    }
    let rest = [...line];
    while (rest.length > width && width > 0) {
      const space = rest.lastIndexOf(" ", width);
      const cut = space > width / 3 ? space : width;
      out.push(rest.slice(0, cut).join("").trimEnd());
      rest = rest.slice(space > width / 3 ? cut + 1 : cut);
    }
    out.push(rest.join(""));
  }
  return out;
}

/** The lines of one transcript item. */
export function itemLines(item: Item, o: DrawOptions): string[] {
  const c = o.color;
  switch (item.kind) {
    case "task":
      return [
        "",
        ...wrap(item.text, o.width - 2).map(
          (l, i) => `${paint("bold", i === 0 ? "› " : "  ", c)}${paint("bold", l, c)}`,
        ),
      ];
    case "say":
      return wrap(item.text, o.width);
    case "turn": {
      const out: string[] = [];
      for (const part of item.parts) {
        const text = redactString(part.text);
        if (part.think) {
          const lines = wrap(text.trim(), o.width - 2);
          if (!o.thinking) out.push(paint("dim", `✻ thinking (${lines.length} lines, Ctrl-T shows)`, c));
          else out.push(...lines.map((l) => paint("dim", `│ ${l}`, c)));
          continue;
        }
        if (text.trim() !== "") out.push(...wrap(text.replace(/^\n+/, ""), o.width));
      }
      if (item.rejected)
        out.push(paint("yellow", "↺ not accepted as the final answer; the model goes on", c));
      return out;
    }
    case "tool": {
      const mark =
        item.status === "running"
          ? paint("cyan", FRAMES[o.tick % FRAMES.length]!, c)
          : item.status === "ok"
            ? paint("green", "✓", c)
            : paint("red", "✗", c);
      const ms = item.status === "running" ? o.now - item.startedAt : item.ms;
      const expanded = o.open?.(item) ?? false;
      const first = item.output.split("\n").find((l) => l.trim() !== "") ?? "";
      const short =
        item.status === "failed"
          ? paint("red", first ? `: ${first.slice(0, 120)}` : "", c)
          : item.status === "ok" && first && !expanded
            ? paint("dim", ` → ${first.trim().slice(0, 60)}`, c)
            : "";
      // the cursor: a glyph, so it reads without colour too
      const cursor = item === o.selected ? `${paint("cyan", "▸", c)} ` : "";
      const head = `${cursor}${mark} ${paint("bold", item.name, c)} ${paint("dim", item.args, c)} ${paint("dim", `(${formatMs(ms)})`, c)}${short}`;
      const out = [head];
      if (expanded && item.output !== "") {
        const lines = splitLines(item.output);
        out.push(...lines.slice(0, EXPANDED_LINES).map((l) => paint("dim", `    ${l}`, c)));
        if (lines.length > EXPANDED_LINES)
          out.push(paint("dim", `    … ${lines.length - EXPANDED_LINES} more lines`, c));
      }
      if (item.diff !== "")
        out.push(
          ...colorDiff(item.diff, c, MAX_LINES)
            .split("\n")
            .map((l) => `  ${l}`),
        );
      return out;
    }
    case "notice":
      if (item.source === CHECK_SOURCE) return [`${paint("cyan", "⚙", c)} ${item.text}`];
      return [`${paint("yellow", `! ${item.source}:`, c)} ${item.text}`];
    case "error":
      return [paint("red", `✗ ${item.text}`, c)];
    case "summary":
      return splitLines(summarize(item.result, c));
  }
}

/** Every line of the transcript. */
export function transcriptLines(items: readonly Item[], o: DrawOptions): string[] {
  return items.flatMap((item) => itemLines(item, o));
}

/** The index of the selected tool row's first line in {@link transcriptLines}, or -1. */
export function selectedLine(items: readonly Item[], o: DrawOptions): number {
  let line = 0;
  for (const item of items) {
    if (item === o.selected) return line;
    line += itemLines(item, o).length;
  }
  return -1;
}

/** A bar of `width` cells for `used` of `total`, coloured green, yellow past 60%, red past 85%. */
export function contextBar(used: number, total: number, color: boolean, width = 10): string {
  const share = total > 0 ? Math.min(1, used / total) : 0;
  const filled = Math.round(share * width);
  const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
  return paint(share >= 0.85 ? "red" : share >= 0.6 ? "yellow" : "green", bar, color);
}

const kilo = (n: number) => (n >= 1000 ? `${(n / 1000).toFixed(1)}k` : String(n));

/** The status line: model, provider, context bar, step, elapsed time, and what runs. */
export function statusLine(
  s: Status,
  o: DrawOptions & { readonly running: boolean; readonly queued: number },
): string {
  const c = o.color;
  // `~`: an estimate; without it, the last act turn's count as the model reported it
  const about = s.contextExact ? "" : "~";
  const ctx =
    s.window !== undefined
      ? `ctx ${contextBar(s.contextTokens, s.window, c)} ${about}${kilo(s.contextTokens)}/${kilo(s.window)}`
      : `ctx ${about}${kilo(s.contextTokens)} tokens`;
  const parts = [paint("bold", s.model, c), s.provider, ctx];
  if (s.step > 0) parts.push(`step ${s.step}`);
  if (o.running && s.taskStartedAt > 0) parts.push(formatMs(o.now - s.taskStartedAt));
  else if (s.lastTaskMs > 0) parts.push(`last ${formatMs(s.lastTaskMs)}`);
  if (o.queued > 0) parts.push(`${o.queued} queued`);
  let head = "";
  if (o.running && s.waitingSince > 0)
    head = `${paint("cyan", FRAMES[o.tick % FRAMES.length]!, c)} waiting ${formatMs(o.now - s.waitingSince)} · `;
  return `${head}${parts.join(paint("dim", " · ", c))}`;
}
