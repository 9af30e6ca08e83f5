import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { makeSpec, serve } from "../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import {
  callPrompt,
  configureRuntime,
  flushTraces,
  MemoryTraceSink,
  type RuntimeWarning,
  redact,
  startSpan,
  startToolSpan,
  type TraceSink,
} from "../../runtime/index.ts";
import { isSecretKey, REDACTED, redactString } from "../../runtime/redact.ts";

let server: ScriptedServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const FIELDS = [
  "trace_id",
  "span_id",
  "parent_span_id",
  "kind",
  "prompt",
  "model",
  "attempt",
  "status",
  "error_code",
  "prompt_tokens",
  "completion_tokens",
  "latency_ms",
  "cache_hit",
  "started_at",
];

describe("spans", () => {
  it("writes a prompt span with one attempt span per request under it", async () => {
    server = await serve({
      rules: [
        { replies: [{ status: 500 }, { content: "ok", usage: { prompt_tokens: 7, completion_tokens: 2 } }] },
      ],
    });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    await callPrompt(makeSpec({ retry: { maxAttempts: 2, backoff: "fixed", intervalMs: 1 } }), {
      text: "hello",
    });
    const [first, second, root] = sink.spans;
    for (const span of sink.spans) for (const field of FIELDS) expect(span, field).toHaveProperty(field);
    expect(root).toMatchObject({
      kind: "prompt",
      status: "ok",
      parent_span_id: null,
      attempts: 2,
      prompt_tokens: 7,
      input: { text: "hello" },
    });
    expect(first).toMatchObject({
      kind: "attempt",
      attempt: 1,
      status: "error",
      error_code: "ENDPOINT_ERROR",
      parent_span_id: root!.span_id,
    });
    expect(second).toMatchObject({
      kind: "attempt",
      attempt: 2,
      status: "ok",
      output: "ok",
      prompt_tokens: 7,
      completion_tokens: 2,
      model: "TestModel",
    });
    expect(new Set(sink.spans.map((s) => s.trace_id)).size).toBe(1);
    expect(root!.latency_ms).toBeGreaterThanOrEqual(second!.latency_ms);
    expect(Date.parse(root!.started_at)).not.toBeNaN();
  });

  it("nests a call under a caller's span, in the caller's trace", async () => {
    server = await serve({ fallback: { content: "ok" } });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    const run = startSpan({ kind: "run" });
    await callPrompt(makeSpec(), { text: "a" }, { parentSpan: run.spanId });
    run.end();
    const root = sink.ofKind("prompt")[0]!;
    expect(root.parent_span_id).toBe(run.spanId);
    expect(root.trace_id).toBe(run.traceId);
    expect(server.chatRequests()[0]!.headers["x-marrow-trace-id"]).toBe(run.traceId);
  });

  it("offers tool-call spans to the agent", () => {
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink] });
    const parent = startSpan({ kind: "run" });
    const tool = startToolSpan(
      "read_file",
      { path: "a.ts", api_key: "k-123456" },
      { parentSpan: parent.spanId },
    );
    tool.end({ status: "ok", output: "contents" });
    tool.end({ status: "error" }); // only the first end counts
    expect(sink.spans).toHaveLength(1);
    expect(sink.spans[0]).toMatchObject({
      kind: "tool_call",
      tool: "read_file",
      status: "ok",
      parent_span_id: parent.spanId,
      trace_id: parent.traceId,
      input: { path: "a.ts", api_key: REDACTED },
    });
  });
});

