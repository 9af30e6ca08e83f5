import { existsSync } from "node:fs";
import { join } from "node:path";
import { PACKAGE_ROOT, runsFromSources } from "../../shared/entry.js";
import type { Flags } from "../args.ts";
import type { EscalationSettings } from "../config/escalation.ts";
import { describeOrigin, type ResolvedConfig, resolveConfig, toOptions } from "../config/index.ts";
import { findProjectRoot, type ProjectRoot } from "../config/project-root.ts";
import type { SmallCodeOptions } from "../contract/index.ts";
import { type Checked, checkEndpoint, type Detection, detectEndpoint } from "../endpoint/index.ts";
import type { Io } from "../io.ts";
import type { McpToolSource } from "../mcp/adapter.ts";
import { type Connection, chooseConnection } from "../models/choose.ts";
import type { EmbeddedReady } from "../models/embedded.ts";
import type { Consent } from "../models/obtain.ts";

/**
 * What every command that talks to a model does first: resolve the configuration, probe the
 * endpoint, check the model names, and build the agent options.
 */

/** A configuration checked against the endpoint. */
export interface Prepared {
  readonly config: ResolvedConfig;
  /** Where the project root is and why (`config.cwd` is its directory). */
  readonly root: ProjectRoot;
  readonly detection: Detection;
  readonly checked: Checked;
  /** A server, a model file, or the default embedded model (models/choose.ts). */
  readonly connection: Connection;
  /** The embedded model, when the connection is not a server and its file is there. */
  readonly embedded?: EmbeddedReady;
}

/** A run that can start. */
export interface Ready extends Prepared {
  readonly options: SmallCodeOptions;
  /** The MCP servers' tools (also `options.externalTools`): close when the command ends. */
  readonly mcp?: McpToolSource;
}

/** Whether `smallcode bench --sim` exists in this build (the benchmark's simulated model). */
export function simAvailable(): boolean {
  return (
    runsFromSources() &&
    existsSync(new URL("bench/command.ts", PACKAGE_ROOT)) &&
    existsSync(new URL("bench/sim", PACKAGE_ROOT))
  );
}

/**
 * Resolves the configuration and probes the endpoint, or opens the embedded model when no server is
 * configured (`consent` says whether the default model may be downloaded). @throws ConfigError
 */
