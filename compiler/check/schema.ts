import type { SymbolKind } from "./symbols.ts";

/**
 * What each declaration (and each nested object) accepts: its keys, the kind of value each key takes,
 * and which keys are required. The rules KnownFieldKeys, UniqueFieldKeys, RequiredFields,
 * ValidFieldValues and KnownReferences are all driven by this table.
 */

/** The expected value of one key. */
export type ValueSpec =
  /** A string; `env` allows `${NAME}` / `${NAME:-default}` references, checked for well-formedness. */
  | { readonly t: "string"; readonly env?: boolean }
  /** A Handlebars template string (or `"extension_point:NAME"` for `template:`). */
  | { readonly t: "template" }
  /** A number within bounds; `int` demands an integer. */
  | {
      readonly t: "number";
      readonly int?: boolean;
      readonly min?: number;
      readonly max?: number;
      /** `min` itself is excluded. */
      readonly minExclusive?: boolean;
    }
  /** A duration literal (`100ms`, `3s`); `min` in milliseconds, `positive` excludes zero. */
  | { readonly t: "duration"; readonly positive?: boolean }
  | { readonly t: "bool" }
  /**
   * One bare name from `names`, or a tagged form `tag: value` from `tagged` (`custom: my_check`,
   * `per_prompt: "name"`).
   */
  | {
      readonly t: "oneOf";
      readonly names: readonly string[];
      readonly tagged?: Readonly<Record<string, ValueSpec>>;
    }
  /** A string whose text is one of `names` (`per_cost_class: "medium"`). */
  | { readonly t: "stringOneOf"; readonly names: readonly string[] }
  /** A bare name that must name a declaration of `kind`. */
  | { readonly t: "ref"; readonly kind: SymbolKind }
  /** A string that must name a declaration of `kind` (`per_prompt: "classify"`). */
  | { readonly t: "stringRef"; readonly kind: SymbolKind }
  /** A bare name that is informational only (`domain: coding`). */
  | { readonly t: "name" }
  /** A dotted path starting with `input.` (router `by:`). */
  | { readonly t: "inputPath" }
  | { readonly t: "type" }
  | { readonly t: "constraints" }
  | { readonly t: "params" }
  | { readonly t: "rate" }
  /** `hash(a, b)` or a path. */
  | { readonly t: "cacheKey" }
  | { readonly t: "list"; readonly of: ValueSpec }
  | { readonly t: "object"; readonly shape: Shape }
  /** An object with free keys whose values all follow `of` (`aliases`, evaluation `input`). */
  | { readonly t: "map"; readonly of: ValueSpec }
  /** A bare name or a string (alias names). */
  | { readonly t: "nameOrString" }
  /** Anything; checked by a dedicated rule (evaluation `expect`). */
  | { readonly t: "any" };

/** The keys one object accepts. */
export interface Shape {
  /** How messages name the owner: `model`, `prompt`, `retry`, `cost budget`. */
  readonly name: string;
  readonly keys: Readonly<Record<string, ValueSpec>>;
  readonly required: readonly string[];
  /** Unknown keys are warnings (MRW2017), not errors; for the informational `system` fields. */
  readonly lenient?: boolean;
  /**
   * Keys of the original MarrowScript grammar that are accepted (and listed in `keys` with their value)
   * but mean nothing here: key → what the original did with it. NoEffectFields warns once per file.
   */
  readonly noEffect?: Readonly<Record<string, string>>;
}

const positiveInt: ValueSpec = { t: "number", int: true, min: 1 };
const fraction: ValueSpec = { t: "number", min: 0, max: 1 };

/** Values of `provider:`. */
export const PROVIDERS = [
  "openai_compat",
  "ollama",
  "llamacpp",
  "lmstudio",
  "vllm",
  "http",
  "embedded",
] as const;
/** Values of `cost_class:` and of the `per_cost_class:` budget scope. */
export const COST_CLASSES = ["tiny", "small", "medium", "large"] as const;
/** Values of tool `category:`. */
export const TOOL_CATEGORIES = ["read", "write", "search", "run", "plan", "memory", "web"] as const;

