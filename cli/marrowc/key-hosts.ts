import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { resolveRefs } from "../../runtime/env.ts";
import type { ModelSpec } from "../../runtime/spec.ts";
import { UsageError } from "./files.ts";

/**
 * The key rule of `marrowc test` (SmallCode's `config/trust.ts`, applied to model declarations): the
 * `marrow/*.marrow` files of a cloned repository choose their models' endpoints, but the user's API key
 * (a value from the user's environment, `SMALLCODE_API_KEY` by default) goes only to the endpoint the
 * user chose (`SMALLCODE_BASE_URL`). A declaration that would send it elsewhere is refused before any
 * request, unless the user trusts the project in their own config (`[trust] projects`). A key written
 * in the project file itself is the project's own and may go where the project likes.
 */

type Env = Readonly<Record<string, string | undefined>>;

/** One model that would carry the user's key to a host of the project's choosing. */
export interface KeyHostViolation {
  readonly model: string;
  /** `marrow/x.marrow:LINE` of the `endpoint:` line (the declaration's line when not found). */
  readonly at: string;
  readonly host: string;
  /** The user's variables the key is read from. */
  readonly vars: readonly string[];
}

/** Every model declaration a generated index can reach: its models, routers' tiers and prompts. */
export function declaredModels(index: Readonly<Record<string, unknown>>): ModelSpec[] {
  const found = new Map<string, ModelSpec>();
  const add = (m: unknown) => {
    if (m && typeof m === "object" && typeof (m as ModelSpec).endpoint === "string")
      found.set(`${(m as ModelSpec).name}\u0000${(m as ModelSpec).endpoint}`, m as ModelSpec);
  };
  const values = (x: unknown) => (x && typeof x === "object" ? Object.values(x) : []);
  const addRouter = (r: unknown) => {
    const router = r as { tiers?: readonly { model?: unknown }[]; fallback?: unknown } | undefined;
    for (const tier of router?.tiers ?? []) add(tier.model);
    add(router?.fallback);
  };
  for (const m of values(index.models)) add(m);
  for (const r of values(index.routers)) addRouter(r);
  for (const p of values(index.prompts)) {
    const prompt = p as { model?: unknown; router?: unknown } | undefined;
    add(prompt?.model);
    addRouter(prompt?.router);
  }
  return [...found.values()];
}

function origin(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The line of `endpoint:` in the model's declaration, read from the project's file when it is there. */
function endpointLine(cwd: string, model: ModelSpec): string {
  const { file, line } = model.source;
  try {
    const path = join(cwd, file);
    if (existsSync(path)) {
      const lines = readFileSync(path, "utf8").split(/\r?\n/);
      for (let i = line - 1; i < Math.min(lines.length, line + 40); i++) {
        if (/^\s*endpoint\s*:/.test(lines[i] ?? "")) return `${file}:${i + 1}`;
        if (i > line - 1 && /^\s*}/.test(lines[i] ?? "")) break;
      }
    }
  } catch {
    // The declaration's own line is still a location.
  }
  return `${file}:${line}`;
}

/**
 * The models whose resolved key comes from the user's environment while their resolved endpoint is
 * not on the origin of the user's `SMALLCODE_BASE_URL`. `lookup` is the runtime's (`env`, then the
 * process environment).
 */
export function keyHostViolations(
  models: readonly ModelSpec[],
  cwd: string,
  lookup: (name: string) => string | undefined,
): KeyHostViolation[] {
  const userBase = lookup("SMALLCODE_BASE_URL");
  const userOrigin = userBase ? origin(userBase.trim()) : undefined;
  const out: KeyHostViolation[] = [];
  for (const model of models) {
    if (model.provider === "embedded" && model.endpoint.trim() === "") continue;
    const vars: string[] = [];
    const key = resolveRefs(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the runtime's default key reference
      model.apiKey || "${SMALLCODE_API_KEY}",
      (name) => {
        const value = lookup(name);
        if (value !== undefined && value !== "") vars.push(name);
        return value;
      },
    ).value.trim();
    if (key === "" || vars.length === 0) continue; // no key, or the project's own
    const endpoint = resolveRefs(model.endpoint, lookup).value.trim();
    const at = origin(endpoint);
    if (at !== undefined && at === userOrigin) continue;
    out.push({ model: model.name, at: endpointLine(cwd, model), host: at ?? endpoint, vars });
  }
  return out;
}

/** The refusal: what, where, and the two ways out. */
export function keyHostError(v: KeyHostViolation, cwd: string, userConfig: string): UsageError {
  return new UsageError(
    `${v.at}: model \`${v.model}\` would send your API key (from ${v.vars.join(", ")}) to ${v.host}, ` +
      "an endpoint this project's files chose, not yours (SMALLCODE_BASE_URL); nothing was sent. " +
      `To use it, set SMALLCODE_BASE_URL to that endpoint yourself, or, if you trust this project, add it to ${userConfig}: ` +
      `[trust] projects = [${JSON.stringify(cwd)}]`,
  );
}

/**
 * Refuses (a `UsageError`, exit 2) the first model that breaks the rule, unless the user's SmallCode
 * config trusts the project. The trust check loads SmallCode's config reader only when needed.
 */
export async function checkKeyHosts(
  index: Readonly<Record<string, unknown>>,
  cwd: string,
  env: Env,
): Promise<void> {
  const lookup = (name: string) => env[name] ?? process.env[name];
  const violations = keyHostViolations(declaredModels(index), cwd, lookup);
  if (violations.length === 0) return;
  const { readToml } = await import("../smallcode/config/files.ts");
  const { isTrusted } = await import("../smallcode/config/trust.ts");
  const { userConfigPath } = await import("../smallcode/config/resolve.ts");
  const merged = { ...process.env, ...env };
  const file = userConfigPath(merged);
  let user: ReturnType<typeof readToml>;
  try {
    user = readToml(file, "user");
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)} (${file})`);
  }
  if (isTrusted(user, cwd, merged)) return;
  throw keyHostError(violations[0]!, cwd, file);
}
