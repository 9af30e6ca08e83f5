import { createHash } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { sandboxStatus } from "../../cli/smallcode/tools/sandbox.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { type CliResult, cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";
import { agentScript, hermes } from "../support/agent-script.ts";

/**
 * Shared by the undo and destructive-command security tests: a user home whose configuration turns
 * the sandbox on or off, the CLI flags that point at the scripted server, and a task whose act turns
 * are bash commands.
 */

/** Whether bwrap can sandbox commands on this machine (CI: yes, as root). */
export const SANDBOX = sandboxStatus().active;

/** A fake HOME whose user configuration sets `[shell]` (trusted: it is the user's own file). */
export function home(shell: {
  sandbox: boolean;
  allowDestructive?: readonly string[];
}): Record<string, string> {
  const lines = ["[shell]", `sandbox = ${shell.sandbox}`];
  if (shell.allowDestructive) lines.push(`allow_destructive = ${JSON.stringify(shell.allowDestructive)}`);
  const dir = tempDir({ ".config/smallcode/config.toml": `${lines.join("\n")}\n` });
  return { HOME: dir, PATH: process.env.PATH ?? "" };
}

/**
 * The scripted server of a test file (serving `scripted-model`), in `.current` once the file's tests
 * start; closed after them, and the temporary folders removed.
 */
export function serverPerFile(): { readonly current: ScriptedServer } {
  const held = {} as { current: ScriptedServer };
  beforeAll(async () => {
    held.current = await startScriptedServer({ models: ["scripted-model"] });
  });
  afterAll(() => held.current.close().finally(cleanup));
  return held;
}

/** Sets the server's script: each command one bash call, then a final answer. */
export function script(server: ScriptedServer, commands: readonly string[], answer = "Done."): void {
  server.setScript({
    models: ["scripted-model"],
    ...agentScript({ act: [...commands.map((command) => hermes("bash", { command })), answer] }),
  });
}

const flags = (server: ScriptedServer, cwd: string) => [
  "--base-url",
  server.url,
  "--model",
  "scripted-model",
  "--cwd",
  cwd,
];

/** `smallcode run TASK --json` in `cwd` (extra flags such as `--yes` after). */
export function runTask(
  server: ScriptedServer,
  cwd: string,
  env: Record<string, string>,
  task: string,
  extra: readonly string[] = [],
): Promise<CliResult> {
  return run(cwd, ["run", task, "--json", ...flags(server, cwd), ...extra], { env });
}

/** The interactive session fed `lines` (e.g. `/undo`), as a user would type them. */
export function repl(
  server: ScriptedServer,
  cwd: string,
  env: Record<string, string>,
  lines: readonly string[],
): Promise<CliResult> {
  return run(cwd, flags(server, cwd), { env, stdin: `${lines.join("\n")}\n` });
}

/** sha256 hex of `text`. */
export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** Writes `files` under `dir`. */
export function put(dir: string, files: Record<string, string>): void {
  for (const [p, text] of Object.entries(files)) writeFileSync(join(dir, p), text);
}

/** The tool results the model was sent in the last act request, in order. */
export function toolResults(server: ScriptedServer): string[] {
  const requests = server.chatRequests("act");
  const last = requests[requests.length - 1];
  const messages = (last?.body.messages ?? []) as { role: string; content?: unknown }[];
  return messages.filter((m) => m.role === "tool").map((m) => String(m.content));
}
