// The options of a run (`new SmallCode(options)`, the CLI after configuration) and the shapes of what
// they carry: external tools, the escalation endpoint. Types only.

import type { ToolSpec } from "../../../runtime/index.ts";
import type { Guard } from "./guard.ts";
import type { AgentEvent, RunResult } from "./result.ts";

/** The settings of `[escalation]`. */
export interface EscalationSettings {
  /** The stronger endpoint's OpenAI-compatible base URL (…/v1). */
  readonly baseUrl: string;
  readonly model: string;
  /** The environment variable holding that endpoint's key; its value goes to `baseUrl` only. */
  readonly apiKeyEnv?: string;
  /** Failed tool calls in a row before a step is escalated (default 3). */
  readonly afterFailures: number;
  /** Escalations per session at most (default 2). */
  readonly maxPerSession: number;
  /** Tokens of the excerpt sent at most (default 4,000). */
  readonly maxExcerptTokens: number;
  /** Prices for the cost shown, US dollars per million tokens (default 0: a local endpoint). */
  readonly inputUsdPerMtok: number;
  readonly outputUsdPerMtok: number;
}

/** `SmallCodeOptions.escalation`: the user's `[escalation]`, the endpoint's key, and pre-approval. */
export interface EscalationOption {
  readonly settings: EscalationSettings;
  /** The value of `settings.apiKeyEnv`, read from the user's environment. */
  readonly apiKey?: string;
  /** `--escalate`: escalate without asking. */
  readonly approved?: boolean;
}

/** The user's web settings (`[web]` in their own config), as the tool context carries them. */
export interface WebSettings {
  /** web_fetch runs at all (default false). */
  readonly enabled: boolean;
  /** Hosts that may resolve to loopback, private or link-local addresses. */
  readonly allowHosts: readonly string[];
}

/** Skills, knowledge notes and memory settings (`SmallCodeOptions.knowledge`). */
export interface KnowledgeSettings {
  /** `$XDG_CONFIG_HOME/smallcode`: the user's skills (`skills/`) and notes (`AGENTS.md`). */
  readonly userConfigDir?: string;
  /** `$XDG_DATA_HOME/smallcode`: the user-wide memory (`memory.db`). */
  readonly userDataDir?: string;
  /** `false` turns skills off. */
  readonly skills?: boolean;
  /** `false` turns AGENTS.md / SMALLCODE.md injection off. */
  readonly notes?: boolean;
  /** `false` turns project memory off (no `memory` tool, nothing recalled or recorded). */
  readonly memory?: boolean;
}

/** Options of `new SmallCode(options)` and of the CLI after configuration is resolved. */
export interface SmallCodeOptions {
  /** Project root; default process.cwd(). */
  readonly cwd?: string;
  /** OpenAI-compatible base URL (…/v1); default from SMALLCODE_BASE_URL. */
  readonly baseUrl?: string;
  readonly model?: string;
  readonly modelStrong?: string;
  readonly apiKey?: string;
  /** Auto-approve actions that would ask for confirmation (destructive commands are still refused unless allowed). */
  readonly yes?: boolean;
  readonly maxSteps?: number;
  readonly maxTimeMs?: number;
  /**
   * Tokens (prompt and completion) a run may use over every prompt it calls; a call whose estimate
   * would pass it is not sent and the run stops with `max_tokens`. Default: the per-session token cap
   * of the marrow policy `cognition_limits` (500,000).
   */
  readonly maxTokens?: number;
  /** The window the server really has, when detected; the smaller of this and the declared one is used. */
  readonly contextWindow?: number;
  /** Session id to resume (from .smallcode/sessions/). */
  readonly resume?: string;
  /** Extra guards, and switches for the built-in ones by name (`{ "read-before-write": false }`). */
  readonly guards?: readonly Guard[];
  readonly guardSwitches?: Readonly<Record<string, boolean>>;
  /** Shell policy from configuration (`[shell]` in smallcode.toml). */
  readonly shell?: {
    /** Run commands inside bubblewrap when it is installed (default true). */
    readonly sandbox?: boolean;
    /** Let sandboxed commands reach the network (default false). */
    readonly allowNetwork?: boolean;
    /** Destructive command patterns allowed without confirmation, even under `--yes`. */
    readonly allowDestructive?: readonly string[];
    /** More of the user's environment variables commands get, by name (`[shell] pass_env`, the user's config). */
    readonly passEnv?: readonly string[];
  };
  /** Asks the user to confirm a risky action; absent (or under `yes`) such actions follow the policy. */
  readonly confirm?: (question: string) => Promise<boolean>;
  /**
   * Show the model a repo map (cli/smallcode/repomap): the project's most relevant files and
   * signatures, ranked for the task, in the system prompt within a budget that shrinks with the window.
   */
  readonly repoMap?: boolean;
  /**
   * `web_fetch` (cli/smallcode/web): off unless `enabled`; `allowHosts` may resolve to loopback or
   * private addresses. Only the user's own config sets these (a project file is refused).
   */
  readonly web?: { readonly enabled: boolean; readonly allowHosts: readonly string[] };
  /**
   * Escalation to a stronger endpoint after repeated failures (cli/smallcode/escalation), from the
   * user's own `[escalation]`; `approved` (`--escalate`) escalates without asking `confirm`.
   */
  readonly escalation?: EscalationOption;
  /**
   * Skills, knowledge notes and project memory (cli/smallcode/knowledge, cli/smallcode/memory): the
   * user's folders (the CLI sets them from XDG; without them only the project's are read) and switches.
   */
  readonly knowledge?: KnowledgeSettings;
  /** Routing mode for tool schemas: two-stage (category picker) or all tools every turn. */
  readonly routing?: "two-stage" | "all";
  /** Called for every event (in addition to `on(...)` listeners). */
  readonly onEvent?: (event: AgentEvent) => void;
  readonly signal?: AbortSignal;
  /** Tools from outside SmallCode (MCP servers, cli/smallcode/mcp), routed as the `mcp` category. */
  readonly externalTools?: ExternalTools;
}

/** External tools for one run: what to offer, and how to run them. */
export interface ExternalToolSet {
  /** Schemas (category `mcp`), most relevant to the task first; the loop offers those that fit its first request. */
  readonly specs: readonly ToolSpec[];
  /** Every name the parser should recognise: the offered names and their aliases (bare tool names). */
  readonly names: readonly ToolSpec[];
  /** One capped line for the category picker naming the servers; empty when none is connected. */
  readonly summary: string;
  /** Things to tell the user (a server that failed to start). */
  readonly notices: readonly string[];
}

/** A source of external tools (the MCP client manager implements it). */
export interface ExternalTools {
  /** Starts the servers on first use; never rejects (failures become notices). */
  /** `signal` cancels a start in progress (the servers still starting are stopped). */
  load(task: string, signal?: AbortSignal): Promise<ExternalToolSet>;
  /** Runs a tool by its offered name or an alias; a failure is a result, never a throw. */
  call(
    name: string,
    args: Readonly<Record<string, unknown>>,
    signal?: AbortSignal,
  ): Promise<{ readonly ok: boolean; readonly output: string }>;
  /** A report for `/mcp`: each server, its state and its tools. */
  describe?(): string;
}

/** What the CLI needs of a `SmallCode` instance. */
export interface AgentInstance {
  run(task: string): Promise<RunResult>;
  /** The session the run was saved in (the interactive session resumes it for the next task). */
  readonly sessionId?: string | undefined;
}

/** Makes an agent for one set of options (tests pass a scripted one). */
export type AgentFactory = (options: SmallCodeOptions) => AgentInstance;
