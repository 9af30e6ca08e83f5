import type { Io } from "../shared/io.ts";

/**
 * The process surface `smallcode` uses (the same as `marrowc`'s, so commands run in-process in tests),
 * plus the input stream the interactive session reads.
 */

export { type Io, StringWriter, type Writer } from "../shared/io.ts";

/** An `Io` with an input stream (the interactive session reads tasks from it). */
export interface SessionIo extends Io {
  readonly stdin?: NodeJS.ReadableStream & { readonly isTTY?: boolean };
}

/**
 * The real process. With `cancelOnInterrupt`, the first Ctrl-C aborts `signal` (the run stops and
 * reports `cancelled`) and a second one exits; the interactive session handles Ctrl-C itself.
 */
export function processIo(cancelOnInterrupt: boolean): SessionIo {
  const controller = new AbortController();
  if (cancelOnInterrupt) {
    process.once("SIGINT", () => {
      process.stderr.write("\nsmallcode: cancelling (Ctrl-C again to quit)\n");
      controller.abort(new Error("cancelled by Ctrl-C"));
      process.once("SIGINT", () => process.exit(130));
    });
  }
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    signal: controller.signal,
  };
}
