import { join } from "node:path";
import { colorEnabled } from "../../shared/color.ts";
import type { ParsedArgs } from "../args.ts";
import type { SessionIo } from "../io.ts";
import { Repl } from "../repl/session.ts";
import { type AgentFactory, loadAgentFactory } from "./agent.ts";
import { prepareRun } from "./prepare.ts";

/** `smallcode` with no command: checks the endpoint, then starts the interactive session. */

type InteractiveArgs = Extract<ParsedArgs, { command: "interactive" }>;

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
  for (const note of ready.checked.ok ? ready.checked.notes : []) io.stderr.write(`· ${note}\n`);
  const repl = new Repl({
    input: io.stdin,
    output: io.stdout,
    options,
    factory: factory ?? (await loadAgentFactory()),
    color,
    env: io.env,
    // the runtime writes traces where SMALLCODE_TRACE_DIR says, else under the process's directory
    traceDir: io.env.SMALLCODE_TRACE_DIR || join(io.cwd, ".smallcode", "traces"),
    ...(ready.detection.listed ? { listed: ready.detection.listed } : {}),
  });
  try {
    return await repl.run();
  } finally {
    await ready.mcp?.close();
  }
}
