import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AgentFactory, loadAgentFactory } from "../../../cli/smallcode/commands/agent.ts";
import type { RunResult, SmallCodeOptions } from "../../../cli/smallcode/contract/index.ts";
import { StringWriter } from "../../../cli/smallcode/io.ts";
import { completeSlash, parseInput, replHelp } from "../../../cli/smallcode/repl/commands.ts";
import { Repl } from "../../../cli/smallcode/repl/session.ts";
import { COMMAND_TABLE } from "../../../cli/smallcode/repl/slash/index.ts";
import { spinnerLine } from "../../../cli/smallcode/repl/spinner.ts";
import { type ScriptedServer, startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "./helpers.ts";

const result = (over: Partial<RunResult> = {}): RunResult => ({
  success: true,
  response: "ok",
  stopReason: "done",
  toolCalls: [
    { name: "write_file", arguments: {}, ok: true, ms: 3 },
    { name: "bash", arguments: {}, ok: false, ms: 7 },
  ],
  filesCreated: [],
  filesEdited: ["a.txt"],
  usage: { calls: 2, promptTokens: 1000, completionTokens: 50, maxTokens: 10_000 },
  durationMs: 1500,
  ...over,
});

/** An agent that writes `a.txt` (really, with the tool events around it), as the real one would. */
function writer(seen: SmallCodeOptions[]): AgentFactory {
  return (options) => ({
    sessionId: `s-${seen.length + 1}`,
    async run(task) {
      seen.push(options);
      const emit = options.onEvent ?? (() => {});
      emit({ type: "classified", taskType: "coding", categories: [], model: "coder-7b", fallback: false });
      emit({ type: "step", step: 1 });
      emit({ type: "tool_start", id: "w", name: "write_file", arguments: { path: "a.txt" } });
      writeFileSync(join(options.cwd ?? "", "a.txt"), `${task}\n`);
      emit({ type: "tool_end", id: "w", name: "write_file", ok: true, output: "", ms: 3 });
      emit({ type: "step", step: 2 });
      return result();
    },
  });
}

/** A terminal's output: a stream (readline writes to it) that keeps what was written. */
function ttyOutput(): PassThrough & { isTTY: true; readonly text: string } {
  let text = "";
  const out = Object.assign(new PassThrough(), { isTTY: true as const });
  out.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return Object.defineProperty(out, "text", { get: () => text }) as PassThrough & {
    isTTY: true;
    readonly text: string;
  };
}

function session(cwd: string, lines: string, factory: AgentFactory, tty = false) {
  const input = Object.assign(new PassThrough(), tty ? { isTTY: true } : {});
  const output = tty ? ttyOutput() : new StringWriter();
  const repl = new Repl({ input, output, options: { cwd, model: "small" }, factory, color: false });
  if (lines !== "") input.end(lines);
  return { repl, input, output };
}

describe("slash commands", () => {
  it("has one table entry per command, all in /help and Tab completion", () => {
    for (const c of COMMAND_TABLE) {
      expect(replHelp()).toContain(c.usage);
      expect(completeSlash(`/${c.name.slice(0, 3)}`)[0]).toContain(`/${c.name}`);
      expect(parseInput(`/${c.name}`)).toEqual({ kind: "command", name: c.name, arg: "" });
    }
    expect(completeSlash("/q")[0]).toEqual(["/quit", "/q"]);
    expect(completeSlash("fix /d")[0]).toEqual([]);
    expect(parseInput("/diff all")).toEqual({ kind: "invalid", message: "/diff takes no argument" });
    expect(parseInput("/exit")).toEqual({ kind: "exit" });
    expect(parseInput("/q")).toEqual({ kind: "exit" });
  });

  it("/diff, /tokens, /stats, /budget and /version report the session", async () => {
    const dir = tempDir({ "a.txt": "old\n" });
    const { repl, output } = session(
      dir,
      "/diff\n/tokens\nnew\n/diff\n/tokens\n/stats\n/budget\n/version\n",
      writer([]),
    );
    expect(await repl.run()).toBe(0);
    const text = output.text;
    expect(text).toContain("no changes in this session\n");
    expect(text).toContain("no model calls in this session yet\n");
    // the edit's diff after its tool line, and /diff of the whole session
    expect(text.match(/--- a\/a\.txt\n\+\+\+ b\/a\.txt\n@@ -1,1 \+1,1 @@\n-old\n\+new/g)).toHaveLength(2);
    expect(text).toContain("  session: 1,000 prompt + 50 completion = 1,050 tokens in 2 calls\n");
    expect(text).toContain("  coder-7b: 1,000 prompt + 50 completion = 1,050 tokens in 2 calls\n");
    expect(text).toContain(
      "  1 tasks (1 done) · 2 steps · 1.5 s\n  write_file: 1 calls · 3 ms\n  bash: 1 calls, 1 failed · 7 ms\n",
    );
    expect(text).toContain("1,050 / 10,000 tokens (11%), 8,950 left");
    expect(text).toMatch(/smallcode \d+\.\d+\.\d+.* \(Node\.js /);
  });

  it("/clear starts a new conversation; /sessions lists the saved ones", async () => {
    const dir = tempDir({ "a.txt": "old\n" });
    const seen: SmallCodeOptions[] = [];
    const { repl, output } = session(dir, "one\ntwo\n/clear\nthree\n/diff\n/sessions\n", writer(seen));
    expect(await repl.run()).toBe(0);
    expect(seen.map((o) => o.resume)).toEqual([undefined, "s-1", undefined]);
    expect(output.text).toContain("new conversation");
    expect(output.text).toContain("no saved sessions");
  });

  it('a """ block is one task, and so is a bracketed paste on a terminal', async () => {
    const dir = tempDir();
    const seen: string[] = [];
    const factory: AgentFactory = () => ({
      async run(task) {
        seen.push(task);
        return result();
      },
    });
    const plain = session(dir, '"""\nline one\n\nline two\n"""\nnext\n', factory);
    expect(await plain.repl.run()).toBe(0);
    expect(seen).toEqual(["line one\n\nline two", "next"]);
    seen.length = 0;
    const tty = session(dir, "", factory, true);
    const done = tty.repl.run();
    tty.input.write("\u001b[200~pasted one\npasted two\u001b[201~ end\r");
    tty.input.end("/exit\r");
    expect(await done).toBe(0);
    expect(seen).toEqual(["pasted one\npasted two end"]);
    expect(tty.output.text).toContain("\u001b[?2004h"); // bracketed paste on, and off at the end
    expect(tty.output.text).toContain("\u001b[?2004l");
  });

  it("the spinner line names the wait, the time and the step", () => {
    expect(spinnerLine(0, 3200, "waiting for coder-7b", 2)).toBe(
      "⠋ waiting for coder-7b · 3.2 s · step 2 · Ctrl-C cancels",
    );
  });
});

/** The model asks to delete the whole project; the user is asked on a terminal. */
const DESTROY = {
  models: ["scripted-model"],
  rules: [
    { prompt: "classify_task_type", replies: [{ content: "coding" }] },
    { prompt: "pick_tool_categories", replies: [{ content: '["run"]' }] },
    {
      prompt: "act",
      replies: [{ toolCalls: [{ name: "bash", arguments: { command: "rm -rf *" } }] }, { content: "done" }],
    },
  ],
  fallback: { content: "ok" },
};

describe("confirmation of destructive commands on a terminal", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer(DESTROY);
  });
  afterAll(async () => {
    await server.close();
    cleanup();
  });

  async function ask(answer: string): Promise<{ dir: string; text: string }> {
    server.setScript(DESTROY);
    const dir = tempDir({ "keep.txt": "precious\n" });
    mkdirSync(join(dir, "src"));
    const factory = await loadAgentFactory();
    const input = Object.assign(new PassThrough(), { isTTY: true });
    const output = ttyOutput();
    const repl = new Repl({
      input,
      output,
      options: { cwd: dir, baseUrl: server.url, model: "scripted-model" },
      factory,
      color: false,
    });
    const done = repl.run();
    input.write("clean up\r");
    // answer once the question is on the screen (no timing: wait for the text)
    for (let i = 0; i < 2000 && !output.text.includes("[y/N]"); i++)
      await new Promise((r) => setTimeout(r, 10));
    input.write(`${answer}\r`);
    for (let i = 0; i < 2000 && !/[✓✗] (done|not done|stopped)/.test(output.text); i++)
      await new Promise((r) => setTimeout(r, 10));
    input.end("/exit\r");
    await done;
    return { dir, text: output.text };
  }

  it("shows the exact command and why, and a no keeps the files", async () => {
    const { dir, text } = await ask("n");
    expect(text).toContain("Run `rm -rf *`? It deletes");
    expect(text).toContain("refused: the user declined to run it");
    expect(existsSync(join(dir, "keep.txt"))).toBe(true);
  });

  it("a yes runs it", async () => {
    const { dir, text } = await ask("y");
    expect(text).toContain("[y/N]");
    expect(existsSync(join(dir, "keep.txt"))).toBe(false);
  });
});

