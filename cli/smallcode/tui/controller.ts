import { redactString } from "../../../runtime/redact.ts";
import { conversationTokens } from "../repl/conversation.ts";
import type { Face, SessionCore } from "../repl/core.ts";
import { loadHistory, saveHistory } from "../repl/history.ts";
import * as ed from "./editor.ts";
import { TuiModel } from "./model.ts";
import { ToolRows } from "./rows.ts";

/**
 * The fullscreen face's behaviour without React: the session core behind a {@link Face}, the
 * transcript model, the input editor, the pending confirmation, and what each key does. The ink
 * components subscribe to it and draw its state; tests drive it with keys.
 */

/** A key as ink reports it (the fields used here). */
export interface KeyPress {
  readonly return?: boolean;
  readonly escape?: boolean;
  readonly ctrl?: boolean;
  readonly meta?: boolean;
  readonly tab?: boolean;
  readonly backspace?: boolean;
  readonly delete?: boolean;
  readonly upArrow?: boolean;
  readonly downArrow?: boolean;
  readonly leftArrow?: boolean;
  readonly rightArrow?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
}

/** A question waiting for y or n. */
export interface Pending {
  readonly question: string;
  readonly answer: (yes: boolean) => void;
}

/** What the controller needs besides the core. */
export interface ControllerOptions {
  readonly color: boolean;
  readonly window?: number;
  /** Called when the session ends, with the exit code (0, or 130 after Ctrl-C). */
  readonly onExit: (code: number) => void;
  readonly now?: () => number;
}

/** The fullscreen session's state and actions. */
export class Controller {
  readonly core: SessionCore;
  readonly model: TuiModel;
  readonly color: boolean;
  editor: ed.Editor = ed.EMPTY;
  pending: Pending | undefined;
  /** The row cursor and which tool rows show their output. */
  readonly rows: ToolRows;
  thinking = false;
  /** Lines scrolled back from the end of the transcript. */
  scroll = 0;
  /** The row cursor moved: the next drawing scrolls to show the selected row. */
  reveal = false;
  readonly queue: string[] = [];
  #history: string[];
  #pumping = false;
  #closed = false;
  #version = 0;
  readonly #listeners = new Set<() => void>();
  readonly #o: ControllerOptions;
  readonly face: Face;

  constructor(core: SessionCore, options: ControllerOptions) {
    this.core = core;
    this.#o = options;
    this.color = options.color;
    this.model = new TuiModel(
      { model: core.model, baseUrl: core.options.baseUrl, window: options.window },
      core.diffs,
      options.now,
    );
    this.rows = new ToolRows(() => this.model.items);
    this.#history = loadHistory(core.cwd);
    this.face = {
      say: (text) => this.#changed(() => this.model.say(text)),
      write: (text) => this.#write(text),
      task: (text) => this.#task(text),
      close: () => this.quit(0),
    };
  }

