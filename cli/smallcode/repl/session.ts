import { createInterface, type Interface } from "node:readline";
import { didYouMean } from "../../../compiler/diagnostics/suggest.ts";
import { redactString } from "../../../runtime/redact.ts";
import type { AgentEvent, RunResult, SmallCodeOptions } from "../agent/contract.ts";
import type { AgentFactory } from "../commands/agent.ts";
import type { Writer } from "../io.ts";
import { mcpReport } from "../mcp/report.ts";
import { parseInput, replHelp } from "./commands.ts";
import { createRenderer, summarize } from "./render.ts";
import { resumeProblem } from "./resume.ts";

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

  constructor(options: ReplOptions) {
    this.#o = options;
    this.#model = options.options.model;
    this.#resume = options.options.resume;
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

  async #task(text: string): Promise<void> {
    const controller = new AbortController();
    this.#running = controller;
    const render = createRenderer((t) => this.#o.output.write(t), { color: this.#o.color });
    let sawDone = false;
    const onEvent = (event: AgentEvent) => {
      if (event.type === "done") sawDone = true;
      render(event);
    };
    const options: SmallCodeOptions = {
      ...this.#o.options,
      ...(this.#model !== undefined ? { model: this.#model } : {}),
      ...(this.#resume !== undefined ? { resume: this.#resume } : {}),
      signal: controller.signal,
      onEvent,
    };
    try {
      const agent = this.#o.factory(options);
      const result: RunResult = await agent.run(text);
      render.flush();
      if (!sawDone) this.#o.output.write(summarize(result, this.#o.color));
      if (agent.sessionId !== undefined) this.#resume = agent.sessionId;
    } catch (error) {
      render.flush();
      this.#say(`error: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.#running = undefined;
    }
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
          this.#say(`model: ${this.#model ?? "(none)"}`);
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

  /** Reads lines until `/exit`, end of input or Ctrl-C; resolves to the exit code (0, or 130 after Ctrl-C). */
  async run(): Promise<number> {
    const terminal = this.#o.input.isTTY === true && this.#o.output.isTTY === true;
    const rl = createInterface({
      input: this.#o.input,
      ...(terminal
        ? { output: this.#o.output as NodeJS.WritableStream, terminal: true }
        : { terminal: false }),
      prompt: "› ",
    });
    this.#rl = rl;
    rl.on("SIGINT", () => this.interrupt());
    const onSigint = () => this.interrupt();
    if (!terminal) process.on("SIGINT", onSigint);
    const prompt = () => {
      if (terminal && !this.#closed) rl.prompt();
    };
    if (terminal) this.#say("smallcode — type a task, /help for commands, Ctrl-D to quit");
    prompt();
    try {
      // Lines typed while a task runs wait in the iterator; the input stays live so Ctrl-C reaches us.
      for await (const line of rl) {
        await this.#command(line);
        if (this.#closed) break;
        prompt();
      }
    } finally {
      if (!terminal) process.off("SIGINT", onSigint);
      this.close();
    }
    return this.#exitCode;
  }
}
