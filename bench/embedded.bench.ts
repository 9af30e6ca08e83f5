/**
 * Embedded model benchmark (prints figures, asserts nothing):
 *   nice -n 10 node bench/embedded.bench.ts [--model smollm2-135m|qwen2.5-coder-0.5b|FILE.gguf] [--threads N]
 * On a ~1,500-token stable prefix (a system prompt with the tool schemas written into it, as an act
 * turn's prompt carries them; plain text turns, so every reply streams and no grammar cut hides a figure):
 * - time to first token of a cold turn (nothing cached) and of a warm turn 2 (the prefix in the KV
 *   cache), and the same turn 2 after another prompt evicted the cache (issue 10: warm ≤ 1/3 cold);
 * - prompt evaluation and generation speed (tokens/s).
 * The model comes from `.ci/models.sh` (cached in ~/.cache/smallcode/test-models) unless a file is given.
 */
import { parseArgs } from "node:util";
import { makeModel } from "../cli/testkit/make-spec.ts";
import { type TestModelName, testModel } from "../cli/testkit/test-models.ts";
import { actInstructions } from "../runtime/embedded/grammar.ts";
import { resolveModelWith } from "../runtime/env.ts";
import type { ChatMessage, ChatReply, ChatRequest, NativeTool } from "../runtime/index.ts";
import { createEmbeddedClient } from "../runtime/index.ts";

const { values } = parseArgs({
  options: { model: { type: "string", default: "smollm2-135m" }, threads: { type: "string", default: "2" } },
});
const file = values.model!.endsWith(".gguf") ? values.model! : testModel(values.model as TestModelName);
const threads = Number(values.threads);

/** A deterministic system prompt of project rules, about 1,250 tokens (SmolLM2 tokenizer). */
function rules(): string {
  const lines = ["You are a coding agent working in a TypeScript project. Follow the project rules.", ""];
  for (let i = 1; i <= 29; i++) {
    lines.push(
      `Rule ${i}: files under src/module${i}/ are owned by team ${String.fromCharCode(65 + (i % 26))}; run \`npm test -- module${i}\` after editing them and keep functions under ${20 + i} lines.`,
    );
  }
  return lines.join("\n");
}

const tool = (name: string, description: string, props: Record<string, string>): NativeTool => ({
  type: "function",
  function: {
    name,
    description,
    parameters: {
      type: "object",
      properties: Object.fromEntries(
        Object.entries(props).map(([k, d]) => [k, { type: "string", description: d }]),
      ),
      required: Object.keys(props),
    },
  },
});
const tools = [
  tool("read_file", "Read a file of the project", { path: "the file's path" }),
  tool("write_file", "Write a file of the project", { path: "the file's path", content: "the new content" }),
  tool("run", "Run a shell command in the project", { command: "the command line" }),
  tool("search", "Search the project for text", { query: "the text to look for" }),
];

const client = createEmbeddedClient({ modelFile: file, threads });
const model = resolveModelWith(
  makeModel({ name: "Bench", provider: "embedded", endpoint: "", model: "" }),
  () => undefined,
);

interface Turn {
  readonly reply: ChatReply;
  readonly wallMs: number;
  /** From the call to the first streamed text: tokenising, the overflow check and prompt evaluation. */
  readonly firstMs: number;
}

async function turn(messages: ChatMessage[]): Promise<Turn> {
  let first: number | undefined;
  const request: ChatRequest = {
    model,
    messages,
    temperature: 0,
    maxTokens: 32,
    headers: {},
    signal: new AbortController().signal,
    timeoutMs: 600_000,
    promptTokens: 0,
    onToken: () => {
      first ??= performance.now();
    },
  };
  const started = performance.now();
  const reply = await client.chat(request);
  const ended = performance.now();
  return { reply, wallMs: ended - started, firstMs: (first ?? ended) - started };
}

const system: ChatMessage = { role: "system", content: `${rules()}\n\n${actInstructions(tools)}` };
const ask1: ChatMessage = { role: "user", content: "Which team owns src/module7? Answer briefly." };
const ask2: ChatMessage = { role: "user", content: "And who owns src/module9?" };
const other: ChatMessage[] = [{ role: "user", content: "Say hi." }];

const info = await client.info();
console.log(`model ${info.name} (${info.architecture}, ${info.quantisation}), ${file}`);
console.log(`threads ${threads}, window ${info.contextWindow}`);
await turn(other); // loads the model; not measured

const cold1 = await turn([system, ask1]);
const answer = cold1.reply.text || JSON.stringify(cold1.reply.toolCalls);
const history: ChatMessage[] = [system, ask1, { role: "assistant", content: answer }, ask2];
const warm2 = await turn(history);
await turn(other); // evicts the prefix from the KV cache
const cold2 = await turn(history);

const m = (t: Turn) => t.reply.metrics ?? {};
const ttft = (t: Turn) => t.firstMs;
const row = (name: string, t: Turn) =>
  console.log(
    `${name.padEnd(22)} prompt ${String(t.reply.usage.promptTokens).padStart(5)} tok, cached ${String(m(t).cached_tokens).padStart(5)}, first token ${String(Math.round(ttft(t))).padStart(6)} ms, generated ${t.reply.usage.completionTokens} tok in ${m(t).eval_ms} ms, wall ${Math.round(t.wallMs)} ms`,
  );
row("cold turn 1", cold1);
row("warm turn 2 (reuse)", warm2);
row("turn 2, cache evicted", cold2);
const evaluated = (t: Turn) => t.reply.usage.promptTokens - (m(t).cached_tokens ?? 0);
const promptRate = (evaluated(cold2) / (m(cold2).prompt_eval_ms ?? Number.NaN)) * 1000;
const genRate = ((cold2.reply.usage.completionTokens - 1) / (m(cold2).eval_ms ?? Number.NaN)) * 1000;
console.log(
  `time to first token, warm / cold turn 2: ${(ttft(warm2) / ttft(cold2)).toFixed(3)} (target ≤ 0.333)`,
);
console.log(`prompt evaluation ${promptRate.toFixed(0)} tok/s, generation ${genRate.toFixed(1)} tok/s`);
await client.close();
