/**
 * Runtime benchmark (prints figures, asserts nothing):
 *   node bench/runtime.bench.ts
 * - median overhead of callPrompt over a bare `openai` call to the same local scripted server (target < 1 ms)
 * - cache-hit latency of callPrompt (target < 50 µs)
 * - calls per second with 32 concurrent callers
 * The scripted server runs in its own process (cli/testkit/scripted-server-cli.ts), as a local
 * model server would. Traces go to a temporary directory (the default sink, like a real run) or are
 * switched off.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import OpenAI from "openai";
import { makeSpec } from "../cli/testkit/make-spec.ts";
import {
  callPrompt,
  configureRuntime,
  createRuntime,
  flushTraces,
  setDefaultRuntime,
} from "../runtime/index.ts";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2000);
const CONCURRENCY = 32;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const p = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)]!;
const us = (ms: number) => `${(ms * 1000).toFixed(1)} µs`;

const dir = await mkdtemp(join(tmpdir(), "marrow-bench-"));
const script = join(dir, "script.json");
await writeFile(
  script,
  JSON.stringify({ fallback: { content: "ok", usage: { prompt_tokens: 5, completion_tokens: 1 } } }),
);
const child = spawn(
  process.execPath,
  ["cli/testkit/scripted-server-cli.ts", "--port", "0", "--script", script],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
const server = { url: line.replace(/^listening /, "") };
const bare = new OpenAI({ baseURL: server.url, apiKey: "no-key", maxRetries: 0 });
const spec = makeSpec({ name: "bench" });
const cached = makeSpec({ name: "bench_cached", cache: { ttlMs: 3_600_000 } });
const input = { text: "Classify: fix the crash in parser.ts" };

const bareCall = () =>
  bare.chat.completions.create(
    { model: "scripted-model", messages: [{ role: "user", content: input.text }] },
    { headers: { "x-marrow-prompt": "bench", authorization: null } },
  );

async function overhead(label: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await bareCall();
    await callPrompt(spec, input);
  }
  const b: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    let t = performance.now();
    await bareCall();
    b.push(performance.now() - t);
    t = performance.now();
    await callPrompt(spec, input);
    c.push(performance.now() - t);
  }
  console.log(
    `${label}: bare openai median ${us(median(b))} | callPrompt median ${us(median(c))} | overhead ${us(median(c) - median(b))} (p90 ${us(p(c, 0.9) - p(b, 0.9))})`,
  );
}

async function cacheHits(): Promise<void> {
  await callPrompt(cached, input);
  for (let i = 0; i < 2000; i++) await callPrompt(cached, input);
  const t: number[] = [];
  for (let i = 0; i < ROUNDS * 10; i++) {
    const s = performance.now();
    await callPrompt(cached, input);
    t.push(performance.now() - s);
  }
  console.log(`cache hit: median ${us(median(t))}, p90 ${us(p(t, 0.9))}, p99 ${us(p(t, 0.99))}`);
}

async function throughput(label: string, call: () => Promise<unknown>): Promise<void> {
  const total = ROUNDS * 2;
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < total) await call();
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  console.log(`${label}: ${Math.round(total / seconds)} calls/s with ${CONCURRENCY} concurrent callers`);
}

console.log(`node ${process.version}, ${ROUNDS} rounds, scripted server at ${server.url}`);
setDefaultRuntime(
  createRuntime({
    baseUrl: server.url,
    provider: "openai_compat",
    traceDir: join(dir, "traces"),
    cognitionLog: "",
  }),
);
await overhead("traces to .jsonl");
await cacheHits();
await throughput("bare openai", bareCall);
await throughput("callPrompt", () => callPrompt(spec, input));
await flushTraces();
configureRuntime({ traceDir: false });
await overhead("traces off");
await cacheHits();
await throughput("callPrompt, traces off", () => callPrompt(spec, input));
child.kill("SIGTERM");
await once(child, "exit");
await rm(dir, { recursive: true, force: true });
