import type { z } from "zod";
import type { ToolChoice } from "./client.ts";
import type { Runtime } from "./runtime.ts";

/**
 * The shapes generated code fills in. `marrowc` emits one frozen object per declaration; the runtime
 * executes them. Nothing here refers to the agent: any application can use these specs.
 * Names are the declared MarrowScript names (snake_case for prompts and tools).
 */

/** How a model is reached; `embedded` (an in-process model) is served by a client registered for it. */
export type Provider = "openai_compat" | "ollama" | "llamacpp" | "lmstudio" | "vllm" | "http" | "embedded";
export type CostClass = "tiny" | "small" | "medium" | "large";
export type LatencyClass = "fast" | "medium" | "slow";
export type ToolFormat = "native" | "hermes" | "json" | "xml" | "pythonic";

export interface ModelSpec {
  readonly name: string;
  readonly provider: Provider;
  /** May hold `${VAR}` / `${VAR:-default}` references, resolved at call time. */
  readonly endpoint: string;
  /** The model name sent to the server (`name:` in MarrowScript); may hold `${VAR}` references. */
  readonly model: string;
  /** Defaults to "${SMALLCODE_API_KEY}"; sent only to this model's endpoint. */
  readonly apiKey: string;
  /** Tokens; default 8192. Never assume more than declared. */
  readonly contextWindow: number;
  readonly maxOutput?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly costClass?: CostClass;
  readonly latencyClass?: LatencyClass;
  readonly toolFormat: ToolFormat;
  /** `embedded`: the GGUF file (`model_file`); may hold `${VAR}` references. */
  readonly modelFile?: string;
  /** `embedded`: where the file comes from on first use (`source: "hf:OWNER/REPO/FILE.gguf"`). */
  readonly modelSource?: string;
  /** `embedded`: CPU threads; default the machine's math cores. */
  readonly threads?: number;
  /** `embedded`: layers offloaded to a GPU; 0 keeps the model on the CPU. */
  readonly gpuLayers?: number;
  /** `embedded`: `tools` constrains act turns that offer tools to one answer-or-call JSON object; `none` does not. */
  readonly grammar?: "tools" | "none";
  readonly source: SourceLocation;
}

export interface TierSpec {
  readonly name: string;
  /** Inclusive upper bound of the routed value; absent on the last tier. */
  readonly max?: number;
  readonly model: ModelSpec;
}

export interface RouterSpec {
  readonly name: string;
  /** Path into the prompt input, without the leading `input`: `input.complexity` → ["complexity"]. */
  readonly by: readonly string[];
  readonly tiers: readonly TierSpec[];
  readonly onLowConfidence: "fail" | "escalate" | "retry";
  readonly confidenceThreshold?: number;
  readonly fallback?: ModelSpec;
  readonly source: SourceLocation;
}

export interface SourceLocation {
  /** Path of the .marrow file as given to the compiler (relative to the project). */
  readonly file: string;
  readonly line: number;
}

/** How the runtime turns the reply text into a value before zod validation. */
export type OutputSpec =
  /** Whole reply text (reasoning stripped, trimmed). */
  | { readonly kind: "text" }
  /** A label from a closed set, matched case-insensitively after trimming quotes and punctuation. */
  | { readonly kind: "label"; readonly labels: readonly string[] }
  /** A number or boolean read from the reply text. */
  | { readonly kind: "scalar"; readonly type: "int" | "float" | "bool" }
  /** The last complete JSON value in the reply, repaired, then validated. */
  | { readonly kind: "json" }
  /** The assistant's whole reply for an agent, unvalidated. */
  | { readonly kind: "turn" };

export interface Constraint<I = unknown, O = unknown> {
  /** The constraint as written in MarrowScript, for error messages. */
  readonly source: string;
  readonly check: (output: O, input: I) => boolean;
}

export type TemplateFn = (context: Record<string, unknown>) => string;

export type BackoffKind = "fixed" | "linear" | "exponential";

