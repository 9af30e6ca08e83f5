import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { greetingScript } from "../support/agent-script.ts";
import { expectPasteModeOff, hasTmux, nodePid, tmux, until as untilOn } from "./tmux-support.ts";

/**
 * The classic face of the real binary in a real terminal: tmux runs `smallcode --classic` against the
 * scripted server; keys are sent with send-keys and the screen is read with capture-pane. Skipped
 * where tmux is missing.
 */

const SCRIPT = greetingScript({ content: "Changed the greeting." }, { hangOn: "wait forever" });

const BIN = resolve("cli/smallcode/bin.js");
const NAME = `smallcode-test-${process.pid}`;
let server: ScriptedServer;
let dir: string;

let START = "";

const until = (ok: (text: string) => boolean, what: string) => untilOn(NAME, ok, what);

describe.skipIf(!hasTmux)("smallcode in a terminal (tmux)", () => {
  beforeAll(async () => {
    server = await startScriptedServer(SCRIPT);
    dir = mkdtempSync(join(tmpdir(), "smallcode-tmux-"));
    mkdirSync(join(dir, "home"));
    mkdirSync(join(dir, "project"));
    writeFileSync(join(dir, "project/greet.txt"), "line 1\nhello\nline 3\n");
    const command = [
      `cd ${join(dir, "project")}`,
      `HOME=${join(dir, "home")} TERM=xterm-256color ${process.execPath} ${BIN} --classic --base-url ${server.url} --model scripted-model`,
      "echo EXIT=$?",
      "cat -v",
    ].join(" && ");
    START = command.replace("&& echo", "; echo");
    tmux("new-session", "-d", "-s", NAME, "-x", "120", "-y", "50", START);
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

  it("runs a task with its diff, answers a slash command, survives a resize, cancels with Ctrl-C and quits", async () => {
    await until((t) => t.includes("type a task, /help for commands"), "the greeting");
    tmux("send-keys", "-t", NAME, "change the greeting", "Enter");
    const done = await until((t) => /✓ done ·/.test(t), "the end of the task");
    expect(done).toContain(
      "--- a/greet.txt\n+++ b/greet.txt\n@@ -1,3 +1,3 @@\n line 1\n-hello\n+goodbye\n line 3",
    );
    expect(done).toContain("Changed the greeting.");
    expect(done).not.toContain("<tool_call>");

    tmux("send-keys", "-t", NAME, "/diff", "Enter");
    await until((t) => (t.match(/\+goodbye/g) ?? []).length >= 2, "the /diff output");

    tmux("resize-window", "-t", NAME, "-x", "80", "-y", "30");
    tmux("send-keys", "-t", NAME, "/vers", "Tab");
    await until((t) => t.includes("› /version"), "Tab completing /vers");
    tmux("send-keys", "-t", NAME, "Enter");
    await until((t) => /smallcode \d+\.\d+\.\d+/.test(t), "/version after a resize and Tab completion");

    tmux("send-keys", "-t", NAME, "wait forever", "Enter");
    await until((t) => t.includes("waiting for"), "the spinner while the model call hangs");
    tmux("send-keys", "-t", NAME, "C-c");
    await until((t) => t.includes("cancelling — Ctrl-C again to quit"), "the cancel notice");
    await until((t) => /✗ stopped \(cancelled\)/.test(t), "the cancelled task's summary");

    tmux("send-keys", "-t", NAME, "/quit", "Enter");
    await until((t) => t.includes("EXIT=0"), "a clean exit");
    await expectPasteModeOff(NAME);
  }, 90_000);

  it("gives the terminal back when killed", async () => {
    tmux("respawn-pane", "-k", "-t", NAME, START);
    tmux("clear-history", "-t", NAME);
    await until((t) => t.includes("type a task, /help for commands"), "the greeting");
    const node = await nodePid(NAME);
    process.kill(node, "SIGTERM");
    await until((t) => t.includes("EXIT=143"), "the exit after SIGTERM");
    await expectPasteModeOff(NAME);
  }, 90_000);
});
