import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PassThrough } from "node:stream";
import { type SessionIo, StringWriter } from "../../../cli/smallcode/io.ts";
import { main } from "../../../cli/smallcode/main.ts";

/** The result of running `smallcode` in-process. */
export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const made: string[] = [];

/** A temporary directory holding `files` (path → text). */
export function tempDir(files: Readonly<Record<string, string>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "smallcode-cli-"));
  made.push(dir);
  for (const [path, text] of Object.entries(files)) writeFile(dir, path, text);
  return dir;
}

/** Writes a file under `dir`, creating directories. */
export function writeFile(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

/** Removes the temporary directories (call from afterAll). */
export function cleanup(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** An environment with a fake, empty HOME (so the real user configuration is never read). */
export function cleanEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { HOME: tempDir(), ...extra };
}

/** An environment with its own HOME and XDG folders under it. */
export function userEnv(): Record<string, string> {
  const env = cleanEnv();
  return { ...env, XDG_CONFIG_HOME: `${env.HOME}/.config`, XDG_DATA_HOME: `${env.HOME}/.local/share` };
}

/** Runs `smallcode argv` in-process with `cwd` as the working directory. */
export async function run(
  cwd: string,
  argv: readonly string[],
  extra: { env?: Record<string, string>; stdin?: string; signal?: AbortSignal } = {},
): Promise<CliResult> {
  const stdout = new StringWriter();
  const stderr = new StringWriter();
  let stdin: PassThrough | undefined;
  if (extra.stdin !== undefined) {
    stdin = new PassThrough();
    stdin.end(extra.stdin);
  }
  const io: SessionIo = {
    cwd,
    env: extra.env ?? cleanEnv(),
    stdout,
    stderr,
    ...(stdin ? { stdin } : {}),
    ...(extra.signal ? { signal: extra.signal } : {}),
  };
  const code = await main(argv, io);
  return { code, stdout: stdout.text, stderr: stderr.text };
}
