/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { z } from "zod";
import { createRuntime, type RuntimeOptions, setDefaultRuntime } from "../../runtime/index.ts";
import type { ModelSpec, PromptSpec, RouterSpec, ToolSpec } from "../../runtime/spec.ts";
import { type Script, type ScriptedServer, startScriptedServer } from "./scripted-server.ts";

/**
 * Hand-built specs for runtime tests (generated code is written elsewhere), and a helper that starts
 * a scripted server and points a fresh runtime at it.
 */

const source = { file: "marrow/test.marrow", line: 1 };

/** A model declaration like `marrowc` would emit, pointing at `${SMALLCODE_BASE_URL}`. */
export function makeModel(overrides: Partial<ModelSpec> = {}): ModelSpec {
  return Object.freeze({
    name: "TestModel",
    provider: "openai_compat",
    endpoint: "${SMALLCODE_BASE_URL}",
    model: "${SMALLCODE_MODEL:-scripted-model}",
    apiKey: "${SMALLCODE_API_KEY}",
    contextWindow: 8192,
    toolFormat: "native",
    source,
    ...overrides,
  } satisfies ModelSpec);
}

type Input = { text: string } & Record<string, unknown>;

/** A prompt spec with small defaults: text in, text out, one attempt, 2 s timeout. */
export function makeSpec<O = string>(overrides: Partial<PromptSpec<Input, O>> = {}): PromptSpec<Input, O> {
  const name = overrides.name ?? "test_prompt";
  return Object.freeze({
    name,
    id: `test.${name}`,
    hash: "hash-1",
    source,
    input: z.object({ text: z.string() }).passthrough() as unknown as z.ZodType<Input>,
    output: { kind: "text" },
    schema: z.string() as unknown as z.ZodType<O>,
    model: overrides.router ? undefined : makeModel(),
    template: (ctx: Record<string, unknown>) => String(ctx.text ?? ""),
    timeoutMs: 2000,
    validate: { kind: "schema_only" },
    onInvalid: "fail",
    retry: { maxAttempts: 1, backoff: "fixed", intervalMs: 10 },
    constraints: [],
    policies: [],
    ...overrides,
  } as PromptSpec<Input, O>);
}

/** A label prompt over `labels`. */
export function labelSpec(labels: readonly string[], overrides: Partial<PromptSpec<Input, string>> = {}) {
  return makeSpec<string>({
    output: { kind: "label", labels },
    schema: z.enum(labels as [string, ...string[]]),
    ...overrides,
  });
}

/** A router over named models, tiers by `input.complexity`. */
export function makeRouter(overrides: Partial<RouterSpec> = {}): RouterSpec {
  return Object.freeze({
    name: "test_router",
    by: ["complexity"],
    tiers: [
      { name: "trivial", max: 0.3, model: makeModel({ name: "Tiny", model: "tiny" }) },
      { name: "simple", max: 0.6, model: makeModel({ name: "Small", model: "small" }) },
      { name: "complex", model: makeModel({ name: "Medium", model: "medium" }) },
    ],
    onLowConfidence: "escalate",
    source,
    ...overrides,
  } as RouterSpec);
}

/** A tool declaration. */
export function makeTool(name: string, params: Record<string, string> = { path: "string" }): ToolSpec {
  return Object.freeze({
    name,
    description: `The ${name} tool.`,
    category: "read",
    parameters: {
      type: "object",
      properties: Object.fromEntries(Object.entries(params).map(([k, t]) => [k, { type: t }])),
      required: Object.keys(params),
    },
    aliases: {},
    source,
  } satisfies ToolSpec);
}

/**
 * Starts a scripted server and makes a fresh runtime for it the default (no trace files, no
 * detection), so that what one test charged or cached does not reach the next.
 */
export async function serve(script: Script, options: RuntimeOptions = {}): Promise<ScriptedServer> {
  const server = await startScriptedServer(script);
  setDefaultRuntime(
    createRuntime({
      baseUrl: server.url,
      traceDir: false,
      cognitionLog: "",
      provider: "openai_compat",
      apiKey: "",
      ...options,
    }),
  );
  return server;
}
