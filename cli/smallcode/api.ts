import { resolve } from "node:path";
import { defaultRuntime, type Runtime } from "../../runtime/index.ts";
import { ensureStateDir } from "../shared/state-dir.ts";
import { connectionRuntime } from "./agent/connection.ts";
import { runAgent } from "./agent/loop.ts";
import { type AgentOutcome, sandboxOf } from "./agent/setup.ts";
import type {
  AgentEvent,
  AgentEventType,
  Guard,
  Message,
  RunResult,
  SmallCodeOptions,
} from "./contract/index.ts";
import type { GuardOptions, GuardSet } from "./guards/index.ts";
import { loadSession, newSessionId, saveSession } from "./sessions/index.ts";
import type { ShellSession } from "./toolbox/index.ts";

/**
 * `smallcode`: the programmatic API. `new SmallCode(options).run(task)` runs the same
 * classify → route → act loop the CLI runs and resolves to a `RunResult`; `.on(type, listener)`
 * streams the run's events.
 *
 * ```ts
 * const agent = new SmallCode({ cwd: "/path/to/project", baseUrl: "http://localhost:11434/v1", model: "qwen2.5-coder:7b" });
 * agent.on("tool_start", (e) => console.log(`→ ${e.name}`));
 * const result = await agent.run("fix the failing test in date.test.ts");
 * ```
 *
 * Sessions: each instance is one session, saved to `.smallcode/sessions/<id>.json` after every step.
 * A second `run` on the same instance continues that session's history with the new task;
 * `options.resume` continues a saved session; `newSession()` starts afresh.
 *
 * Runtime: each run goes to its own runtime, the instance's base runtime (`extras.runtime`, or the
 * default runtime) derived with the instance's `baseUrl`, `model`, `modelStrong` and `apiKey`
 * (settings left out come from the base runtime: its options, then the environment; never from
 * another instance). Instances with different settings run at the same time, each against its own
 * endpoint; they share the base runtime's cache, traces and budgets unless given runtimes of their
 * own (`createRuntime({ cache, traceSinks, … })`).
 */

export type { FixedPrompt } from "./context/index.ts";
export type {
  AgentEvent,
  AgentEventType,
  Guard,
  GuardContext,
  GuardVerdict,
  Message,
  ParsedReply,
  PendingCall,
  RunResult,
  SmallCodeOptions,
  StopReason,
  ToolCallRecord,
  ToolOutcomeRecord,
  UsageEvent,
} from "./contract/index.ts";

/** The event of type `T`. */
export type EventOf<T extends AgentEventType> = Extract<AgentEvent, { type: T }>;

/** Facts about the latest run besides its result. */
export interface RunInfo {
  readonly taskType: string;
  /** Tokens of the fixed prompt (system prompt, task, tool schemas) of the run's first request. */
  readonly fixedPrompt?: AgentOutcome["fixedPrompt"];
}

/** Options beyond `SmallCodeOptions`: for embedders and tests (the CLI needs none of them). */
export interface SmallCodeExtras {
  /** `false` turns every built-in guard off (the caller's `options.guards` still run). Default true. */
  readonly builtinGuards?: boolean;
  /** More options for the built-in guards (confirmation callback, allowed destructive commands, sandbox…). */
  readonly guardOptions?: Omit<GuardOptions, "yes" | "shell" | "onNotice">;
  /**
   * The runtime the instance's runs are derived from (model clients, cache, trace sinks, budgets,
   * `${VAR}` values); default the default runtime, built from the environment.
   */
  readonly runtime?: Runtime;
}

/** A coding agent over one project: `run(task)` runs one task; events stream to `on(...)` listeners. */
export class SmallCode {
  /** The options given to the constructor. */
  readonly options: SmallCodeOptions;
  readonly #extras: SmallCodeExtras;
  /** The built-in guard set, made on the first run (null: none). */
  #guardSet: GuardSet | null | undefined;
  /** Why the built-in guards could not be made; then no task runs (the safety checks are among them). */
  #guardsBroken: string | undefined;
  #shell: ShellSession | undefined;
  readonly #listeners = new Map<AgentEventType, Set<(event: AgentEvent) => void>>();
  #sessionId: string | undefined;
  #createdAt: string | undefined;
  #history: readonly Message[] = [];
  #tasks: readonly string[] = [];
  #resumed = false;
  #last: RunInfo | undefined;
  #queue: Promise<unknown> = Promise.resolve();

  constructor(options: SmallCodeOptions = {}, extras: SmallCodeExtras = {}) {
    this.options = { ...options };
    this.#extras = extras;
  }

  /** The session id of the latest (or the resumed) session; pass it as `resume` to continue later. */
  get sessionId(): string | undefined {
    return this.#sessionId ?? this.options.resume;
  }

  /** The session's history so far (one flat list; tool calls always followed by their results). */
  get history(): readonly Message[] {
    return this.#history;
  }

  /** Facts about the latest run (task type, fixed prompt size). */
  get lastRun(): RunInfo | undefined {
    return this.#last;
  }

  /**
   * Listens to events of one type; returns a function that removes the listener. A listener that
   * throws is ignored (it never breaks the run).
   */
  on<T extends AgentEventType>(type: T, listener: (event: EventOf<T>) => void): () => void {
    let set = this.#listeners.get(type);
    if (!set) {
      set = new Set();
      this.#listeners.set(type, set);
    }
    const wrapped = listener as (event: AgentEvent) => void;
    set.add(wrapped);
    return () => set.delete(wrapped);
  }

  /** Removes a listener added with `on`. */
  off<T extends AgentEventType>(type: T, listener: (event: EventOf<T>) => void): void {
    this.#listeners.get(type)?.delete(listener as (event: AgentEvent) => void);
  }

