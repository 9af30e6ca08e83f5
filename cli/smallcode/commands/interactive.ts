import { join } from "node:path";
import { colorEnabled } from "../../shared/color.ts";
import type { ParsedArgs } from "../args.ts";
import type { SessionIo } from "../io.ts";
import { Repl } from "../repl/session.ts";
import { type AgentFactory, loadAgentFactory } from "./agent.ts";
import { prepareRun } from "./prepare.ts";

/**
 * `smallcode` with no command: checks the endpoint, then starts the interactive session, fullscreen
 * on a terminal (`../tui/`), line by line otherwise (`../repl/session.ts`).
 */

type InteractiveArgs = Extract<ParsedArgs, { command: "interactive" }>;

/**
 * Why the line-by-line face is used, or undefined for the fullscreen one: `--classic`, input or output
 * not a terminal, `TERM=dumb`, or a CI environment (`CI` set to anything but `0` or `false`).
 */
export function classicReason(
  classic: boolean | undefined,
  stdinTTY: boolean | undefined,
  stdoutTTY: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (classic) return "--classic";
  if (stdinTTY !== true || stdoutTTY !== true) return "not a terminal";
  if (env.TERM === "dumb") return "TERM=dumb";
  const ci = env.CI?.trim().toLowerCase();
  if (ci !== undefined && ci !== "" && ci !== "0" && ci !== "false") return "CI";
  return undefined;
}

/** Starts the session on `io.stdin`; resolves to the exit code. */
export async function interactiveCommand(
  args: InteractiveArgs,
  io: SessionIo,
  factory?: AgentFactory,
): Promise<number> {
  const ready = await prepareRun(args.flags, io);
  if (!ready) return 2;
  if (!io.stdin) {
    io.stderr.write('smallcode: error: no input to read tasks from; use `smallcode run "<task>"`\n');
    return 2;
  }
  const { signal: _signal, ...options } = ready.options;
  const color = args.flags.color !== false && colorEnabled(io.stdout.isTTY, io.env);
  const notes = ready.checked.ok ? ready.checked.notes : [];
  const core = {
    options,
    factory: factory ?? (await loadAgentFactory()),
    color,
    env: io.env,
    // the runtime writes traces where SMALLCODE_TRACE_DIR says, else under the process's directory
    traceDir: io.env.SMALLCODE_TRACE_DIR || join(io.cwd, ".smallcode", "traces"),
    ...(ready.detection.listed ? { listed: ready.detection.listed } : {}),
    ...(ready.embedded
      ? { local: (await import("./local-models.ts")).localModels(ready.embedded, ready.config, io) }
      : {}),
  };
  try {
    if (classicReason(args.classic, io.stdin.isTTY, io.stdout.isTTY, io.env) === undefined) {
      const { runTui } = await import("../tui/run.ts");
      return await runTui({
        ...core,
        stdin: io.stdin as NodeJS.ReadStream,
        stdout: io.stdout as NodeJS.WriteStream,
        ...(options.contextWindow !== undefined ? { window: options.contextWindow } : {}),
        notes,
      });
    }
    for (const note of notes) io.stderr.write(`· ${note}\n`);
    return await new Repl({ ...core, input: io.stdin, output: io.stdout }).run();
  } finally {
    await ready.mcp?.close();
  }
}
