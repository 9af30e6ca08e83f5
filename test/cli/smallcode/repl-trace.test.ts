import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { AgentFactory } from "../../../cli/smallcode/commands/agent.ts";
import { StringWriter } from "../../../cli/smallcode/io.ts";
import { Repl } from "../../../cli/smallcode/repl/session.ts";
import { cleanup, tempDir } from "./helpers.ts";

afterAll(cleanup);

const none: AgentFactory = () => ({
  run: () => Promise.reject(new Error("no task in this test")),
});

async function session(cwd: string, lines: string, traceDir?: string): Promise<string> {
  const input = new PassThrough();
  const output = new StringWriter();
  const repl = new Repl({
    input,
    output,
    options: { cwd },
    factory: none,
    color: false,
    ...(traceDir ? { traceDir } : {}),
  });
  input.end(lines);
  await repl.run();
  return output.text;
}

const span = (over: Record<string, unknown>) => JSON.stringify({ parent_span_id: null, ...over });

const TRACE = [
  span({
    trace_id: "abcd1111",
    span_id: "r",
    kind: "agent_run",
    task: "fix \u001b[2Jthe bug",
    calls: 2,
    prompt_tokens: 100,
    completion_tokens: 5,
    stop_reason: "done",
    started_at: "2026-01-01T10:00:00Z",
  }),
  span({
    trace_id: "abcd1111",
    span_id: "p",
    parent_span_id: "r",
    kind: "prompt",
    prompt: "act",
    model: "DefaultCoder",
    status: "ok",
    prompt_tokens: 90,
    completion_tokens: 5,
    started_at: "2026-01-01T10:00:01Z",
  }),
  span({
    trace_id: "abcd1111",
    span_id: "a1",
    parent_span_id: "p",
    kind: "attempt",
    attempt: 1,
    model_name: "qwen",
    status: "error",
    error_code: "TIMEOUT",
    started_at: "2026-01-01T10:00:02Z",
  }),
  span({
    trace_id: "abcd1111",
    span_id: "a2",
    parent_span_id: "p",
    kind: "attempt",
    attempt: 2,
    model_name: "qwen",
    status: "ok",
    output: "done",
    started_at: "2026-01-01T10:00:03Z",
  }),
  span({
    trace_id: "abcd1111",
    span_id: "t",
    parent_span_id: "r",
    kind: "tool_call",
    tool: "bash",
    input: { command: "ls" },
    started_at: "2026-01-01T10:00:04Z",
  }),
  "{not json",
  span({
    trace_id: "abcd2222",
    span_id: "r2",
    kind: "agent_run",
    task: "second",
    stop_reason: "max_steps",
    started_at: "2026-01-02T10:00:00Z",
  }),
].join("\n");

