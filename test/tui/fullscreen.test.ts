import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { greetingScript } from "../support/agent-script.ts";
import {
  alternateScreen,
  expectPasteModeOff,
  hasTmux,
  lastLine,
  nodePid,
  tmux,
  until,
} from "./tmux-support.ts";

/**
 * The fullscreen face of the real binary in a real terminal: an interactive bash in tmux (so Ctrl-Z
 * has job control) runs `smallcode` against the scripted server; keys go in with send-keys and the
 * screen is read with capture-pane. Skipped where tmux is missing.
 */

const SCRIPT = greetingScript(
  // the server's count of the last act turn: the status line shows it, not an estimate
  { content: "Changed the greeting.", usage: { prompt_tokens: 5000, completion_tokens: 432 } },
  { hangOn: "wait forever" },
);

const BIN = resolve("cli/smallcode/bin.js");
const NAME = `smallcode-tui-${process.pid}`;
/** The status line's key hints: on the screen only while the fullscreen face is. */
const HINTS = "Ctrl-O ▸ output · Alt-↑↓ pick · Alt-O all · Ctrl-T thinking";
let server: ScriptedServer;
let dir: string;
let command = "";

const keys = (...k: string[]) => tmux("send-keys", "-t", NAME, ...k);
const wait = (ok: (t: string) => boolean, what: string) => until(NAME, ok, what);

/** Types the smallcode command line into the pane's shell. */
function start(): void {
  keys("clear; echo before-smallcode", "Enter");
  keys(command, "Enter");
}

