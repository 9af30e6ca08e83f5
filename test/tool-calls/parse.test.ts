import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ISSUE_CODES, parseToolCalls } from "../../cli/smallcode/tool-calls/index.ts";
import { CODING_TOOLS } from "../../cli/testkit/tool-call-corpus/tools.ts";

const parse = (text: string, nativeToolCalls?: Parameters<typeof parseToolCalls>[1]["nativeToolCalls"]) =>
  parseToolCalls(text, { tools: CODING_TOOLS, nativeToolCalls });

describe("parseToolCalls: results", () => {
  it("keeps the raw text byte for byte when nothing is recovered", () => {
    const text = "  Plain answer.\n\n\nWith   spacing.  ";
    expect(parse(text)).toEqual({ calls: [], text, issues: [] });
  });

  it("removes recovered calls and tidies the blank lines they leave", () => {
    const text =
      'First.\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>\n\n\nSecond.';
    expect(parse(text).text).toBe("First.\n\nSecond.");
  });

  it("keeps a block whose call failed in the text", () => {
    const text = 'A\n<tool_call>\n{"name": "nope", "arguments": {}}\n</tool_call>';
    const result = parse(text);
    expect(result.text).toBe(text);
    expect(result.issues).toMatchObject([{ code: "unknown_tool", tool: "nope" }]);
  });

  it("orders calls native first, then by position in the text", () => {
    const result = parse(
      '[TOOL_CALLS]grep[ARGS]{"pattern": "b"}\n<tool_call>\n{"name": "grep", "arguments": {"pattern": "c"}}\n</tool_call>',
      [{ function: { name: "grep", arguments: '{"pattern": "a"}' } }],
    );
    expect(result.calls.map((c) => [c.arguments.pattern, c.format])).toEqual([
      ["a", "native"],
      ["b", "mistral"],
      ["c", "hermes"],
    ]);
  });

  it("keeps call ids from native calls and from formats that carry them", () => {
    const native = parse("", [
      { id: "call_9", type: "function", function: { name: "bash", arguments: '{"command":"ls"}' } },
    ]);
    expect(native.calls[0]?.id).toBe("call_9");
    const kimi = parse(
      '<|tool_calls_section_begin|><|tool_call_begin|>functions.bash:0<|tool_call_argument_begin|>{"command":"ls"}<|tool_call_end|><|tool_calls_section_end|>',
    );
    expect(kimi.calls[0]?.id).toBe("functions.bash:0");
  });

  it("merges the same call given twice in different formats", () => {
    const text =
      '<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>\n```json\n{"name": "bash", "arguments": {"command": "ls"}}\n```';
    const result = parse(text);
    expect(result.calls).toHaveLength(1);
    expect(result.issues.map((i) => i.code)).toEqual(["duplicate_call"]);
    expect(result.text).toBe("");
  });

  it("gives every issue a catalogued code, its severity, and a lowercase message without a final period", () => {
    const text =
      '<tool_call>\n{"name": "ReadFile", "arguments": {"file": "a.ts", "limit": "3", "x": null}}\n</tool_call>\n<tool_call>\n{"name": "deploy"}\n</tool_call>\n<tool_call>\n{bad json => here}\n</tool_call>';
    const { issues } = parse(text);
    expect(issues.length).toBeGreaterThan(4);
    for (const issue of issues) {
      const entry = ISSUE_CODES[issue.code as keyof typeof ISSUE_CODES];
      expect(entry, issue.code).toBeDefined();
      expect(issue.severity).toBe(entry[0]);
      expect(issue.message).toMatch(/^[a-z`]/);
      expect(issue.message).not.toMatch(/\.$/);
    }
  });

  it("names the closest tools for an unknown tool", () => {
    const { issues } = parse(
      '<tool_call>\n{"name": "search_files", "arguments": {"pattern": "x"}}\n</tool_call>',
    );
    expect(issues[0]).toMatchObject({ code: "unknown_tool", severity: "error" });
    expect(issues[0]?.suggestions).toHaveLength(3);
    expect(issues[0]?.message).toContain("closest tools are");
  });

  it("quotes the broken block in the issue when JSON is beyond repair", () => {
    const { calls, issues } = parse(
      '<tool_call>\n{"name": "read_file", "arguments": {"path" => "a.ts"}}\n</tool_call>',
    );
    expect(calls).toEqual([]);
    expect(issues[0]).toMatchObject({ code: "malformed_call", format: "hermes" });
    expect(issues[0]?.excerpt).toContain('"path" => "a.ts"');
  });
});

describe("parseToolCalls: the tool list", () => {
  it("sees a tool added to the same list between two replies", () => {
    const tools = [...CODING_TOOLS];
    const reply = '<tool_call>{"name": "deploy", "arguments": {"env": "prod"}}</tool_call>';
    expect(parseToolCalls(reply, { tools }).calls).toEqual([]);
    tools.push({ name: "deploy", parameters: { type: "object", properties: { env: { type: "string" } } } });
    expect(parseToolCalls(reply, { tools }).calls).toEqual([
      { name: "deploy", arguments: { env: "prod" }, format: "hermes" },
    ]);
  });

  it("sees a tool renamed in place", () => {
    const tools = CODING_TOOLS.map((tool) => ({ ...tool }));
    const reply = '<tool_call>{"name": "cat_file", "arguments": {"path": "a"}}</tool_call>';
    expect(parseToolCalls(reply, { tools }).calls).toEqual([]);
    tools[0]!.name = "cat_file";
    expect(parseToolCalls(reply, { tools }).calls.map((call) => call.name)).toEqual(["cat_file"]);
  });
});

describe("parseToolCalls: what is not a call", () => {
  it.each([
    ["reasoning", '<think>call {"name": "bash", "arguments": {"command": "ls"}}</think>No call needed.'],
    ["unclosed reasoning", '<think>maybe [TOOL_CALLS]bash[ARGS]{"command": "ls"}'],
    ["a python fence", '```python\n[read_file(path="a.py")]\n```'],
    ["a bash fence", "```bash\nbash -c 'grep -r x .'\n```"],
    ["prose about tools", "Use read_file(path) to read and bash to run commands."],
    ["data JSON", '{"name": "grep", "version": "3.11"}'],
  ])("ignores calls in %s", (_where, text) => {
    expect(parse(text).calls).toEqual([]);
  });

  it("warns when a call appears only in reasoning", () => {
    const { issues } = parse(
      '<think><tool_call>{"name":"bash","arguments":{"command":"ls"}}</tool_call></think>ok',
    );
    expect(issues.map((i) => i.code)).toEqual(["call_in_reasoning"]);
  });

  it("does not warn about reasoning when a real call was made", () => {
    const text =
      '<think><tool_call>{"name":"bash","arguments":{"command":"x"}}</tool_call></think><tool_call>{"name":"bash","arguments":{"command":"ls"}}</tool_call>';
    const result = parse(text);
    expect(result.calls).toEqual([{ name: "bash", arguments: { command: "ls" }, format: "hermes" }]);
    expect(result.issues).toEqual([]);
  });
});

describe("parseToolCalls: robustness", () => {
  it("never throws, and returns well-formed results, on arbitrary text", () => {
    const fragments = fc.constantFrom(
      "<tool_call>",
      "</tool_call>",
      "{",
      "}",
      "[",
      "]",
      '"',
      "'",
      "<think>",
      "</think>",
      "[TOOL_CALLS]",
      "[ARGS]",
      "<function=bash>",
      "<parameter=command>",
      "```",
      "```json\n",
      "tool: bash\n",
      '"name": "bash"',
      '"arguments": ',
      "<|python_tag|>",
      "to=functions.grep",
      "<|message|>",
      "<｜tool▁call▁begin｜>",
      "read_file(",
      "\n",
    );
    const text = fc.array(fc.oneof(fragments, fc.string()), { maxLength: 30 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (input) => {
        const result = parse(input);
        expect(typeof result.text).toBe("string");
        for (const call of result.calls) expect(CODING_TOOLS.some((t) => t.name === call.name)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it.each([
    ["unclosed braces", "{a: ".repeat(50_000)],
    ["unclosed tags", "<tool_call>\n".repeat(20_000)],
    ["unclosed XML calls", "<function=bash>\n".repeat(20_000)],
    ["nested pythonic lists", "[read_file(\n".repeat(20_000)],
    ["YAML heads", "name: x\nfoo: bar\n".repeat(20_000)],
    ["nested JSON arrays", "[".repeat(100_000)],
  ])("stays fast and does not throw on pathological %s", (_what, text) => {
    const started = performance.now();
    parse(text);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it("stays fast on long replies full of brackets", () => {
    const noisy = `${"Some { prose [with] brackets {x} and 'quotes' ".repeat(4000)}\n<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\n</tool_call>`;
    const started = performance.now();
    const result = parse(noisy);
    expect(result.calls).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
