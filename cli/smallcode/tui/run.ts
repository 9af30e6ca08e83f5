import { render, type SuspendTerminal } from "ink";
import React from "react";
import { redactString } from "../../../runtime/redact.ts";
import { type CoreOptions, SessionCore } from "../repl/core.ts";
import { App } from "./app.ts";
import { Controller } from "./controller.ts";

/**
 * Starts the fullscreen face on a terminal (ink, alternate screen) and resolves to the exit code.
 * The terminal gets its modes back however the session ends: ink restores the screen, raw mode and
 * bracketed paste on unmount, and through `signal-exit` on a crash, SIGTERM and SIGHUP. Ctrl-Z hands
 * the terminal back before the process stops and takes it again on SIGCONT.
 */

/** What the fullscreen session needs. */
export interface TuiOptions extends CoreOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  /** The context window, when the endpoint told it. */
  readonly window?: number;
  /** Lines shown before the first task (the endpoint check's notes). */
  readonly notes?: readonly string[];
}

/**
 * Ctrl-Z: releases the terminal, stops the process as the shell expects (SIGTSTP), and takes the
 * terminal back on resume. Resolves to false when nothing stopped it: a shell without job control
 * (an orphaned process group) discards SIGTSTP, and the session simply goes on.
 */
export async function suspendProcess(suspendTerminal: SuspendTerminal): Promise<boolean> {
  const suspension = await suspendTerminal();
  const since = Date.now();
  const stopped = await new Promise<boolean>((resolve) => {
    let continued = false;
    const onCont = () => {
      continued = true;
    };
    process.on("SIGCONT", onCont);
    process.kill(process.pid, "SIGTSTP");
    // runs once the process goes on: at once when the stop was discarded, else after SIGCONT (whose
    // handler may come a poll later, so a late timer also counts as a stop); it also keeps the loop alive
    setTimeout(() => {
      setImmediate(() => {
        process.off("SIGCONT", onCont);
        resolve(continued || Date.now() - since > 1000);
      });
    }, 200);
  });
  await suspension.resume();
  return stopped;
}

/**
 * Sends what is written to `process.stderr` to `say`, line by line, until the returned function puts
 * the stream back (the fullscreen view owns the terminal meanwhile).
 */
export function captureStderr(say: (text: string) => void): () => void {
  const stream = process.stderr;
  const original = stream.write;
  let pending = "";
  stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    pending += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const cut = pending.lastIndexOf("\n");
    if (cut >= 0) {
      say(pending.slice(0, cut));
      pending = pending.slice(cut + 1);
    }
    const done = rest.find((r): r is () => void => typeof r === "function");
    done?.();
    return true;
  }) as typeof stream.write;
  return () => {
    if (stream.write === original) return;
    stream.write = original;
    if (pending !== "") say(pending);
  };
}

/** Runs the session until /quit, Ctrl-D or Ctrl-C; resolves to 0, or 130 after Ctrl-C. */
export async function runTui(options: TuiOptions): Promise<number> {
  const core = new SessionCore(options);
  let code = 0;
  let unmount = () => {};
  const controller = new Controller(core, {
    color: options.color,
    ...(options.window !== undefined ? { window: options.window } : {}),
    onExit: (exitCode) => {
      code = exitCode;
      if (core.running) core.interrupt();
      unmount();
    },
  });
  for (const note of options.notes ?? []) controller.face.say(`· ${note}`);
  controller.face.say("smallcode — type a task, /help for commands, Ctrl-D to quit");
  const instance = render(React.createElement(App, { controller, suspend: suspendProcess }), {
    stdin: options.stdin,
    stdout: options.stdout,
    alternateScreen: true,
    exitOnCtrlC: false,
    patchConsole: true,
  });
  unmount = () => instance.unmount();
  // a line on stderr (a runtime warning) would be drawn over the view: it becomes a transcript line
  const restoreStderr = captureStderr((text) => controller.face.say(text));
  // a crash leaves the fullscreen first, so its message lands on the normal screen and stays there
  const onCrash = (error: unknown) => {
    restoreStderr();
    instance.cleanup();
    const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stderr.write(`smallcode: internal error: ${redactString(text)}\n`);
    process.exit(70);
  };
  process.once("uncaughtException", onCrash);
  process.once("unhandledRejection", onCrash);
  try {
    await instance.waitUntilExit();
  } finally {
    process.off("uncaughtException", onCrash);
    process.off("unhandledRejection", onCrash);
    restoreStderr();
    instance.cleanup();
  }
  return code;
}
