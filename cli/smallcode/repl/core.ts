import { join } from "node:path";
import { redactString } from "../../../runtime/redact.ts";
import { didYouMean } from "../../shared/suggest.ts";
import type { AgentEvent, AgentFactory, RunResult, SmallCodeOptions } from "../contract/index.ts";
import { mcpReport } from "../mcp/report.ts";
import { attachFiles } from "./attach.ts";
import { parseInput, replHelp } from "./commands.ts";
import { DiffTracker } from "./diff-view.ts";
import { SessionLedger } from "./ledger.ts";
import { resumeProblem } from "./resume.ts";
import { type CommandContext, findCommand } from "./slash/index.ts";

/**
 * The interactive session without its face: the model and session it continues, the diffs and the
 * ledger of finished tasks, the running task's cancel switch, and the slash commands (one table).
 * The classic line-by-line face (`session.ts`) and the fullscreen face (`../tui/`) both drive it,
 * so a command behaves the same in both.
 */

/** What the session needs, whatever its face. */
export interface CoreOptions {
  /** The agent options from the configuration (without signal and onEvent). */
  readonly options: SmallCodeOptions;
  readonly factory: AgentFactory;
  readonly color: boolean;
  /** Model names the server lists, to check `/model NAME`. */
  readonly listed?: readonly string[];
  /** The user's model cache, when the model runs in process: `/model` lists and switches to its files. */
  readonly local?: LocalModels;
  /** The environment commands run by `/eval` see; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the runtime writes traces (`/trace`); default `.smallcode/traces` in the project. */
  readonly traceDir?: string;
  /** Undoes the last task's changes and says what it did (undefined: not available); default {@link snapshotUndo}. */
  readonly undo?: (cwd: string) => Promise<string | undefined>;
}

/** The models of the user's cache an in-process session can switch to (`commands/local-models.ts`). */
export interface LocalModels {
  /** The cache folder. */
  readonly dir: string;
  /** The model running now. */
  readonly current: string;
  /** Model names in the cache (file names without `.gguf`), sorted. */
  list(): string[];
  /** Runs `name` from the cache in place of the current model; its name and window. @throws when it cannot be loaded (the current model stays) */
  use(name: string): Promise<{ readonly name: string; readonly window?: number }>;
}

/** How a face shows the session. */
export interface Face {
  /** Prints a block of text (already redacted). */
  say(text: string): void;
  /** Raw output of a command run in-process (`/eval`), redacted. */
  write(text: string): void;
  /** Runs one task and shows it (the face calls {@link SessionCore.runTask}). */
  task(text: string): Promise<void>;
  /** Ends the session. */
  close(): void;
}

/** How one task is watched: its events, and the confirmation of risky actions (absent: nobody can confirm). */
export interface TaskHooks {
  onEvent(event: AgentEvent): void;
  confirm?: (question: string, signal: AbortSignal) => Promise<boolean>;
}

/** A finished task: its result, or the error that ended it; `sawDone` when a `done` event came. */
export type TaskOutcome =
  | { readonly ok: true; readonly result: RunResult; readonly sawDone: boolean }
  | { readonly ok: false; readonly message: string };

/**
 * `/undo` through the snapshots module (`undoLastTask`): its one-line message, then the files put
 * back, deleted and left alone.
 */
export async function snapshotUndo(cwd: string): Promise<string | undefined> {
  const { undoLastTask } = await import("../snapshots/index.ts");
  const r = await undoLastTask(cwd);
  const lines = [r.message];
  if (r.restored.length > 0) lines.push(`  restored: ${r.restored.join(", ")}`);
  if (r.deleted.length > 0) lines.push(`  deleted: ${r.deleted.join(", ")}`);
  for (const path of r.skipped)
    lines.push(`  left alone: ${path}${r.reasons[path] ? ` (${r.reasons[path]})` : ""}`);
  return lines.join("\n");
}

