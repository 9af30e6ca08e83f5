import { describe, expect, it } from "vitest";
import {
  codeFenceSpans,
  findFences,
  findReasoning,
  inlineQuoteSpans,
  maskSpans,
  mergeSpans,
} from "../../cli/smallcode/tool-calls/regions.ts";

const sliced = (text: string) => findReasoning(text).map((s) => text.slice(s.start, s.end));

describe("findReasoning", () => {
  it("finds closed, unclosed and orphan-closed reasoning", () => {
    expect(sliced("a<think>x</think>b")).toEqual(["<think>x</think>"]);
    expect(sliced("a<think>x and more")).toEqual(["<think>x and more"]);
    expect(sliced("thinking here</think>\nanswer")).toEqual(["thinking here</think>"]);
  });

  it("knows other reasoning tags and the harmony analysis channel", () => {
    expect(sliced("[THINK]plan[/THINK]go")).toEqual(["[THINK]plan[/THINK]"]);
    expect(sliced("<thinking>p</thinking>")).toEqual(["<thinking>p</thinking>"]);
    const harmony =
      "<|channel|>analysis<|message|>plan<|end|><|start|>assistant<|channel|>final<|message|>hi";
    expect(sliced(harmony)).toEqual(["<|channel|>analysis<|message|>plan<|end|>"]);
  });

  it("finds nothing in a plain reply", () => {
    expect(findReasoning("no reasoning here")).toEqual([]);
  });
});

describe("fences", () => {
  it("finds fences with their language, closed or not", () => {
    const text = "a\n```python\nx = 1\n```\nb\n~~~\nraw\n~~~\n```json\n{";
    const fences = findFences(text);
    expect(fences.map((f) => [f.lang, f.closed])).toEqual([
      ["python", true],
      ["", true],
      ["json", false],
    ]);
    expect(text.slice(fences[0]!.bodyStart, fences[0]!.bodyEnd)).toBe("x = 1\n");
  });

  it("marks only ordinary code as ignorable", () => {
    const text = "```bash\nls\n```\n```json\n{}\n```\n```tool_code\nf()\n```";
    expect(codeFenceSpans(text).map((s) => text.slice(s.start, s.end))).toEqual(["```bash\nls\n```"]);
  });
});

describe("masking", () => {
  it("blanks spans but keeps length and newlines", () => {
    const text = "ab<think>x\ny</think>cd";
    const masked = maskSpans(text, findReasoning(text));
    expect(masked).toHaveLength(text.length);
    expect(masked).toBe(`ab${" ".repeat(8)}\n${" ".repeat(9)}cd`);
  });

  it("merges overlapping spans", () => {
    expect(
      mergeSpans([
        { start: 5, end: 8 },
        { start: 0, end: 3 },
        { start: 2, end: 6 },
      ]),
    ).toEqual([{ start: 0, end: 8 }]);
  });
});

describe("inlineQuoteSpans", () => {
  const quoted = (text: string) => inlineQuoteSpans(text).map((s) => text.slice(s.start, s.end));

  it("finds inline code with words on both sides of it on its line", () => {
    expect(quoted("Gemma writes `<|tool_call>call:f{}<tool_call|>` for each call.")).toEqual([
      "`<|tool_call>call:f{}<tool_call|>`",
    ]);
  });

  it.each([
    ["alone on its line", '`read_file(path="a")`'],
    ["ending its line", "I will run `ls -la`"],
    ["starting its line", "`ls` is next"],
    ["a fence", "```json\n{}\n```"],
  ])("leaves inline code %s", (_where, text) => {
    expect(quoted(text)).toEqual([]);
  });
});