export async function prepare(flags: Flags, io: Io, consent: Consent = "never"): Promise<Prepared> {
  const root = findProjectRoot(io.cwd, flags.cwd);
  const config = resolveConfig({ flags: { ...flags, cwd: root.dir }, cwd: io.cwd, env: io.env });
  for (const warning of config.warnings) io.stderr.write(`smallcode: warning: ${warning}\n`);
  const connection = chooseConnection(config, flags);
  if (connection.kind !== "server") {
    const { prepareEmbedded } = await import("./prepare-embedded.ts");
    return { root, connection, ...(await prepareEmbedded(connection, config, io, consent)) };
  }
  const v = config.values;
  const baseUrl = v.base_url!.value;
  const models = [v.model?.value, v.model_strong?.value].filter((m): m is string => m !== undefined);
  const provider = config.env.SMALLCODE_PROVIDER;
  const detection = await detectEndpoint({
    baseUrl,
    models,
    ...(v.api_key ? { apiKey: v.api_key.value } : {}),
    ...(provider ? { provider } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
  });
  const checked = checkEndpoint(detection, {
    baseUrl,
    baseUrlOrigin: describeOrigin(v.base_url!.origin),
    ...(v.model ? { model: v.model.value } : {}),
    ...(v.model_strong ? { modelStrong: v.model_strong.value } : {}),
    ...(v.context_window ? { contextWindow: v.context_window.value } : {}),
    sim: simAvailable(),
  });
  return { config, root, detection, checked, connection };
}

const PROVIDERS = ["auto", "ollama", "openai_compat"] as const;

/**
 * Hands the runtime what the configuration knows beyond the agent options: the `.env` values (for
 * `${VAR}` references and `SMALLCODE_PROVIDER` / `SMALLCODE_COGNITION_LOG`), the project's trace and
 * cache directories (under `--cwd`, not the process directory; a project's `.env` may only move them
 * inside `.smallcode/`, which resolveConfig checked), and the secrets to redact from every output:
 * the API key, secret-looking variables of the environment and every value of the project's `.env`
 * files.
 */
async function configureRuntimeFor(config: ResolvedConfig): Promise<void> {
  const runtime = await import("../../../runtime/index.ts");
  const env = config.env;
  const provider = PROVIDERS.find((p) => p === env.SMALLCODE_PROVIDER);
  runtime.configureRuntime({
    env,
    ...(provider ? { provider } : {}),
    ...(env.SMALLCODE_COGNITION_LOG ? { cognitionLog: env.SMALLCODE_COGNITION_LOG } : {}),
    traceDir: env.SMALLCODE_TRACE_DIR || join(config.cwd, ".smallcode", "traces"),
    cacheDir: env.SMALLCODE_CACHE_DIR || join(config.cwd, ".smallcode", "cache"),
  });
  const key = config.values.api_key?.value;
  if (key) runtime.registerSecret(key);
  const { registerEnvSecrets, registerFileSecrets, registerPassedSecrets } = await import(
    "../safety/secrets.ts"
  );
  registerEnvSecrets(env);
  registerPassedSecrets(env, config.shell.pass_env?.value ?? []);
  await registerFileSecrets(config.cwd);
}

/**
 * Prepares a run: the agent options, or undefined after writing why the endpoint cannot be used
 * (the caller exits 2).
 */
export async function prepareRun(
  flags: Flags,
  io: Io,
  extra: Partial<SmallCodeOptions> = {},
): Promise<Ready | undefined> {
  const prepared = await prepare(flags, io, flags.downloadModel ? "given" : "ask");
  const { checked, config } = prepared;
  if (!checked.ok) {
    io.stderr.write(`smallcode: error: ${checked.message}\n`);
    return undefined;
  }
  if (flags.resume !== undefined) {
    const { sessionExists, sessionsDir } = await import("../sessions/index.ts");
    if (!(await sessionExists(config.cwd, flags.resume))) {
      io.stderr.write(
        `smallcode: error: no saved session \`${flags.resume}\` in ${sessionsDir(config.cwd)}\n` +
          "  fix: pass an id that `smallcode sessions` lists, or leave out --resume to start a new session\n",
      );
      return undefined;
    }
  }
  await configureRuntimeFor(config);
  if (prepared.embedded)
    await (await import("./prepare-embedded.ts")).activateEmbedded(prepared.embedded, io.signal);
  const { baseUrl: _server, ...base } = toOptions(config, checked.contextWindow);
  const mcp =
    config.mcp.length > 0
      ? (await import("../mcp/index.ts")).mcpToolSource(config.mcp, config.cwd, config.env)
      : undefined;
  const options: SmallCodeOptions = {
    ...base,
    // an embedded run has no server: the runtime's clients serve every model in process
    ...(prepared.embedded ? {} : { baseUrl: _server }),
    ...(mcp ? { externalTools: mcp } : {}),
    model: checked.model,
    modelStrong: checked.modelStrong,
    ...(flags.resume !== undefined ? { resume: flags.resume } : {}),
    ...(config.escalation ? { escalation: escalationOf(config.escalation, flags, io.env) } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    ...extra,
  };
  return { ...prepared, options, ...(mcp ? { mcp } : {}) };
}

/**
 * `SmallCodeOptions.escalation` from the user's `[escalation]`: the key is read from the user's own
 * environment (never a project's .env), and `--escalate` approves escalating without asking.
 */
function escalationOf(
  settings: EscalationSettings,
  flags: Flags,
  env: Readonly<Record<string, string | undefined>>,
): NonNullable<SmallCodeOptions["escalation"]> {
  const apiKey = settings.apiKeyEnv ? env[settings.apiKeyEnv] : undefined;
  return { settings, ...(apiKey ? { apiKey } : {}), ...(flags.escalate ? { approved: true } : {}) };
}
