import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { AgentFactory } from "../../../cli/smallcode/commands/agent.ts";
import type { RunResult, SmallCodeOptions } from "../../../cli/smallcode/contract/index.ts";
import { StringWriter } from "../../../cli/smallcode/io.ts";
import { parseInput, replHelp } from "../../../cli/smallcode/repl/commands.ts";
import { Repl, snapshotUndo } from "../../../cli/smallcode/repl/session.ts";

describe("parseInput", () => {
  it("reads tasks and slash commands", () => {
    expect(parseInput("  ")).toEqual({ kind: "empty" });
    expect(parseInput(" fix the bug ")).toEqual({ kind: "task", text: "fix the bug" });
    expect(parseInput("//etc/hosts is wrong")).toEqual({ kind: "task", text: "/etc/hosts is wrong" });
    expect(parseInput("/help")).toEqual({ kind: "help" });
    expect(parseInput("/?")).toEqual({ kind: "help" });
    expect(parseInput("/EXIT")).toEqual({ kind: "exit" });
    expect(parseInput("/quit")).toEqual({ kind: "exit" });
    expect(parseInput("/undo")).toEqual({ kind: "undo" });
    expect(parseInput("/resume 20250101-120000-ab12cd")).toEqual({
      kind: "resume",
      id: "20250101-120000-ab12cd",
    });
    expect(parseInput("/model")).toEqual({ kind: "model" });
    expect(parseInput("/model qwen2.5-coder:7b")).toEqual({ kind: "model", name: "qwen2.5-coder:7b" });
  });

  it("explains mistakes", () => {
    expect(parseInput("/resume")).toEqual({ kind: "invalid", message: "usage: /resume ID" });
    expect(parseInput("/undo all")).toEqual({ kind: "invalid", message: "/undo takes no argument" });
    expect(parseInput("/mdoel x")).toEqual({
      kind: "invalid",
      message:
        "unknown command /mdoel (did you mean /model?); /help lists them (start with // to send a task that begins with /)",
    });
  });

  it("has a help text listing the commands", () => {
    for (const c of ["/help", "/undo", "/resume ID", "/model [NAME]", "/exit"])
      expect(replHelp()).toContain(c);
  });
});

const result = (over: Partial<RunResult> = {}): RunResult => ({
  success: true,
  response: "ok",
  stopReason: "done",
  toolCalls: [],
  filesCreated: [],
  filesEdited: [],
  usage: { calls: 1, promptTokens: 1, completionTokens: 1 },
  durationMs: 5,
  ...over,
});

/** A scripted agent: streams a token and a tool line, records the options of every task. */
function scripted(seen: { task: string; options: SmallCodeOptions }[], hold?: boolean): AgentFactory {
  return (options) => {
    let sessionId: string | undefined;
    return {
      get sessionId() {
        return sessionId;
      },
      async run(task) {
        seen.push({ task, options });
        sessionId = `session-${seen.length}`;
        options.onEvent?.({ type: "token", text: `working on ${task}` });
        options.onEvent?.({ type: "tool_start", id: "1", name: "read_file", arguments: { path: "a" } });
        if (hold) {
          await new Promise<void>((resolve) => options.signal?.addEventListener("abort", () => resolve()));
          const r = result({ success: false, stopReason: "cancelled" });
          options.onEvent?.({ type: "done", result: r });
          return r;
        }
        options.onEvent?.({ type: "tool_end", id: "1", name: "read_file", ok: true, output: "", ms: 2 });
        const r = result();
        options.onEvent?.({ type: "done", result: r });
        return r;
      },
    };
  };
}

function session(
  lines: string,
  factory: AgentFactory,
  extra: Partial<ConstructorParameters<typeof Repl>[0]> = {},
) {
  const input = new PassThrough();
  const output = new StringWriter();
  const repl = new Repl({
    input,
    output,
    options: { cwd: "/project", model: "small", baseUrl: "http://h/v1" },
    factory,
    color: false,
    listed: ["small", "bigger:latest"],
    ...extra,
  });
  if (lines !== "") input.end(lines);
  return { repl, input, output };
}

