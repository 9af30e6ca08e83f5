import { describe, expect, it } from "vitest";
import {
  isLlamaCppProps,
  listedName,
  readLlamaCppProps,
  readLmStudioModels,
  readModelList,
  readOllamaShow,
} from "../../../cli/smallcode/endpoint/backends.ts";
import { serverRoot } from "../../../cli/smallcode/endpoint/http.ts";

describe("server answers", () => {
  it("reads OpenAI model lists, with vLLM's max_model_len", () => {
    expect(
      readModelList({ data: [{ id: "a" }, { id: "b", max_model_len: 4096, owned_by: "vllm" }, { nope: 1 }] }),
    ).toEqual({
      ids: ["a", "b"],
      maxModelLen: { b: 4096 },
      vllm: true,
    });
    expect(readModelList({ models: [] })).toBeUndefined();
    expect(readModelList("<html>")).toBeUndefined();
    expect(readModelList({ data: [{ id: "x", max_model_len: -1 }] })?.maxModelLen).toEqual({});
  });

  it("reads Ollama's /api/show", () => {
    expect(
      readOllamaShow({
        model_info: {
          "general.architecture": "llama",
          "llama.context_length": 131072,
          "other.context_length": 5,
        },
        parameters: 'num_ctx                        8192\nstop                           "<|eot_id|>"',
      }),
    ).toEqual({ contextLength: 131072, numCtx: 8192 });
    expect(readOllamaShow({ model_info: { "gemma3.context_length": 8192 } })).toEqual({
      contextLength: 8192,
    });
    expect(readOllamaShow({ parameters: "stop x" })).toEqual({});
    expect(readOllamaShow(null)).toEqual({});
  });

  it("reads llama.cpp's /props in the newer and older shapes", () => {
    expect(readLlamaCppProps({ default_generation_settings: { n_ctx: 8192 }, total_slots: 1 })).toBe(8192);
    expect(readLlamaCppProps({ n_ctx: 4096 })).toBe(4096);
    expect(readLlamaCppProps({ default_generation_settings: {} })).toBeUndefined();
    expect(isLlamaCppProps({ default_generation_settings: {} })).toBe(true);
    expect(isLlamaCppProps({ error: "x" })).toBe(false);
  });

  it("reads LM Studio's model listing", () => {
    expect(
      readLmStudioModels({
        data: [
          { id: "a", max_context_length: 32768, loaded_context_length: 4096 },
          { id: "b", max_context_length: 8192 },
          { id: "embed" },
        ],
      }),
    ).toEqual({
      a: { window: 4096, field: "loaded_context_length" },
      b: { window: 8192, field: "max_context_length" },
    });
    expect(readLmStudioModels({ data: [{ id: "x" }] })).toBeUndefined();
    expect(readLmStudioModels({ error: "Unexpected endpoint or method." })).toBeUndefined();
  });

  it("matches model names with Ollama's implicit :latest", () => {
    expect(listedName("llama3", ["llama3:latest"])).toBe("llama3:latest");
    expect(listedName("llama3:8b", ["llama3:latest"])).toBeUndefined();
    expect(listedName("a", ["a"])).toBe("a");
  });

  it("finds the server root of a base URL", () => {
    expect(serverRoot("http://h:11434/v1")).toBe("http://h:11434");
    expect(serverRoot("http://h:11434/v1/")).toBe("http://h:11434");
    expect(serverRoot("http://h:8080")).toBe("http://h:8080");
  });
});