export interface RetrySpec {
  readonly maxAttempts: number;
  readonly backoff: BackoffKind;
  readonly intervalMs: number;
}

export interface CacheSpec<I = unknown> {
  /** The declared key expression as values; absent means the whole input is the key. */
  readonly key?: (input: I) => readonly unknown[];
  readonly ttlMs: number;
}

export type OnInvalid = "fail" | "retry" | "retry_with_repair_prompt" | "escalate";

export type Validation<O = unknown> =
  | { readonly kind: "none" }
  | { readonly kind: "schema_only" }
  | {
      readonly kind: "custom";
      readonly name: string;
      readonly fn: (output: O) => boolean | string | Promise<boolean | string>;
    };

export interface PromptSpec<I = unknown, O = unknown> {
  /** Declared name, e.g. `classify_task_type`; sent as `x-marrow-prompt`. */
  readonly name: string;
  /** Stable id: `<file stem>.<name>`. */
  readonly id: string;
  /** Content hash of the declaration (part of every cache key). */
  readonly hash: string;
  readonly source: SourceLocation;
  readonly input: z.ZodType<I>;
  readonly output: OutputSpec;
  /** Validates the extracted value. For `turn` outputs it is not applied. */
  readonly schema: z.ZodType<O>;
  /** Exactly one of model / router is set. */
  readonly model?: ModelSpec;
  readonly router?: RouterSpec;
  /** Renders the system message, if the prompt declares one. */
  readonly system?: TemplateFn;
  /** Renders the user message. For `template: "extension_point:NAME"` this calls the user's function. */
  readonly template: TemplateFn;
  /** Name of the parameter of type `chat` appended after the system and user messages, if any. */
  readonly chatParam?: string;
  readonly timeoutMs: number;
  readonly temperature?: number;
  readonly maxOutput?: number;
  readonly validate: Validation<O>;
  readonly onInvalid: OnInvalid;
  readonly retry: RetrySpec;
  readonly cache?: CacheSpec<I>;
  readonly constraints: readonly Constraint<I, O>[];
  /** Agent prompts: every tool this prompt may offer. The caller passes the subset to offer now. */
  readonly tools?: readonly ToolSpec[];
  /** The policies of the system that declares the prompt; the runtime enforces their budgets. */
  readonly policies: readonly PolicySpec[];
}

export type ToolCategory = "read" | "write" | "search" | "run" | "plan" | "memory" | "web" | "mcp";

/** JSON Schema, as much of it as tool parameters need. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly items?: JsonSchema;
  readonly enum?: readonly (string | number | boolean)[];
  readonly additionalProperties?: boolean | JsonSchema;
}

export interface ToolSpec {
  readonly name: string;
  readonly description: string;
  readonly category: ToolCategory;
  /** `{ type: "object", properties, required }` */
  readonly parameters: JsonSchema;
  /** Parameter name → the wrong names small models use for it. */
  readonly aliases: Readonly<Record<string, readonly string[]>>;
  readonly source: SourceLocation;
}

/** What a hand-written tool implementation returns: text for the model, and whether the tool succeeded. */
export interface ToolOutcome {
  readonly ok: boolean;
  readonly output: string;
}

export type BudgetScope =
  | { readonly kind: "per_session" }
  | { readonly kind: "per_prompt"; readonly prompt: string }
  | { readonly kind: "per_cost_class"; readonly costClass: CostClass }
  | { readonly kind: "per_user" }
  | { readonly kind: "per_tenant" }
  | { readonly kind: "per_feature"; readonly feature: string };

export type BudgetCap =
  | { readonly kind: "tokens"; readonly max: number }
  | { readonly kind: "calls"; readonly max: number }
  | { readonly kind: "usd"; readonly max: number };

export type OnExceeded =
  | { readonly action: "error"; readonly code?: string }
  | { readonly action: "throttle"; readonly retryAfterMs: number }
  | { readonly action: "warn" };

export interface CostBudgetSpec {
  readonly scope: BudgetScope;
  readonly windowMs: number;
  readonly cap: BudgetCap;
  readonly onExceeded: OnExceeded;
}

