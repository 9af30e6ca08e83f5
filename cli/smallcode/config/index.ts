import type { SmallCodeOptions } from "../contract/index.ts";
import { userKnowledgeDirs } from "../knowledge/settings.ts";
import { readDotenv } from "./files.ts";
import type { ResolvedConfig } from "./resolve.ts";

/**
 * SmallCode's configuration: flags, environment, `.env`, `smallcode.toml`, `~/.config/smallcode/config.toml`
 * (see `resolve.ts`), and the mapping of a resolved configuration onto {@link SmallCodeOptions}.
 */

export { ConfigError, type ConfigErrorCode } from "./errors.ts";
export { locateKey, readDotenv, readToml } from "./files.ts";
export { SCALAR_KEYS, type ScalarKey, type ScalarValues, SHELL_KEYS, type ShellValues } from "./keys.ts";
export {
  type ConfigInput,
  DEFAULT_BASE_URL,
  describeOrigin,
  maskSecret,
  type Origin,
  type ResolvedConfig,
  resolveConfig,
  type Sourced,
  userConfigPath,
} from "./resolve.ts";

/**
 * The agent options a configuration stands for. `contextWindow` is the window to pass on: the
 * smaller of the server's and the configured override, or undefined when neither is known.
 */
export function toOptions(config: ResolvedConfig, contextWindow?: number): SmallCodeOptions {
  const v = config.values;
  const guardSwitches = Object.fromEntries(Object.entries(config.guards).map(([k, s]) => [k, s.value]));
  const options: Record<string, unknown> = {
    cwd: config.cwd,
    baseUrl: v.base_url?.value,
    model: v.model?.value,
    modelStrong: v.model_strong?.value,
    apiKey: v.api_key?.value,
    yes: v.yes?.value,
    maxSteps: v.max_steps?.value,
    maxTimeMs: v.max_time?.value,
    maxTokens: v.max_tokens?.value,
    contextWindow,
    routing: v.routing?.value,
    repoMap: v.repo_map?.value,
    guardSwitches: Object.keys(guardSwitches).length > 0 ? guardSwitches : undefined,
    shell: shellOptions(config),
    web: config.web,
    knowledge: {
      ...userKnowledge(config),
      ...(v.memory?.value === false ? { memory: false } : {}),
      ...(v.skills?.value === false ? { skills: false } : {}),
    },
  };
  for (const key of Object.keys(options)) if (options[key] === undefined) delete options[key];
  return options as SmallCodeOptions;
}

/** The user's knowledge folders for a configuration (the ones `toOptions` passes on). */
export function userKnowledge(config: ResolvedConfig): SmallCodeOptions["knowledge"] {
  return userKnowledgeDirs(ownEnv(config));
}

/**
 * The environment without the values the project's `.env` filled in: where the user's skills, notes
 * and memory live is the user's to say, not a cloned repository's (it could point them anywhere).
 */
function ownEnv(config: ResolvedConfig): Record<string, string | undefined> {
  const env = { ...config.env };
  const dotenv = config.files.dotenv ? readDotenv(config.files.dotenv) : undefined;
  for (const name of ["HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME"])
    if (dotenv?.vars[name] !== undefined && env[name] === dotenv.vars[name]) delete env[name];
  return env;
}

/** `[shell]` as `SmallCodeOptions.shell`; undefined when the configuration sets none of it. */
function shellOptions(config: ResolvedConfig): SmallCodeOptions["shell"] {
  const s = config.shell;
  const shell = {
    ...(s.sandbox !== undefined ? { sandbox: s.sandbox.value } : {}),
    ...(s.allow_network !== undefined ? { allowNetwork: s.allow_network.value } : {}),
    ...(s.allow_destructive !== undefined ? { allowDestructive: s.allow_destructive.value } : {}),
    ...(s.pass_env !== undefined ? { passEnv: s.pass_env.value } : {}),
  };
  return Object.keys(shell).length > 0 ? shell : undefined;
}
