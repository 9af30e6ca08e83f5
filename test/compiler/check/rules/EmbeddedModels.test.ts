/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { describe, expect, it } from "vitest";
import { HF_SOURCE } from "../../../../compiler/check/rules/EmbeddedModels.ts";
import { build, fileOf, lowerSources, source } from "../../codegen/helpers.ts";
import { expectDiagnostics } from "../harness.ts";

const LOCAL = `model Local {
    provider: embedded
    model_file: "\${SMALLCODE_MODEL_FILE}"
    threads: 2
    gpu_layers: 0
    grammar: none
    context_window: 4096
  }`;

describe("EmbeddedModels", () => {
  it("accepts an embedded model with a file or a source, and its settings", () => {
    const src = `system S {
  ${LOCAL}
  model Hub { provider: embedded, source: "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf" }
  prompt p(x: string) { model: Local, template: "{{x}}" }
}
`;
    expect(expectDiagnostics(src)).toEqual([]);
  });

  it("reports server fields, missing or doubled weights, a bad source, and embedded fields on a server model", () => {
    const src = `system S {
  model A { provider: embedded, endpoint: "http://x", model_file: "a.gguf" }
  model B { provider: embedded }
  model C { provider: embedded, model_file: "c.gguf", source: "hf:o/r/c.gguf" }
  model D { provider: embedded, source: "hf:o/r" }
  model E { endpoint: "http://x", name: "e", gpu_layers: 10 }
}
`;
    expect(expectDiagnostics(src).map((d) => [d.code, d.line])).toEqual([
      ["MRW2024", 2],
      ["MRW2025", 3],
      ["MRW2025", 4],
      ["MRW2026", 5],
      ["MRW2027", 6],
    ]);
  });

  it("knows the hf: reference form", () => {
    expect(HF_SOURCE.test("hf:bartowski/Qwen2.5-GGUF/sub/dir/q4_k_m.gguf")).toBe(true);
    for (const bad of [
      "hf:o/r",
      "hf:o/r/file.bin",
      "o/r/f.gguf",
      "hf:/r/f.gguf",
      "hf:o//f.gguf",
      "https://huggingface.co/o/r/f.gguf",
    ])
      expect(HF_SOURCE.test(bad), bad).toBe(false);
  });

  it("lowers and generates the embedded fields into the model spec, with no endpoint or server name", () => {
    const src = source(
      `system S {\n  ${LOCAL}\n  prompt p(x: string) { model: Local, template: "{{x}}" }\n}\n`,
    );
    expect(lowerSources(src).files[0]!.models[0]).toMatchObject({
      provider: "embedded",
      endpoint: "",
      model: "",
      modelFile: "${SMALLCODE_MODEL_FILE}",
      threads: 2,
      gpuLayers: 0,
      grammar: "none",
      contextWindow: 4096,
    });
    const code = fileOf(build(src), "test.ts");
    expect(code).toContain('provider: "embedded"');
    expect(code).toContain('modelFile: "${SMALLCODE_MODEL_FILE}"');
    expect(code).toContain("threads: 2");
    expect(code).toContain("gpuLayers: 0");
    expect(code).toContain('grammar: "none"');
  });
});
