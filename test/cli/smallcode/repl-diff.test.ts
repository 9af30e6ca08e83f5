import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  colorDiff,
  DiffTracker,
  readForDiff,
  unifiedDiff,
  writtenPath,
} from "../../../cli/smallcode/repl/diff-view.ts";
import { createRenderer } from "../../../cli/smallcode/repl/render.ts";
import { createStreamFilter } from "../../../cli/smallcode/repl/stream-filter.ts";
import { type ScriptedServer, startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { greetingScript } from "../../support/agent-script.ts";
import { cleanup, run, tempDir } from "./helpers.ts";

/** "change greeting": classify, pick, a patch of an existing file, then the answer. */
const PATCH = greetingScript({ content: "<think>easy</think>I changed the greeting." });

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(PATCH);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

describe("smallcode run shows every edit", () => {
  it("prints the edit's unified diff on stderr and the answer on stdout", async () => {
    const dir = tempDir({ "greet.txt": "line 1\nhello\nline 3\n" });
    const r = await run(dir, [
      "run",
      "change greeting",
      "--base-url",
      server.url,
      "--model",
      "scripted-model",
      "--cwd",
      dir,
    ]);
    expect(r.stderr).toContain(
      "--- a/greet.txt\n+++ b/greet.txt\n@@ -1,3 +1,3 @@\n line 1\n-hello\n+goodbye\n line 3\n",
    );
    expect(r.stderr).toMatch(/\d+ tokens · /);
    expect(r.stdout).toContain("I changed the greeting.");
    expect(r.stdout).not.toContain("--- a/greet.txt");
  });

  it("keeps diffs off stderr under --json", async () => {
    const dir = tempDir({ "greet.txt": "line 1\nhello\nline 3\n" });
    const r = await run(dir, [
      "run",
      "change greeting",
      "--json",
      "--base-url",
      server.url,
      "--model",
      "scripted-model",
      "--cwd",
      dir,
    ]);
    expect(r.stderr).not.toContain("+goodbye");
  });
});

describe("diff view", () => {
  it("never reads outside the project, links or binaries", () => {
    const dir = tempDir({ "a.txt": "x\n", "bin.dat": "a\u0000b" });
    expect(writtenPath(dir, "patch", { path: "../secret" })).toBeUndefined();
    expect(writtenPath(dir, "write_file", { path: "/etc/passwd" })).toBeUndefined();
    expect(writtenPath(dir, "bash", { path: "a.txt" })).toBeUndefined();
    expect(writtenPath(dir, "write_file", { path: "./sub/../a.txt" })).toBe("a.txt");
    symlinkSync("/etc/passwd", join(dir, "link"));
    expect(readForDiff(dir, "link")).toBeUndefined();
    expect(readForDiff(dir, "bin.dat")).toBeUndefined();
    expect(readForDiff(dir, "missing")).toBe("");
  });

  it("tracks a session's changes against the text before the first one", () => {
    const dir = tempDir({ "a.txt": "one\n" });
    const t = new DiffTracker(dir);
    t.start("1", "write_file", { path: "a.txt" });
    writeFileSync(join(dir, "a.txt"), "two\n");
    expect(t.end("1", true)).toContain("-one\n+two");
    t.start("2", "write_file", { path: "new/b.txt" });
    mkdirSync(join(dir, "new"));
    writeFileSync(join(dir, "new/b.txt"), "b\n");
    expect(t.end("2", true)).toContain("--- /dev/null");
    t.start("3", "patch", { path: "a.txt" });
    writeFileSync(join(dir, "a.txt"), "three\n");
    expect(t.end("3", false)).toBe(""); // a failed call shows nothing
    const all = t.sessionDiff();
    expect(all).toContain("-one\n+three");
    expect(all).toContain("+++ b/new/b.txt");
    t.reset();
    expect(t.sessionDiff()).toBe("");
  });

  it("colours additions, deletions and hunks, and caps long diffs", () => {
    const d = unifiedDiff("f", "a\n", "b\n");
    expect(colorDiff(d, true)).toContain("\u001b[32m+b\u001b[39m");
    expect(colorDiff(d, true)).toContain("\u001b[31m-a\u001b[39m");
    expect(colorDiff(d, false)).toBe(d);
    expect(colorDiff(d, false, 2)).toMatch(/more diff lines \(\/diff shows all\)$/);
  });
});

describe("the live stream", () => {
  it("leaves out tool-call markup split across tokens and dims reasoning", () => {
    const f = createStreamFilter(false);
    const out = ["I will <tool", '_call>{"name":"x"}</tool', "_call> now <thi", "nk>hmm</think> ok"]
      .map((t) => f.push(t))
      .join("");
    expect(out + f.end()).toBe("I will  now [thinking] hmm [/thinking] ok");
    const c = createStreamFilter(true);
    expect(c.push("<think>a") + c.end()).toBe("\u001b[2ma\u001b[22m");
  });

  it("starts each model turn's answer on its own line and marks an answer sent back", () => {
    let text = "";
    const r = createRenderer(
      (t) => {
        text += t;
      },
      { color: false },
    );
    r({ type: "step", step: 1 });
    r({ type: "token", text: "first answer" });
    r({ type: "step", step: 2 });
    r({ type: "token", text: "second" });
    r({ type: "tool_start", id: "1", name: "read_file", arguments: {} });
    r({ type: "step", step: 3 }); // a turn that called a tool is not an answer sent back
    r.flush();
    expect(text).toBe(
      "first answer\n↺ not accepted as the final answer; the model goes on\nsecond\n▸ read_file\n",
    );
  });
});

describe("hostile text on the terminal", () => {
  it("shows escape sequences from replies, arguments, outputs and files as inert characters", () => {
    let text = "";
    const dir = tempDir({ "x.txt": "a\n" });
    const diffs = new DiffTracker(dir);
    const r = createRenderer(
      (t) => {
        text += t;
      },
      { color: false, diffs },
    );
    r({ type: "token", text: "hi \u001b]0;owned\u0007 there\n" });
    r({
      type: "tool_start",
      id: "1",
      name: "write_file",
      arguments: { path: "x.txt", content: "\u001b[2J" },
    });
    writeFileSync(join(dir, "x.txt"), "\u001b[8mhidden\u001b[0m\n");
    r({ type: "tool_end", id: "1", name: "write_file", ok: true, output: "", ms: 1 });
    r({ type: "tool_end", id: "2", name: "bash", ok: false, output: "\u001b[31mfail\u009b", ms: 1 });
    r.flush();
    expect(text).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(text).toContain("hi \ufffd]0;owned\ufffd there\n");
    expect(text).toContain("+\ufffd[8mhidden\ufffd[0m");
  });
});

describe("retries are shown", () => {
  it("prints a line for every retry of a model call, with its reason", async () => {
    const flaky = await startScriptedServer({
      models: ["scripted-model"],
      rules: [
        { prompt: "classify_task_type", replies: [{ content: "coding" }] },
        { prompt: "pick_tool_categories", replies: [{ content: '["read"]' }] },
        {
          prompt: "act",
          replies: [
            { status: 503, errorMessage: "model is loading", retryAfter: 0 },
            { content: "All fine." },
          ],
        },
      ],
      fallback: { content: "ok" },
    });
    try {
      const dir = tempDir({ "a.txt": "x\n" });
      const r = await run(dir, [
        "run",
        "look around",
        "--base-url",
        flaky.url,
        "--model",
        "scripted-model",
        "--cwd",
        dir,
      ]);
      expect(r.stderr).toMatch(
        /! retry: attempt 1 of `act` failed \(.*503: model is loading.*\); retrying in \d+ ms\n/,
      );
      expect(r.stdout).toContain("All fine.");
    } finally {
      await flaky.close();
    }
  });
});
