import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { render } from "ink-testing-library";
import React from "react";
import { afterEach, describe, expect, it } from "vitest";
import type { AgentFactory } from "../../cli/smallcode/commands/agent.ts";
import type { AgentEvent, RunResult, SmallCodeOptions } from "../../cli/smallcode/contract/index.ts";
import { SessionCore } from "../../cli/smallcode/repl/core.ts";
import { App } from "../../cli/smallcode/tui/app.ts";
import { Controller } from "../../cli/smallcode/tui/controller.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";

/** The fullscreen face's components (ink-testing-library), over the session core and a scripted agent. */

const result = (over: Partial<RunResult> = {}): RunResult => ({
  success: true,
  response: "ok",
  stopReason: "done",
  toolCalls: [],
  filesCreated: [],
  filesEdited: [],
  usage: { calls: 1, promptTokens: 100, completionTokens: 10 },
  durationMs: 20,
  ...over,
});

/** An agent whose run is `script`: it emits events and may ask for confirmation, as the real one does. */
function agent(
  script: (emit: (e: AgentEvent) => void, options: SmallCodeOptions, task: string) => Promise<RunResult>,
  seen: string[] = [],
): AgentFactory {
  return (options) => ({
    sessionId: "s-1",
    run: (task) => {
      seen.push(task);
      return script(options.onEvent ?? (() => {}), options, task);
    },
  });
}

/** Writes `a.txt` with the tool events around it and streams a reply with reasoning and tool markup. */
const writer = agent(async (emit, options, task) => {
  emit({ type: "step", step: 1 });
  for (const t of [
    "<think>plan: write",
    " a.txt</think>I will ",
    "write it.<tool_",
    'call>{"name":"x"}</tool_call>',
  ])
    emit({ type: "token", text: t });
  emit({ type: "tool_start", id: "w", name: "write_file", arguments: { path: "a.txt", content: task } });
  writeFileSync(join(options.cwd ?? "", "a.txt"), `${task}\n`);
  emit({
    type: "tool_end",
    id: "w",
    name: "write_file",
    ok: true,
    output: "wrote a.txt\nsecond line",
    ms: 3,
  });
  emit({ type: "step", step: 2 });
  emit({ type: "token", text: "Done, I think." });
  emit({ type: "step", step: 3 }); // an answer followed by another turn: a guard sent it back
  emit({ type: "token", text: "Written." });
  const r = result({ filesEdited: ["a.txt"] });
  emit({ type: "done", result: r });
  return r;
});

let unmount: (() => void) | undefined;
afterEach(() => {
  unmount?.();
  cleanup();
});

function mount(
  factory: AgentFactory,
  opts: { color?: boolean; baseUrl?: string; window?: number; env?: Record<string, string> } = {},
) {
  const cwd = tempDir({ "a.txt": "old\n" });
  const exits: number[] = [];
  const core = new SessionCore({
    options: { cwd, model: "small-coder", ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}) },
    factory,
    color: opts.color ?? false,
    ...(opts.env ? { env: opts.env } : {}),
  });
  const controller = new Controller(core, {
    color: opts.color ?? false,
    ...(opts.window ? { window: opts.window } : {}),
    onExit: (code) => exits.push(code),
  });
  const app = render(React.createElement(App, { controller }));
  Object.defineProperty(app.stdout, "rows", { value: 60, configurable: true });
  app.stdout.emit("resize");
  unmount = app.unmount;
  const frame = () => app.lastFrame() ?? "";
  const until = async (ok: (f: string) => boolean, what: string) => {
    for (let i = 0; i < 500; i++) {
      if (ok(frame())) return frame();
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`never showed ${what}:\n${frame()}`);
  };
  const type = async (text: string) => {
    for (const ch of text) {
      app.stdin.write(ch);
      await new Promise((r) => setImmediate(r));
    }
  };
  return { app, cwd, exits, frame, until, type, controller };
}

