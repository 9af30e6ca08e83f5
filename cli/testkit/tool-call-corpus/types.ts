/**
 * The shape of a corpus case: a realistic model reply (as the model emits it, special tokens and
 * whitespace included), the tools offered, and what the parser must recover.
 */
import type { IssueCode, NativeToolCall, ToolDefinition } from "../../smallcode/tool-calls/index.ts";

/** An expected call: only name and arguments are compared. */
export interface ExpectedCall {
  name: string;
  arguments: Record<string, unknown>;
}

/** One corpus case. */
export interface CorpusCase {
  /** Unique, kebab-case. */
  id: string;
  /** The format family, used for the per-format pass-rate table. */
  format: string;
  /** `positive`: a clean call; `messy`: needs repair; `negative`: nothing to recover. */
  kind: "positive" | "messy" | "negative";
  /** The model reply (message content). */
  input: string;
  /** Native `tool_calls` returned alongside the content, if any. */
  native?: NativeToolCall[];
  /** Tools offered; defaults to the coding tool set. */
  tools?: ToolDefinition[];
  expect: {
    calls: ExpectedCall[];
    /** Issue codes that must be reported. When absent, no `error` issue may be reported. */
    issues?: IssueCode[];
    /** The exact remaining text, when it matters. */
    text?: string;
  };
}
