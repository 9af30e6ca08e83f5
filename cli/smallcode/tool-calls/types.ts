/**
 * Public and internal types of the forgiving tool-call parser.
 *
 * The public surface is `ToolDefinition` (what the caller offers), `NativeToolCall` (what an
 * OpenAI-compatible server returned in `tool_calls`), `ToolCall` (what the parser recovered) and
 * `ToolCallIssue` (why something was repaired or could not be recovered). The rest is shared by the
 * format scanners and the orchestrator.
 */
import type { IssueCode } from "./issues.ts";

/** The subset of JSON Schema that argument repair understands; other keywords are carried along. */
export interface JsonSchema {
  type?: string | readonly string[];
  properties?: Readonly<Record<string, JsonSchema>>;
  required?: readonly string[];
  items?: JsonSchema;
  enum?: readonly unknown[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  default?: unknown;
  [keyword: string]: unknown;
}

/** A tool the model may call. `aliases` maps a parameter to other names the model may use for it. */
export interface ToolDefinition {
  name: string;
  description?: string;
  parameters: JsonSchema;
  aliases?: Readonly<Record<string, readonly string[]>>;
}

/**
 * One entry of a chat-completions `message.tool_calls` array (OpenAI shape: `arguments` is a JSON
 * string, possibly broken). Ollama's shape (`arguments` as an object) and a flat `{name, arguments}`
 * are accepted too.
 */
export interface NativeToolCall {
  id?: string;
  type?: string;
  function?: { name?: string; arguments?: unknown };
  name?: string;
  arguments?: unknown;
}

/** Options of `parseToolCalls`. */
export interface ParseOptions {
  /** The tools offered to the model (names are resolved and arguments repaired against these). */
  tools: readonly ToolDefinition[];
  /** The server's native `tool_calls`, tried before the text. */
  nativeToolCalls?: readonly NativeToolCall[] | null;
}

/** The wire format a call was recovered from. */
export type FormatTag =
  | "native"
  | "hermes"
  | "qwen3-coder"
  | "xml-invoke"
  | "glm"
  | "mistral"
  | "llama"
  | "pythonic"
  | "lfm2"
  | "granite"
  | "command-r"
  | "internlm"
  | "functionary"
  | "phi4"
  | "deepseek"
  | "gemma"
  | "kimi"
  | "harmony"
  | "json"
  | "yaml";

/** A recovered tool call: a real tool name and arguments repaired against its schema. */
export interface ToolCall {
  name: string;
  arguments: Record<string, unknown>;
  /** The call id, when the model or server gave one. */
  id?: string;
  /** Where the call was found. */
  format: FormatTag;
}

/** How much an issue matters: `error` means something the model meant was not recovered. */
export type IssueSeverity = "error" | "warning" | "info";

/** A problem found, or a repair made, while recovering calls. `code` values never change meaning. */
export interface ToolCallIssue {
  code: IssueCode;
  severity: IssueSeverity;
  message: string;
  format?: FormatTag;
  /** The tool concerned (the resolved name, or the name the model used when it is unknown). */
  tool?: string;
  parameter?: string;
  /** A short piece of the model's text that the issue is about. */
  excerpt?: string;
  /** Real names close to an unknown one, best first. */
  suggestions?: string[];
}

/** What `parseToolCalls` returns. */
export interface ParseResult {
  calls: ToolCall[];
  /** The reply with recovered calls removed (the raw reply when nothing was recovered). */
  text: string;
  issues: ToolCallIssue[];
}

/** A half-open range `[start, end)` of offsets into the reply. */
export interface Span {
  start: number;
  end: number;
}

/**
 * A call found by a scanner, before its name is resolved and its arguments repaired. Exactly one of
 * `args` (an already parsed value), `argsText` (text still to parse as lenient JSON) or
 * `positional` (Python positional arguments, plus keywords in `args`) describes the arguments.
 */
export interface Candidate {
  format: FormatTag;
  name: string;
  args?: unknown;
  argsText?: string;
  positional?: readonly unknown[];
  /** Argument values are raw strings (XML-ish formats): parse them only when the schema wants a non-string. */
  rawStrings?: boolean;
  id?: string;
  span?: Span;
  /** True when a closing marker ended the arguments (so they cannot have been cut off). */
  complete?: boolean;
  /** True when the surrounding markers make this certainly a call attempt (special tokens, tags, `name`+`arguments`). */
  certain: boolean;
  /** Issue codes noted while scanning (for example an unclosed block that was closed). */
  notes?: readonly Note[];
}

/** A repair noted by a scanner, turned into an issue once the call is accepted. */
export interface Note {
  code: IssueCode;
  message: string;
}

/** A block that is certainly a call attempt but could not be read; its text is kept. */
export interface Failure {
  format: FormatTag;
  code: IssueCode;
  message: string;
  span: Span;
  excerpt?: string;
  tool?: string;
}

/** What a scanner returns: calls, failures, and wrapper spans (section tokens) to remove with the calls. */
export interface ScanResult {
  candidates: Candidate[];
  failures: Failure[];
  wrappers?: Span[];
}

/** What a scanner sees: the reply, a view of it with regions it must ignore blanked out, and the tools. */
export interface ScanInput {
  /** The reply as received; slice values from here. */
  source: string;
  /** Same length as `source`; reasoning, ordinary code and already-consumed text replaced by spaces. */
  view: string;
  /** True when `name` is a tool name, allowing case, separator and namespace differences only. */
  isTool: (name: string) => boolean;
  /** True when `name` is a tool (as for `isTool`) and one of `keys` is, or aliases to, one of its parameters. */
  fitsTool: (name: string, keys: readonly string[]) => boolean;
}

/** A format family: finds its calls in the view. */
export interface Scanner {
  format: FormatTag;
  /** Strong scanners look for special tokens or tags; weak ones for plain JSON, Python or YAML. */
  strong: boolean;
  scan(input: ScanInput): ScanResult;
}