export interface PolicySpec {
  readonly name: string;
  readonly rateLimit?: { readonly count: number; readonly perMs: number };
  readonly costBudgets: readonly CostBudgetSpec[];
  readonly audit: boolean;
  readonly source: SourceLocation;
}

export type EvaluationMetric =
  | { readonly kind: "exact" }
  | { readonly kind: "contains" }
  | { readonly kind: "in_set" }
  | {
      readonly kind: "custom";
      readonly name: string;
      readonly fn: (output: unknown, expected: unknown) => number | boolean;
    };

export interface EvaluationSpec {
  readonly name: string;
  /** Declared name of the prompt under test (a key of the `prompts` registry). */
  readonly prompt: string;
  readonly cases: readonly { readonly input: Readonly<Record<string, unknown>>; readonly expect: unknown }[];
  readonly metric: EvaluationMetric;
  /** Score in [0, 1] below which the evaluation fails. */
  readonly baseline: number;
  readonly source: SourceLocation;
}

/** The `turn` output: the assistant's whole reply. */
export interface AgentTurn {
  readonly text: string;
  readonly toolCalls: readonly { readonly id: string; readonly name: string; readonly arguments: string }[];
  readonly finishReason: string | null;
  readonly usage: {
    readonly promptTokens: number;
    readonly completionTokens: number;
    readonly estimated: boolean;
  };
  /** Reasoning removed from `text` (`<think>` blocks or a server's reasoning field), kept for traces. */
  readonly reasoning?: string;
}

/** The usage of one model request of a call (an attempt, a repair or a fallback that got a reply). */
export interface CallUsage {
  /** Declared prompt name. */
  readonly prompt: string;
  /** Declared model name. */
  readonly model: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
  /** Whether the tokens were estimated from characters (the server reported none). */
  readonly estimated: boolean;
}

/** Options every generated prompt function accepts and passes on to `callPrompt`. */
export interface CallOptions {
  /** The runtime that runs the call (clients, cache, sinks, budgets, `${VAR}` values); default: the default runtime. */
  readonly runtime?: Runtime;
  /**
   * Receives the usage of each model request of this call as its reply arrives (retries, repairs
   * and fallbacks included; nothing on a cache hit). `runtime.call` also returns the sum.
   */
  readonly onUsage?: (usage: CallUsage) => void;
  readonly signal?: AbortSignal;
  /** Streams reply text as it arrives. */
  readonly onToken?: (text: string) => void;
  /**
   * Told before each retry of a failed attempt: the prompt, the attempt that failed, why, and the
   * wait before the next (for a terminal's "retrying in 2 s" line).
   */
  readonly onRetry?: (retry: {
    readonly prompt: string;
    readonly attempt: number;
    readonly reason: string;
    readonly delayMs: number;
  }) => void;
  /** Agent turns: names of the tools to offer on this call (a subset of the spec's tools and `extraTools`). */
  readonly tools?: readonly string[];
  /**
   * Agent turns: `required` asks for a tool call and no answer on this call (the agent knows the
   * task needs a change and none is made yet). Clients that cannot enforce it ignore it.
   */
  readonly toolChoice?: ToolChoice;
  /** Agent turns: tools known only at run time (MCP servers) that `tools` may name besides the spec's. */
  readonly extraTools?: readonly ToolSpec[];
  readonly parentSpan?: string;
  /** Overrides the prompt's and the model's temperature for this call (adaptive retry temperature). */
  readonly temperature?: number;
  /**
   * Overrides the prompt's and the model's `max_output` for this call (the reply tokens asked for and
   * reserved), e.g. clamped to a share of a small window the server was found to have.
   */
  readonly maxOutput?: number;
  /** Budget scope key; defaults to the process-wide session. */
  readonly session?: string;
  /**
   * Policies enforced on this call besides the prompt's own (a caller's budget over every prompt it
   * calls); one named like a policy of the prompt's system replaces that policy for this call.
   */
  readonly policies?: readonly PolicySpec[];
}
