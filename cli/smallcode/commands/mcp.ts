import type { Readable, Writable } from "node:stream";
import { sandboxOf } from "../agent/setup.ts";
import type { ParsedArgs } from "../args.ts";
import { resolveConfig, toOptions } from "../config/index.ts";
import { findProjectRoot } from "../config/project-root.ts";
import type { SessionIo } from "../io.ts";

/**
 * `smallcode mcp`: serves SmallCode's tools (read_file, search, patch, run_tests) to another agent over
 * MCP on stdin/stdout, in the project root, through the protective guards (safety, snapshots — so
 * `/undo` restores what the client changed — and read-before-write) with the configuration's switches
 * and shell sandbox. Logs go to stderr; stdout carries only the protocol. Ends when stdin closes.
 */

type McpArgs = Extract<ParsedArgs, { command: "mcp" }>;

/** Only the guards that protect: the rest steer a model's replies, and a client is not one. */
const STEERING_OFF = {
  quality: false,
  contracts: false,
  planning: false,
  "early-stop": false,
  dedup: false,
  "tool-trust": false,
  "retry-temperature": false,
};

/** Serves until the client closes stdin; exit code 0 (2 on a configuration error, thrown). */
export async function mcpCommand(args: McpArgs, io: SessionIo): Promise<number> {
  const root = findProjectRoot(io.cwd, args.flags.cwd);
  const config = resolveConfig({ flags: { ...args.flags, cwd: root.dir }, cwd: io.cwd, env: io.env });
  const options = toOptions(config);
  const [
    { createGuards },
    { GuardRunner },
    { createToolSession, Shell },
    { createToolServer },
    { StdioServerTransport },
  ] = await Promise.all([
    import("../guards/index.ts"),
    import("../agent/guards.ts"),
    import("../toolbox/index.ts"),
    import("../mcp/server.ts"),
    import("@modelcontextprotocol/sdk/server/stdio.js"),
  ]);
  const log = (line: string) => io.stderr.write(`smallcode mcp: ${line}\n`);
  const shell = new Shell({ cwd: config.cwd, sandbox: sandboxOf(options) });
  const tools = createToolSession({ cwd: config.cwd, shell });
  const set = createGuards(
    { ...(options.guardSwitches ?? {}), ...STEERING_OFF },
    {
      sandbox: sandboxOf(options),
      yes: true, // nobody can confirm a risky action here: it is refused
      ...(options.shell?.allowDestructive ? { allowDestructive: options.shell.allowDestructive } : {}),
      shell: () => shell,
      onNotice: (source, message) => log(`${source}: ${message}`),
    },
  );
  const guards = new GuardRunner(set.guards, (source, message) => log(`${source}: ${message}`));
  const served = createToolServer({ tools, guards, log });
  const stdin = (io.stdin ?? process.stdin) as Readable;
  const transport = new StdioServerTransport(stdin, io.stdout as unknown as Writable);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    stdin.once("end", () => resolve());
  });
  if (shell.sandbox && !shell.sandbox.active) log(shell.sandbox.message);
  log(`serving read_file, search, patch, run_tests for ${config.cwd} on stdio`);
  await served.server.connect(transport);
  await closed;
  await served.close();
  await set.close();
  return 0;
}
