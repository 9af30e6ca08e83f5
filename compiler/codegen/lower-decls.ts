import type { EvaluationDecl, ModelDecl, ToolDecl } from "../ast.ts";
import {
  DEFAULTS,
  type DeclIR,
  type EvaluationIR,
  type LiteralIR,
  type ModelIR,
  type ToolIR,
} from "../ir.ts";
import type { LowerEnv } from "./lower-prompt.ts";
import { field, literalOf, nameOf, namesOf, numberOf, oneOf, stringOf } from "./lower-values.ts";

/** Lowering of the declarations that need little of the other files: models, tools, evaluations. */

/** A model: every field with its default. */
export function lowerModel(decl: ModelDecl, base: DeclIR): ModelIR {
  const f = (key: string) => field(decl.fields, key);
  const optional = {
    maxOutput: numberOf(f("max_output")),
    temperature: numberOf(f("temperature")),
    topP: numberOf(f("top_p")),
    stop: namesOf(f("stop")),
    costClass: nameOf(f("cost_class")),
    latencyClass: nameOf(f("latency_class")),
    modelFile: stringOf(f("model_file")),
    modelSource: stringOf(f("source")),
    threads: numberOf(f("threads")),
    gpuLayers: numberOf(f("gpu_layers")),
    grammar: nameOf(f("grammar")),
  };
  const provider = nameOf(f("provider")) ?? DEFAULTS.provider;
  // An in-process model has no server: no endpoint, and it is known by its declared name.
  const embedded = provider === "embedded";
  return {
    ...base,
    provider,
    endpoint: stringOf(f("endpoint")) ?? (embedded ? "" : DEFAULTS.endpoint),
    model: stringOf(f("name")) ?? (embedded ? "" : DEFAULTS.model),
    apiKey: stringOf(f("api_key")) ?? DEFAULTS.apiKey,
    contextWindow: numberOf(f("context_window")) ?? DEFAULTS.contextWindow,
    ...defined(optional),
    toolFormat: nameOf(f("tool_format")) ?? DEFAULTS.toolFormat,
  };
}

/** A tool: parameters, description, category, aliases. */
export function lowerTool(decl: ToolDecl, base: DeclIR, env: LowerEnv): ToolIR {
  const aliases: { param: string; names: string[] }[] = [];
  const value = field(decl.fields, "aliases");
  if (value?.kind === "Object") {
    for (const f of value.fields) aliases.push({ param: f.key.name, names: namesOf(f.value) ?? [] });
  }
  return {
    ...base,
    params: env.params(decl.params),
    description: stringOf(field(decl.fields, "description")) ?? "",
    category: nameOf(field(decl.fields, "category")) ?? "run",
    aliases,
    mayBeEmpty: namesOf(field(decl.fields, "may_be_empty")) ?? [],
  };
}

/** An evaluation: its prompt, cases, metric and baseline. */
export function lowerEvaluation(decl: EvaluationDecl, base: DeclIR, env: LowerEnv): EvaluationIR {
  const promptValue = field(decl.fields, "prompt");
  const prompt = env.ref("Prompt", nameOf(promptValue), promptValue?.span ?? decl.span) ?? "";
  const cases: { input: { readonly [key: string]: LiteralIR }; expect: LiteralIR }[] = [];
  const list = field(decl.fields, "cases");
  if (list?.kind === "List") {
    for (const item of list.items) {
      if (item.kind !== "Object") continue;
      const input = field(item.fields, "input");
      const expect = field(item.fields, "expect");
      const literal = input ? literalOf(input) : {};
      cases.push({
        input: isRecord(literal) ? literal : {},
        expect: expect ? literalOf(expect) : null,
      });
    }
  }
  const metricValue = field(decl.fields, "metric");
  let metric: EvaluationIR["metric"] = {
    kind: oneOf(metricValue, ["exact", "contains", "in_set"]) ?? DEFAULTS.metric,
  };
  if (metricValue?.kind === "Tagged" && metricValue.tag.name === "custom") {
    const ext = env.ref("ExtensionPoint", nameOf(metricValue.value), metricValue.value.span);
    if (ext !== undefined) metric = { kind: "custom", extension: ext };
  }
  return {
    ...base,
    prompt,
    cases,
    metric,
    baseline: numberOf(field(decl.fields, "baseline")) ?? DEFAULTS.baseline,
  };
}

function isRecord(value: LiteralIR): value is { readonly [key: string]: LiteralIR } {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function defined<T extends Record<string, unknown>>(
  values: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) if (v !== undefined) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
