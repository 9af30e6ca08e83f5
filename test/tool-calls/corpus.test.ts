import { describe, expect, it } from "vitest";
import { parseToolCalls } from "../../cli/smallcode/tool-calls/index.ts";
import { CORPUS } from "../../cli/testkit/tool-call-corpus/index.ts";
import { runCase } from "../../cli/testkit/tool-call-corpus/run.ts";
import { CODING_TOOLS } from "../../cli/testkit/tool-call-corpus/tools.ts";

const FAMILIES = [
  "native",
  "hermes",
  "qwen3-coder",
  "glm",
  "mistral",
  "llama",
  "pythonic",
  "lfm2",
  "granite",
  "phi4",
  "deepseek",
  "gemma",
  "kimi",
  "harmony",
  "xlam",
  "json",
  "yaml",
  "gemma4",
  "functiongemma",
  "functionary",
  "command-r7b",
  "jamba",
  "internlm2",
  "nemotron",
  "minimax-m2",
  "seed-oss",
  "firefunction",
  "qwen2.5-coder",
  "messy-text",
  "negative",
];

describe("tool-call corpus", () => {
  it("has at least 150 cases with unique ids", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(150);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
  });

  it("covers every format family with positive and negative cases", () => {
    const formats = new Set(CORPUS.map((c) => c.format));
    for (const family of FAMILIES) expect(formats, family).toContain(family);
    expect(CORPUS.filter((c) => c.kind === "negative").length).toBeGreaterThanOrEqual(30);
    expect(CORPUS.filter((c) => c.kind === "messy").length).toBeGreaterThanOrEqual(30);
  });

  it.each(CORPUS.map((c) => [c.id, c] as const))("%s", (_id, c) => {
    expect(runCase(c).problems).toEqual([]);
  });

  it("never throws on any prefix of a corpus reply (replies cut off anywhere)", () => {
    for (const c of CORPUS) {
      const step = Math.max(1, Math.floor(c.input.length / 40));
      for (let end = 0; end <= c.input.length; end += step) {
        const result = parseToolCalls(c.input.slice(0, end), { tools: c.tools ?? CODING_TOOLS });
        expect(Array.isArray(result.calls)).toBe(true);
      }
    }
  });
});
