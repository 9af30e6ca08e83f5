import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { labelSpec, makeModel, makeSpec, serve } from "../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import {
  type CacheEntry,
  type CacheStore,
  cacheKey,
  callPrompt,
  configureRuntime,
  createRuntime,
  DiskCacheStore,
  defaultRuntime,
  InvalidOutputError,
  MemoryTraceSink,
  setDefaultRuntime,
  stableStringify,
} from "../../runtime/index.ts";

let server: ScriptedServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const cached = (overrides = {}) => makeSpec({ cache: { ttlMs: 60_000 }, ...overrides });

describe("cache keys", () => {
  const model = defaultRuntime().resolveModel(makeModel({ endpoint: "http://x/v1", model: "m" }));

  it("ignore key order and depend on prompt hash, model and input", () => {
    const spec = cached();
    const k = cacheKey(spec, model, { text: "a", extra: { b: 1, a: 2 } });
    expect(cacheKey(spec, model, { extra: { a: 2, b: 1 }, text: "a" })).toBe(k);
    expect(cacheKey(spec, model, { text: "b", extra: { b: 1, a: 2 } })).not.toBe(k);
    expect(cacheKey(cached({ hash: "hash-2" }), model, { text: "a", extra: { b: 1, a: 2 } })).not.toBe(k);
    const other = defaultRuntime().resolveModel(makeModel({ endpoint: "http://x/v1", model: "m2" }));
    expect(cacheKey(spec, other, { text: "a", extra: { b: 1, a: 2 } })).not.toBe(k);
    expect(k).toMatch(/^[0-9a-f]{64}$/);
  });

  it("use only the declared key expression's values when there is one", () => {
    const spec = makeSpec({ cache: { ttlMs: 1000, key: (i) => [i.text] } });
    expect(cacheKey(spec, model, { text: "a", noise: 1 })).toBe(
      cacheKey(spec, model, { text: "a", noise: 2 }),
    );
  });

  it("stableStringify sorts keys and drops undefined fields", () => {
    expect(stableStringify({ b: 1, a: [{ d: undefined, c: 2 }] })).toBe('{"a":[{"c":2}],"b":1}');
  });
});

describe("memory cache", () => {
  it("answers a repeated call without a model call, and traces the hit", async () => {
    server = await serve({ fallback: { content: "answer" } });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    expect(await callPrompt(cached(), { text: "q" })).toBe("answer");
    expect(await callPrompt(cached(), { text: "q" })).toBe("answer");
    expect(server.chatRequests()).toHaveLength(1);
    expect(sink.ofKind("cache_hit")).toHaveLength(1);
    expect(sink.ofKind("cache_hit")[0]).toMatchObject({ cache_hit: true, prompt: "test_prompt" });
    expect(sink.ofKind("prompt").map((s) => s.cache_hit)).toEqual([false, true]);
  });

  it("does not cache prompts without a cache declaration", async () => {
    server = await serve({ fallback: { content: "answer" } });
    await callPrompt(makeSpec(), { text: "q" });
    await callPrompt(makeSpec(), { text: "q" });
    expect(server.chatRequests()).toHaveLength(2);
  });

  it("expires entries after their TTL", async () => {
    server = await serve({ fallback: { content: "answer" } });
    vi.useFakeTimers({ toFake: ["Date"] });
    const spec = cached({ cache: { ttlMs: 1000 } });
    await callPrompt(spec, { text: "q" });
    vi.setSystemTime(Date.now() + 500);
    await callPrompt(spec, { text: "q" });
    expect(server.chatRequests()).toHaveLength(1);
    vi.setSystemTime(Date.now() + 600);
    await callPrompt(spec, { text: "q" });
    expect(server.chatRequests()).toHaveLength(2);
  });

  it("stores only valid outputs", async () => {
    server = await serve({ rules: [{ replies: [{ content: "banana" }, { content: "coding" }] }] });
    const spec = labelSpec(["coding", "editing"], { cache: { ttlMs: 60_000 } });
    await expect(callPrompt(spec, { text: "q" })).rejects.toBeInstanceOf(InvalidOutputError);
    expect(await callPrompt(spec, { text: "q" })).toBe("coding");
    expect(await callPrompt(spec, { text: "q" })).toBe("coding");
    expect(server.chatRequests()).toHaveLength(2);
  });

  it("is off with SMALLCODE_CACHE=off", async () => {
    server = await serve({ fallback: { content: "answer" } }, { cache: "off" });
    await callPrompt(cached(), { text: "q" });
    await callPrompt(cached(), { text: "q" });
    expect(server.chatRequests()).toHaveLength(2);
  });
});