/** `model Name { … }`: endpoint, sampling and envelope; nothing is required. */
export const modelShape: Shape = {
  name: "model",
  keys: {
    provider: { t: "oneOf", names: PROVIDERS },
    endpoint: { t: "string", env: true },
    name: { t: "string", env: true },
    api_key: { t: "string", env: true },
    context_window: positiveInt,
    max_output: positiveInt,
    temperature: { t: "number", min: 0, max: 2 },
    top_p: { t: "number", min: 0, minExclusive: true, max: 1 },
    stop: { t: "list", of: { t: "string" } },
    cost_class: { t: "oneOf", names: COST_CLASSES },
    latency_class: { t: "oneOf", names: ["fast", "medium", "slow"] },
    tool_format: { t: "oneOf", names: ["native", "hermes", "json", "xml", "pythonic"] },
    // `provider: embedded` only (EmbeddedModels): the weights and how llama.cpp runs them.
    model_file: { t: "string", env: true },
    source: { t: "string" },
    threads: positiveInt,
    gpu_layers: { t: "number", int: true, min: 0 },
    grammar: { t: "oneOf", names: ["tools", "none"] },
    quant: { t: "name" },
    vram_mb: positiveInt,
  },
  noEffect: {
    quant: "the quantisation is chosen by the server that loads the model",
    vram_mb: "SmallCode does not place models on devices",
  },
  // `endpoint` and `name` default to "${SMALLCODE_BASE_URL}" and "${SMALLCODE_MODEL}".
  required: [],
};

/** `tier name { max: N -> Model }`: the target is not a field. */
export const tierShape: Shape = { name: "tier", keys: { max: { t: "number" } }, required: [] };

/** `router name { by: input.x, tier … }`. */
export const routerShape: Shape = {
  name: "router",
  keys: {
    by: { t: "inputPath" },
    on_low_confidence: { t: "oneOf", names: ["fail", "escalate", "retry"] },
    confidence_threshold: fraction,
    fallback: { t: "ref", kind: "model" },
    observe: { t: "list", of: { t: "string" } },
    policy: { t: "any" },
  },
  noEffect: {
    observe: "the original recorded these metrics; traces record every call here",
    policy: "routing follows the tiers; the original kept this as metadata too",
  },
  required: ["by"],
};

/** `retry: { max_attempts, backoff, interval }` of a prompt. */
export const retryShape: Shape = {
  name: "retry",
  keys: {
    max_attempts: positiveInt,
    backoff: { t: "oneOf", names: ["fixed", "linear", "exponential"] },
    interval: { t: "duration" },
  },
  required: ["max_attempts"],
};

/** `cache: { key, ttl }` of a prompt. */
export const cacheShape: Shape = {
  name: "cache",
  keys: { key: { t: "cacheKey" }, ttl: { t: "duration", positive: true } },
  required: [],
};

/** `prompt name(params) { … }`. */
export const promptShape: Shape = {
  name: "prompt",
  keys: {
    model: { t: "ref", kind: "model" },
    router: { t: "ref", kind: "router" },
    system: { t: "template" },
    template: { t: "template" },
    returns: { t: "type" },
    timeout: { t: "duration", positive: true },
    temperature: { t: "number", min: 0, max: 2 },
    max_output: positiveInt,
    validate: {
      t: "oneOf",
      names: ["none", "schema_only", "ast_compiles"],
      tagged: { custom: { t: "ref", kind: "extension_point" } },
    },
    on_invalid: { t: "oneOf", names: ["fail", "retry", "retry_with_repair_prompt", "escalate"] },
    retry: { t: "object", shape: retryShape },
    cache: { t: "object", shape: cacheShape },
    constraints: { t: "constraints" },
    tools: { t: "list", of: { t: "ref", kind: "tool" } },
    idempotent: { t: "bool" },
    promptbook: { t: "name" },
    with: { t: "any" },
    stream: { t: "any" },
    version: { t: "any" },
    shadow: { t: "any" },
    loop: { t: "any" },
  },
  noEffect: {
    idempotent: "it is documentation only; caching is declared with `cache:`",
    promptbook: "SmallCode has no promptbooks; the prompt's `template:` is sent",
    with: "it binds promptbook variables, and SmallCode has no promptbooks",
    stream: "prompts return whole replies",
    version: "the prompt's content hash versions it",
    shadow: "SmallCode does not send shadow traffic",
    loop: "loops belong to the calling TypeScript (the agent loop)",
  },
  required: ["template"],
};