describe("/trace", () => {
  it("lists runs, shows one as a tree, exports it as JSONL, and explains mistakes", async () => {
    const dir = tempDir({ ".smallcode/traces/2026-01-01.jsonl": `${TRACE}\n` });
    const text = await session(
      dir,
      "/trace\n/trace show abcd1\n/trace show abcd\n/trace show zzzz\n/trace export abcd1111\n/trace frob\n",
    );
    expect(text).toContain(
      "abcd1111  2026-01-01 10:00:00    2 calls      105 tokens  done          fix \ufffd[2Jthe bug",
    );
    expect(text).toContain("abcd2222");
    expect(text).toContain(
      [
        '  run "fix \ufffd[2Jthe bug" → done · 100+5 tokens',
        "    prompt act (DefaultCoder) · 90+5 tokens",
        "      attempt 1 qwen · error TIMEOUT → ",
        "      attempt 2 qwen → done",
        '    tool bash {"command":"ls"}',
      ].join("\n"),
    );
    expect(text).toContain("`abcd` is the start of 2 traces; give more of it");
    expect(text).toContain("no trace `zzzz`; /trace lists them");
    expect(text).toContain("usage: /trace, /trace show ID, /trace export ID, /trace test ID");
    expect(text).not.toContain("\u001b");
    const file = join(dir, ".smallcode/exports/trace-abcd1111.jsonl");
    expect(text).toContain(`5 spans written to ${file}`);
    expect(
      readFileSync(file, "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l).span_id),
    ).toEqual(["r", "p", "a1", "a2", "t"]);
  });

  it("says where traces come from when there are none, and reads SMALLCODE_TRACE_DIR's folder", async () => {
    const dir = tempDir({ "elsewhere/t.jsonl": `${TRACE}\n` });
    expect(await session(dir, "/trace\n")).toContain(
      "no traces (the runtime writes them to .smallcode/traces",
    );
    expect(await session(dir, "/trace\n", join(dir, "elsewhere"))).toContain("abcd2222");
  });
});

describe("/plan and /todo", () => {
  it("show the plan's steps with their state", async () => {
    const dir = tempDir({
      ".smallcode/TODO.md":
        "# TODO\n\n- [x] 1. add flag\n- [!] 2. print JSON <!-- attempts: 2 -->\n- [ ] 3. test it\n",
    });
    const text = await session(dir, "/plan\n/todo\n");
    const shown =
      "plan: 1 of 3 steps done\n  ✓ 1. add flag\n  ✗ 2. print JSON (checks failing) · 2 failed validations\n  · 3. test it  ← current\n";
    expect(text).toBe(shown + shown);
    expect(await session(tempDir(), "/plan\n")).toContain("no plan");
  });
});

/** A recorded run that wrote hello.txt: classify, pick, act (a tool call, then the answer). */
const RECORDED = [
  span({
    trace_id: "feed0001",
    span_id: "r",
    kind: "agent_run",
    task: "write hello.txt",
    stop_reason: "done",
    started_at: "2026-01-01T10:00:00Z",
  }),
  span({
    trace_id: "feed0001",
    span_id: "c",
    parent_span_id: "r",
    kind: "prompt",
    prompt: "classify_task_type",
    output: "coding",
    started_at: "2026-01-01T10:00:01Z",
  }),
  span({
    trace_id: "feed0001",
    span_id: "k",
    parent_span_id: "r",
    kind: "prompt",
    prompt: "pick_tool_categories",
    output: ["write"],
    started_at: "2026-01-01T10:00:02Z",
  }),
  span({
    trace_id: "feed0001",
    span_id: "a1",
    parent_span_id: "r",
    kind: "prompt",
    prompt: "act",
    output: {
      text: "",
      toolCalls: [
        { id: "call_0", name: "write_file", arguments: '{"path":"hello.txt","content":"hello\\n"}' },
      ],
    },
    started_at: "2026-01-01T10:00:03Z",
  }),
  span({
    trace_id: "feed0001",
    span_id: "a2",
    parent_span_id: "r",
    kind: "prompt",
    prompt: "act",
    output: { text: "I wrote hello.txt.", toolCalls: [] },
    started_at: "2026-01-01T10:00:04Z",
  }),
].join("\n");

describe("/trace test", () => {
  it("turns a recorded run into a script that replays it, and writes a vitest file", async () => {
    const { replayScript, replayTest } = await import("../../../cli/smallcode/repl/trace-replay.ts");
    const { readSpans } = await import("../../../cli/smallcode/repl/trace-view.ts");
    const dir = tempDir({ ".smallcode/traces/t.jsonl": `${RECORDED}\n` });
    const spans = readSpans(join(dir, ".smallcode/traces"));
    const script = replayScript(spans);
    expect(script.rules.map((r) => [r.prompt, r.replies.length])).toEqual([
      ["classify_task_type", 1],
      ["pick_tool_categories", 1],
      ["act", 2],
    ]);
    // the replayed run does what the recorded one did
    const { startScriptedServer } = await import("../../../cli/testkit/scripted-server.ts");
    const { run } = await import("./helpers.ts");
    const server = await startScriptedServer({ models: ["m"], ...script });
    try {
      const work = tempDir();
      const r = await run(work, [
        "run",
        "write hello.txt",
        "--json",
        "--base-url",
        server.url,
        "--model",
        "m",
        "--cwd",
        work,
      ]);
      expect(JSON.parse(r.stdout)).toMatchObject({ stopReason: "done", filesCreated: ["hello.txt"] });
    } finally {
      await server.close();
    }
    const text = await session(dir, "/trace test feed0001\n");
    const file = join(dir, "test/regression/trace-feed0001.test.ts");
    expect(text).toContain(`regression test written to ${file}`);
    const written = readFileSync(file, "utf8");
    expect(written).toContain('expect(result.stopReason).toBe("done")');
    expect(written).toContain('const task = "write hello.txt"');
    expect(written).toBe(replayTest(spans, file));
  });
});

describe("/cognition", () => {
  it("reports this session's prompts, models, retries and cache hits from the traces", async () => {
    const now = new Date(Date.now() + 60_000).toISOString(); // after the session starts
    const lines = [
      span({
        trace_id: "old",
        span_id: "o",
        kind: "prompt",
        prompt: "act",
        model: "Old",
        started_at: "2020-01-01T00:00:00Z",
      }),
      span({
        trace_id: "t",
        span_id: "p1",
        kind: "prompt",
        prompt: "act",
        model: "DefaultCoder",
        status: "ok",
        prompt_tokens: 1000,
        completion_tokens: 20,
        started_at: now,
      }),
      span({
        trace_id: "t",
        span_id: "a1",
        parent_span_id: "p1",
        kind: "attempt",
        prompt: "act",
        attempt: 1,
        model_name: "qwen",
        status: "error",
        started_at: now,
      }),
      span({
        trace_id: "t",
        span_id: "a2",
        parent_span_id: "p1",
        kind: "attempt",
        prompt: "act",
        attempt: 2,
        model_name: "qwen",
        status: "ok",
        started_at: now,
      }),
      span({
        trace_id: "t",
        span_id: "p2",
        kind: "prompt",
        prompt: "classify_task_type",
        model: "TinyClassifier",
        status: "ok",
        prompt_tokens: 40,
        completion_tokens: 1,
        started_at: now,
      }),
      span({ trace_id: "t", span_id: "c", kind: "cache_hit", prompt: "classify_task_type", started_at: now }),
    ].join("\n");
    const dir = tempDir({ ".smallcode/traces/t.jsonl": `${lines}\n` });
    const text = await session(dir, "/cognition\n");
    expect(text).toBe(
      [
        "2 prompt calls · cache hit rate 50% (1 of 2)",
        "  act → DefaultCoder (qwen): 1 calls, 1 retries · 1,020 tokens",
        "  classify_task_type → TinyClassifier: 1 calls, 1 cached · 41 tokens",
        "",
      ].join("\n"),
    );
    expect(await session(tempDir(), "/cognition\n")).toContain("no model calls recorded in this session");
  });
});