describe("redaction", () => {
  it("redacts secret keys, secret-looking strings and the configured API key", async () => {
    server = await serve({ fallback: { content: "your key sk-live-verysecret-1234 and token=abc123def" } });
    const sink = new MemoryTraceSink();
    configureRuntime({ traceSinks: [sink], apiKey: "sk-live-verysecret-1234" });
    const input = {
      text: "login with password: hunter22 and Authorization: Bearer abcdefghijklmnop",
      config: {
        password: "hunter22",
        apiKey: "xyz-secret-value",
        max_tokens: 5,
        headers: { Authorization: "Basic Zm9vOmJhcg==" },
      },
    };
    await callPrompt(makeSpec(), input);
    const text = JSON.stringify(sink.spans);
    for (const secret of [
      "hunter22",
      "xyz-secret-value",
      "abcdefghijklmnop",
      "sk-live-verysecret-1234",
      "Zm9vOmJhcg==",
      "abc123def",
    ]) {
      expect(text).not.toContain(secret);
    }
    const root = sink.ofKind("prompt")[0]!;
    expect(root.input).toMatchObject({
      config: { password: REDACTED, apiKey: REDACTED, max_tokens: 5, headers: { Authorization: REDACTED } },
    });
    expect(sink.ofKind("attempt")[0]!.prompt_tokens).toBeTypeOf("number");
  });

  it("knows secret keys from token counts", () => {
    for (const k of [
      "api_key",
      "apiKey",
      "OPENAI_API_KEY",
      "Authorization",
      "password",
      "github_token",
      "client_secret",
      "x-api-key",
    ]) {
      expect(isSecretKey(k), k).toBe(true);
    }
    for (const k of ["prompt_tokens", "max_tokens", "completion_tokens", "path", "author", "keyboard"]) {
      expect(isSecretKey(k), k).toBe(false);
    }
  });

  it("redacts common provider tokens and private keys in text, and shortens long strings", () => {
    expect(redactString("ghp_abcdefghijklmnopqrstuvwxyz0123 AKIAABCDEFGHIJKLMNOP")).toBe(
      `${REDACTED} ${REDACTED}`,
    );
    expect(redactString("-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----")).toBe(
      REDACTED,
    );
    expect(redactString("max_tokens: 512, prompt_tokens=100")).toBe("max_tokens: 512, prompt_tokens=100");
    expect(redact("x".repeat(20), 5)).toBe("xxxxx…[15 more chars]");
  });
});

describe("sinks", () => {
  it("a failing sink never fails a call, and is reported once", async () => {
    server = await serve({ fallback: { content: "ok" } });
    const warnings: RuntimeWarning[] = [];
    const throwing: TraceSink = {
      write() {
        throw new Error("sink exploded");
      },
    };
    const rejecting: TraceSink = { write: () => Promise.reject(new Error("sink rejected")) };
    const memory = new MemoryTraceSink();
    configureRuntime({ traceSinks: [throwing, rejecting, memory], onWarning: (w) => warnings.push(w) });
    expect(await callPrompt(makeSpec(), { text: "a" })).toBe("ok");
    expect(await callPrompt(makeSpec(), { text: "a" })).toBe("ok");
    await new Promise((r) => setTimeout(r, 10));
    expect(memory.spans).toHaveLength(4);
    expect(warnings.map((w) => w.code)).toEqual(["TRACE_SINK_FAILED", "TRACE_SINK_FAILED"]);
    expect(warnings[0]!.message).toMatch(/sink exploded/);
  });

  it("SMALLCODE_COGNITION_LOG=<file.jsonl> and the trace directory get one JSON line per span", async () => {
    dir = await mkdtemp(join(tmpdir(), "marrow-trace-"));
    const log = join(dir, "nested", "cognition.jsonl");
    server = await serve(
      { fallback: { content: "ok" } },
      { cognitionLog: log, traceDir: join(dir, "traces") },
    );
    await callPrompt(makeSpec(), { text: "a" });
    await flushTraces();
    const lines = (await readFile(log, "utf8"))
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((s) => s.kind)).toEqual(["attempt", "prompt"]);
    const files = await readdir(join(dir, "traces"));
    expect(files).toEqual([`${new Date().toISOString().slice(0, 10)}.jsonl`]);
    expect((await readFile(join(dir, "traces", files[0]!), "utf8")).trim().split("\n")).toHaveLength(2);
  });

  it("an unwritable trace file does not fail the call", async () => {
    dir = await mkdtemp(join(tmpdir(), "marrow-trace-"));
    const warnings: RuntimeWarning[] = [];
    server = await serve(
      { fallback: { content: "ok" } },
      { cognitionLog: join(dir, "missing\0dir", "x.jsonl"), onWarning: (w) => warnings.push(w) },
    );
    expect(await callPrompt(makeSpec(), { text: "a" })).toBe("ok");
    await new Promise((r) => setTimeout(r, 20));
    expect(warnings.map((w) => w.code)).toEqual(["TRACE_SINK_FAILED"]);
  });

  it("SMALLCODE_COGNITION_LOG=stderr writes spans to stderr", async () => {
    server = await serve({ fallback: { content: "ok" } }, { cognitionLog: "stderr" });
    const writes: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    await callPrompt(makeSpec(), { text: "a" });
    vi.restoreAllMocks();
    expect(writes.map((w) => JSON.parse(w).kind)).toEqual(["attempt", "prompt"]);
  });
});
