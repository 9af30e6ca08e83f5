import { describe, expect, it } from "vitest";
import { classicReason } from "../../cli/smallcode/commands/interactive.ts";
import { render } from "../../cli/smallcode/repl/render.ts";
import * as ed from "../../cli/smallcode/tui/editor.ts";
import { contextBar, itemLines, selectedLine, statusLine, wrap } from "../../cli/smallcode/tui/lines.ts";
import { type Item, providerOf, TuiModel } from "../../cli/smallcode/tui/model.ts";
import { type ToolItem, ToolRows } from "../../cli/smallcode/tui/rows.ts";
import { captureStderr } from "../../cli/smallcode/tui/run.ts";
import { revealLine } from "../../cli/smallcode/tui/views.ts";
import { tempDir } from "../cli/smallcode/helpers.ts";

/** The fullscreen face's pure parts: the transcript model, the line drawing, the input editor, the face choice. */

const draw = { color: false, thinking: false, now: 0, tick: 0, width: 40 };

describe("which face", () => {
  it("is fullscreen only on a terminal, without --classic, TERM=dumb or CI", () => {
    expect(classicReason(false, true, true, { TERM: "xterm" })).toBeUndefined();
    expect(classicReason(true, true, true, {})).toBe("--classic");
    expect(classicReason(false, true, false, {})).toBe("not a terminal");
    expect(classicReason(false, false, true, {})).toBe("not a terminal");
    expect(classicReason(false, true, true, { TERM: "dumb" })).toBe("TERM=dumb");
    expect(classicReason(false, true, true, { CI: "true" })).toBe("CI");
    expect(classicReason(false, true, true, { CI: "1" })).toBe("CI");
    expect(classicReason(false, true, true, { CI: "false" })).toBeUndefined();
    expect(classicReason(false, true, true, { CI: "" })).toBeUndefined();
  });

  it("is documented in --help, with NO_COLOR and --no-color", async () => {
    const { run } = await import("../cli/smallcode/helpers.ts");
    const r = await run(tempDir(), ["--help"]);
    expect(r.stdout).toContain("--classic            line-by-line output instead of the fullscreen view");
    expect(r.stdout).toContain(
      "--classic, or stdout not a terminal, TERM=dumb or CI set, prints line by line",
    );
    expect(r.stdout).toContain(
      "Ctrl-O shows the output of the tool row marked ▸, the newest unless Alt-Up/Alt-Down or Ctrl-P/Ctrl-N\nmoved the mark; Alt-O opens or closes every row",
    );
    expect(r.stdout).toContain("NO_COLOR=1 or --no-color: no colours anywhere.");
  });
});

describe("captureStderr", () => {
  it("turns stderr lines into transcript lines while the view is up, and puts the stream back", () => {
    const said: string[] = [];
    const original = process.stderr.write;
    const restore = captureStderr((t) => said.push(t));
    process.stderr.write("smallcode: warning: one\ntwo ");
    process.stderr.write(Buffer.from("halves\n"));
    restore();
    restore();
    expect(said).toEqual(["smallcode: warning: one", "two halves"]);
    expect(process.stderr.write).toBe(original);
  });
});

describe("TuiModel", () => {
  it("makes hostile model and tool text inert and redacts secrets split across tokens", () => {
    const m = new TuiModel({ model: "m", baseUrl: undefined, window: undefined }, undefined, () => 0);
    m.startTask("go");
    m.event({ type: "step", step: 1 });
    for (const t of ["key sk-ant-api03-", "abcdefghijklmnopqrstuvwxyz0123456789 here \u001b]0;pwned\u0007"])
      m.event({ type: "token", text: t });
    m.event({ type: "tool_start", id: "1", name: "bash", arguments: { command: "echo \u001b[2J" } });
    m.event({ type: "tool_end", id: "1", name: "bash", ok: false, output: "\u001b[31mboom\u001b[0m", ms: 5 });
    const text = m.items.flatMap((i) => itemLines(i, draw)).join("\n");
    expect(text).not.toContain("\u001b");
    expect(text).not.toContain("abcdefghijklmnopqrstuvwxyz0123456789");
    expect(text).toContain("✗ bash");
    expect(text).toContain("�[31mboom");
  });

  it("keeps answers of successive turns apart and marks one sent back", () => {
    const m = new TuiModel({ model: "m", baseUrl: "http://h:1/v1", window: 100 }, undefined, () => 0);
    m.event({ type: "step", step: 1 });
    m.event({ type: "token", text: "first" });
    m.event({ type: "step", step: 2 });
    m.event({ type: "token", text: "second" });
    const lines = m.items.flatMap((i) => itemLines(i, draw));
    expect(lines).toEqual(["first", "↺ not accepted as the final answer; the model goes on", "second"]);
  });

  it("names the provider: the endpoint's host, or embedded", () => {
    expect(providerOf("http://127.0.0.1:11434/v1")).toBe("127.0.0.1:11434");
    expect(providerOf(undefined)).toBe("embedded");
    expect(providerOf("")).toBe("embedded");
  });
});

