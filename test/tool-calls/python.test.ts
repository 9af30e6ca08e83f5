import { describe, expect, it } from "vitest";
import { parsePythonCalls, parsePythonValue } from "../../cli/smallcode/tool-calls/python.ts";

describe("parsePythonValue", () => {
  it.each([
    ["'single'", "single"],
    ['"double"', "double"],
    ["'''triple\nline'''", "triple\nline"],
    ['r"C:\\temp\\new"', "C:\\temp\\new"],
    ['"tab\\tnew\\nq\\"x\\u00e9"', 'tab\tnew\nq"xé'],
    ['"con" "cat"', "concat"],
    ["42", 42],
    ["-3.5e2", -350],
    ["0x1F", 31],
    ["1_000", 1000],
    ["True", true],
    ["False", false],
    ["None", null],
    ["null", null],
    ["[1, 'a', None,]", [1, "a", null]],
    ["(1, 2)", [1, 2]],
    ["{'a': 1, \"b\": [True]}", { a: 1, b: [true] }],
    ["dict(a=1, b='x')", { a: 1, b: "x" }],
    ["celsius", "celsius"],
  ])("reads %s", (src, value) => {
    expect(parsePythonValue(src)).toMatchObject({ ok: true, value });
  });

  it.each(["'unterminated", "[1, 2", "open(path)", "1 2"])("rejects %s", (src) => {
    expect(parsePythonValue(src).ok).toBe(false);
  });
});

describe("parsePythonCalls", () => {
  it("reads a bracketed list of calls with keyword and positional arguments", () => {
    const result = parsePythonCalls('[read_file("a.ts", limit=5), grep(pattern="x")]');
    expect(result).toMatchObject({
      ok: true,
      value: [
        { name: "read_file", args: ["a.ts"], kwargs: { limit: 5 } },
        { name: "grep", args: [], kwargs: { pattern: "x" } },
      ],
    });
  });

  it("keeps dotted names and unwraps print()", () => {
    const result = parsePythonCalls(
      'print(default_api.read_file(path="a.ts"))\nbrave_search.call(query="q")',
    );
    expect(result.ok && result.value.map((c) => c.name)).toEqual([
      "default_api.read_file",
      "brave_search.call",
    ]);
  });

  it("drops an assignment target", () => {
    const result = parsePythonCalls('result = bash(command="ls")');
    expect(result).toMatchObject({ ok: true, value: [{ name: "bash", kwargs: { command: "ls" } }] });
  });

  it("accepts `key: value` arguments that small models write", () => {
    expect(parsePythonCalls('read_file(path: "a.ts")')).toMatchObject({
      ok: true,
      value: [{ kwargs: { path: "a.ts" } }],
    });
  });

  it("stops before text that is not a call and reports the offset", () => {
    const ok = parsePythonCalls('bash(command="ls") and more');
    expect(ok.ok && ok.end).toBe('bash(command="ls")'.length);
    const bad = parsePythonCalls("for f in files: pass");
    expect(bad.ok).toBe(false);
  });

  it("refuses nesting bombs instead of overflowing the stack", () => {
    expect(parsePythonCalls("[f(\n".repeat(10_000))).toMatchObject({ ok: false, error: "nested too deeply" });
  });

  it("rejects nested calls as argument values", () => {
    expect(parsePythonCalls("[f(x=g(1))]").ok).toBe(false);
  });
});

describe("small models' strings", () => {
  it.each([
    ['"grep -n "def main" app.py"', 'grep -n "def main" app.py'],
    ["'it's here'", "it's here"],
    ['"line one\nline two"', "line one\nline two"],
    ['"a" "b"', "ab"],
  ])("reads %s", (src, value) => {
    expect(parsePythonValue(src)).toMatchObject({ ok: true, value });
  });

  it("ends a string at a quote that call syntax follows", () => {
    const result = parsePythonCalls('[bash(command="echo "hi"", cwd="x")]');
    expect(result).toMatchObject({
      ok: true,
      value: [{ name: "bash", kwargs: { command: 'echo "hi"', cwd: "x" } }],
    });
  });
});
