import type { BinaryOp } from "./ast.ts";
import type { Span } from "./source.ts";

/**
 * The intermediate representation: every declaration resolved and ready for code generation. Names
 * are the declared MarrowScript names; references are by declared name (the generator turns them into
 * identifiers and imports). Every default of the language is filled in here, so code generation never
 * decides semantics. Built by `lower()` from checked ASTs.
 */

/** Everything `generate()` needs. */
export interface IR {
  /** One entry per source file, sorted by path. */
  readonly files: readonly FileIR[];
  /**
   * Input the checks should have rejected but lowering could not make sense of (an unresolved name,
   * say). `lower()` never reports; `generate()` turns each into an MRW3005 error.
   */
  readonly issues: readonly LowerIssue[];
}

/** Something lowering had to skip. */
export interface LowerIssue {
  readonly span: Span;
  readonly message: string;
}

/** The declarations of one `.marrow` file; they become the module `<stem>.ts`. */
export interface FileIR {
  /** Path as given to the compiler (`marrow/classify.marrow`). */
  readonly path: string;
  /** File name without directory and `.marrow` extension: the generated module's name and the id prefix. */
  readonly stem: string;
  /** Hex sha256 of the source text; undefined when lowering was not given the source. */
  readonly sha256?: string;
  readonly enums: readonly EnumIR[];
  readonly entities: readonly EntityIR[];
  readonly models: readonly ModelIR[];
  readonly routers: readonly RouterIR[];
  readonly tools: readonly ToolIR[];
  readonly extensionPoints: readonly ExtensionPointIR[];
  readonly policies: readonly PolicyIR[];
  readonly prompts: readonly PromptIR[];
  readonly evaluations: readonly EvaluationIR[];
}

/** Where a declaration lives; shared by every declaration. */
export interface DeclIR {
  /** Declared name. */
  readonly name: string;
  /** Stem of the declaring file (the module it is generated into). */
  readonly stem: string;
  /** Source file and 1-based line of the declaration (0 when the source text was not available). */
  readonly source: { readonly file: string; readonly line: number };
  /** Span of the declared name, for diagnostics. */
  readonly span: Span;
  /** Text of the `//` comments right above the declaration, without the slashes; for JSDoc. */
  readonly doc?: string;
}

/** A resolved type. Named enums carry their labels; entities are looked up by name. */
export type TypeIR =
  | { readonly kind: "string" | "int" | "float" | "bool" | "json" | "file" | "chat" | "turn" | "unknown" }
  | { readonly kind: "enum"; readonly name?: string; readonly labels: readonly string[] }
  | { readonly kind: "entity"; readonly name: string }
  | { readonly kind: "list"; readonly item: TypeIR }
  | { readonly kind: "optional"; readonly item: TypeIR };

/** A typed parameter or entity field. */
export interface ParamIR {
  readonly name: string;
  readonly type: TypeIR;
}

/** `enum Name { a, b }`: its labels, duplicates removed. */
export interface EnumIR extends DeclIR {
  readonly labels: readonly string[];
}

/** `entity Name { owns: […] }`: its fields. */
export interface EntityIR extends DeclIR {
  readonly fields: readonly ParamIR[];
  readonly description?: string;
}

/** A model with every default filled in (see {@link DEFAULTS}). */
export interface ModelIR extends DeclIR {
  readonly provider: string;
  readonly endpoint: string;
  /** `name:` in MarrowScript: the model name sent to the server. */
  readonly model: string;
  readonly apiKey: string;
  readonly contextWindow: number;
  readonly maxOutput?: number;
  readonly temperature?: number;
  readonly topP?: number;
  readonly stop?: readonly string[];
  readonly costClass?: string;
  readonly latencyClass?: string;
  readonly toolFormat: string;
  /** `provider: embedded`: the GGUF path (`model_file`), may hold `${VAR}` references. */
  readonly modelFile?: string;
  /** `provider: embedded`: `source: "hf:OWNER/REPO/FILE.gguf"`. */
  readonly modelSource?: string;
  readonly threads?: number;
  readonly gpuLayers?: number;
  /** `tools` | `none` */
  readonly grammar?: string;
}

