import { type Dirent, lstatSync, readdirSync, readlinkSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, isAbsolute, join, resolve, sep } from "node:path";
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

/** The user's HOME for an environment. */
function home(env: Readonly<Record<string, string | undefined>>): string {
  return env.HOME || homedir();
}

/**
 * `path` with symlinks resolved as far as it exists (the rest appended), so `..` and links cannot
 * hide; a dangling link counts as the place it points to (writing through it creates that file).
 */
export function realish(path: string, depth = 0): string {
  const parts: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...parts.reverse());
    } catch {
      const target = depth < 16 ? danglingTarget(at) : undefined;
      if (target !== undefined) return join(realish(target, depth + 1), ...parts.reverse());
      const parent = resolve(at, "..");
      if (parent === at) return resolve(path);
      parts.push(at.slice(parent.length).replace(/^[/\\]/, ""));
      at = parent;
    }
  }
}

/** Where a link that leads nowhere (yet) points; undefined when `path` is not a link. */
function danglingTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? resolve(dirname(path), readlinkSync(path)) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `path` is `root` or lies under it (both already real). */
export function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
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
