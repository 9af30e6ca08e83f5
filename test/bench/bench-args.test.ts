import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "../../bench/args.ts";

describe("parseBenchArgs", () => {
  it("--repo-map gives SmallCode the repo map", () => {
    expect(parseBenchArgs(["--sim", "7b", "--repo-map"])).toMatchObject({ command: "run", repoMap: true });
    expect(parseBenchArgs(["--sim", "7b"])).not.toHaveProperty("repoMap");
  });

  it("--model-file runs an embedded model, with --grammar on or off", () => {
    expect(parseBenchArgs(["--suite", "micro", "--model-file", "m.gguf", "--grammar", "off"])).toMatchObject({
      command: "run",
      suite: "micro",
      modelFile: "m.gguf",
      grammar: false,
    });
    expect(parseBenchArgs(["--model-file", "m.gguf"])).not.toHaveProperty("grammar");
    for (const [argv, message] of [
      [["--model-file", "m.gguf", "--base-url", "http://x/v1", "--model", "q"], "excludes --base-url"],
      [["--model-file", "m.gguf", "--naive"], "HTTP only"],
      [["--model-file", "m.gguf", "--grammar", "yes"], "on or off"],
      [["--sim", "7b", "--grammar", "on"], "give --model-file"],
      [["--base-url", "http://x/v1", "--model", "q", "--grammar", "on"], "give --model-file"],
    ] as const)
      expect(parseBenchArgs(argv)).toMatchObject({
        command: "error",
        message: expect.stringContaining(message),
      });
  });

  it("reads a sim run with defaults", () => {
    expect(parseBenchArgs(["--suite", "smoke", "--sim", "7b"])).toEqual({
      command: "run",
      suite: "smoke",
      tasks: [],
      trials: 1,
      sim: "7b",
      seed: 1,
      agent: "smallcode",
      json: false,
      quiet: false,
      maxSteps: 30,
      maxTimeS: 300,
      out: ".smallcode/benchmarks",
    });
  });

  it("reads an endpoint run with every option", () => {
    const parsed = parseBenchArgs([
      "--base-url=http://localhost:11434/v1",
      "--model",
      "qwen2.5-coder:7b",
      "--api-key",
      "k",
      "--trials",
      "3",
      "--task",
      "a,b",
      "--task",
      "c",
      "--naive",
      "--json",
      "--quiet",
      "--seed",
      "9",
      "--concurrency",
      "4",
      "--max-steps",
      "12",
      "--max-time",
      "60",
      "--out",
      "runs",
      "--fail-under",
      "85%",
    ]);
    expect(parsed).toMatchObject({
      command: "run",
      suite: "all",
      baseUrl: "http://localhost:11434/v1",
      model: "qwen2.5-coder:7b",
      apiKey: "k",
      trials: 3,
      tasks: ["a", "b", "c"],
      agent: "naive",
      json: true,
      quiet: true,
      seed: 9,
      concurrency: 4,
      maxSteps: 12,
      maxTimeS: 60,
      out: "runs",
      failUnder: 0.85,
    });
  });

  it("allows --reference without a model", () => {
    expect(parseBenchArgs(["--reference"])).toMatchObject({ command: "run", agent: "reference" });
  });

  it.each([
    [["--sim", "7b", "--model", "x"], /excludes/],
    [["--suite", "smoke"], /give --sim/],
    [["--base-url", "http://x/v1"], /give --sim/],
    [["--sim", "7b", "--trials", "0"], /positive integer/],
    [["--sim", "7b", "--trials"], /needs a value/],
    [["--sim", "7b", "--bogus"], /unknown option/],
    [["--sim", "7b", "extra"], /unexpected argument/],
    [["--sim", "7b", "--fail-under", "2"], /rate/],
    [["--sim", "7b", "--naive", "--reference"], /exclude each other/],
  ])("rejects %j", (argv, message) => {
    const parsed = parseBenchArgs(argv);
    expect(parsed.command).toBe("error");
    expect(parsed.command === "error" && parsed.message).toMatch(message);
  });

  it("reads diff", () => {
    expect(parseBenchArgs(["diff", "a.json", "b", "--json", "--alpha", "0.1"])).toEqual({
      command: "diff",
      a: "a.json",
      b: "b",
      json: true,
      alpha: 0.1,
      dir: ".smallcode/benchmarks",
    });
    expect(parseBenchArgs(["diff", "a"])).toMatchObject({ command: "error", topic: "diff" });
    expect(parseBenchArgs(["diff", "a", "b", "--alpha", "2"])).toMatchObject({ command: "error" });
  });

  it("reads help for both topics", () => {
    expect(parseBenchArgs(["--help"])).toEqual({ command: "help", topic: "run" });
    expect(parseBenchArgs(["diff", "-h"])).toEqual({ command: "help", topic: "diff" });
  });
});
