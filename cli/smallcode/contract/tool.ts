import type { z } from "zod";
import type { KnowledgeSettings, WebSettings } from "./options.ts";

/**
 * The contract between the agent loop and its tools. A tool never throws on user or model error: it
 * returns `{ ok: false, output }` where `output` says what happened and how to fix it, and the loop
 * hands that text back to the model. A throw means a bug in the tool. Types only: a leaf module, so
 * guards can name the tool session without importing the tools.
 */

/** What every tool returns. `output` is the text the model reads; the rest is for the loop, UI and traces. */
export interface ToolResult {
  readonly ok: boolean;
  readonly output: string;
  /** True when `output` was shortened (windowed, capped); the text itself says how to see more. */
  readonly truncated?: boolean;
}

/** How a file changed, as reported through `ToolContext.onChange`. */
export type ChangeKind = "created" | "modified";

/** Output caps shared by all tools. Small models have small windows: every line is paid for. */
export interface ToolLimits {
  /** Most lines of command/test output kept (head + tail). */
  readonly maxOutputLines: number;
  /** Most characters of any tool output kept (head + tail). */
  readonly maxOutputChars: number;
  /** Longest single line shown before it is cut with a marker. */
  readonly maxLineChars: number;
  /** Lines `read_file` shows per call when no range (or a larger one) is asked for. */
  readonly readWindowLines: number;
  /** Characters `read_file` shows per call; the window ends early when reached. */
  readonly readWindowChars: number;
  /** Matches `search` lists before summarising the rest as a count. */
  readonly searchMaxResults: number;
  /** How long the JS `search` engine may match before it stops (a backtracking regex can hang), ms. */
  readonly searchTimeoutMs: number;
  /** Paths `find_files` lists before summarising the rest as a count. */
  readonly findMaxResults: number;
  /** Default and maximum `bash` timeouts, seconds. */
  readonly bashTimeoutS: number;
  readonly bashMaxTimeoutS: number;
  /** Timeout for `run_tests`, seconds. */
  readonly testTimeoutS: number;
}

/** One finished command in the session shell. */
export interface ShellRun {
  /** stdout and stderr interleaved, as the terminal would show them (possibly elided in the middle). */
  readonly output: string;
  /** Exit status; null when the command was killed (timeout, interrupt). */
  readonly exitCode: number | null;
  readonly timedOut: boolean;
  /** The signal passed to `run` was aborted. */
  readonly interrupted: boolean;
  /** The shell died (timeout, `exit`) and a new one was started with the last cwd and exported variables. */
  readonly restarted: boolean;
  /** The shell's working directory after the command (absolute). */
  readonly cwd: string;
  /** Bytes dropped from the middle of very large outputs before they reached `output`. */
  readonly droppedBytes: number;
  readonly durationMs: number;
}

/** Options for one shell command. */
export interface ShellRunOptions {
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

/** The session's persistent shell: one long-lived process, so cwd and env survive between calls. */
export interface ShellSession {
  /** Runs one command; calls are queued, never interleaved. Never rejects on command failure. */
  run(command: string, options: ShellRunOptions): Promise<ShellRun>;
  /** Current working directory of the shell (absolute). */
  readonly cwd: string;
  /** Ends the shell and everything it started. */
  close(): Promise<void>;
  /** Whether commands run sandboxed, and a line saying so for the session. */
  readonly sandbox?: { readonly active: boolean; readonly message: string };
}

/** What a tool may use. One context per agent session. */
export interface ToolContext {
  /** The project root (absolute). File tools resolve relative paths against it and refuse to leave it. */
  readonly cwd: string;
  /** Aborts the running tool (user interrupt). */
  readonly signal?: AbortSignal;
  readonly shell: ShellSession;
  readonly limits: ToolLimits;
  /** Called after a tool changes a file; `path` is relative to the project root, with `/` separators. */
  readonly onChange?: (path: string, kind: ChangeKind) => void;
  /** Which engine `search` uses: ripgrep when installed (`auto`, the default), or always one of them. */
  readonly searchEngine?: "auto" | "rg" | "js";
  /** The user's `[web]` settings; web_fetch is off without them. */
  readonly web?: WebSettings;
  /** Skills and memory: the user's folders and switches (the `skill` and `memory` tools read them). */
  readonly knowledge?: KnowledgeSettings;
}

/** A tool: a declared name, an argument schema, and `run`. `A` is the validated argument object. */
export interface Tool<A = unknown, R extends ToolResult = ToolResult> {
  /** The name declared in `marrow/tools.marrow`. */
  readonly name: string;
  /** Validates (and lightly coerces) the arguments before `run`. */
  readonly params: z.ZodType<A>;
  run(args: A, ctx: ToolContext): Promise<R>;
}