/** One router tier: the model for values up to `max` (the last tier has none). */
export interface TierIR {
  readonly name: string;
  readonly max?: number;
  /** Declared model name. */
  readonly model: string;
}

/** A router: the input path it reads and its tier ladder. */
export interface RouterIR extends DeclIR {
  /** Path into the prompt input without the leading `input`. */
  readonly by: readonly string[];
  readonly tiers: readonly TierIR[];
  readonly onLowConfidence: "fail" | "escalate" | "retry";
  readonly confidenceThreshold?: number;
  readonly fallback?: string;
}

/** A tool a prompt may offer; its implementation is hand-written TypeScript. */
export interface ToolIR extends DeclIR {
  readonly params: readonly ParamIR[];
  readonly description: string;
  readonly category: string;
  readonly aliases: readonly { readonly param: string; readonly names: readonly string[] }[];
  /** `may_be_empty`: required string parameters that accept "" (file content); the others must not be empty. */
  readonly mayBeEmpty?: readonly string[];
}

/** A TypeScript function the user writes (custom templates, validators, metrics). */
export interface ExtensionPointIR extends DeclIR {
  readonly params: readonly ParamIR[];
  /** `returns:`; `unknown` when absent. */
  readonly returns: TypeIR;
  readonly stable: boolean;
  readonly description?: string;
}

/** Whose usage a budget counts. */
export type BudgetScopeIR =
  | { readonly kind: "per_session" | "per_user" | "per_tenant" }
  | { readonly kind: "per_prompt"; readonly prompt: string }
  | { readonly kind: "per_cost_class"; readonly costClass: string }
  | { readonly kind: "per_feature"; readonly feature: string };

/** What happens when a budget would be exceeded. */
export type OnExceededIR =
  | { readonly action: "error"; readonly code?: string }
  | { readonly action: "throttle"; readonly retryAfterMs: number }
  | { readonly action: "warn" };

/** One cost budget: scope, window, exactly one cap. */
export interface CostBudgetIR {
  readonly scope: BudgetScopeIR;
  readonly windowMs: number;
  readonly cap: { readonly kind: "tokens" | "calls" | "usd"; readonly max: number };
  readonly onExceeded: OnExceededIR;
}

/** A policy: rate limit and cost budgets of the prompts of its system. */
export interface PolicyIR extends DeclIR {
  /** Name of the `system` block that declares it; prompts of the same system get this policy. */
  readonly system: string;
  readonly rateLimit?: { readonly count: number; readonly perMs: number };
  readonly costBudgets: readonly CostBudgetIR[];
  readonly audit: boolean;
}

/** A JSON-like literal (evaluation inputs and expectations). */
export type LiteralIR =
  | string
  | number
  | boolean
  | null
  | readonly LiteralIR[]
  | { readonly [key: string]: LiteralIR };

/** An evaluation: the prompt under test, its cases, metric and baseline. */
export interface EvaluationIR extends DeclIR {
  /** Declared name of the prompt under test. */
  readonly prompt: string;
  readonly cases: readonly {
    readonly input: Readonly<Record<string, LiteralIR>>;
    readonly expect: LiteralIR;
  }[];
  readonly metric:
    | { readonly kind: "exact" | "contains" | "in_set" }
    | { readonly kind: "custom"; readonly extension: string };
  readonly baseline: number;
}

