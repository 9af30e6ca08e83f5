import { type Dirent, lstatSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { home, realish, within } from "../tools/real-path.ts";
import { ConfigError } from "./errors.ts";
import { refusal, type SettingAt, trustFix } from "./trust.ts";

/**
 * Where a project may make SmallCode write: its own `.smallcode/` (not a link out of it) and the
 * user's SmallCode config and cache folders. The process that writes logs, traces, sessions and
 * notes runs outside the sandbox, so a path a cloned repository names is checked before use.
 */

/** The folders project-configured logs, traces and caches may write to. */
export function stateRoots(cwd: string, env: Readonly<Record<string, string | undefined>>): string[] {
  const project = realish(cwd);
  const roots: string[] = [];
  // `.smallcode` itself may be a symlink in a hostile checkout; it counts only while it stays inside.
  const state = realish(join(cwd, ".smallcode"));
  if (within(state, project)) roots.push(state);
  const xdg = (name: string, fallback: string) =>
    env[name] !== undefined && env[name] !== "" ? env[name]! : join(home(env), fallback);
  roots.push(realish(join(xdg("XDG_CONFIG_HOME", ".config"), "smallcode")));
  roots.push(realish(join(xdg("XDG_CACHE_HOME", ".cache"), "smallcode")));
  return roots;
}

/** The variables that make the process write files: the cognition log, the trace and cache folders. */
export const STATE_PATH_VARS = [
  "SMALLCODE_COGNITION_LOG",
  "SMALLCODE_TRACE_DIR",
  "SMALLCODE_CACHE_DIR",
] as const;

/** Values of the state variables that name no file. */
const NOT_A_PATH: Readonly<Record<(typeof STATE_PATH_VARS)[number], readonly string[]>> = {
  SMALLCODE_COGNITION_LOG: ["", "stderr", "off"],
  SMALLCODE_TRACE_DIR: ["", "off"],
  SMALLCODE_CACHE_DIR: [""],
};

/**
 * A state path a project's `.env` sets, made absolute against the project, or a refusal when it
 * leads outside the project's `.smallcode/` and the user's smallcode config and cache folders.
 */
export function confineStatePath(
  name: (typeof STATE_PATH_VARS)[number],
  value: string,
  at: SettingAt,
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
  userFile: string,
): string {
  if (NOT_A_PATH[name].includes(value.trim())) return value;
  const path = resolve(cwd, value.trim());
  const real = realish(path);
  if (stateRoots(cwd, env).some((root) => within(real, root))) return path;
  throw refusal(
    at,
    `\`${name}\` points at ${path}, outside the project's .smallcode/ folder; a project cannot make SmallCode write files elsewhere`,
    trustFix(
      cwd,
      userFile,
      `write a path under .smallcode/ (\`${name}=.smallcode/${name === "SMALLCODE_COGNITION_LOG" ? "cognition.jsonl" : "traces"}\`), or export ${name} in your own environment`,
    ),
  );
}

/** Entries of `.smallcode/` looked at before giving up (a long snapshot history is not walked whole). */
const STATE_ENTRIES_CHECKED = 50_000;

/**
 * Refuses a `.smallcode/` that leads outside the project: the folder itself, or a link inside it
 * (`.smallcode/traces`, `.smallcode/notes.md`) that a cloned repository planted, would make the
 * unsandboxed process write its sessions, traces and notes wherever the link points. @throws ConfigError
 */
export function checkStateFolder(cwd: string, userFile: string): void {
  const dir = join(cwd, ".smallcode");
  let top: ReturnType<typeof lstatSync> | undefined;
  try {
    top = lstatSync(dir);
  } catch {
    return; // none yet: SmallCode makes its own
  }
  const project = realish(cwd);
  const refuse = (link: string): never => {
    throw new ConfigError(
      `\`${link}\` is a link to ${realish(link)}, outside the project; SmallCode would write its sessions, traces and notes there`,
      {
        code: "PROJECT_NOT_TRUSTED",
        where: link,
        key: ".smallcode",
        fix: trustFix(cwd, userFile, `delete the link (\`rm ${link}\`); SmallCode makes its own folder`),
      },
    );
  };
  if (!within(realish(dir), project)) refuse(dir);
  if (!top.isDirectory()) return;
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.slice(0, STATE_ENTRIES_CHECKED)) {
    if (!entry.isSymbolicLink()) continue;
    const link = join(entry.parentPath, entry.name);
    if (!within(realish(link), project)) refuse(link);
  }
}
