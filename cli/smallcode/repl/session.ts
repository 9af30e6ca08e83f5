import { join } from "node:path";
import { createInterface, type Interface } from "node:readline";
import { didYouMean } from "../../../compiler/diagnostics/suggest.ts";
import { redactString } from "../../../runtime/redact.ts";
import type { AgentEvent, RunResult, SmallCodeOptions } from "../agent/contract.ts";
import type { AgentFactory } from "../commands/agent.ts";
import type { Writer } from "../io.ts";
import { mcpReport } from "../mcp/report.ts";
import { attachFiles, completeAttach } from "./attach.ts";
import { completeSlash, parseInput, replHelp } from "./commands.ts";
import { DiffTracker } from "./diff-view.ts";
import { loadHistory, saveHistory } from "./history.ts";
import { SessionLedger } from "./ledger.ts";
import { createRenderer, summarize } from "./render.ts";
import { resumeProblem } from "./resume.ts";
import { type CommandContext, findCommand } from "./slash/index.ts";
import { Spinner } from "./spinner.ts";

/**
 * The interactive session: a readline prompt where each line is a task run through the same agent
 * as `smallcode run`, with streamed tokens and tool lines, plus slash commands (`/help`, `/exit`,
 * `/undo`, `/resume ID`, `/model NAME`). Ctrl-C cancels the running task (its AbortSignal); a Ctrl-C
 * when no task runs, or a second one while cancelling, ends the session.
 */

/** What the session needs. */
export interface ReplOptions {
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output: Writer;
  /** The agent options from the configuration (without signal and onEvent). */
  readonly options: SmallCodeOptions;
  readonly factory: AgentFactory;
  readonly color: boolean;
  /** Model names the server lists, to check `/model NAME`. */
  readonly listed?: readonly string[];
  /** The environment commands run by `/eval` see; default `process.env`. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Where the runtime writes traces (`/trace`); default `.smallcode/traces` in the project. */
  readonly traceDir?: string;
  /** Undoes the last task's changes and says what it did (undefined: not available); default {@link snapshotUndo}. */
  readonly undo?: (cwd: string) => Promise<string | undefined>;
}

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

/** An interactive session; {@link Repl.run} resolves to the exit code when the session ends. */
export class Repl {
  readonly #o: ReplOptions;
  #model: string | undefined;
  #resume: string | undefined;
  #running: AbortController | undefined;
  #rl: Interface | undefined;
  #exitCode = 0;
  #closed = false;
  #terminal = false;
  readonly #diffs: DiffTracker;
  readonly #ledger = new SessionLedger();
  readonly #startedAt = new Date();
  readonly #spinner: Spinner;
  /** Lines of a multi-line task (`"""` … `"""`, or a bracketed paste), while one is being read. */
  #block: string[] | undefined;
  /** Whether the terminal is inside a bracketed paste, for each line read (in order). */
  readonly #pasted: boolean[] = [];
  #pasting = false;

  constructor(options: ReplOptions) {
    this.#o = options;
    this.#model = options.options.model;
    this.#resume = options.options.resume;
    this.#diffs = new DiffTracker(this.#cwd);
    this.#spinner = new Spinner((t) => this.#o.output.write(t), options.color);
  }

