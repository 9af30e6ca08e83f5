import { createInterface, type Interface } from "node:readline";
import { redactString } from "../../../runtime/redact.ts";
import type { AgentEvent } from "../contract/index.ts";
import type { Writer } from "../io.ts";
import { completeAttach } from "./attach.ts";
import { completeSlash } from "./commands.ts";
import { type CoreOptions, type Face, SessionCore } from "./core.ts";
import { loadHistory, saveHistory } from "./history.ts";
import { createRenderer, summarize } from "./render.ts";
import { Spinner } from "./spinner.ts";

/**
 * The interactive session: a readline prompt where each line is a task run through the same agent
 * as `smallcode run`, with streamed tokens and tool lines, plus slash commands (`/help`, `/exit`,
 * `/undo`, `/resume ID`, `/model NAME`). Ctrl-C cancels the running task (its AbortSignal); a Ctrl-C
 * when no task runs, or a second one while cancelling, ends the session.
 */

/** What the classic session needs. */
export interface ReplOptions extends CoreOptions {
  readonly input: NodeJS.ReadableStream & { readonly isTTY?: boolean };
  readonly output: Writer;
}

export { snapshotUndo } from "./core.ts";

/** An interactive session; {@link Repl.run} resolves to the exit code when the session ends. */
export class Repl {
  readonly #o: ReplOptions;
  readonly #core: SessionCore;
  readonly #face: Face;
  #rl: Interface | undefined;
  #exitCode = 0;
  #closed = false;
  #terminal = false;
  readonly #spinner: Spinner;
  /** Lines of a multi-line task (`"""` … `"""`, or a bracketed paste), while one is being read. */
  #block: string[] | undefined;
  /** Whether the terminal is inside a bracketed paste, for each line read (in order). */
  readonly #pasted: boolean[] = [];
  #pasting = false;

  constructor(options: ReplOptions) {
    this.#o = options;
    this.#core = new SessionCore(options);
    this.#spinner = new Spinner((t) => this.#o.output.write(t), options.color);
    this.#face = {
      say: (text) => this.#say(text),
      write: (text) => this.#o.output.write(text),
      task: (text) => this.#task(text),
      close: () => this.close(),
    };
  }

  #say(text: string): void {
    const clean = redactString(text); // an error message may quote a server reply or a file
    this.#o.output.write(clean.endsWith("\n") ? clean : `${clean}\n`);
  }

  /** Ctrl-C: cancels the running task, or ends the session when none runs (or it is already cancelling). */
  interrupt(): void {
    if (this.#core.interrupt() === "cancelling") {
      this.#say("\n(cancelling — Ctrl-C again to quit)");
      return;
    }
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
    const spinner = this.#spinner;
    const render = createRenderer(
      (t) => {
        spinner.stop();
        this.#o.output.write(t);
      },
      { color: this.#o.color, diffs: this.#core.diffs },
    );
    let model = this.#core.model;
    let step: number | undefined;
    const onEvent = (event: AgentEvent) => {
      if (event.type === "classified") model = event.model;
      if (event.type === "step") step = event.step;
      render(event);
      // something moves while the model thinks: after each turn starts and after each tool
      if (this.#terminal && (event.type === "step" || event.type === "tool_end"))
        spinner.start(`waiting for ${model ?? "the model"}`, step);
    };
    const confirm = this.#terminal && this.#rl ? (q: string, s: AbortSignal) => this.#ask(q, s) : undefined;
    const outcome = await this.#core.runTask(typed, (t) => this.#say(t), {
      onEvent,
      ...(confirm ? { confirm } : {}),
    });
    spinner.stop();
    render.flush();
    if (!outcome.ok) this.#say(`error: ${outcome.message}`);
    else if (!outcome.sawDone) this.#o.output.write(summarize(outcome.result, this.#o.color));
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
    await this.#core.dispatch(line, this.#face);
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
              line.startsWith("/") ? completeSlash(line) : completeAttach(this.#core.cwd, line),
            history: loadHistory(this.#core.cwd),
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
          saveHistory(this.#core.cwd, line);
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
