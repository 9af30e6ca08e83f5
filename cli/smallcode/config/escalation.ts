import type { EscalationSettings } from "../contract/options.ts";
import { ConfigError } from "./errors.ts";
import type { TomlLayer } from "./files.ts";

/**
 * `[escalation]` in the user's config: a stronger endpoint (local or cloud) the agent may hand a
 * stuck step to. It sends part of the project to another host and spends the user's money, so only
 * the user's own config can set it: a `[escalation]` table in a project file is refused with its
 * file, line and key, trusted project or not.
 */

export type { EscalationSettings } from "../contract/options.ts";

/** TOML key → [setting, kind, example]. */
const KEYS = {
  base_url: ["baseUrl", "url", '"https://api.example.com/v1"'],
  model: ["model", "string", '"big-coder"'],
  api_key_env: ["apiKeyEnv", "env", '"STRONG_API_KEY"'],
  after_failures: ["afterFailures", "int", "3"],
  max_per_session: ["maxPerSession", "int", "2"],
  max_excerpt_tokens: ["maxExcerptTokens", "int", "4000"],
  input_usd_per_mtok: ["inputUsdPerMtok", "number", "3.0"],
  output_usd_per_mtok: ["outputUsdPerMtok", "number", "15.0"],
} as const;

/** The keys of `[escalation]`. */
export const ESCALATION_KEYS = Object.keys(KEYS) as (keyof typeof KEYS)[];

const EXAMPLE =
  '[escalation]\nbase_url = "https://api.example.com/v1"\nmodel = "big-coder"\napi_key_env = "STRONG_API_KEY"';

function bad(layer: TomlLayer, path: readonly string[], message: string, fix: string): never {
  throw new ConfigError(message, { where: layer.file, line: layer.lineOf(path), key: path.join("."), fix });
}

function valid(kind: string, value: unknown): boolean {
  switch (kind) {
    case "url":
      return typeof value === "string" && /^https?:\/\/[^/\s]+/.test(value);
    case "string":
      return typeof value === "string" && value.trim() !== "";
    case "env":
      return typeof value === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(value);
    case "int":
      return Number.isInteger(value) && (value as number) >= 0;
    default:
      return typeof value === "number" && Number.isFinite(value) && value >= 0;
  }
}

/** Checks the shape of an `[escalation]` table. @throws ConfigError naming the file, line and key */
export function checkEscalationTable(layer: TomlLayer, raw: unknown): void {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    bad(layer, ["escalation"], "`escalation` must be a table", `write it as\n${EXAMPLE}`);
  for (const [key, value] of Object.entries(raw)) {
    const def = (KEYS as Record<string, readonly [string, string, string]>)[key];
    if (!def)
      bad(
        layer,
        ["escalation", key],
        `unknown key \`${key}\` in [escalation]`,
        `remove it; [escalation] takes ${ESCALATION_KEYS.join(", ")}`,
      );
    if (!valid(def[1], value))
      bad(
        layer,
        ["escalation", key],
        `\`escalation.${key}\` has the wrong type or value`,
        `write \`${key} = ${def[2]}\``,
      );
  }
  for (const key of ["base_url", "model"])
    if ((raw as Record<string, unknown>)[key] === undefined)
      bad(
        layer,
        ["escalation"],
        `[escalation] needs \`${key}\``,
        `add \`${key} = ${KEYS[key as keyof typeof KEYS][2]}\``,
      );
}

/**
 * The escalation settings, from the user's config only. @throws ConfigError (PROJECT_NOT_TRUSTED)
 * when the project file has an `[escalation]` table
 */
export function resolveEscalation(
  project: TomlLayer | undefined,
  user: TomlLayer | undefined,
  userFile: string,
): EscalationSettings | undefined {
  const table = project?.data.escalation as Record<string, unknown> | undefined;
  if (project && table !== undefined) {
    const key = Object.keys(table)[0];
    const path = key === undefined ? ["escalation"] : ["escalation", key];
    throw new ConfigError(
      `a project file cannot configure escalation (\`${path.join(".")}\`): it would send your code, and possibly your key, to an endpoint the project chose`,
      {
        code: "PROJECT_NOT_TRUSTED",
        where: project.file,
        line: project.lineOf(path),
        key: path.join("."),
        fix: `remove [escalation] from ${project.file}; to escalate to a stronger model, configure it in your own config, ${userFile}:\n${EXAMPLE}`,
      },
    );
  }
  const mine = user?.data.escalation as Record<string, unknown> | undefined;
  if (!mine) return undefined;
  const get = <T>(key: keyof typeof KEYS, fallback: T): T => (mine[key] as T | undefined) ?? fallback;
  const apiKeyEnv = get<string | undefined>("api_key_env", undefined);
  return {
    baseUrl: get("base_url", ""),
    model: get("model", ""),
    ...(apiKeyEnv ? { apiKeyEnv } : {}),
    afterFailures: Math.max(1, get("after_failures", 3)),
    maxPerSession: get("max_per_session", 2),
    maxExcerptTokens: Math.max(500, get("max_excerpt_tokens", 4000)),
    inputUsdPerMtok: get("input_usd_per_mtok", 0),
    outputUsdPerMtok: get("output_usd_per_mtok", 0),
  };
}