  get #cwd(): string {
    return this.#o.options.cwd ?? process.cwd();
  }

  #say(text: string): void {
    const clean = redactString(text); // an error message may quote a server reply or a file
    this.#o.output.write(clean.endsWith("\n") ? clean : `${clean}\n`);
  }

  /** Ctrl-C: cancels the running task, or ends the session when none runs (or it is already cancelling). */
  interrupt(): void {
    const running = this.#running;
    if (running && !running.signal.aborted) {
      running.abort(new Error("cancelled by Ctrl-C"));
      this.#say("\n(cancelling — Ctrl-C again to quit)");
      return;
    }
    running?.abort(new Error("cancelled by Ctrl-C"));
    this.#exitCode = 130;
    this.close();
  }

  /** Ends the session after the running task (if any) settles. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#rl?.close();
  }

  async #task(typed: string): Promise<void> {
    const { text, notes } = attachFiles(this.#cwd, typed);
    for (const note of notes) this.#say(note);
    const controller = new AbortController();
    this.#running = controller;
    const spinner = this.#spinner;
    const render = createRenderer(
      (t) => {
        spinner.stop();
        this.#o.output.write(t);
      },
      { color: this.#o.color, diffs: this.#diffs },
    );
    let sawDone = false;
    let model = this.#model;
    let step: number | undefined;
    const onEvent = (event: AgentEvent) => {
      if (event.type === "done") sawDone = true;
      if (event.type === "classified") model = event.model;
      if (event.type === "step") step = event.step;
      this.#ledger.observe(event);
      render(event);
      // something moves while the model thinks: after each turn starts and after each tool
      if (this.#terminal && (event.type === "step" || event.type === "tool_end"))
        spinner.start(`waiting for ${model ?? "the model"}`, step);
    };
    const options: SmallCodeOptions = {
      ...this.#o.options,
      ...(this.#model !== undefined ? { model: this.#model } : {}),
      ...(this.#resume !== undefined ? { resume: this.#resume } : {}),
      ...(this.#terminal && this.#rl ? { confirm: (q: string) => this.#ask(q, controller.signal) } : {}),
      signal: controller.signal,
      onEvent,
    };
    try {
      const agent = this.#o.factory(options);
      const result: RunResult = await agent.run(text);
      spinner.stop();
      render.flush();
      if (!sawDone) this.#o.output.write(summarize(result, this.#o.color));
      this.#ledger.finish(typed, model, result);
      if (agent.sessionId !== undefined) this.#resume = agent.sessionId;
    } catch (error) {
      spinner.stop();
      render.flush();
      this.#say(`error: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#running = undefined;
    }
  }

  /**
   * Asks the user to confirm a risky action (a destructive command, an escalation): the question
   * names the exact command and why it is dangerous; only `y` or `yes` agrees. A cancelled task
   * answers no.
   */
  #ask(question: string, signal: AbortSignal): Promise<boolean> {
    const rl = this.#rl;
    if (!rl || signal.aborted) return Promise.resolve(false);
    this.#spinner.stop();
    const q = this.#o.color ? `\u001b[33m${redactString(question)}\u001b[39m` : redactString(question);
    return new Promise((resolve) => {
      const onAbort = () => resolve(false);
      signal.addEventListener("abort", onAbort, { once: true });
      rl.question(`\n${q} [y/N] `, { signal }, (answer) => {
        signal.removeEventListener("abort", onAbort);
        resolve(/^\s*y(es)?\s*$/i.test(answer));
      });
    });
  }

  /** What the table's slash commands work on. */
  #context(): CommandContext {
    return {
      say: (text) => this.#say(text),
      cwd: this.#cwd,
      color: this.#o.color,
      diffs: this.#diffs,
      ledger: this.#ledger,
      model: this.#model,
      maxTokens: this.#o.options.maxTokens,
      startedAt: this.#startedAt,
      traceDir: this.#o.traceDir ?? join(this.#cwd, ".smallcode", "traces"),
      cli: async (argv) => {
        const { main } = await import("../main.ts");
        const base = this.#o.options.baseUrl;
        const out = { write: (t: string) => this.#o.output.write(redactString(t)) };
        return main([...argv, "--cwd", this.#cwd, ...(base ? ["--base-url", base] : [])], {
          cwd: this.#cwd,
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

  async #command(line: string): Promise<void> {
    const input = parseInput(line);
    switch (input.kind) {
      case "empty":
        return;
      case "task":
        return this.#task(input.text);
      case "help":
        this.#say(replHelp());
        return;
      case "exit":
        this.close();
        return;
      case "invalid":
        this.#say(input.message);
        return;
      case "resume": {
        const problem = await resumeProblem(this.#o.options.cwd ?? process.cwd(), input.id);
        if (problem !== undefined) {
          this.#say(`error: ${problem}`);
          return;
        }
        this.#resume = input.id;
        this.#say(`the next task continues session ${input.id}`);
        return;
      }
      case "model": {
        if (input.name === undefined) {
          const listed = this.#o.listed ?? [];
          this.#say(
            `model: ${this.#model ?? "(none)"}${listed.length > 0 ? `\nthe server has: ${listed.join(", ")} (switch with /model NAME)` : ""}`,
          );
          return;
        }
        const listed = this.#o.listed;
        if (
          listed &&
          listed.length > 0 &&
          !listed.includes(input.name) &&
          !listed.includes(`${input.name}:latest`)
        ) {
          const [best] = didYouMean(input.name, listed, 1);
          this.#say(
            `model \`${input.name}\` is not on the server${best ? ` (did you mean \`${best}\`?)` : ""}; it has: ${listed.join(", ")}`,
          );
          return;
        }
        this.#model = input.name;
        this.#say(`model: ${input.name}`);
        return;
      }
      case "command": {
        await findCommand(input.name)?.run(this.#context(), input.arg);
        return;
      }
      case "mcp":
        this.#say(this.#o.options.externalTools?.describe?.() ?? mcpReport([]));
        return;
      case "undo": {
        const cwd = this.#o.options.cwd ?? process.cwd();
        const said = await (this.#o.undo ?? snapshotUndo)(cwd).catch(
          (e: unknown) => `undo failed: ${(e as Error).message}`,
        );
        this.#say(said ?? "undo is not available in this build");
        return;
      }
    }
  }

  /**
   * One line read: a multi-line block (`"""` … `"""`) or a bracketed paste gathers lines into one
   * task; anything else is a task or a command. Returns whether a line ended a block or stood alone.
   */
  async #line(line: string, pasted: boolean): Promise<void> {
    if (this.#block !== undefined) {
      if (pasted) {
        this.#block.push(line);
        return;
      }
      const explicit = this.#block[0] === '"""';
      if (explicit && line.trim() !== '"""') {
        this.#block.push(line);
        return;
      }
      const lines = explicit ? this.#block.slice(1) : [...this.#block, line];
      this.#block = undefined;
      const text = lines.join("\n").trim();
      if (text !== "") await this.#task(text);
      return;
    }
    if (pasted) {
      this.#block = [line];
      return;
    }
    if (line.trim() === '"""') {
      this.#block = ['"""'];
      return;
    }
    await this.#command(line);
  }

  /** Reads lines until `/exit`, end of input or Ctrl-C; resolves to the exit code (0, or 130 after Ctrl-C). */
  async run(): Promise<number> {
    const terminal = this.#o.input.isTTY === true && this.#o.output.isTTY === true;
    this.#terminal = terminal;
    const rl = createInterface({
      input: this.#o.input,
      ...(terminal
        ? {
            output: this.#o.output as NodeJS.WritableStream,
            terminal: true,
            completer: (line: string) =>
              line.startsWith("/") ? completeSlash(line) : completeAttach(this.#cwd, line),
            history: loadHistory(this.#cwd),
            historySize: 500,
          }
        : { terminal: false }),
      prompt: "› ",
    });
    this.#rl = rl;
    rl.on("SIGINT", () => this.interrupt());
    const onSigint = () => this.interrupt();
    if (!terminal) process.on("SIGINT", onSigint);
    // bracketed paste: the terminal marks pasted text, so a pasted block stays one task
    const onKey = (_: string, key: { name?: string } | undefined) => {
      if (key?.name === "paste-start") this.#pasting = true;
      if (key?.name === "paste-end") this.#pasting = false;
    };
    const onLine = () => this.#pasted.push(this.#pasting);
    rl.on("line", onLine);
    // the terminal gets its modes back however the session ends: exit, crash, kill, hang-up; and
    // bracketed paste is turned on again when the session comes back from Ctrl-Z
    const restore = () => this.#o.output.write("\u001b[?2004l");
    const onKill = (signal: NodeJS.Signals) => {
      restore();
      process.exit(signal === "SIGHUP" ? 129 : 143);
    };
    const onCont = () => this.#o.output.write("\u001b[?2004h");
    if (terminal) {
      this.#o.input.on("keypress", onKey);
      this.#o.output.write("\u001b[?2004h");
      process.once("exit", restore);
      process.once("SIGTERM", onKill);
      process.once("SIGHUP", onKill);
      rl.on("SIGCONT", onCont);
    }
    const prompt = () => {
      if (!terminal || this.#closed) return;
      rl.setPrompt(this.#block !== undefined ? "… " : "› ");
      rl.prompt();
    };
    if (terminal) this.#say("smallcode — type a task, /help for commands, Ctrl-D to quit");
    prompt();
    try {
      // Lines typed while a task runs wait in the iterator; the input stays live so Ctrl-C reaches us.
      for await (const line of rl) {
        const pasted = this.#pasted.shift() ?? false;
        if (terminal && !pasted && this.#block === undefined && !["", '"""'].includes(line.trim()))
          saveHistory(this.#cwd, line);
        await this.#line(line, pasted);
        if (this.#closed) break;
        prompt();
      }
    } finally {
      if (!terminal) process.off("SIGINT", onSigint);
      if (terminal) {
        this.#o.input.off("keypress", onKey);
        process.off("exit", restore);
        process.off("SIGTERM", onKill);
        process.off("SIGHUP", onKill);
        restore();
      }
      this.#spinner.stop();
      this.close();
    }
    return this.#exitCode;
  }
}
