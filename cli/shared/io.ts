import { colorEnabled } from "./color.ts";

/**
 * The process surface `marrowc` uses, passed in so that commands run in-process in tests: the working
 * directory, the environment, the two output streams, and a signal that stops `--watch`.
 */

/** A text sink (process.stdout, or a string collector in tests). */
export interface Writer {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Everything a command may touch besides the file system under `cwd`. */
export interface Io {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Writer;
  readonly stderr: Writer;
  /** Aborted to stop long-running commands (`build --watch`). */
  readonly signal?: AbortSignal;
}

/** The real process: cwd, env, stdout/stderr; SIGINT aborts the signal (and a second one exits). */
export function processIo(): Io {
  const controller = new AbortController();
  process.once("SIGINT", () => {
    controller.abort();
    process.once("SIGINT", () => process.exit(130));
  });
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    signal: controller.signal,
  };
}

/** Whether diagnostics written to stderr should be coloured. */
export function stderrColor(io: Io): boolean {
  return colorEnabled(io.stderr.isTTY, io.env);
}

/** Collects writes into a string; handy for tests and for `--json` buffering. */
export class StringWriter implements Writer {
  text = "";
  readonly isTTY = false;
  write(text: string): boolean {
    this.text += text;
    return true;
  }
}