/** A constraint expression with names resolved: `output…` / `input…` paths, literals, operators. */
export type ExprIR =
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: ExprIR; readonly right: ExprIR }
  | { readonly kind: "not"; readonly operand: ExprIR }
  /** `-x` (original grammar). */
  | { readonly kind: "neg"; readonly operand: ExprIR }
  | { readonly kind: "list"; readonly items: readonly ExprIR[] }
  | { readonly kind: "literal"; readonly value: string | number | boolean }
  /**
   * `output.files.length`, `input.task`. `optional[i]` is true when the value before `parts[i]` may be
   * absent, so the access is written `?.`; `nullable` when the value itself may be absent.
   */
  | {
      readonly kind: "path";
      readonly root: "output" | "input";
      readonly parts: readonly string[];
      readonly optional: readonly boolean[];
      readonly nullable: boolean;
    };

/** A constraint: its text as written and the resolved expression. */
export interface ConstraintIR {
  /** The constraint as written (from the source text; a canonical rendering without it). */
  readonly source: string;
  readonly expr: ExprIR;
  readonly span: Span;
}

/** A Handlebars text (`system:` or `template:`). */
export interface TextTemplateIR {
  readonly kind: "text";
  readonly text: string;
  /** Span of the string literal, for MRW3003. */
  readonly span: Span;
}

/** `template: "extension_point:NAME"`. */
export interface ExtensionTemplateIR {
  readonly kind: "extension";
  readonly extension: string;
  readonly span: Span;
}

/** A prompt, resolved and with every default filled in. */
export interface PromptIR extends DeclIR {
  /** Stable id: `<file stem>.<name>`. */
  readonly id: string;
  /** Truncated sha256 of the declaration's canonical content (part of every cache key). */
  readonly hash: string;
  readonly params: readonly ParamIR[];
  /** `returns:`; `string` when absent. */
  readonly output: TypeIR;
  /** Exactly one of model / router after the checks; undefined only for input the checks rejected. */
  readonly target?: { readonly kind: "model" | "router"; readonly name: string };
  readonly system?: TextTemplateIR;
  readonly template: TextTemplateIR | ExtensionTemplateIR;
  /** The parameter of type `chat`, appended after the system and user messages. */
  readonly chatParam?: string;
  readonly timeoutMs: number;
  readonly temperature?: number;
  readonly maxOutput?: number;
  readonly validate:
    | { readonly kind: "none" | "schema_only" }
    | { readonly kind: "custom"; readonly extension: string };
  readonly onInvalid: "fail" | "retry" | "retry_with_repair_prompt" | "escalate";
  readonly retry: {
    readonly maxAttempts: number;
    readonly backoff: "fixed" | "linear" | "exponential";
    readonly intervalMs: number;
  };
  /** Declared cache; `key` is a list of paths into the input (absent: the whole input). */
  readonly cache?: { readonly key?: readonly (readonly string[])[]; readonly ttlMs: number };
  readonly constraints: readonly ConstraintIR[];
  /** Declared names of the tools an agent prompt may offer. */
  readonly tools?: readonly string[];
  /** Names of the policies of the prompt's system, in declaration order. */
  readonly policies: readonly string[];
  /** First line of the system prompt, for JSDoc. */
  readonly summary?: string;
}

/** Defaults of the language (MarrowScript reference §3–§7), filled in by `lower()`. */
export const DEFAULTS = Object.freeze({
  timeoutMs: 30_000,
  validate: "schema_only",
  onInvalid: "fail",
  maxAttempts: 1,
  /** Backoff and interval when `retry:` is given without them. */
  backoff: "exponential",
  intervalMs: 1_000,
  ttlMs: 3_600_000,
  contextWindow: 8192,
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference, resolved at run time
  apiKey: "${SMALLCODE_API_KEY}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference, resolved at run time
  endpoint: "${SMALLCODE_BASE_URL}",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an environment reference, resolved at run time
  model: "${SMALLCODE_MODEL}",
  provider: "openai_compat",
  toolFormat: "native",
  onLowConfidence: "fail",
  throttleRetryAfterMs: 60_000,
  metric: "exact",
  baseline: 0.8,
} as const);