describe("--help", () => {
  it("says what --yes does to confirmations", async () => {
    const { run } = await import("./helpers.ts");
    for (const argv of [["--help"], ["run", "--help"]]) {
      const r = await run(tempDir(), argv);
      expect(r.stdout).toContain(
        "With --yes nobody is\nasked, and destructive commands are refused unless [shell] allow_destructive",
      );
      expect(r.stdout).toContain("runs only after you answer y");
    }
  });
});

describe("/eval", () => {
  it("runs `smallcode eval` with the session's endpoint and model", async () => {
    const { deadUrl } = await import("./servers.ts");
    const url = await deadUrl();
    const input = new PassThrough();
    const output = new StringWriter();
    const repl = new Repl({
      input,
      output,
      options: { cwd: tempDir(), model: "small", baseUrl: url },
      factory: writer([]),
      color: false,
      env: { HOME: tempDir() },
    });
    input.end("/eval classify_accuracy\n");
    expect(await repl.run()).toBe(0);
    expect(output.text).toContain(`no model server answered at ${url} (base_url from --base-url)`);
    expect(output.text).toContain("eval ended with exit code 2");
  });
});

describe("input history", () => {
  it("is kept across sessions in .smallcode/history, and a planted link is left alone", async () => {
    const dir = tempDir();
    const seen: string[] = [];
    const factory: AgentFactory = () => ({
      async run(task) {
        seen.push(task);
        return result();
      },
    });
    const first = session(dir, "", factory, true);
    const one = first.repl.run();
    first.input.end("first task\r/exit\r");
    await one;
    const second = session(dir, "", factory, true);
    const two = second.repl.run();
    second.input.end("\u001b[A\u001b[A\r/exit\r"); // Up twice (past /exit), Enter: the task again
    await two;
    expect(seen).toEqual(["first task", "first task"]);
    expect(readFileSync(join(dir, ".smallcode/history"), "utf8")).toBe(
      "first task\n/exit\nfirst task\n/exit\n",
    );

    const outside = tempDir({ "target.txt": "not history\n" });
    const planted = tempDir();
    mkdirSync(join(planted, ".smallcode"));
    symlinkSync(join(outside, "target.txt"), join(planted, ".smallcode/history"));
    const third = session(planted, "", factory, true);
    const three = third.repl.run();
    third.input.end("\u001b[A\rsecret plan\r/exit\r");
    await three;
    expect(seen.at(-1)).toBe("secret plan");
    expect(seen).not.toContain("not history");
    expect(readFileSync(join(outside, "target.txt"), "utf8")).toBe("not history\n");
  });
});

