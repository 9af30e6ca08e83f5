import { Box, type SuspendTerminal, Text, useApp, useInput, usePaste, useWindowSize } from "ink";
import React, { useEffect, useState, useSyncExternalStore } from "react";
import { paint } from "../repl/render.ts";
import type { Controller } from "./controller.ts";
import { selectedLine, statusLine, transcriptLines } from "./lines.ts";
import type { Item } from "./model.ts";
import { confirmLines, inputLines, Lines, revealLine, windowOf } from "./views.ts";

/**
 * The fullscreen face: the transcript filling the screen above, the input (or a confirmation) and
 * the status line below. Keys go to the controller; it holds the state, this only draws it.
 */

const h = React.createElement;

/** The row keys' hint: Ctrl-O opens the `▸` row, Alt-↑/↓ (or Ctrl-P/Ctrl-N) move `▸`, Alt-O opens all. */
const ROW_KEYS = "Ctrl-O ▸ output · Alt-↑↓ pick · Alt-O all";

/** A counter that moves while `on`, for spinners and running clocks. */
function useTick(on: boolean): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!on) return;
    const timer = setInterval(() => setTick((t) => t + 1), 120);
    return () => clearInterval(timer);
  }, [on]);
  return tick;
}

/** The whole screen. */
export function App(props: {
  readonly controller: Controller;
  /** Ctrl-Z (absent: ignored): stop the process with the terminal handed back. */
  readonly suspend?: (suspendTerminal: SuspendTerminal) => Promise<boolean>;
}): React.ReactElement {
  const c = props.controller;
  useSyncExternalStore(c.subscribe, c.version);
  const { columns, rows } = useWindowSize();
  const tick = useTick(c.running);
  const { suspendTerminal } = useApp();
  useInput((input, key) => {
    if (key.ctrl && input === "z" && props.suspend)
      void props.suspend(suspendTerminal).then((stopped) => {
        if (!stopped) c.face.say("(Ctrl-Z: this shell has no job control, so the session goes on)");
      });
    else c.key(input, key);
  });
  usePaste((text) => c.paste(text));
  const now = Date.now();
  const width = Math.max(20, columns);
  const selected = c.rows.selected();
  const open = (row: Item) => row.kind === "tool" && c.rows.isOpen(row);
  const draw = { color: c.color, open, selected, thinking: c.thinking, now, tick, width };
  const bottom = c.pending
    ? confirmLines(c.pending.question, c.color)
    : inputLines(c.editor, c.color, c.running);
  const status = statusLine(c.model.status, { ...draw, running: c.running, queued: c.queue.length });
  const height = Math.max(1, rows - bottom.length - 3);
  const all = transcriptLines(c.model.items, draw);
  if (c.reveal) {
    // only here is the window's height known: the cursor's row is scrolled into it once per move
    c.reveal = false;
    c.scroll = revealLine(all.length, height, c.scroll, selectedLine(c.model.items, draw));
  }
  const lines = windowOf(all, height, c.scroll);
  const back = Math.min(c.scroll, Math.max(0, all.length - height));
  const keys = paint(
    "dim",
    back > 0
      ? `scrolled back ${back} lines · PgDn or Ctrl-L returns · ${ROW_KEYS}`
      : `${ROW_KEYS} · Ctrl-T thinking · PgUp/PgDn · /help`,
    c.color,
  );
  return h(
    Box,
    { flexDirection: "column", width, height: rows },
    h(Lines, { lines, height }),
    h(Text, { wrap: "truncate-end" }, paint("dim", "─".repeat(width), c.color)),
    h(Lines, { lines: bottom }),
    h(Text, { wrap: "truncate-end" }, status),
    h(Text, { wrap: "truncate-end" }, keys),
  );
}
