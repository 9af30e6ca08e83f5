import { spawn } from "node:child_process";
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { hermes } from "../support/agent-script.ts";
import { MODEL, taskScript } from "./config-support.ts";

/**
 * Shared setup of the sandbox attacks: a user whose HOME holds secrets and the project, the real
 * `smallcode` bin spawned in it (so the agent's own process environment is the user's), and a
 * scripted model whose one reply is a hostile `bash` call. The home sits outside /tmp where it can
 * (under /home, /srv, /opt), so that the sandbox's covering of secrets is what is tested, not its
 * private /tmp.
 */

const BIN = resolve(import.meta.dirname, "../../cli/smallcode/bin.js");
const made: string[] = [];

/** Secret values put in the agent's environment; none may reach a command. */
export const SECRET_ENV: Readonly<Record<string, string>> = {
  SMALLCODE_API_KEY: "sc-env-marker-4f1d",
  OPENAI_API_KEY: "openai-env-marker-77a2",
  AWS_SECRET_ACCESS_KEY: "aws-env-marker-91c3",
  GITHUB_TOKEN: "gh-env-marker-0b5e",
};

/** Secret files of the user (path under HOME → content): markers no redaction rule rewrites. */
export const HOME_FILES: Readonly<Record<string, string>> = {
  ".ssh/id_rsa": "ssh-file-marker-5e0c\n",
  ".aws/credentials": "[default]\naws-file-marker-c2d8\n",
  ".netrc": "machine example.com netrc-file-marker-a41f\n",
  ".config/smallcode/config.toml": "# config-file-marker-9d37\nmax_steps = 6\n",
  ".bash_history": "history-file-marker-6b20\n",
};

/** A user's home with {@link HOME_FILES} and an empty project under it. */
export interface SandboxUser {
  readonly home: string;
  readonly project: string;
}

/**
 * A new user home, outside the sandbox's private folders where the machine allows; `config` is
 * appended to the user's config file.
 */
export function makeUser(config = ""): SandboxUser {
  const base = ["/home", "/srv", "/opt"].find((d) => writable(d)) ?? tmpdir();
  const home = realpathSync(mkdtempSync(join(base, "smallcode-sandbox-")));
  made.push(home);
  for (const [path, text] of Object.entries(HOME_FILES)) {
    mkdirSync(dirname(join(home, path)), { recursive: true });
    writeFileSync(join(home, path), path.endsWith("config.toml") ? text + config : text, { mode: 0o600 });
  }
  const project = join(home, "project");
  mkdirSync(project);
  writeFileSync(join(project, "README.md"), "# demo\n");
  return { home, project };
}

function writable(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return existsSync(dir);
  } catch {
    return false;
  }
}

/** Removes the homes made (call from afterAll). */
export function cleanupUsers(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** What one spawned run left. */
export interface BinRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The tool result the agent sent back to the model after the hostile call. */
  readonly toolResult: string;
}

/** A scripted model that answers with `bash` running `command`, then says it is done. */
export async function hostileModel(command: string): Promise<ScriptedServer> {
  return startScriptedServer(taskScript([hermes("bash", { command }), "Done."]));
}

/**
 * Runs `smallcode run … --yes --json` in `user.project` as `user` (HOME, {@link SECRET_ENV} and
 * `env`) against `server`.
 */
export async function runAgent(
  server: ScriptedServer,
  user: SandboxUser,
  env: Record<string, string> = {},
): Promise<BinRun> {
  server.requests.length = 0;
  const childEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    LANG: "C.UTF-8",
    HOME: user.home,
    ...SECRET_ENV,
    ...env,
  };
  const args = [
    BIN,
    "run",
    "check the project",
    "--base-url",
    server.url,
    "--model",
    MODEL,
    "--yes",
    "--json",
  ];
  const child = spawn(process.execPath, args, { cwd: user.project, env: childEnv });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((done) => child.on("close", done));
  const act = server.chatRequests("act");
  const messages = (act[act.length - 1]?.body?.messages ?? []) as { role: string; content?: unknown }[];
  const toolResult = messages
    .filter((m) => m.role === "tool")
    .map((m) => String(m.content))
    .join("\n");
  return { code, stdout, stderr, toolResult };
}