describe.skipIf(!hasTmux)("the fullscreen face in a terminal (tmux)", () => {
  beforeAll(async () => {
    server = await startScriptedServer(SCRIPT);
    dir = mkdtempSync(join(tmpdir(), "smallcode-tui-"));
    mkdirSync(join(dir, "home"));
    mkdirSync(join(dir, "project"));
    writeFileSync(join(dir, "project/greet.txt"), "line 1\nhello\nline 3\n");
    writeFileSync(join(dir, "not-a-dir"), ""); // traces cannot be written: the runtime warns on stderr
    // CI would pick the classic face: the test asks for the terminal a person has
    command = `cd ${join(dir, "project")} && env -u CI -u NO_COLOR SMALLCODE_TRACE_DIR=${join(dir, "not-a-dir", "traces")} HOME=${join(dir, "home")} TERM=xterm-256color ${process.execPath} ${BIN} --base-url ${server.url} --model scripted-model`;
    tmux("new-session", "-d", "-s", NAME, "-x", "120", "-y", "40", "bash --norc --noprofile -i");
    keys("PS1='EXIT=$? $ '", "Enter");
  });
  afterAll(async () => {
    try {
      tmux("kill-session", "-t", NAME);
    } catch {
      // already gone
    }
    await server?.close();
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  it("shows a task with its tool rows and diff, a slash command, a resize, Ctrl-C, Ctrl-Z, and quits cleanly", async () => {
    start();
    await wait(
      (t) => t.includes("type a task, /help for commands") && t.includes(HINTS),
      "the fullscreen face",
    );
    expect(alternateScreen(NAME)).toBe(true);

    keys("change the greeting", "Enter");
    const done = await wait((t) => /✓ done ·/.test(t), "the end of the task");
    expect(done).toContain("› change the greeting");
    expect(done).toMatch(/✓ read_file path="greet\.txt" \(\d+ ms\)/);
    expect(done).toMatch(/✓ patch path="greet\.txt" old_str="hello" new_str="goodbye" \(\d+ ms\)/);
    expect(done).toContain(
      "  --- a/greet.txt\n  +++ b/greet.txt\n  @@ -1,3 +1,3 @@\n   line 1\n  -hello\n  +goodbye\n   line 3",
    );
    expect(done).toContain("Changed the greeting.");
    expect(done).not.toContain("<tool_call>");
    // the warning written to stderr is a line of the transcript, not drawn over the view
    expect(done).toMatch(/\nsmallcode: warning: cannot write trace spans to .*not-a-dir/);
    expect(done.trimEnd().split("\n").at(-1)).toContain(HINTS);
    // the exact context use of the last act turn (its usage event), in DefaultCoder's window
    expect(done).toMatch(/scripted-model · 127\.0\.0\.1:\d+ · ctx [█░]{10} 5\.4k\/16\.4k · step \d+/);
    expect(readFileSync(join(dir, "project/greet.txt"), "utf8")).toBe("line 1\ngoodbye\nline 3\n");

    // Ctrl-O opens the ▸ row only: the newest (patch) first; Alt-Up moves ▸ to the read, whose
    // output (the file's lines) shows indented under it after Ctrl-O, and not before
    const greet = /✓ read_file path="greet\.txt" \(\d+ ms\).*\n {4}.*line 1\n {4}.*hello\n {4}.*line 3/;
    expect(done).not.toMatch(greet);
    expect(done).toMatch(/▸ ✓ patch path="greet\.txt"/);
    keys("C-o");
    const patchOpen = await wait((t) => /▸ ✓ patch .*\n {4}\S/.test(t), "the patch row's output");
    expect(patchOpen).not.toMatch(greet);
    keys("C-o", "M-Up");
    await wait((t) => /▸ ✓ read_file path="greet\.txt"/.test(t), "▸ on the read_file row");
    keys("C-o");
    const readOpen = await wait((t) => greet.test(t), "the read_file row's output");
    expect(readOpen).not.toMatch(/▸ ✓ patch .*\n {4}\S/);
    keys("C-o");
    await wait((t) => !greet.test(t), "the read_file row closed again");
    keys("M-o"); // Alt-O: every row, and again: none
    await wait((t) => greet.test(t) && /✓ patch .*\n {4}\S/.test(t), "every row's output");
    keys("M-o");
    await wait((t) => !greet.test(t) && !/✓ patch .*\n {4}\S/.test(t), "every row closed");

    keys("/vers", "Tab");
    await wait((t) => t.includes("› /version"), "Tab completing /vers");
    keys("Enter");
    await wait((t) => /smallcode \d+\.\d+\.\d+ \(Node\.js/.test(t), "/version");

    tmux("resize-window", "-t", NAME, "-x", "70", "-y", "24");
    await wait((t) => t.split("\n").includes("─".repeat(70)), "the face redrawn at 70 columns");

    keys("wait forever", "Enter");
    await wait(
      (t) => /⠋|⠙|⠹|⠸|⠼|⠴|⠦|⠧|⠇|⠏/.test(t) && t.includes("waiting"),
      "the spinner while the model hangs",
    );
    keys("C-c");
    await wait((t) => t.includes("cancelling — Ctrl-C again to quit"), "the cancel notice");
    await wait((t) => /✗ stopped \(cancelled\)/.test(t), "the cancelled task's summary");

    keys("C-z");
    await wait(
      (t) => t.includes("Stopped") && lastLine(t) === "EXIT=148 $",
      "the shell's job control after Ctrl-Z",
    );
    expect(alternateScreen(NAME)).toBe(false);
    keys("fg", "Enter");
    await wait((t) => t.includes(HINTS) && t.includes("✗ stopped (cancelled)"), "the face back after fg");
    expect(alternateScreen(NAME)).toBe(true);

    keys("/quit", "Enter");
    await wait((t) => lastLine(t) === "EXIT=0 $", "the shell's prompt after /quit");
    expect(alternateScreen(NAME)).toBe(false);
    keys("cat -v", "Enter");
    await expectPasteModeOff(NAME);
    keys("C-c");
  }, 120_000);

  it("gives the terminal back when killed", async () => {
    start();
    await wait((t) => t.includes(HINTS), "the fullscreen face");
    const node = await nodePid(NAME);
    process.kill(node, "SIGTERM");
    await wait((t) => lastLine(t) === "EXIT=143 $", "the shell's prompt after SIGTERM");
    expect(alternateScreen(NAME)).toBe(false); // the primary screen is back
    keys("cat -v", "Enter");
    await expectPasteModeOff(NAME);
    keys("C-c");
  }, 120_000);

  it("leaves the fullscreen and says what broke when the process really crashes", async () => {
    // a real uncaught exception inside the running binary, no hook in the product: a preloaded
    // module throws from the event loop when the test sends SIGUSR2
    const preload = join(dir, "crash.mjs");
    writeFileSync(
      preload,
      `process.on("SIGUSR2", () => setImmediate(() => { throw new Error("planted crash"); }));\n`,
    );
    const planted = command.replace("env -u CI -u NO_COLOR ", `$&NODE_OPTIONS=--import=${preload} `);
    expect(planted).not.toBe(command);
    keys("clear; echo before-smallcode", "Enter");
    keys(planted, "Enter");
    await wait((t) => t.includes(HINTS), "the fullscreen face");
    process.kill(await nodePid(NAME), "SIGUSR2");
    const after = await wait((t) => lastLine(t) === "EXIT=70 $", "the shell's prompt after the crash");
    expect(alternateScreen(NAME)).toBe(false);
    expect(after).toContain("smallcode: internal error: Error: planted crash");
    expect(after).toContain("before-smallcode"); // the primary screen as it was, the message under it
    keys("cat -v", "Enter");
    await expectPasteModeOff(NAME);
    keys("C-c");
  }, 120_000);
});