/** The session state and its commands. */
export class SessionCore {
  readonly #o: CoreOptions;
  #model: string | undefined;
  /** What a model loaded with `/model` from the cache replaces: the strong tier and the window. */
  #switched: { modelStrong?: string; contextWindow?: number } = {};
  #resume: string | undefined;
  #running: AbortController | undefined;
  readonly diffs: DiffTracker;
  readonly ledger = new SessionLedger();
  readonly startedAt = new Date();

  constructor(options: CoreOptions) {
    this.#o = options;
    this.#model = options.options.model;
    this.#resume = options.options.resume;
    this.diffs = new DiffTracker(() => this.cwd);
  }

  /** The project directory. */
  get cwd(): string {
    return this.#o.options.cwd ?? process.cwd();
  }

  /** The model the next task uses. */
  get model(): string | undefined {
    return this.#model;
  }

  /** The saved session the next task continues, if any. */
  get sessionId(): string | undefined {
    return this.#resume;
  }

  /** The agent options of the session (endpoint, limits) as configured. */
  get options(): SmallCodeOptions {
    return this.#o.options;
  }

  /** Whether a task runs now. */
  get running(): boolean {
    return this.#running !== undefined;
  }

  /**
   * Ctrl-C: cancels the running task and returns `"cancelling"`; returns `"quit"` when no task runs
   * or it is already being cancelled (the face ends the session).
   */
  interrupt(): "cancelling" | "quit" {
    const running = this.#running;
    if (running && !running.signal.aborted) {
      running.abort(new Error("cancelled by Ctrl-C"));
      return "cancelling";
    }
    running?.abort(new Error("cancelled by Ctrl-C"));
    return "quit";
  }

