/**
 * `smallcode/runtime`: the only module generated code imports. It executes prompt specs (model
 * clients, router, cache, retry, validation, budgets, traces) on a runtime object
 * (`createRuntime(options)`, passed as the `runtime` call option; calls that pass none use the
 * default runtime, built from the environment), and re-exports what generated code needs (`z`,
 * `template`, `ChatMessage`, the spec types). Heavy dependencies (`openai`, `ollama`) load on the
 * first model call, so importing generated code stays cheap.
 */

export { z } from "zod";
export { BudgetLedger, type BudgetStatus, formatDuration } from "./budget.ts";
export { type CacheEntry, type CacheStore, cacheKey, MemoryCacheStore, stableStringify } from "./cache.ts";
export type { CallResult } from "./call.ts";
export { ChatMessage, ChatToolCall } from "./chat.ts";
export type { ChatReply, ChatRequest, ModelClient, NativeTool, ToolChoice } from "./client.ts";
export type { PricingFn, RuntimeOptions, RuntimeWarning } from "./config.ts";
export { DiskCacheStore } from "./disk-cache.ts";
export { createEmbeddedClient } from "./embedded/client.ts";
export type {
  EmbeddedClient,
  EmbeddedClientOptions,
  EmbeddedModelInfo,
  GrammarMode,
} from "./embedded/types.ts";
export type { ResolvedModel } from "./env.ts";
export {
  BudgetExceededError,
  CancelledError,
  ConfigError,
  EndpointError,
  type ErrorContext,
  ExtensionPointNotImplementedError,
  extensionPointNotImplemented,
  InvalidInputError,
  InvalidOutputError,
  MarrowRuntimeError,
  RateLimitedError,
  TimeoutError,
} from "./errors.ts";
export { type Extraction, extract, lastJsonValue, matchLabel } from "./extract.ts";
export { type OllamaProbeOptions, probeOllamaVersion } from "./provider.ts";
export { redact, registerSecret } from "./redact.ts";
export { backoffDelay } from "./retry.ts";
export { confidenceOf, pickTier } from "./router.ts";
export {
  callPrompt,
  configureRuntime,
  createRuntime,
  defaultRuntime,
  flushTraces,
  Runtime,
  remainingBudget,
  resolveRefs,
  setDefaultRuntime,
  startSpan,
  startToolSpan,
} from "./runtime.ts";
export type * from "./spec.ts";
export { type PrecompiledTemplate, template } from "./template.ts";
export { stripThink } from "./think.ts";
export { toolArg } from "./tool-args.ts";
export { renderCall, toolsPrompt } from "./tool-prompt.ts";
export type { Span, SpanHandle, SpanKind, SpanStart, TraceSink } from "./trace.ts";
export { DirectoryTraceSink, JsonlFileSink, MemoryTraceSink, StderrTraceSink } from "./trace-sinks.ts";