describe("Repl", () => {
  it("runs each line as a task with streamed output, and handles the slash commands", async () => {
    const seen: { task: string; options: SmallCodeOptions }[] = [];
    const undos: string[] = [];
    const { repl, output } = session(
      "write a.txt\n\n/model bigger\n/model nope\nsecond task\n/undo\n/resume old-1\nthird\n/help\n/exit\nnever run\n",
      scripted(seen),
      {
        undo: async (cwd) => {
          undos.push(cwd);
          return "restored 1 file(s): a.txt";
        },
      },
    );
    expect(await repl.run()).toBe(0);
    expect(seen.map((s) => s.task)).toEqual(["write a.txt", "second task", "third"]);
    expect(seen.map((s) => s.options.model)).toEqual(["small", "bigger", "bigger"]);
    // each task continues the session of the one before; /resume of a session that is not saved
    // is refused when typed (the accepted case: test/cli/smallcode/tasks.test.ts)
    expect(seen.map((s) => s.options.resume)).toEqual([undefined, "session-1", "session-2"]);
    expect(seen.every((s) => s.options.signal instanceof AbortSignal && s.options.cwd === "/project")).toBe(
      true,
    );
    expect(undos).toEqual(["/project"]);
    const text = output.text;
    expect(text).toContain('working on write a.txt\n▸ read_file path="a"\n  ✓ read_file (2 ms)\n✓ done');
    expect(text).toContain("model: bigger\n");
    expect(text).toContain("model `nope` is not on the server; it has: small, bigger:latest\n");
    expect(text).toContain("restored 1 file(s): a.txt\n");
    expect(text).toContain(
      "error: no saved session `old-1` in /project/.smallcode/sessions; `smallcode sessions` lists them (there are none yet). The next task goes on as before.\n",
    );
    expect(text).toContain("Type a task and press Enter.");
    expect(text).not.toContain("never run");
  });

  it("says when undo is not available", async () => {
    const { repl, output } = session("/undo\n", scripted([]), { undo: async () => undefined });
    expect(await repl.run()).toBe(0);
    expect(output.text).toBe("undo is not available in this build\n");
  });

  it("undoes through the snapshots module by default", async () => {
    const dir = mkdtempSync(join(tmpdir(), "smallcode-undo-"));
    expect(await snapshotUndo(dir)).toMatch(/^nothing to undo/);
    const { repl, output } = session("/undo\n", scripted([]), { options: { cwd: dir } });
    expect(await repl.run()).toBe(0);
    expect(output.text).toMatch(/^nothing to undo/);
    rmSync(dir, { recursive: true, force: true });
  });

  it("reports an agent that throws and carries on", async () => {
    const failing: AgentFactory = () => ({
      run: async () => {
        throw new Error("boom");
      },
    });
    const { repl, output } = session("one\n/model\n", failing);
    expect(await repl.run()).toBe(0);
    expect(output.text).toBe(
      "error: boom\nmodel: small\nthe server has: small, bigger:latest (switch with /model NAME)\n",
    );
  });

  it("Ctrl-C cancels the running task; a Ctrl-C with no task running ends the session", async () => {
    const seen: { task: string; options: SmallCodeOptions }[] = [];
    const { repl, input, output } = session("", scripted(seen, true));
    const done = repl.run();
    input.write("long task\n");
    await until(() => seen.length === 1);
    repl.interrupt();
    expect(seen[0]?.options.signal?.aborted).toBe(true);
    await until(() => output.text.includes("✗ stopped (cancelled)"));
    repl.interrupt();
    expect(await done).toBe(130);
    expect(output.text).toContain("(cancelling — Ctrl-C again to quit)");
  });

  it("a second Ctrl-C while cancelling ends the session", async () => {
    const never: AgentFactory = (options) => ({
      run: () =>
        new Promise((resolve) =>
          options.signal?.addEventListener("abort", () =>
            setTimeout(() => resolve(result({ success: false })), 50),
          ),
        ),
    });
    const { repl, input } = session("", never);
    const done = repl.run();
    input.write("task\n");
    await new Promise((r) => setTimeout(r, 20));
    repl.interrupt();
    repl.interrupt();
    expect(await done).toBe(130);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  if (!condition()) throw new Error("condition never held");
}