describe("disk cache", () => {
  it("survives a restart of the runtime", async () => {
    dir = await mkdtemp(join(tmpdir(), "marrow-cache-"));
    server = await serve({ fallback: { content: "from disk" } }, { cache: "disk", cacheDir: dir });
    await callPrompt(cached(), { text: "q" });
    // a new process, as far as the runtime can tell
    setDefaultRuntime(
      createRuntime({
        baseUrl: server.url,
        traceDir: false,
        provider: "openai_compat",
        cache: "disk",
        cacheDir: dir,
      }),
    );
    expect(await callPrompt(cached(), { text: "q" })).toBe("from disk");
    expect(server.chatRequests()).toHaveLength(1);
  });

  it("writes atomically, leaving no temporary files, and treats expired or broken files as misses", async () => {
    dir = await mkdtemp(join(tmpdir(), "marrow-cache-"));
    const store = new DiskCacheStore(dir);
    const entry: CacheEntry = {
      value: { a: 1 },
      storedAt: Date.now(),
      expiresAt: Date.now() + 10_000,
      prompt: "p",
    };
    await Promise.all([store.set("abcd", entry), store.set("abcd", entry), store.set("abce", entry)]);
    expect((await readdir(join(dir, "ab"))).sort()).toEqual(["abcd.json", "abce.json"]);
    expect(await store.get("abcd")).toEqual(entry);
    await store.set("abcf", { ...entry, expiresAt: Date.now() - 1 });
    expect(await store.get("abcf")).toBeUndefined();
    expect(await readdir(join(dir, "ab"))).not.toContain("abcf.json");
    expect(await store.get("ffff")).toBeUndefined();
  });
});

describe("pluggable stores", () => {
  it("uses a store given to configureRuntime, and a failing store never fails a call", async () => {
    const seen: string[] = [];
    const map = new Map<string, CacheEntry>();
    const store: CacheStore = {
      get: (k) => {
        seen.push(`get ${k.slice(0, 6)}`);
        return map.get(k);
      },
      set: (k, e) => {
        seen.push(`set ${k.slice(0, 6)}`);
        map.set(k, e);
      },
    };
    server = await serve({ fallback: { content: "answer" } }, { cache: store });
    await callPrompt(cached(), { text: "q" });
    await callPrompt(cached(), { text: "q" });
    expect(seen.map((s) => s.slice(0, 3))).toEqual(["get", "set", "get"]);

    const broken: CacheStore = {
      get: () => Promise.reject(new Error("disk on fire")),
      set: () => {
        throw new Error("disk on fire");
      },
    };
    const warnings: string[] = [];
    configureRuntime({ cache: broken, onWarning: (w) => warnings.push(w.code) });
    expect(await callPrompt(cached(), { text: "q" })).toBe("answer");
    expect(warnings).toEqual(["CACHE_FAILED", "CACHE_FAILED"]);
  });
});

describe("cached objects", () => {
  it("are copies: a caller changing a result does not change the cache", async () => {
    server = await serve({ fallback: { content: '{"files": ["a.ts"]}' } });
    const spec = makeSpec<{ files: string[] }>({
      output: { kind: "json" },
      schema: z.object({ files: z.array(z.string()) }),
      cache: { ttlMs: 60_000 },
    });
    const first = await callPrompt(spec, { text: "q" });
    first.files.push("mutated.ts");
    const second = await callPrompt(spec, { text: "q" });
    second.files.push("again.ts");
    expect(await callPrompt(spec, { text: "q" })).toEqual({ files: ["a.ts"] });
    expect(server.chatRequests()).toHaveLength(1);
  });
});
