import { formatMs } from "./render.ts";

/**
 * A one-line spinner for the wait on the model: the frame, what is awaited, the elapsed time and
 * the step. It redraws itself in place (`\r`, clear line) and is erased before anything else is
 * written, so it never mixes with the output. Only for terminals.
 */

/** The frames of a spinner, one per tick. */
export const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/** One frame of the spinner line, without control codes. Pure. */
export function spinnerLine(tick: number, elapsedMs: number, what: string, step?: number): string {
  const frame = FRAMES[tick % FRAMES.length];
  return `${frame} ${what} · ${formatMs(elapsedMs)}${step !== undefined ? ` · step ${step}` : ""} · Ctrl-C cancels`;
}

/** A spinner writing to a terminal. */
export class Spinner {
  readonly #write: (text: string) => void;
  readonly #color: boolean;
  #timer: NodeJS.Timeout | undefined;
  #tick = 0;
  #since = 0;
  #what = "";
  #step: number | undefined;

  constructor(write: (text: string) => void, color: boolean) {
    this.#write = write;
    this.#color = color;
  }

  /** Starts (or restarts) the spinner for `what` (`waiting for qwen2.5-coder`). */
  start(what: string, step?: number): void {
    this.stop();
    this.#what = what;
    this.#step = step;
    this.#since = Date.now();
    this.#tick = 0;
    this.#draw();
    this.#timer = setInterval(() => this.#draw(), 120);
    this.#timer.unref();
  }

  /** Erases the spinner line; a no-op when it is not running. */
  stop(): void {
    if (this.#timer === undefined) return;
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.#write("\r\u001b[2K");
  }

  /** Whether it is running. */
  get running(): boolean {
    return this.#timer !== undefined;
  }

  #draw(): void {
    const line = spinnerLine(this.#tick++, Date.now() - this.#since, this.#what, this.#step);
    this.#write(`\r\u001b[2K${this.#color ? `\u001b[2m${line}\u001b[22m` : line}`);
  }
}