describe("the fullscreen face", () => {
  it("shows a task's turns, tool rows and diff; reasoning collapsed, tool markup hidden, rejected answers marked", async () => {
    const ui = mount(writer);
    await ui.type("write it\r");
    const f = await ui.until((t) => t.includes("✓ done"), "the summary");
    expect(f).toContain("› write it");
    expect(f).toContain("✻ thinking (1 lines, Ctrl-T shows)");
    expect(f).not.toContain("plan: write");
    expect(f).toContain("I will write it.");
    expect(f).not.toContain("tool_call");
    expect(f).toMatch(/✓ write_file path="a\.txt" content="write it" \(3 ms\)/);
    expect(f).toContain("  --- a/a.txt\n  +++ b/a.txt\n  @@ -1,1 +1,1 @@\n  -old\n  +write it");
    expect(f).toContain("Done, I think.\n↺ not accepted as the final answer; the model goes on\nWritten.");
    expect(readFileSync(join(ui.cwd, "a.txt"), "utf8")).toBe("write it\n");

    ui.app.stdin.write("\u0014"); // Ctrl-T: the reasoning in full
    await ui.until((t) => t.includes("│ plan: write a.txt"), "the reasoning");
    ui.app.stdin.write("\u000f"); // Ctrl-O: the tool's output
    await ui.until((t) => t.includes("    wrote a.txt\n    second line"), "the tool output");

    // a small terminal shows the end of the transcript; PgUp scrolls back, Ctrl-L returns
    Object.defineProperty(ui.app.stdout, "rows", { value: 12, configurable: true });
    ui.app.stdout.emit("resize");
    await ui.until(
      (t) => !t.includes("› write it") && t.includes("edited: a.txt"),
      "the end of the transcript",
    );
    ui.app.stdin.write("\u001b[5~");
    await ui.until(
      (t) => /scrolled back \d+ lines/.test(t) && !t.includes("edited: a.txt"),
      "the scrolled view",
    );
    ui.app.stdin.write("\u000c");
    await ui.until((t) => t.includes("edited: a.txt"), "the end again");
  });

  it("moves a ▸ cursor over the tool rows: Ctrl-O opens the selected row only, Alt-O all of them", async () => {
    const twoReads = agent(async (emit) => {
      emit({ type: "step", step: 1 });
      for (const [id, name] of [
        ["r1", "alpha"],
        ["r2", "beta"],
      ] as const) {
        emit({ type: "tool_start", id, name: "read_file", arguments: { path: `${name}.txt` } });
        const output = `${name} 1\n${name} 2`;
        emit({ type: "tool_end", id, name: "read_file", ok: true, output, ms: 2 });
      }
      return result();
    });
    const ui = mount(twoReads);
    await ui.type("read both\r");
    const f = await ui.until((t) => t.includes("✓ done"), "the summary");
    // the newest row is selected, marked with a glyph (no colour here), the other is not
    expect(f).toMatch(/^▸ ✓ read_file path="beta\.txt" \(2 ms\) → beta 1$/m);
    expect(f).toMatch(/^✓ read_file path="alpha\.txt" \(2 ms\) → alpha 1$/m);
    const shown = (name: string) => (t: string) => t.includes(`    ${name} 1\n    ${name} 2`);
    const ctrlO = "\u000f";

    ui.app.stdin.write(ctrlO); // the newest row only
    let g = await ui.until(shown("beta"), "the newest row's output");
    expect(shown("alpha")(g)).toBe(false);
    ui.app.stdin.write(ctrlO); // closes it again
    await ui.until((t) => !shown("beta")(t), "the newest row closed");

    ui.app.stdin.write("\u001b[1;3A"); // Alt-Up (xterm): the cursor to the older row
    await ui.until((t) => /^▸ ✓ read_file path="alpha\.txt"/m.test(t), "the cursor on the first row");
    expect(ui.controller.editor.text).toBe(""); // not the history's Up
    ui.app.stdin.write(ctrlO);
    g = await ui.until(shown("alpha"), "the first row's output");
    expect(shown("beta")(g)).toBe(false);
    expect(g).toMatch(/^✓ read_file path="beta\.txt" \(2 ms\) → beta 1$/m);

    ui.app.stdin.write("\u000e"); // Ctrl-N: back to the newest row, the first stays open
    await ui.until((t) => /^▸ ✓ read_file path="beta\.txt"/m.test(t), "the cursor on the newest row");
    ui.app.stdin.write("\u001bo"); // Alt-O: every row
    await ui.until((t) => shown("alpha")(t) && shown("beta")(t), "every row's output");
    ui.app.stdin.write("\u001bo"); // Alt-O again: none
    await ui.until((t) => !shown("alpha")(t) && !shown("beta")(t), "every row closed");
    ui.app.stdin.write("\u0010"); // Ctrl-P: the older row again
    await ui.until((t) => /^▸ ✓ read_file path="alpha\.txt"/m.test(t), "Ctrl-P's move");
  });

  it("has a status line with the model, the endpoint, a context bar, the step; no colour codes without colour", async () => {
    const ui = mount(writer, { baseUrl: "http://gpu-box:8080/v1", window: 4096 });
    await ui.type("write it\r");
    const f = await ui.until((t) => t.includes("✓ done"), "the summary");
    expect(f).toMatch(/small-coder · gpu-box:8080 · ctx [█░]{10} ~\d+\/4\.1k · step 3 · last \d/);
    expect(f).not.toMatch(/\u001b\[(3\d|1|2)m/); // NO_COLOR / --no-color: only the inverse cursor
    const embedded = mount(writer);
    expect(embedded.frame()).toContain("small-coder · embedded · ctx ~0 tokens");
  });

  it("colours the diff and the marks when colours are on", async () => {
    const ui = mount(writer, { color: true });
    await ui.type("write it\r");
    const f = await ui.until((t) => t.includes("done"), "the summary");
    expect(f).toContain("\u001b[32m+write it\u001b[39m");
    expect(f).toContain("\u001b[31m-old\u001b[39m");
  });

  it("asks for confirmation inside the view; y runs it, and the answer is shown", async () => {
    const answers: boolean[] = [];
    const asking = agent(async (emit, options) => {
      emit({ type: "step", step: 1 });
      answers.push((await options.confirm?.("Run `rm -rf build`? It deletes files.")) ?? false);
      return result();
    });
    const ui = mount(asking);
    await ui.type("clean\r");
    const f = await ui.until((t) => t.includes("Allow? [y/N]"), "the question");
    expect(f).toContain("Run `rm -rf build`? It deletes files.");
    await ui.type("y");
    await ui.until((t) => t.includes("It deletes files. → yes"), "the answer");
    expect(answers).toEqual([true]);
    await ui.type("clean\r");
    await ui.until((t) => t.includes("Allow? [y/N]"), "the second question");
    await ui.type("\r"); // Enter means no
    await ui.until((t) => t.includes("→ no"), "the refusal");
    expect(answers).toEqual([true, false]);
  });

  it("Ctrl-C cancels the running task; a Ctrl-C with nothing running quits with 130", async () => {
    const hanging = agent(
      (emit, options) =>
        new Promise((resolve) => {
          emit({ type: "step", step: 1 });
          options.signal?.addEventListener("abort", () =>
            resolve(result({ success: false, stopReason: "cancelled" })),
          );
        }),
    );
    const ui = mount(hanging);
    await ui.type("wait\r");
    await ui.until((t) => /waiting \d/.test(t), "the spinner");
    ui.app.stdin.write("\u0003");
    await ui.until(
      (t) => t.includes("cancelling — Ctrl-C again to quit") && t.includes("✗ stopped (cancelled)"),
      "the cancel",
    );
    expect(ui.exits).toEqual([]);
    await ui.type("draft");
    ui.app.stdin.write("\u0003"); // clears the input first
    await ui.until((t) => !t.includes("draft"), "the cleared input");
    ui.app.stdin.write("\u0003");
    await ui.until(() => ui.exits.length > 0, "the exit");
    expect(ui.exits).toEqual([130]);
  });

  it("runs the slash commands of the one table, completes them with Tab, and keeps a pasted block one task", async () => {
    const seen: string[] = [];
    const ui = mount(agent(async () => result(), seen));
    await ui.type("/vers\t");
    await ui.until((t) => t.includes("› /version"), "Tab completion");
    await ui.type("\r");
    await ui.until((t) => /smallcode \d+\.\d+\.\d+ \(Node\.js/.test(t), "/version");
    await ui.type("/model other-coder\r");
    await ui.until((t) => /\nother-coder · embedded · ctx/.test(t), "the switched model in the status line");
    await ui.type("/help\r");
    await ui.until((t) => t.includes("/compact") && t.includes("/diff"), "/help");
    ui.app.stdin.write("\u001b[200~first line\nsecond line\u001b[201~");
    await ui.until((t) => t.includes("… second line"), "the pasted block in the input");
    await ui.type("\r");
    await ui.until(() => seen.length === 1, "the task");
    expect(seen).toEqual(["first line\nsecond line"]);
    await ui.type('"""\rone\rtwo\r"""\r');
    await ui.until(() => seen.length === 2, "the block task");
    expect(seen[1]).toBe("one\ntwo");
    expect(existsSync(join(ui.cwd, ".smallcode", "history"))).toBe(true);
    ui.app.stdin.write("\u001b[A"); // Up: the last entry back from the history, lines and all
    await ui.until((t) => /› one\s*\n… two/.test(t), "the history entry");
    ui.app.stdin.write("\u0015"); // Ctrl-U clears the line
    await ui.type("explain @a.txt\r");
    await ui.until(() => seen.length === 3, "the task with its attachment");
    expect(seen[2]).toBe("explain @a.txt\n\nAttached `a.txt`:\n```\nold\n```");
    await ui.type("/quit\r");
    await ui.until(() => ui.exits.length > 0, "the exit");
    expect(ui.exits).toEqual([0]);
  });

  it("shows the output of /eval, a command run in-process, whole lines at a time", async () => {
    const { deadUrl } = await import("../cli/smallcode/servers.ts");
    const url = await deadUrl();
    const ui = mount(
      agent(async () => result()),
      { baseUrl: url, env: { HOME: tempDir() } },
    );
    await ui.type("/eval classify_accuracy\r");
    const f = await ui.until((t) => t.includes("eval ended with exit code 2"), "the end of /eval");
    expect(f).toContain(`no model server answered at ${url} (base_url from --base-url)`);
  });
});