  /** Runs one typed task (its `@path` files attached) through a new agent; never rejects. */
  async runTask(typed: string, say: (text: string) => void, hooks: TaskHooks): Promise<TaskOutcome> {
    const { text, notes } = attachFiles(this.cwd, typed);
    for (const note of notes) say(note);
    const controller = new AbortController();
    this.#running = controller;
    let sawDone = false;
    let model = this.#model;
    const onEvent = (event: AgentEvent) => {
      if (event.type === "done") sawDone = true;
      if (event.type === "classified") model = event.model;
      this.ledger.observe(event);
      hooks.onEvent(event);
    };
    const confirm = hooks.confirm;
    const options: SmallCodeOptions = {
      ...this.#o.options,
      ...(this.#model !== undefined ? { model: this.#model } : {}),
      ...this.#switched,
      ...(this.#resume !== undefined ? { resume: this.#resume } : {}),
      ...(confirm ? { confirm: (q: string) => confirm(q, controller.signal) } : {}),
      signal: controller.signal,
      onEvent,
    };
    try {
      const agent = this.#o.factory(options);
      const result: RunResult = await agent.run(text);
      this.ledger.finish(typed, model, result);
      if (agent.sessionId !== undefined) this.#resume = agent.sessionId;
      return { ok: true, result, sawDone };
    } catch (error) {
      return { ok: false, message: error instanceof Error ? error.message : String(error) };
    } finally {
      this.#running = undefined;
    }
  }

  /** What the table's slash commands work on, shown through `face`. */
  context(face: Face): CommandContext {
    return {
      say: (text) => face.say(redactString(text)),
      cwd: this.cwd,
      color: this.#o.color,
      diffs: this.diffs,
      ledger: this.ledger,
      model: this.#model,
      maxTokens: this.#o.options.maxTokens,
      startedAt: this.startedAt,
      traceDir: this.#o.traceDir ?? join(this.cwd, ".smallcode", "traces"),
      sessionId: this.#resume,
      agentOptions: {
        ...this.#o.options,
        ...(this.#model !== undefined ? { model: this.#model } : {}),
      },
      cli: async (argv) => {
        const { main } = await import("../main.ts");
        const base = this.#o.options.baseUrl;
        const out = { write: (t: string) => face.write(redactString(t)) };
        return main([...argv, "--cwd", this.cwd, ...(base ? ["--base-url", base] : [])], {
          cwd: this.cwd,
          env: this.#o.env ?? process.env,
          stdout: out,
          stderr: out,
        });
      },
      clear: () => {
        this.#resume = undefined;
      },
    };
  }

  /** One input line: a task (run by the face) or a slash command. */
  async dispatch(line: string, face: Face): Promise<void> {
    const say = (text: string) => face.say(redactString(text));
    const input = parseInput(line);
    switch (input.kind) {
      case "empty":
        return;
      case "task":
        return face.task(input.text);
      case "help":
        say(replHelp());
        return;
      case "exit":
        face.close();
        return;
      case "invalid":
        say(input.message);
        return;
      case "resume": {
        const problem = await resumeProblem(this.cwd, input.id);
        if (problem !== undefined) {
          say(`error: ${problem}`);
          return;
        }
        this.#resume = input.id;
        say(`the next task continues session ${input.id}`);
        return;
      }
      case "model":
        say(
          this.#o.local ? await this.#switchLocal(this.#o.local, input.name) : this.#switchModel(input.name),
        );
        return;
      case "command":
        await findCommand(input.name)?.run(this.context(face), input.arg);
        return;
      case "mcp":
        say(this.#o.options.externalTools?.describe?.() ?? mcpReport([]));
        return;
      case "undo": {
        const said = await (this.#o.undo ?? snapshotUndo)(this.cwd).catch(
          (e: unknown) => `undo failed: ${(e as Error).message}`,
        );
        say(said ?? "undo is not available in this build");
        return;
      }
    }
  }

  /** `/model [NAME]`: lists what the server has, or switches when the server has `name`. */
  #switchModel(name: string | undefined): string {
    const listed = this.#o.listed ?? [];
    if (name === undefined)
      return `model: ${this.#model ?? "(none)"}${listed.length > 0 ? `\nthe server has: ${listed.join(", ")} (switch with /model NAME)` : ""}`;
    if (listed.length > 0 && !listed.includes(name) && !listed.includes(`${name}:latest`)) {
      const [best] = didYouMean(name, listed, 1);
      return `model \`${name}\` is not on the server${best ? ` (did you mean \`${best}\`?)` : ""}; it has: ${listed.join(", ")}`;
    }
    this.#model = name;
    return `model: ${name}`;
  }

  /** `/model [NAME]` with no server: lists the model cache, or loads `name` from it in place of the running model. */
  async #switchLocal(local: LocalModels, name: string | undefined): Promise<string> {
    const cached = local.list();
    if (name === undefined) {
      const has =
        cached.length > 0
          ? `the model cache ${local.dir} has: ${cached.join(", ")} (switch with /model NAME)`
          : `the model cache ${local.dir} has no models (\`smallcode models pull\` downloads the default one)`;
      return `model: ${local.current} (in process)\n${has}`;
    }
    if (!cached.includes(name)) {
      const [best] = didYouMean(name, cached, 1);
      return `model \`${name}\` is not in the model cache ${local.dir}${best ? ` (did you mean \`${best}\`?)` : ""}${cached.length > 0 ? `; it has: ${cached.join(", ")}` : ""}`;
    }
    if (name === local.current) return `model: ${name} (already running)`;
    if (this.running) return "a task is running: switch the model when it has finished";
    try {
      const next = await local.use(name);
      this.#model = next.name;
      // one file serves both tiers in process, as at the start of the session
      this.#switched = {
        modelStrong: next.name,
        ...(next.window !== undefined ? { contextWindow: next.window } : {}),
      };
      return `model: ${next.name} (in process, from the model cache)`;
    } catch (error) {
      return `error: ${name} could not be loaded, ${local.current} stays: ${error instanceof Error ? error.message : String(error)}`;
    }
  }
}
