import { Box, Text } from "ink";
import React from "react";
import { paint } from "../repl/render.ts";
import type { Editor } from "./editor.ts";

/** The fullscreen face's small views: the transcript window, the input box, the confirmation bar. */

const h = React.createElement;

/** Lines drawn one per row, cut (never wrapped) at the width, so the row count is exact. */
export function Lines(props: {
  readonly lines: readonly string[];
  readonly height?: number;
}): React.ReactElement {
  return h(
    Box,
    {
      flexDirection: "column",
      ...(props.height !== undefined
        ? { height: props.height, overflow: "hidden", justifyContent: "flex-end" }
        : {}),
    },
    ...props.lines.map((line, i) => h(Text, { key: i, wrap: "truncate-end" }, line === "" ? " " : line)),
  );
}

/** The last `height` lines of `lines`, `scroll` lines back from the end. */
export function windowOf(lines: readonly string[], height: number, scroll: number): string[] {
  const end = Math.max(Math.min(lines.length, height), lines.length - scroll);
  return lines.slice(Math.max(0, end - height), end);
}

/** The scroll (lines back from the end) that shows line `line` of `total`, changing `scroll` only if it must. */
export function revealLine(total: number, height: number, scroll: number, line: number): number {
  if (line < 0) return scroll;
  const end = total - scroll;
  if (line < end - height) return Math.max(0, total - line - height); // above: it becomes the top line
  if (line >= end) return Math.max(0, total - line - 1); // below: it becomes the bottom line
  return scroll;
}

/** The input's lines: a prompt, the text with the cursor shown inverted, and Tab's candidates. */
export function inputLines(editor: Editor, color: boolean, busy: boolean): string[] {
  const before = editor.text.slice(0, editor.cursor);
  const under = editor.text.slice(editor.cursor, editor.cursor + 1);
  const after = editor.text.slice(editor.cursor + 1);
  const cursor = `\u001b[7m${under === "" || under === "\n" ? " " : under}\u001b[27m${under === "\n" ? "\n" : ""}`;
  const text = `${before}${cursor}${after}`;
  const lines = text
    .split("\n")
    .map((l, i) => `${paint(busy ? "dim" : "bold", i === 0 ? "› " : "… ", color)}${l}`);
  if (editor.hints.length > 0) lines.push(paint("dim", editor.hints.slice(0, 12).join("  "), color));
  return lines;
}

/** A question waiting for y or n, in place of the input. */
export function confirmLines(question: string, color: boolean): string[] {
  return [
    ...question.split("\n").map((l) => paint("yellow", l, color)),
    paint("bold", "Allow? [y/N] ", color),
  ];
}