describe("@path attachments", () => {
  it("attaches project files to the task, and refuses what is outside, linked or missing", async () => {
    const { attachFiles, completeAttach } = await import("../../../cli/smallcode/repl/attach.ts");
    const outside = tempDir({ "secret.txt": "TOP SECRET\n" });
    const dir = tempDir({ "src/a.ts": "export const a = 1;\n", "src/b.ts": "b\n" });
    symlinkSync(join(outside, "secret.txt"), join(dir, "link.txt"));
    const seen: string[] = [];
    const factory: AgentFactory = () => ({
      async run(task) {
        seen.push(task);
        return result();
      },
    });
    const { repl, output } = session(
      dir,
      `explain @src/a.ts, and @../${outside.split("/").at(-1)}/secret.txt @link.txt @nope.ts\n`,
      factory,
    );
    await repl.run();
    expect(seen[0]).toContain("Attached `src/a.ts`:\n```\nexport const a = 1;\n```");
    expect(seen[0]).not.toContain("TOP SECRET");
    expect(output.text).toContain("secret.txt: not attached (outside the project)");
    expect(output.text).toContain("@link.txt: not attached (missing, empty, a link, binary or over 512 KB)");
    expect(output.text).toContain("@nope.ts: not attached");
    expect(attachFiles(dir, "no attachments").text).toBe("no attachments");
    expect(completeAttach(dir, "look at @src/")[0]).toEqual(["@src/a.ts", "@src/b.ts"]);
    expect(completeAttach(dir, "look at @s")[0]).toEqual(["@src/"]);
    expect(completeAttach(dir, "look at @../")[0]).toEqual([]);
  });
});
