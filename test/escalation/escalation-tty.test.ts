import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { hasTmux, tmux, until as untilOn } from "../tui/tmux-support.ts";

/**
 * Escalation in the interactive session on a real terminal (tmux, the real binary): after three
 * failed calls the session asks y/N, naming the excerpt's size, the session's cap and the prices;
 * `n` sends nothing to the strong server, `y` sends the step there (with its own key only).
 */

const WEAK_KEY = "sk-weak-tty-0123456789abcdef";
const STRONG_KEY = "sk-strong-tty-fedcba9876543210";
const BIN = resolve("cli/smallcode/bin.js");
const NAME = `smallcode-escalation-${process.pid}`;
const missing = (n: number) => ({
  toolCalls: [{ name: "read_file", arguments: { path: `missing-${n}.txt` } }],
});
const WEAK = {
  models: ["weak-model"],
  rules: [
    { prompt: "classify_task_type", replies: [{ content: "coding" }] },
    { prompt: "pick_tool_categories", replies: [{ content: '["read", "write"]' }] },
    { prompt: "act", replies: [missing(1), missing(2), missing(3), { content: "Done." }] },
  ],
  fallback: { content: "ok" },
};
const STRONG = {
  models: ["big-coder"],
  rules: [
    {
      prompt: "escalation",
      replies: [
        {
          toolCalls: [{ name: "write_file", arguments: { path: "hello.txt", content: "hello\n" } }],
          usage: { prompt_tokens: 1000, completion_tokens: 100 },
        },
      ],
    },
  ],
  fallback: { content: "ok" },
};

let weak: ScriptedServer;
let strong: ScriptedServer;
let dir: string;
const until = (ok: (text: string) => boolean, what: string) => untilOn(NAME, ok, what);
const count = (text: string, part: string) => text.split(part).length - 1;

describe.skipIf(!hasTmux)("escalation asks on a terminal", () => {
  beforeAll(async () => {
    weak = await startScriptedServer(WEAK);
    strong = await startScriptedServer(STRONG);
    dir = mkdtempSync(join(tmpdir(), "smallcode-escalation-tty-"));
    mkdirSync(join(dir, "home/.config/smallcode"), { recursive: true });
    mkdirSync(join(dir, "project"));
    writeFileSync(join(dir, "project/README.md"), "# x\n");
    writeFileSync(
      join(dir, "home/.config/smallcode/config.toml"),
      `[escalation]\nbase_url = "${strong.url}"\nmodel = "big-coder"\napi_key_env = "STRONG_KEY"\n` +
        "after_failures = 3\nmax_per_session = 2\ninput_usd_per_mtok = 3.0\noutput_usd_per_mtok = 15.0\n",
    );
    const command =
      `cd ${join(dir, "project")} && HOME=${join(dir, "home")} SMALLCODE_API_KEY=${WEAK_KEY} STRONG_KEY=${STRONG_KEY} ` +
      `TERM=xterm-256color ${process.execPath} ${BIN} --classic --base-url ${weak.url} --model weak-model; echo EXIT=$?; cat`;
    tmux("new-session", "-d", "-s", NAME, "-x", "200", "-y", "60", command);
  });
  afterAll(async () => {
    try {
      tmux("kill-session", "-t", NAME);
    } catch {
      // already gone
    }
    await weak?.close();
    await strong?.close();
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  it("n sends nothing; y escalates the step with the strong endpoint's key only", async () => {
    await until((t) => t.includes("type a task, /help for commands"), "the greeting");
    tmux("send-keys", "-t", NAME, "create hello.txt containing hello", "Enter");
    const asked = await until((t) => t.includes("[y/N]"), "the escalation question");
    expect(asked).toMatch(/3 failed calls in a row\. Send about [\d,]+ tokens of this session/);
    expect(asked).toContain("to big-coder at 127.0.0.1");
    expect(asked).toContain("escalation 1 of at most 2 this session");
    expect(asked).toContain("$3/M input tokens, the reply at $15/M output tokens");
    tmux("send-keys", "-t", NAME, "n", "Enter");
    await until((t) => t.includes("escalation to big-coder declined"), "the decline");
    await until(
      (t) => count(t, "✗ not done") + count(t, "✓ done") + count(t, "✗ stopped") >= 1,
      "the first task's end",
    );
    expect(strong.chatRequests()).toEqual([]);
    expect(existsSync(join(dir, "project/hello.txt"))).toBe(false);

    weak.setScript(WEAK);
    tmux("send-keys", "-t", NAME, "create hello.txt containing hello", "Enter");
    await until((t) => count(t, "[y/N]") >= 2, "the second question");
    tmux("send-keys", "-t", NAME, "y", "Enter");
    await until((t) => t.includes("escalated to big-coder"), "the escalation");
    await until(
      (t) => existsSync(join(dir, "project/hello.txt")) && t.includes("created: hello.txt"),
      "the write",
    );
    expect(strong.chatRequests()).toHaveLength(1);
    expect(strong.chatRequests()[0]!.headers.authorization).toBe(`Bearer ${STRONG_KEY}`);
    expect(JSON.stringify(strong.requests)).not.toContain(WEAK_KEY);
    tmux("send-keys", "-t", NAME, "/quit", "Enter");
    await until((t) => t.includes("EXIT=0"), "a clean exit");
  });
});
