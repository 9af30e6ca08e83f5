/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { makeModel } from "../../../cli/testkit/make-spec.ts";
import type { NativeTool } from "../../../runtime/client.ts";
import { windowOf } from "../../../runtime/embedded/engine.ts";
import { quantisationName } from "../../../runtime/embedded/gguf.ts";
import {
  actSchema,
  compactGbnf,
  grammarKey,
  normaliseSchema,
  parseAct,
} from "../../../runtime/embedded/grammar.ts";
import { toHistory } from "../../../runtime/embedded/history.ts";
import { memoryVerdict } from "../../../runtime/embedded/memory.ts";
import { fileFor, gpuOption } from "../../../runtime/embedded/settings.ts";
import { answerStream } from "../../../runtime/embedded/stream.ts";
import { resolveModelWith } from "../../../runtime/env.ts";
import { ConfigError } from "../../../runtime/errors.ts";

/** The embedded provider's pure parts; the model itself is exercised in embedded-client.test.ts. */

const RUN: NativeTool = {
  type: "function",
  function: {
    name: "run",
    description: "Run a command",
    parameters: {
      type: "object",
      properties: { command: { type: "string" }, timeout_s: { type: "integer" } },
      required: ["command"],
    },
  },
};

describe("act-turn grammar schema", () => {
  it("normalises tool schemas into what the grammar compiler honours", () => {
    const schema = normaliseSchema({
      properties: {
        path: { type: "string", pattern: "^src/", default: "a" },
        mode: { anyOf: [{ type: "string" }, { type: "integer", minimum: 0 }] },
      },
      required: ["path"],
    });
    expect(schema).toEqual({
      type: "object",
      properties: {
        path: { type: "string" },
        mode: { oneOf: [{ oneOf: [{ type: "string" }, { type: "integer" }] }, { type: "null" }] },
      },
      required: ["path"],
    });
    expect(
      normaliseSchema({
        allOf: [
          { properties: { a: { type: "string" } }, required: ["a"] },
          { properties: { b: { type: "number" } } },
        ],
      }),
    ).toEqual({
      type: "object",
      properties: { a: { type: "string" }, b: { oneOf: [{ type: "number" }, { type: "null" }] } },
      required: ["a"],
    });
  });

  it("offers an answer or one call of each tool", () => {
    const schema = actSchema([RUN]) as { oneOf: { properties: Record<string, unknown> }[] };
    expect(schema.oneOf).toHaveLength(2);
    expect(schema.oneOf[0]!.properties).toEqual({ answer: { type: "string" } });
    expect(schema.oneOf[1]!.properties.tool).toEqual({ const: "run" });
  });

  it("offers only the calls on a forced turn (tool_choice required), with a grammar of its own", () => {
    const READ: NativeTool = {
      type: "function",
      function: {
        name: "read_file",
        description: "Read",
        parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
      },
    };
    const forced = actSchema([RUN, READ], true) as { oneOf: { properties: Record<string, unknown> }[] };
    expect(forced.oneOf).toHaveLength(2);
    expect(forced.oneOf.map((o) => o.properties.tool)).toEqual([{ const: "run" }, { const: "read_file" }]);
    expect(forced.oneOf.some((o) => "answer" in o.properties)).toBe(false);
    expect(actSchema([RUN, READ], false)).toEqual(actSchema([RUN, READ]));
    // the two grammars of one tool set are cached apart
    expect(grammarKey([RUN, READ], true)).not.toBe(grammarKey([RUN, READ]));
    expect(grammarKey([RUN, READ], false)).toBe(grammarKey([RUN, READ]));
  });

  it("reads calls and answers, dropping the nulls of optional parameters", () => {
    expect(parseAct('{"tool":"run","arguments":{"command":"ls","timeout_s":null}}', [RUN])).toEqual({
      kind: "call",
      name: "run",
      arguments: { command: "ls" },
    });
    expect(parseAct(' {"answer": "done"}\n\n', [RUN])).toEqual({ kind: "answer", text: "done" });
    expect(parseAct('{"tool":"rm","arguments":{}}', [RUN])).toBeUndefined();
    expect(parseAct('{"tool":"run","arguments":{"command":"l', [RUN])).toBeUndefined();
    expect(parseAct("I will run ls", [RUN])).toBeUndefined();
  });

  it("removes the pretty-printing whitespace from node-llama-cpp's grammar", () => {
    const gbnf = [
      'root ::= ( rule0 ) "\\n\\n\\n\\n" [\\n]*',
      'whitespace-b-1-4-rule ::= [\\n] ("    " | "\\t") | [ ]?',
      'comma-whitespace-b-2-4-rule ::= "," ([\\n] (" "{8} | "\\t\\t") | [ ]?)',
      'rule0 ::= "{" whitespace-b-1-4-rule "}"',
    ].join("\n");
    expect(compactGbnf(gbnf).split("\n")).toEqual([
      'root ::= ( rule0 ) "\\n\\n\\n\\n" [\\n]*',
      "whitespace-b-1-4-rule ::= [ ]?",
      'comma-whitespace-b-2-4-rule ::= "," [ ]?',
      'rule0 ::= "{" whitespace-b-1-4-rule "}"',
    ]);
  });
});

