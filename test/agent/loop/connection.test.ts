/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { describe, expect, test } from "vitest";
import { connectionRuntime } from "../../../cli/smallcode/agent/connection.ts";
import { createRuntime, MemoryCacheStore, type Runtime } from "../../../runtime/index.ts";

const value = (runtime: Runtime, name: string) => runtime.resolveRefs(`\${${name}:-}`).value;

describe("connection settings", () => {
  test("applies the given settings; the strong model defaults to the model", () => {
    const base = createRuntime({ env: { SMALLCODE_MODEL_STRONG: "" } });
    const one = connectionRuntime(base, { baseUrl: "http://a/v1", model: "small", apiKey: "k" });
    expect(value(one, "SMALLCODE_BASE_URL")).toBe("http://a/v1");
    expect(value(one, "SMALLCODE_MODEL")).toBe("small");
    expect(value(one, "SMALLCODE_MODEL_STRONG")).toBe("small");
    expect(value(one, "SMALLCODE_API_KEY")).toBe("k");
    const two = connectionRuntime(base, { baseUrl: "http://a/v1", model: "small", modelStrong: "big" });
    expect(value(two, "SMALLCODE_MODEL_STRONG")).toBe("big");
  });

  test("nothing leaks from one instance's settings into another's, or into the base runtime", () => {
    const base = createRuntime({ env: { SMALLCODE_BASE_URL: "http://env/v1", SMALLCODE_MODEL_STRONG: "" } });
    const first = connectionRuntime(base, { baseUrl: "http://first/v1", model: "one", apiKey: "secret-1" });
    const second = connectionRuntime(base, { model: "two" });
    expect(value(first, "SMALLCODE_BASE_URL")).toBe("http://first/v1");
    expect(value(second, "SMALLCODE_BASE_URL")).toBe("http://env/v1");
    expect(value(second, "SMALLCODE_MODEL_STRONG")).toBe("two");
    expect(value(second, "SMALLCODE_API_KEY")).not.toBe("secret-1");
    expect(value(base, "SMALLCODE_MODEL")).not.toBe("one");
  });

  test("settings of the base runtime are kept when an instance leaves them out", () => {
    const base = createRuntime({ baseUrl: "http://user/v1" });
    expect(value(connectionRuntime(base, { model: "m" }), "SMALLCODE_BASE_URL")).toBe("http://user/v1");
    base.configure({ baseUrl: "http://later/v1" });
    expect(value(connectionRuntime(base, { model: "m" }), "SMALLCODE_BASE_URL")).toBe("http://later/v1");
  });

  test("a run's runtime shares the base's cache and budgets, and is the base when nothing changes", () => {
    const cache = new MemoryCacheStore();
    const base = createRuntime({ cache, model: "m", strongModel: "s" });
    expect(connectionRuntime(base, {})).toBe(base);
    const derived = connectionRuntime(base, { baseUrl: "http://other/v1" });
    expect(derived).not.toBe(base);
    expect(derived.cache()).toBe(cache);
    expect(derived.budgets).toBe(base.budgets);
    const own = base.derive({ cache: "off" });
    expect(own.cache()).toBeUndefined();
    expect(base.cache()).toBe(cache);
  });
});
