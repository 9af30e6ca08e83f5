import { ConfigError } from "./errors.ts";
import type { ModelSpec } from "./spec.ts";

/** A model declaration with its `${VAR}` references resolved for one call. */
export interface ResolvedModel {
  readonly spec: ModelSpec;
  /** Endpoint URL without a trailing slash; empty for an in-process (`embedded`) model declared without one. */
  readonly endpoint: string;
  /** Model name sent to the server. */
  readonly model: string;
  /** API key for this endpoint; empty when none is configured. */
  readonly apiKey: string;
  /** `embedded`: `model_file` resolved, absent when not declared or a `${VAR}` in it has no value. */
  readonly modelFile?: string;
}

const REF = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?\}/g;

/**
 * Replaces `${NAME}` and `${NAME:-default}` (the default applies when NAME is unset or empty).
 * Returns the names that had neither a value nor a default.
 */
export function resolveRefs(
  text: string,
  lookup: (name: string) => string | undefined,
): { value: string; missing: string[] } {
  const missing: string[] = [];
  if (!text.includes("${")) return { value: text, missing };
  const value = text.replace(REF, (_all, name: string, fallback: string | undefined) => {
    const found = lookup(name);
    if (found !== undefined && found !== "") return found;
    if (fallback !== undefined) return fallback;
    missing.push(name);
    return "";
  });
  return { value, missing };
}

const HINTS: Readonly<Record<string, string>> = {
  SMALLCODE_BASE_URL: "e.g. SMALLCODE_BASE_URL=http://localhost:11434/v1, or configureRuntime({ baseUrl })",
  SMALLCODE_MODEL: "e.g. SMALLCODE_MODEL=qwen2.5-coder:7b, or configureRuntime({ model })",
  SMALLCODE_MODEL_STRONG:
    "e.g. SMALLCODE_MODEL_STRONG=qwen2.5-coder:32b, or configureRuntime({ strongModel })",
};

type Lookup = (name: string) => string | undefined;

function required(
  model: ModelSpec,
  field: "endpoint" | "model",
  lookup: Lookup,
  promptName: string | undefined,
): string {
  const written = model[field];
  const { value, missing } = resolveRefs(written, lookup);
  const label = field === "model" ? "name" : field;
  if (missing.length > 0) {
    const name = missing[0]!;
    const hint = HINTS[name] ?? `set it in the environment, or write a default: \${${name}:-value}`;
    throw new ConfigError(
      `model \`${model.name}\`: \`${label}: "${written}"\` refers to \${${name}}, which is not set; ${hint} (declared at ${model.source.file}:${model.source.line})`,
      { model: model.name, prompt: promptName },
    );
  }
  const trimmed = value.trim();
  if (trimmed === "") {
    throw new ConfigError(
      `model \`${model.name}\`: \`${label}\` is empty; give it a value in ${model.source.file}:${model.source.line}`,
      { model: model.name, prompt: promptName },
    );
  }
  return trimmed;
}

/**
 * Resolves a model's endpoint, name and key now, with `lookup` giving `${VAR}` values; a missing
 * value is a `ConfigError` naming the variable.
 */
export function resolveModelWith(model: ModelSpec, lookup: Lookup, promptName?: string): ResolvedModel {
  // An in-process model has no endpoint to reach; one given is kept for messages and traces.
  const inProcess = model.provider === "embedded" && model.endpoint.trim() === "";
  const endpoint = inProcess ? "" : required(model, "endpoint", lookup, promptName).replace(/\/+$/, "");
  if (!inProcess && !/^https?:\/\/[^/]/i.test(endpoint)) {
    throw new ConfigError(
      `model \`${model.name}\`: endpoint \`${endpoint}\` is not an http(s) URL; write it like http://localhost:11434/v1`,
      { model: model.name, endpoint, prompt: promptName },
    );
  }
  // An embedded model may be declared without a name: it is known by its declaration.
  const name =
    model.provider === "embedded" && model.model.trim() === ""
      ? model.name
      : required(model, "model", lookup, promptName);
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the MarrowScript default, resolved like any declared value
  const apiKey = resolveRefs(model.apiKey || "${SMALLCODE_API_KEY}", lookup).value.trim();
  if (model.modelFile === undefined) return { spec: model, endpoint, model: name, apiKey };
  // Left absent when a variable is unset: the client may have a --model-file override.
  const file = resolveRefs(model.modelFile, lookup);
  const modelFile = file.missing.length === 0 && file.value.trim() !== "" ? file.value.trim() : undefined;
  return { spec: model, endpoint, model: name, apiKey, ...(modelFile ? { modelFile } : {}) };
}