describe("answer streaming", () => {
  function streamed(chunks: readonly string[]): string {
    let out = "";
    const s = answerStream((t) => {
      out += t;
    });
    for (const c of chunks) s.push(c);
    s.flush();
    return out;
  }

  it("passes on the decoded answer string however the text is split", () => {
    const text = '{"answer": "line one\\nsays \\"hi\\" \\u00e9"}';
    const expected = 'line one\nsays "hi" é';
    expect(streamed([text])).toBe(expected);
    expect(streamed([...text])).toBe(expected);
    expect(streamed([text.slice(0, 5), text.slice(5, 17), text.slice(17)])).toBe(expected);
  });

  it("streams nothing of a call", () => {
    expect(streamed(['{"tool": "run", ', '"arguments": {"command": "answer"}}'])).toBe("");
  });
});

describe("history", () => {
  it("writes calls and results in the act format, with the tools section in the system text", () => {
    const items = toHistory(
      [
        { role: "system", content: "Be brief." },
        { role: "user", content: "list files" },
        {
          role: "assistant",
          content: null,
          tool_calls: [
            { id: "c1", type: "function", function: { name: "run", arguments: '{"command":"ls"}' } },
          ],
        },
        { role: "tool", tool_call_id: "c1", content: "a.txt" },
        { role: "assistant", content: "There is a.txt." },
      ],
      "# Tools",
      true,
    );
    expect(items).toEqual([
      { type: "system", text: "Be brief.\n\n# Tools" },
      { type: "user", text: "list files" },
      { type: "model", response: ['{"tool":"run","arguments":{"command":"ls"}}'] },
      { type: "user", text: "Result of run:\na.txt" },
      { type: "model", response: ['{"answer":"There is a.txt."}'] },
      { type: "model", response: [] },
    ]);
  });
});

describe("settings and limits", () => {
  it("caps the window at the trained context and says when memory is short", () => {
    expect(windowOf({ trainContextSize: 8192 }, 32768)).toBe(8192);
    expect(windowOf({ trainContextSize: 32768 }, 4096)).toBe(4096);
    expect(windowOf({ trainContextSize: 0 }, 4096)).toBe(4096);
    expect(memoryVerdict("m.gguf", { weights: 1e9, context: 2e8, window: 8192 }, 4e9)).toBeUndefined();
    const error = memoryVerdict("m.gguf", { weights: 3e9, context: 1.5e9, window: 32768 }, 2.2e9);
    expect(error).toBeInstanceOf(ConfigError);
    expect(error?.message).toBe(
      "model file m.gguf needs about 4.5 GB of memory (weights 3.0 GB, context of 32768 tokens 1.5 GB), but only 2.2 GB is free; close other programs, declare a smaller context_window, or use a smaller or more quantised model",
    );
    expect(quantisationName(15, { 15: "MOSTLY_Q4_K_M" })).toBe("Q4_K_M");
    expect(quantisationName(undefined, {})).toBe("unknown");
  });

  it("asks llama.cpp for its CPU build, or the Metal one on macOS arm64 (the only prebuilt build there)", () => {
    expect(gpuOption(0, "linux", "x64")).toBe(false);
    expect(gpuOption(0, "win32", "x64")).toBe(false);
    expect(gpuOption(0, "darwin", "x64")).toBe(false);
    expect(gpuOption(0, "darwin", "arm64")).toBe("metal");
    expect(gpuOption(99, "darwin", "arm64")).toBe("metal");
    expect(gpuOption(20, "linux", "x64")).toBe("auto");
  });

  it("takes --model-file over model_file, and names the unset variable otherwise", async () => {
    const model = resolveModelWith(
      makeModel({ provider: "embedded", endpoint: "", model: "", modelFile: "${SMALLCODE_MODEL_FILE}" }),
      () => undefined,
    );
    expect(await fileFor(model, { modelFile: "/m/a.gguf" })).toBe("/m/a.gguf");
    const set = resolveModelWith(model.spec, (n) => (n === "SMALLCODE_MODEL_FILE" ? "/m/b.gguf" : undefined));
    expect(await fileFor(set, {})).toBe("/m/b.gguf");
    await expect(fileFor(model, {})).rejects.toThrow(
      'model `TestModel` (declared at marrow/test.marrow:1): its `model_file: "${SMALLCODE_MODEL_FILE}"` refers to a variable that is not set; pass --model-file PATH (a GGUF file) or set model_file',
    );
    const hub = resolveModelWith(
      makeModel({ provider: "embedded", endpoint: "", model: "", modelSource: "hf:o/r/f.gguf" }),
      () => undefined,
    );
    expect(await fileFor(hub, { fetchSource: async (s) => `/cache/${s.slice(3)}` })).toBe(
      "/cache/o/r/f.gguf",
    );
  });
});

describe("lazy loading", () => {
  it("does not load node-llama-cpp when the runtime is imported", () => {
    // A resolve hook in a fresh process records every package the runtime's import graph reaches.
    const script = `
      import { registerHooks } from "node:module";
      const seen = [];
      registerHooks({ resolve(spec, ctx, next) { seen.push(spec); return next(spec, ctx); } });
      const engine = (s) => s === "node-llama-cpp" || s.endsWith("/engine.ts");
      const rt = await import("./runtime/index.ts");
      const client = rt.createEmbeddedClient({});
      const before = seen.filter(engine);
      await client.info("/no/such/model.gguf").catch(() => {});
      console.log(JSON.stringify({ before, after: seen.filter(engine) }));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    // Nothing before a model is used; the engine once one is asked for (the check can fail).
    expect(JSON.parse(out)).toEqual({ before: [], after: ["./engine.ts"] });
  });
});