/** `enum Name { a, b }`: members only, no fields. */
export const enumShape: Shape = { name: "enum", keys: {}, required: [] };

/** `entity Name { owns: [field: Type, …] }`. */
export const entityShape: Shape = {
  name: "entity",
  keys: {
    owns: { t: "params" },
    description: { t: "string" },
    constraints: { t: "any" },
    states: { t: "any" },
  },
  noEffect: {
    constraints: "entity constraints were checked by the original's stores; state them on prompts",
    states: "state machines belong to the original's backend",
  },
  required: ["owns"],
};

/** `tool name(params) { description, category, aliases, may_be_empty }`. */
export const toolShape: Shape = {
  name: "tool",
  keys: {
    description: { t: "string" },
    category: { t: "oneOf", names: TOOL_CATEGORIES },
    aliases: { t: "map", of: { t: "list", of: { t: "nameOrString" } } },
    may_be_empty: { t: "list", of: { t: "nameOrString" } },
  },
  required: ["description", "category"],
};

/** `extension_point name(params) { returns, stable }`. */
export const extensionPointShape: Shape = {
  name: "extension point",
  keys: {
    returns: { t: "type" },
    stable: { t: "bool" },
    description: { t: "string" },
    language: { t: "name" },
  },
  noEffect: { language: "extension points are always TypeScript functions" },
  required: [],
};

/** `on_exceeded: { action, code, retry_after }` of a cost budget. */
export const onExceededShape: Shape = {
  name: "on_exceeded",
  keys: {
    action: { t: "oneOf", names: ["error", "throttle", "warn"] },
    code: { t: "string" },
    retry_after: { t: "duration", positive: true },
  },
  required: ["action"],
};

/** One item of a policy's `cost_budgets`. */
export const costBudgetShape: Shape = {
  name: "cost budget",
  keys: {
    scope: {
      t: "oneOf",
      names: ["per_session", "per_user", "per_tenant"],
      tagged: {
        per_prompt: { t: "stringRef", kind: "prompt" },
        per_cost_class: { t: "stringOneOf", names: COST_CLASSES },
        per_feature: { t: "string" },
      },
    },
    window: { t: "duration", positive: true },
    cap_tokens: positiveInt,
    cap_calls: positiveInt,
    cap_usd: { t: "number", min: 0, minExclusive: true },
    on_exceeded: { t: "object", shape: onExceededShape },
  },
  required: ["scope", "window"],
};

/** `policy Name { rate_limit, cost_budgets, audit }`. */
export const policyShape: Shape = {
  name: "policy",
  keys: {
    rate_limit: { t: "rate" },
    cost_budgets: { t: "list", of: { t: "object", shape: costBudgetShape } },
    audit: { t: "bool" },
    encryption: { t: "name" },
  },
  noEffect: { encryption: "SmallCode stores nothing it would encrypt; transport security is the endpoint's" },
  required: [],
};

/** One item of an evaluation's `cases`. */
export const evaluationCaseShape: Shape = {
  name: "evaluation case",
  keys: { input: { t: "map", of: { t: "any" } }, expect: { t: "any" } },
  required: ["input", "expect"],
};

/** `evaluation name { prompt, cases, metric, baseline }`. */
export const evaluationShape: Shape = {
  name: "evaluation",
  keys: {
    prompt: { t: "ref", kind: "prompt" },
    cases: { t: "list", of: { t: "object", shape: evaluationCaseShape } },
    metric: {
      t: "oneOf",
      names: ["exact", "contains", "in_set"],
      tagged: { custom: { t: "ref", kind: "extension_point" } },
    },
    baseline: fraction,
  },
  required: ["prompt", "cases"],
};

/** The informational `key: value` lines of a `system` block. */
export const systemShape: Shape = {
  name: "system",
  keys: { domain: { t: "name" }, version: { t: "any" }, description: { t: "string" } },
  required: [],
  lenient: true,
};

/** The shape of each declaration kind's body. */
export const declShapes = {
  Model: modelShape,
  Router: routerShape,
  Prompt: promptShape,
  Enum: enumShape,
  Entity: entityShape,
  Tool: toolShape,
  ExtensionPoint: extensionPointShape,
  Policy: policyShape,
  Evaluation: evaluationShape,
} as const;