  /** Forgets the session: the next `run` starts a new one (and does not resume `options.resume`). */
  newSession(): void {
    this.#sessionId = undefined;
    this.#createdAt = undefined;
    this.#history = [];
    this.#tasks = [];
    this.#resumed = true;
  }

  #emit(event: AgentEvent): void {
    for (const listener of [this.options.onEvent, ...(this.#listeners.get(event.type) ?? [])]) {
      try {
        listener?.(event);
      } catch {
        // a listener must not break the run
      }
    }
  }

  /**
   * Runs one task to its end. Never rejects for model, tool or endpoint failures: those end the run
   * with `success: false` and a `stopReason` (`endpoint`, `budget`, `max_steps`, …). The model's final
   * answer is a claim: `success` is true only with evidence (`result.evidence`) — the definition of
   * done or the project's checks passing after the last change, and a change on disk when the task
   * asked for one; otherwise `checks_failing`, `no_changes`, `write_failed` or `unverified`. Runs on
   * one instance are queued.
   */
  run(task: string): Promise<RunResult> {
    if (typeof task !== "string" || task.trim() === "")
      throw new TypeError("SmallCode.run: the task is empty");
    const next = this.#queue.then(() => this.#run(task.trim()));
    this.#queue = next.catch(() => {});
    return next;
  }

  async #run(task: string): Promise<RunResult> {
    const options = this.options;
    const cwd = resolve(options.cwd ?? process.cwd());
    await ensureStateDir(cwd);
    if (!this.#resumed && options.resume) {
      this.#resumed = true;
      try {
        const saved = await loadSession(cwd, options.resume);
        this.#sessionId = saved.id;
        this.#createdAt = saved.createdAt;
        this.#history = saved.history;
        this.#tasks = saved.tasks;
      } catch (error) {
        return this.#failed(`cannot resume: ${(error as Error).message}`, "RESUME_FAILED");
      }
    }
    this.#resumed = true;
    this.#sessionId ??= newSessionId();
    this.#createdAt ??= new Date().toISOString();
    const builtin = await this.#builtinGuards();
    if (this.#guardsBroken !== undefined) return this.#failed(this.#guardsBroken, "GUARDS_UNAVAILABLE");
    const guards = [this.#sessionGuard(), ...(builtin?.guards ?? []), ...(options.guards ?? [])];
    const outcome = await runAgent({
      task,
      options: { ...options, cwd },
      guards,
      emit: (event) => this.#emit(event),
      sessionId: this.#sessionId!,
      history: this.#history,
      tasks: this.#tasks,
      createdAt: this.#createdAt!,
      save: saveSession,
      runtime: connectionRuntime(this.#extras.runtime ?? defaultRuntime(), options),
    });
    await builtin?.close().catch(() => {});
    this.#shell = undefined;
    this.#history = outcome.history;
    this.#tasks = [...this.#tasks, task];
    this.#last = {
      taskType: outcome.taskType,
      ...(outcome.fixedPrompt ? { fixedPrompt: outcome.fixedPrompt } : {}),
    };
    return outcome.result;
  }

  /**
   * The built-in guards (cli/smallcode/guards, `createGuards`), made once per instance with
   * `guardSwitches`; none when `extras.builtinGuards` is false. When they cannot be loaded or made,
   * nothing runs (fail closed): `#guardsBroken` says why, and every task fails with it.
   */
  async #builtinGuards(): Promise<GuardSet | undefined> {
    if (this.#guardSet !== undefined) return this.#guardSet ?? undefined;
    this.#guardSet = null;
    if (this.#extras.builtinGuards === false) return undefined;
    try {
      const module = await import("./guards/index.ts");
      const { options } = this;
      const confirm = options.confirm;
      this.#guardSet = module.createGuards(options.guardSwitches ?? {}, {
        ...(options.shell ? { sandbox: sandboxOf(options) } : {}),
        ...(options.shell?.allowDestructive ? { allowDestructive: options.shell.allowDestructive } : {}),
        ...(confirm
          ? {
              confirm: (request) =>
                confirm(`Run \`${request.command}\`? It ${request.dangers.map((d) => d.reason).join("; ")}.`),
            }
          : {}),
        ...this.#extras.guardOptions,
        ...(options.yes !== undefined ? { yes: options.yes } : {}),
        shell: () => this.#shell,
        onNotice: (source, message) => this.#emit({ type: "notice", source, message }),
      });
    } catch (error) {
      this.#guardsBroken =
        `the built-in guards could not be loaded (${(error as Error).message}), and without them (the safety ` +
        "checks and snapshots among them) nothing runs; reinstall SmallCode, or report this error";
    }
    return this.#guardSet ?? undefined;
  }

  /**
   * A guard of this instance that only takes the run's tool session, so the built-in guards run their
   * checks in the same shell (`shell: () => this.#shell` above).
   */
  #sessionGuard(): Guard {
    return {
      name: "session",
      attach: (tools) => {
        this.#shell = tools.shell;
      },
    };
  }

  /** A failed result for a run that could not start. */
  #failed(message: string, code: string): RunResult {
    const result: RunResult = {
      success: false,
      response: message,
      stopReason: "error",
      toolCalls: [],
      filesCreated: [],
      filesEdited: [],
      usage: { calls: 0, promptTokens: 0, completionTokens: 0 },
      durationMs: 0,
      evidence: { verdict: message, checks: [], changes: [], failedWrites: [] },
    };
    this.#emit({ type: "error", error: { code, message } });
    this.#emit({ type: "done", result });
    return result;
  }
}