  /** Output of a command run in-process (`/eval`), a piece at a time: shown a whole line at a time. */
  #written = "";
  #write(text: string): void {
    this.#written += text;
    const cut = this.#written.lastIndexOf("\n");
    if (cut < 0) return;
    const lines = this.#written.slice(0, cut);
    this.#written = this.#written.slice(cut + 1);
    this.#changed(() => this.model.say(lines));
  }

  /** Subscribes to changes (React's `useSyncExternalStore`). */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** A number that changes with every change of state. */
  readonly version = (): number => this.#version;

  #changed(change?: () => void): void {
    change?.();
    this.#version++;
    for (const l of this.#listeners) l();
  }

  /** Whether a task runs. */
  get running(): boolean {
    return this.core.running;
  }

  /** Ends the session with `code` (once). */
  quit(code: number): void {
    if (this.#closed) return;
    this.#closed = true;
    this.pending?.answer(false);
    this.#o.onExit(code);
  }

  async #task(text: string): Promise<void> {
    this.#changed(() => this.model.startTask(text, this.core.model));
    const outcome = await this.core.runTask(text, (t) => this.face.say(t), {
      onEvent: (event) => this.#changed(() => this.model.event(event)),
      confirm: (question, signal) => this.#confirm(question, signal),
    });
    this.#changed(() => {
      if (!outcome.ok) this.model.say(`error: ${outcome.message}`);
      this.model.finishTask(outcome.ok ? outcome.result : undefined);
    });
  }

  /** Sets the status line's context to the saved conversation's real size (after a task, /compact, /clear). */
  async #measure(): Promise<void> {
    const tokens = await conversationTokens(this.core.cwd, this.core.sessionId);
    if (tokens !== undefined) this.#changed(() => this.model.resetContext(tokens));
  }

  /** Asks inside the face (the exact command and why it is dangerous); only `y` agrees; a cancelled task answers no. */
  #confirm(question: string, signal: AbortSignal): Promise<boolean> {
    if (signal.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const answer = (yes: boolean) => {
        signal.removeEventListener("abort", onAbort);
        this.#changed(() => {
          this.pending = undefined;
          this.model.say(`${redactString(question)} → ${yes ? "yes" : "no"}`);
        });
        resolve(yes);
      };
      const onAbort = () => answer(false);
      signal.addEventListener("abort", onAbort, { once: true });
      this.#changed(() => {
        this.pending = { question: redactString(question), answer };
      });
    });
  }

  /** Runs submitted lines one after another (typed while a task runs, they wait their turn). */
  async #pump(): Promise<void> {
    if (this.#pumping) return;
    this.#pumping = true;
    try {
      for (let line = this.queue.shift(); line !== undefined; line = this.queue.shift()) {
        this.#changed();
        await this.core.dispatch(line, this.face);
        if (this.#written !== "") this.#write("\n");
        if (this.core.model !== undefined) this.model.status.model = this.core.model; // after /model NAME
        // after a task whose last act turn the model counted, its count stands (a measure is an estimate)
        if (line.trimStart().startsWith("/") || !this.model.status.contextExact) await this.#measure();
        this.#changed();
        if (this.#closed) return;
      }
    } finally {
      this.#pumping = false;
    }
  }

  /** Submits a line as if typed and Enter pressed. */
  submit(line: string): void {
    const text = line.trim();
    if (text === "") return;
    saveHistory(this.core.cwd, text); // several lines are kept as one entry
    this.#history.unshift(text.replace(/\n/g, "\\n"));
    this.queue.push(text);
    this.scroll = 0;
    void this.#pump();
  }

  /** Ctrl-C: cancels the running task (twice: quits), clears the input, or quits when idle. */
  interrupt(): void {
    if (this.pending) {
      this.pending.answer(false);
      return;
    }
    if (this.running) {
      if (this.core.interrupt() === "cancelling") {
        this.queue.length = 0;
        this.#changed(() => this.model.say("(cancelling — Ctrl-C again to quit)"));
      } else this.quit(130);
      return;
    }
    if (this.editor.text !== "") {
      this.#changed(() => {
        this.editor = ed.EMPTY;
      });
      return;
    }
    this.quit(130);
  }

  /** Pasted text: inserted as it is (line breaks kept), never submitted by its own line breaks. */
  paste(text: string): void {
    if (this.pending) return;
    this.#changed(() => {
      this.editor = ed.insert(this.editor, text);
    });
  }

  /** One key press (typed text may come in one piece with its Enter or Tab: `fix it\r`). */
  key(input: string, key: KeyPress): void {
    if (input.length > 1 && /[\r\t]/.test(input) && !key.ctrl && !key.meta) {
      for (const piece of input.split(/([\r\t])/)) {
        if (piece === "\r") this.key("", { return: true });
        else if (piece === "\t") this.key("", { tab: true });
        else if (piece !== "") this.key(piece, {});
      }
      return;
    }
    if (key.ctrl && input === "c") {
      this.interrupt();
      return;
    }
    if (this.pending) {
      if (/^y(es)?$/i.test(input)) this.pending.answer(true);
      else if (/^n$/i.test(input) || key.return || key.escape) this.pending.answer(false);
      return;
    }
    this.#changed(() => this.#edit(input, key));
  }

  /** Moves the row cursor (Alt-↑/Alt-↓, Ctrl-P/Ctrl-N) and brings its row into view. */
  #move(by: -1 | 1): void {
    this.rows.move(by);
    this.reveal = true;
  }

  #edit(input: string, key: KeyPress): void {
    const e = this.editor;
    if (key.ctrl) {
      if (input === "d" && e.text === "") this.quit(0);
      else if (input === "o") this.rows.toggle();
      else if (input === "p") this.#move(-1);
      else if (input === "n") this.#move(1);
      else if (input === "t") this.thinking = !this.thinking;
      else if (input === "u") this.editor = ed.EMPTY;
      else if (input === "w") this.editor = ed.deleteWord(e);
      else if (input === "a") this.editor = ed.move(e, "home");
      else if (input === "e") this.editor = ed.move(e, "end");
      else if (input === "l") this.scroll = 0;
      return;
    }
    if (key.return) {
      if (key.meta || ed.continues(e)) this.editor = ed.newline(e);
      else {
        this.editor = ed.EMPTY;
        this.submit(ed.submitted(e));
      }
      return;
    }
    if (input === "\n") this.editor = ed.newline(e);
    else if (key.tab) this.editor = ed.complete(e, this.core.cwd);
    else if (key.backspace) this.editor = ed.backspace(e);
    else if (key.delete) this.editor = ed.del(e);
    else if (key.leftArrow) this.editor = ed.move(e, -1);
    else if (key.rightArrow) this.editor = ed.move(e, 1);
    else if (key.home) this.editor = ed.move(e, "home");
    else if (key.end) this.editor = ed.move(e, "end");
    else if (key.meta && key.upArrow) this.#move(-1);
    else if (key.meta && key.downArrow) this.#move(1);
    else if (key.meta && input === "o") this.rows.toggleAll();
    else if (key.upArrow && ed.onEdgeLine(e, true)) this.editor = ed.browse(e, this.#history, true);
    else if (key.downArrow && ed.onEdgeLine(e, false)) this.editor = ed.browse(e, this.#history, false);
    else if (key.pageUp) this.scroll += 10;
    else if (key.pageDown) this.scroll = Math.max(0, this.scroll - 10);
    else if (key.escape) this.editor = { ...e, hints: [] };
    else if (input !== "" && !key.meta) this.editor = ed.insert(e, input);
  }
}
