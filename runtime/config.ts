import type { BudgetLedger } from "./budget.ts";
import type { CacheStore } from "./cache.ts";
import type { ModelClient } from "./client.ts";
import type { TraceSink } from "./trace.ts";

/** Something the runtime wants a person to know that does not fail the call (truncation, a budget warning). */
export interface RuntimeWarning {
  readonly code:
    | "CONTEXT_TRUNCATED"
    | "CONTEXT_OVERFLOW"
    | "BUDGET_WARNING"
    | "TRACE_SINK_FAILED"
    | "CACHE_FAILED"
    | "ESCALATION_SKIPPED";
  readonly message: string;
  readonly prompt?: string;
}

/** Price of one call in US dollars, for `cap_usd` budgets. Local models cost nothing (the default). */
export type PricingFn = (
  modelName: string,
  usage: { readonly promptTokens: number; readonly completionTokens: number },
) => number;

/**
 * What a runtime is made of (`createRuntime(options)`). Every field may also come from the
 * environment; an explicit value wins. The four model values are what `${SMALLCODE_…}` references
 * in model declarations resolve to.
 */
export interface RuntimeOptions {
  /** `SMALLCODE_BASE_URL`: the OpenAI-compatible endpoint, e.g. `http://localhost:11434/v1`. */
  readonly baseUrl?: string;
  /** `SMALLCODE_MODEL`: the default model name. */
  readonly model?: string;
  /** `SMALLCODE_MODEL_STRONG`: the model name for the strong tier. */
  readonly strongModel?: string;
  /** `SMALLCODE_API_KEY`: sent only to the endpoints of models whose `api_key` refers to it. */
  readonly apiKey?: string;
  /** More values for `${VAR}` references, looked up before `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** `SMALLCODE_PROVIDER`: `ollama` or `openai_compat` forces how `openai_compat` endpoints are driven; `auto` detects. */
  readonly provider?: "auto" | "ollama" | "openai_compat";
  /** `SMALLCODE_CACHE`: `memory` (default), `disk`, `off`, or a store of your own. */
  readonly cache?: "memory" | "disk" | "off" | CacheStore;
  /** Directory of the disk cache; default `.smallcode/cache` under the working directory. */
  readonly cacheDir?: string;
  /** Entries kept by the memory cache; default 1000. */
  readonly cacheMaxEntries?: number;
  /** `SMALLCODE_COGNITION_LOG`: `stderr` or a `.jsonl` path that receives every span; empty for none. */
  readonly cognitionLog?: string;
  /** `SMALLCODE_TRACE_DIR`: where span files are written; default `.smallcode/traces`; `false` or `off` for none. */
  readonly traceDir?: string | false;
  /** Extra sinks that receive every span (an in-memory sink in tests, an exporter). */
  readonly traceSinks?: readonly TraceSink[];
  /** Prices calls for `cap_usd` budgets; default: every call is free. */
  readonly pricing?: PricingFn;
  /** Receives warnings; default: one line on stderr per distinct message. */
  readonly onWarning?: (warning: RuntimeWarning) => void;
  /**
   * Model clients by provider (`openai_compat`, `ollama`, `embedded`, or a name of your own): one
   * given here serves every model declared with that provider, in place of the built-in one.
   */
  readonly clients?: Readonly<Record<string, ModelClient>>;
  /** The budget ledger to charge; default: the runtime's own. Share one to share budgets. */
  readonly budgets?: BudgetLedger;
}

/** `${SMALLCODE_…}` names that the typed options above stand for. */
const NAMED: Readonly<Record<string, keyof RuntimeOptions>> = {
  SMALLCODE_BASE_URL: "baseUrl",
  SMALLCODE_MODEL: "model",
  SMALLCODE_MODEL_STRONG: "strongModel",
  SMALLCODE_API_KEY: "apiKey",
};

/** The value a `${NAME}` reference resolves to under `options`: the typed option, `options.env`, then `process.env`. */
export function lookupIn(options: RuntimeOptions, name: string): string | undefined {
  const key = NAMED[name];
  if (key !== undefined) {
    const value = options[key];
    if (typeof value === "string") return value;
  }
  const fromOptions = options.env?.[name];
  if (fromOptions !== undefined) return fromOptions;
  return process.env[name];
}

/** The typed option, or else its environment variable, or else undefined. */
export function optionOrEnv(
  options: RuntimeOptions,
  key: "cognitionLog" | "provider" | "cacheDir",
  envName: string,
): string | undefined {
  const value = options[key];
  if (typeof value === "string") return value;
  const env = process.env[envName];
  return env === undefined || env === "" ? undefined : env;
}
