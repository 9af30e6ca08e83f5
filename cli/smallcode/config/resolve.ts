import { statSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import type { Flags } from "../args.ts";
import type { WebSettings } from "../contract/options.ts";
import { type EmbeddedSettings, resolveEmbedded } from "./embedded.ts";
import { ConfigError } from "./errors.ts";
import { type EscalationSettings, resolveEscalation } from "./escalation.ts";
import { type DotenvLayer, readDotenv, readToml, type TomlLayer } from "./files.ts";
import {
  coerce,
  expectation,
  type KeyDef,
  SCALAR_KEYS,
  type ScalarKey,
  type ScalarValues,
  SHELL_KEYS,
  type ShellKey,
  type ShellValues,
} from "./keys.ts";
import { type McpServerConfig, resolveMcpServers } from "./mcp.ts";
import { checkStateFolder, confineStatePath, STATE_PATH_VARS } from "./state-paths.ts";
import { fromProject, isTrusted, trustFix } from "./trust.ts";
import { checkProjectSettings } from "./weakening.ts";
import { resolveWeb } from "./web.ts";

/**
 * Resolves the configuration: flags, then environment, then the project's `.env`, then its
 * `smallcode.toml`, then `$XDG_CONFIG_HOME/smallcode/config.toml` (default `~/.config`), then defaults.
 * Every value remembers where it came from, for `smallcode doctor` and for error messages.
 */

/** Where a value came from. */
export type Origin =
  | { readonly kind: "flag"; readonly name: string }
  | { readonly kind: "env"; readonly name: string }
  | { readonly kind: "dotenv"; readonly name: string; readonly file: string; readonly line: number }
  | {
      readonly kind: "file";
      readonly scope: "project" | "user";
      readonly file: string;
      readonly line: number;
    }
  | { readonly kind: "default" };

/** A value with its origin. */
export interface Sourced<T> {
  readonly value: T;
  readonly origin: Origin;
}

/** The resolved configuration. Keys without a value anywhere are absent. */
export interface ResolvedConfig {
  /** The project root (absolute): `--cwd`, or the working directory. */
  readonly cwd: string;
  readonly values: { readonly [K in ScalarKey]?: Sourced<ScalarValues[K]> };
  /** Guard switches by name (`[guards]`): project entries win over user entries. */
  readonly guards: Readonly<Record<string, Sourced<boolean>>>;
  readonly shell: { readonly [K in ShellKey]?: Sourced<ShellValues[K]> };
  /** The configuration files that exist and were read. */
  readonly files: { readonly dotenv?: string; readonly project?: string; readonly user?: string };
  /** The environment with the `.env` values under it (variables already set win). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Things worth saying that do not stop a run (an API key written in a project file). */
  readonly warnings: readonly string[];
  /** Whether the user config trusts this project (`[trust] projects`): its files then count as the user's. */
  readonly trusted: boolean;
  /** `[mcp.servers.*]`: the user's, plus a trusted project's (config/mcp.ts). */
  readonly mcp: readonly McpServerConfig[];
  /** `[web]`: the user's own config only (config/web.ts); undefined when it has none. */
  readonly web?: WebSettings;
  /** `[escalation]`: the user's own config only (config/escalation.ts); undefined when it has none. */
  readonly escalation?: EscalationSettings;
  /** The embedded model's settings: flags, the real environment and the user's `[embedded]` only (models/config.ts). */
  readonly embedded: EmbeddedSettings;
}

/** What {@link resolveConfig} reads besides the files. */
export interface ConfigInput {
  readonly flags: Flags;
  /** The process working directory; `flags.cwd` is relative to it. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** The endpoint used when nothing else is configured: Ollama's OpenAI-compatible route. */
export const DEFAULT_BASE_URL = "http://localhost:11434/v1";

/** Where the user configuration file lives for an environment. */
export function userConfigPath(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg !== undefined && xdg !== "" ? xdg : join(env.HOME || homedir(), ".config");
  return join(base, "smallcode", "config.toml");
}

function projectRoot(input: ConfigInput): string {
  const root = resolve(input.cwd, input.flags.cwd ?? ".");
  let ok = false;
  try {
    ok = statSync(root).isDirectory();
  } catch {}
  if (!ok) {
    throw new ConfigError(`\`${input.flags.cwd ?? root}\` is not a directory`, {
      where: "--cwd",
      fix: "pass an existing project directory to --cwd",
    });
  }
  return root;
}

const FLAG_FIELDS: Readonly<Record<string, keyof Flags>> = {
  "base-url": "baseUrl",
  model: "model",
  "model-strong": "modelStrong",
  "api-key-env": "apiKeyEnv",
  "max-steps": "maxSteps",
  "max-time": "maxTimeMs",
  "max-tokens": "maxTokens",
  routing: "routing",
  yes: "yes",
  "context-window": "contextWindow",
  "repo-map": "repoMap",
};

function textual(def: KeyDef, raw: string, origin: Origin, hint: string): Sourced<unknown> {
  const checked = coerce(def.kind, raw, true);
  if (checked.ok) return { value: checked.value, origin };
  const where = origin.kind === "dotenv" ? origin.file : `environment variable ${def.env}`;
  const line = origin.kind === "dotenv" ? origin.line : undefined;
  throw new ConfigError(`\`${def.env}\` must be ${expectation(def.kind)}, got ${JSON.stringify(raw)}`, {
    where,
    ...(line !== undefined ? { line } : {}),
    key: def.env,
    fix: hint.replace("VALUE", def.example.replace(/^"|"$/g, "")),
  });
}

function scalar(
  def: KeyDef,
  flags: Flags,
  env: ConfigInput["env"],
  dotenv: DotenvLayer | undefined,
  tomls: readonly TomlLayer[],
): Sourced<unknown> | undefined {
  const field = def.flag === undefined ? undefined : FLAG_FIELDS[def.flag];
  const fromFlag = field === undefined ? undefined : flags[field];
  if (fromFlag !== undefined) return { value: fromFlag, origin: { kind: "flag", name: `--${def.flag}` } };
  const fromEnv = env[def.env];
  if (fromEnv !== undefined && fromEnv !== "") {
    return textual(def, fromEnv, { kind: "env", name: def.env }, `export ${def.env}=VALUE`);
  }
  const fromDotenv = dotenv?.vars[def.env];
  if (dotenv && fromDotenv !== undefined && fromDotenv !== "") {
    const origin: Origin = { kind: "dotenv", name: def.env, file: dotenv.file, line: dotenv.lineOf(def.env) };
    return textual(def, fromDotenv, origin, `write \`${def.env}=VALUE\``);
  }
  for (const layer of tomls) {
    if (!(def.key in layer.data)) continue;
    const value = coerce(def.kind, layer.data[def.key], false);
    if (!value.ok) continue; // already reported by readToml
    const origin: Origin = {
      kind: "file",
      scope: layer.scope,
      file: layer.file,
      line: layer.lineOf([def.key]),
    };
    return { value: value.value, origin };
  }
  return undefined;
}

const RANK: Readonly<Record<Origin["kind"], number>> = { flag: 0, env: 1, dotenv: 2, file: 3, default: 5 };

function rank(origin: Origin): number {
  return origin.kind === "file" && origin.scope === "user" ? 4 : RANK[origin.kind];
}

/**
 * The API key: `api_key_env` names a variable (looked up in the environment, then `.env`); it is
 * preferred over `api_key` unless `api_key` comes from a higher place in the order. A name an
 * untrusted project chose is looked up in the project's `.env` only: the project may use its own
 * key, not pick one of the user's variables (`AWS_SECRET_ACCESS_KEY`) to send as the bearer.
 */
function apiKey(
  values: Record<string, Sourced<unknown>>,
  env: ConfigInput["env"],
  dotenv: DotenvLayer | undefined,
  guard: { readonly trusted: boolean; readonly cwd: string; readonly userFile: string },
): Sourced<string> | undefined {
  const named = values.api_key_env as Sourced<string> | undefined;
  const direct = values.api_key as Sourced<string> | undefined;
  if (!named || (direct && rank(direct.origin) < rank(named.origin))) return direct;
  const name = named.value;
  const projectNamed = !guard.trusted && fromProject(named.origin);
  const fromEnv = env[name];
  if (!projectNamed && fromEnv !== undefined && fromEnv !== "") {
    return { value: fromEnv, origin: { kind: "env", name } };
  }
  const fromDotenv = dotenv?.vars[name];
  if (dotenv && fromDotenv !== undefined && fromDotenv !== "") {
    return {
      value: fromDotenv,
      origin: { kind: "dotenv", name, file: dotenv.file, line: dotenv.lineOf(name) },
    };
  }
  const at = named.origin.kind === "dotenv" || named.origin.kind === "file" ? named.origin : undefined;
  if (projectNamed && fromEnv !== undefined && fromEnv !== "") {
    throw new ConfigError(
      `\`api_key_env\` names \`${name}\`, a variable of your environment; a project cannot choose which of your variables is sent as the API key`,
      {
        code: "PROJECT_NOT_TRUSTED",
        ...(at ? { where: at.file, line: at.line } : {}),
        key: named.origin.kind === "dotenv" ? named.origin.name : "api_key_env",
        fix: trustFix(
          guard.cwd,
          guard.userFile,
          `pass --api-key-env ${name}, or write \`api_key_env = "${name}"\` in ${guard.userFile}`,
        ),
      },
    );
  }
  throw new ConfigError(`\`api_key_env\` names the variable \`${name}\`, which is not set`, {
    where: describeOrigin(named.origin),
    key: "api_key_env",
    fix: `export ${name}=<your key> (or put \`${name}=<your key>\` in the project's .env)`,
  });
}

/**
 * The environment handed on: `.env` values under the real environment. Paths a project's `.env`
 * gives for the cognition log, traces and cache are made absolute and kept inside the project's
 * `.smallcode/` (or the user's smallcode folders). @throws ConfigError
 */
function handedOnEnv(
  input: ConfigInput,
  dotenv: DotenvLayer | undefined,
  guard: { readonly trusted: boolean; readonly cwd: string; readonly userFile: string },
): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = { ...(dotenv?.vars ?? {}), ...input.env };
  if (!dotenv) return env;
  for (const name of STATE_PATH_VARS) {
    const value = dotenv.vars[name];
    if (value === undefined || input.env[name] !== undefined) continue;
    const at = { file: dotenv.file, line: dotenv.lineOf(name), key: name };
    env[name] = guard.trusted
      ? value
      : confineStatePath(name, value, at, guard.cwd, input.env, guard.userFile);
  }
  return env;
}

/** Reads every source and resolves the configuration. @throws ConfigError with a fix. */
export function resolveConfig(input: ConfigInput): ResolvedConfig {
  const cwd = projectRoot(input);
  const dotenv = readDotenv(join(cwd, ".env"));
  const project = readToml(join(cwd, "smallcode.toml"), "project");
  const userFile = userConfigPath(input.env);
  const user = readToml(userFile, "user");
  const guard = { trusted: isTrusted(user, cwd, input.env), cwd, userFile };
  const tomls = [project, user].filter((l): l is TomlLayer => l !== undefined);
  const values: Record<string, Sourced<unknown>> = {};
  for (const def of SCALAR_KEYS) {
    const found = scalar(def, input.flags, input.env, dotenv, tomls);
    if (found) values[def.key] = found;
  }
  const key = apiKey(values, input.env, dotenv, guard);
  if (key) values.api_key = key;
  else delete values.api_key;
  values.base_url ??= { value: DEFAULT_BASE_URL, origin: { kind: "default" } };
  values.routing ??= { value: "two-stage", origin: { kind: "default" } };
  values.yes ??= { value: false, origin: { kind: "default" } };

  const guards: Record<string, Sourced<boolean>> = {};
  const shell: Record<string, Sourced<unknown>> = {};
  for (const layer of [...tomls].reverse()) {
    const table = (name: string) => (layer.data[name] ?? {}) as Record<string, unknown>;
    for (const [name, value] of Object.entries(table("guards"))) {
      const origin: Origin = {
        kind: "file",
        scope: layer.scope,
        file: layer.file,
        line: layer.lineOf(["guards", name]),
      };
      guards[name] = { value: value as boolean, origin };
    }
    for (const def of SHELL_KEYS) {
      const raw = table("shell")[def.key];
      if (raw === undefined) continue;
      const origin: Origin = {
        kind: "file",
        scope: layer.scope,
        file: layer.file,
        line: layer.lineOf(["shell", def.key]),
      };
      shell[def.key] = { value: raw, origin }; // checked by readToml
    }
  }

  if (!guard.trusted) {
    checkStateFolder(cwd, userFile);
    checkProjectSettings({
      cwd,
      userFile,
      user,
      values: values as ResolvedConfig["values"],
      shell: shell as ResolvedConfig["shell"],
      guards,
    });
  }

  const mcp = resolveMcpServers(project, user, guard);
  const web = resolveWeb(project, user, userFile);
  const escalation = resolveEscalation(project, user, userFile);
  const embedded = resolveEmbedded({
    project,
    user,
    userFile,
    dotenv,
    env: input.env,
    cwd: input.cwd,
    ...(input.flags.modelFile !== undefined ? { flag: input.flags.modelFile } : {}),
  });
  const warnings: string[] = [...embedded.warnings];
  const direct = values.api_key?.origin;
  if (direct?.kind === "file" && direct.scope === "project") {
    warnings.push(
      `${direct.file}:${direct.line} holds an API key; project files are often committed — put the key in an ` +
        'environment variable and write `api_key_env = "VAR"` instead',
    );
  }
  const env = handedOnEnv(input, dotenv, guard);
  return {
    cwd,
    values: values as ResolvedConfig["values"],
    guards,
    shell: shell as ResolvedConfig["shell"],
    files: {
      ...(dotenv ? { dotenv: dotenv.file } : {}),
      ...(project ? { project: project.file } : {}),
      ...(user ? { user: user.file } : {}),
    },
    env,
    warnings,
    trusted: guard.trusted,
    mcp,
    ...(web ? { web } : {}),
    ...(escalation ? { escalation } : {}),
    embedded: embedded.settings,
  };
}

/** Where a value came from, in words: `--model`, `SMALLCODE_MODEL`, `.env:3`, `smallcode.toml:4`, `default`. */
export function describeOrigin(origin: Origin): string {
  switch (origin.kind) {
    case "flag":
      return origin.name;
    case "env":
      return `environment ${origin.name}`;
    case "dotenv":
      return `${origin.file}:${origin.line} (${origin.name})`;
    case "file":
      return `${origin.file}:${origin.line}`;
    case "default":
      return "default";
  }
}

/** A secret for display: its last four characters at most, never the whole value. */
export function maskSecret(secret: string): string {
  return secret.length >= 16 ? `****${secret.slice(-4)}` : "****";
}