describe("lines", () => {
  it("shows a verification run as a row in both faces, not as a warning", () => {
    const event = { type: "notice", source: "check", message: "`npm test` failed (1.2 s)\u001b[2J" } as const;
    expect(render(event, { color: false })).toBe("⚙ `npm test` failed (1.2 s)�[2J\n");
    const m = new TuiModel({ model: "m", baseUrl: undefined, window: undefined });
    m.event(event);
    m.event({ type: "notice", source: "context", message: "history fitted" });
    expect(m.items.flatMap((i) => itemLines(i, draw))).toEqual([
      "⚙ `npm test` failed (1.2 s)�[2J",
      "! context: history fitted",
    ]);
  });

  it("colours the context bar as it fills", () => {
    expect(contextBar(10, 100, false)).toBe("█░░░░░░░░░");
    expect(contextBar(50, 100, true)).toContain("\u001b[32m");
    expect(contextBar(70, 100, true)).toContain("\u001b[33m");
    expect(contextBar(90, 100, true)).toContain("\u001b[31m");
    expect(contextBar(500, 100, false)).toBe("██████████");
  });

  it("draws the status line with the wait, the step and the queue", () => {
    const m = new TuiModel({ model: "qwen", baseUrl: undefined, window: 8000 }, undefined, () => 1000);
    m.startTask("x".repeat(8000));
    m.event({ type: "step", step: 2 });
    const line = statusLine(m.status, { ...draw, now: 4000, running: true, queued: 1 });
    expect(line).toBe(
      "⠋ waiting 3.0 s · qwen · embedded · ctx ███░░░░░░░ ~2.0k/8.0k · step 2 · 3.0 s · 1 queued",
    );
  });

  it("shows an act turn's usage event as the exact context use, in its window, until estimates are added", () => {
    const m = new TuiModel({ model: "qwen", baseUrl: undefined, window: undefined }, undefined, () => 1000);
    m.startTask("x".repeat(8000));
    m.event({ type: "step", step: 1 });
    m.event({ type: "token", text: "y".repeat(400) });
    const usage = { type: "usage", model: "DefaultCoder", estimated: false } as const;
    // a classify call is not the conversation: nothing changes
    m.event({ ...usage, prompt: "classify_task_type", promptTokens: 70, completionTokens: 1 });
    expect(statusLine(m.status, { ...draw, running: false, queued: 0 })).toContain("ctx ~2.1k tokens");
    m.event({ ...usage, prompt: "act", promptTokens: 5000, completionTokens: 432, contextWindow: 16384 });
    expect(statusLine(m.status, { ...draw, running: false, queued: 0 })).toContain(
      "ctx ███░░░░░░░ 5.4k/16.4k",
    );
    // a tool's output is estimated on top: the figure says so again
    m.event({ type: "tool_start", id: "1", name: "read_file", arguments: {} });
    m.event({ type: "tool_end", id: "1", name: "read_file", ok: true, output: "z".repeat(400), ms: 1 });
    expect(statusLine(m.status, { ...draw, running: false, queued: 0 })).toContain("~5.5k/16.4k");
    // a server that reported no usage: the estimate is marked as one
    m.event({
      ...usage,
      estimated: true,
      prompt: "act",
      promptTokens: 6000,
      completionTokens: 0,
      contextWindow: 8192,
    });
    expect(statusLine(m.status, { ...draw, running: false, queued: 0 })).toContain("~6.0k/8.2k");
  });

  it("keeps a row cursor that follows new rows until moved, opens rows one by one or all, and scrolls to the cursor", () => {
    const m = new TuiModel({ model: "m", baseUrl: undefined, window: undefined });
    const tool = (id: string) => {
      m.event({ type: "tool_start", id, name: "read_file", arguments: { path: `${id}.txt` } });
      m.event({ type: "tool_end", id, name: "read_file", ok: true, output: `${id} out`, ms: 1 });
      return m.items.at(-1) as ToolItem;
    };
    const rows = new ToolRows(() => m.items);
    expect(rows.selected()).toBeUndefined();
    rows.toggle(); // nothing to open: no error
    const [a, b] = [tool("a"), tool("b")];
    expect(rows.selected()).toBe(b);
    rows.move(-1);
    rows.move(-1); // stops at the oldest
    expect(rows.selected()).toBe(a);
    const c = tool("c");
    expect(rows.selected()).toBe(a); // a picked row stays picked
    rows.move(1);
    rows.move(1); // the newest again: the cursor follows new rows
    const d = tool("d");
    expect(rows.selected()).toBe(d);
    rows.toggle();
    expect([a, b, c, d].map((r) => rows.isOpen(r))).toEqual([false, false, false, true]);
    rows.toggleAll(); // some closed: all open, new rows too
    expect([a, b, c, d, tool("e")].map((r) => rows.isOpen(r))).toEqual([true, true, true, true, true]);
    rows.toggleAll();
    expect([a, b, c, d].some((r) => rows.isOpen(r))).toBe(false);

    const o = { ...draw, selected: b, open: (r: Item) => r === b };
    expect(itemLines(b, o)).toEqual(['▸ ✓ read_file path="b.txt" (1 ms)', "    b out"]);
    expect(itemLines(a, o)).toEqual(['✓ read_file path="a.txt" (1 ms) → a out']);
    expect(selectedLine(m.items, o)).toBe(1);
    // 100 lines, 10 shown: a line above the window becomes its top, below it its bottom, inside stays
    expect(revealLine(100, 10, 0, 50)).toBe(40);
    expect(revealLine(100, 10, 40, 80)).toBe(19);
    expect(revealLine(100, 10, 40, 55)).toBe(40);
    expect(revealLine(100, 10, 40, -1)).toBe(40);
  });

  it("wraps plain text at spaces and leaves styled lines to ink", () => {
    expect(wrap("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
    expect(wrap("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrap("\u001b[1mstyled text\u001b[22m", 4)).toEqual(["\u001b[1mstyled text\u001b[22m"]);
  });
});

describe("editor", () => {
  it("edits, browses the history and keeps the draft", () => {
    let e = ed.insert(ed.EMPTY, "helo");
    e = ed.insert(ed.move(e, -1), "l");
    expect(e.text).toBe("hello");
    expect(ed.deleteWord(ed.move(e, "end")).text).toBe("");
    const history = ["newest", "two\\nlines"];
    let b = ed.browse(e, history, true);
    expect(b.text).toBe("newest");
    b = ed.browse(b, history, true);
    expect(b.text).toBe("two\nlines");
    expect(ed.browse(b, history, true)).toBe(b);
    b = ed.browse(ed.browse(b, history, false), history, false);
    expect(b.text).toBe("hello");
  });

  it('continues a line ending in \\ and a """ block; submits the block without its fences', () => {
    const slash = ed.insert(ed.EMPTY, "first\\");
    expect(ed.continues(slash)).toBe(true);
    expect(ed.newline(slash).text).toBe("first\n");
    let block = ed.insert(ed.EMPTY, '"""');
    expect(ed.continues(block)).toBe(true);
    block = ed.insert(ed.newline(ed.insert(ed.newline(block), "a")), '"""');
    expect(ed.continues(block)).toBe(false);
    expect(ed.submitted(block)).toBe("a");
  });

  it("completes slash commands and @paths with Tab", () => {
    const cwd = tempDir({ "src/app.ts": "x", "src/api.ts": "y" });
    expect(ed.complete(ed.insert(ed.EMPTY, "/comp"), cwd).text).toBe("/compact ");
    const several = ed.complete(ed.insert(ed.EMPTY, "read @src/a"), cwd);
    expect(several.text).toBe("read @src/ap");
    expect(several.hints).toEqual(["@src/api.ts", "@src/app.ts"]);
    expect(ed.complete(ed.insert(ed.EMPTY, "read @src/app"), cwd).text).toBe("read @src/app.ts ");
  });
});
