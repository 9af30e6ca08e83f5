import { isAbsolute } from "node:path";
import { home, realish, within } from "../tools/real-path.ts";
import { ConfigError } from "./errors.ts";
import type { TomlLayer } from "./files.ts";

/**
 * Trust levels. A cloned repository's `smallcode.toml` and `.env` are untrusted input: they may
 * choose a model or a step limit, but not weaken safety, send the user's key elsewhere, or make the
 * (unsandboxed) process write outside the project. Flags, the environment and the user's own
 * config file are the user's word. A user opts a project in with `[trust] projects = ["/path"]` in
 * their config file; a listed directory trusts itself and everything under it.
 */

/** Where a value came from, as far as trust goes (the `Origin` kinds of resolve.ts). */
export interface TrustOrigin {
  readonly kind: "flag" | "env" | "dotenv" | "file" | "default";
  readonly scope?: "project" | "user";
}

/** Whether a value came from a project file (`.env` or `smallcode.toml`): untrusted. */
export function fromProject(origin: TrustOrigin): boolean {
  return origin.kind === "dotenv" || (origin.kind === "file" && origin.scope === "project");
}

/** Whether the user's config lists the project `cwd` (or a folder above it) under `[trust] projects`. */
export function isTrusted(
  user: TomlLayer | undefined,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): boolean {
  const table = user?.data.trust as { projects?: readonly string[] } | undefined;
  const projects = table?.projects ?? [];
  const here = realish(cwd);
  for (const entry of projects) {
    const expanded = entry.trim().replace(/^~(?=$|[/\\])/, home(env));
    if (!isAbsolute(expanded)) {
      throw new ConfigError(`\`trust.projects\` lists \`${entry}\`, which is not an absolute path`, {
        where: user!.file,
        line: user!.lineOf(["trust", "projects"]),
        key: "trust.projects",
        fix: 'write absolute paths (or paths under ~): `projects = ["/home/me/work/app"]`',
      });
    }
    if (within(here, realish(expanded))) return true;
  }
  return false;
}

/** Where a refused setting sits. */
export interface SettingAt {
  readonly file: string;
  readonly line: number;
  /** The key as written: `shell.sandbox`, `SMALLCODE_YES`. */
  readonly key: string;
}

/** The fix shared by every refusal: move the setting to the user config, or trust the project. */
export function trustFix(cwd: string, userFile: string, alternative: string): string {
  return (
    `${alternative}; or, if you trust this project, add it to ${userFile}: ` +
    `[trust] projects = [${JSON.stringify(cwd)}]`
  );
}

/** A refused project setting. */
export function refusal(at: SettingAt, message: string, fix: string): ConfigError {
  return new ConfigError(message, {
    code: "PROJECT_NOT_TRUSTED",
    where: at.file,
    line: at.line,
    key: at.key,
    fix,
  });
}
