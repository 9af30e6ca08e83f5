import { describe, expect, it } from "vitest";
import type { AgentEvent, RunResult } from "../../../cli/smallcode/contract/index.ts";
import { createRenderer, formatMs, render, summarizeArguments } from "../../../cli/smallcode/repl/render.ts";

const plain = { color: false };

const result = (over: Partial<RunResult> = {}): RunResult => ({
  success: true,
  response: "done",
  stopReason: "done",
  toolCalls: [{ name: "write_file", arguments: {}, ok: true, ms: 3 }],
  filesCreated: ["a.ts"],
  filesEdited: [],
  usage: { calls: 3, promptTokens: 100, completionTokens: 20 },
  durationMs: 1234,
  ...over,
});

describe("render", () => {
  it("renders each event", () => {
    const cases: [AgentEvent, string][] = [
      [{ type: "step", step: 1 }, ""],
      [{ type: "token", text: "Hel" }, "Hel"],
      [
        {
          type: "classified",
          taskType: "coding",
          categories: ["read", "write"],
          model: "qwen",
          fallback: false,
        },
        "· coding → qwen · tools: read, write\n",
      ],
      [
        { type: "classified", taskType: "chat", categories: [], model: "qwen", fallback: true },
        "· chat (fallback classifier) → qwen\n",
      ],
      [
        { type: "tool_start", id: "1", name: "read_file", arguments: { path: "src/a.ts", line: 3 } },
        '▸ read_file path="src/a.ts" line=3\n',
      ],
      [
        { type: "tool_end", id: "1", name: "read_file", ok: true, output: "…", ms: 12 },
        "  ✓ read_file (12 ms)\n",
      ],
      [
        {
          type: "tool_end",
          id: "1",
          name: "bash",
          ok: false,
          output: "\nexit 1: command not found\nmore",
          ms: 1500,
        },
        "  ✗ bash (1.5 s): exit 1: command not found\n",
      ],
      [
        { type: "notice", source: "guard loop", message: "same call twice" },
        "! guard loop: same call twice\n",
      ],
      [{ type: "error", error: { code: "ENDPOINT", message: "down" } }, "✗ ENDPOINT: down\n"],
      [
        { type: "done", result: result() },
        "✓ done · 1 tool call · 1 file changed · 3 model calls · 120 tokens · 1.2 s\n  created: a.ts\n",
      ],
      [
        {
          type: "done",
          result: result({
            success: false,
            stopReason: "max_steps",
            toolCalls: [],
            filesCreated: [],
            filesEdited: ["b.ts"],
          }),
        },
        "✗ stopped (max_steps) · 0 tool calls · 1 file changed · 3 model calls · 120 tokens · 1.2 s\n  edited: b.ts\n",
      ],
    ];
    for (const [event, text] of cases) expect(render(event, plain)).toBe(text);
  });

  it("leaves out tokens when asked, and colours only when asked", () => {
    expect(render({ type: "token", text: "x" }, { color: false, tokens: false })).toBe("");
    const coloured = render(
      { type: "tool_end", id: "1", name: "t", ok: true, output: "", ms: 1 },
      { color: true },
    );
    expect(coloured).toContain("\u001b[32m✓\u001b[39m");
    expect(
      render({ type: "tool_end", id: "1", name: "t", ok: true, output: "", ms: 1 }, plain),
    ).not.toContain("\u001b");
  });

  it("summarizes arguments in one short line", () => {
    expect(summarizeArguments({})).toBe("");
    expect(summarizeArguments({ content: "line one\nline two" })).toBe('content="line one line two"');
    expect(summarizeArguments({ content: "x".repeat(200) }).length).toBeLessThanOrEqual(100);
    expect(summarizeArguments({ paths: ["a", "b"], deep: { x: 1 } })).toBe('paths=["a","b"] deep={"x":1}');
  });

  it("formats durations", () => {
    expect(formatMs(850)).toBe("850 ms");
    expect(formatMs(3200)).toBe("3.2 s");
    expect(formatMs(125_000)).toBe("2 min 5 s");
  });
});

describe("createRenderer", () => {
  it("starts block lines on a fresh line after streamed tokens", () => {
    let out = "";
    const r = createRenderer((t) => {
      out += t;
    }, plain);
    r({ type: "token", text: "Let me look" });
    r({ type: "tool_start", id: "1", name: "read_file", arguments: { path: "a" } });
    r({ type: "token", text: "Done." });
    r({ type: "step", step: 2 });
    r.flush();
    r.flush();
    expect(out).toBe('Let me look\n▸ read_file path="a"\nDone.\n');
  });
});
