import { isAbsolute, resolve } from "node:path";
import { home } from "../tools/real-path.ts";
import { ConfigError } from "./errors.ts";
import type { DotenvLayer, TomlLayer } from "./files.ts";

/**
 * The embedded model's settings, which only the user decides: `--model-file`, the environment
 * (`SMALLCODE_MODEL_FILE`, `SMALLCODE_MODEL_MIRROR`, `SMALLCODE_THREADS`) and `[embedded]` in the user's own config. A
 * project file cannot set them, trusted or not: a cloned repository must not choose which weights
 * are loaded into the process or where they are downloaded from. A `[embedded]` table in
 * `smallcode.toml` is refused with its file, line and key; the variables in a project's `.env` are
 * ignored with a warning.
 */

/** The keys of `[embedded]`. */
export const EMBEDDED_KEYS = ["model_file", "mirror", "threads"] as const;

/** The environment variables that set embedded settings (read from the real environment only). */
export const EMBEDDED_VARS = ["SMALLCODE_MODEL_FILE", "SMALLCODE_MODEL_MIRROR", "SMALLCODE_THREADS"] as const;

const EXAMPLE = '[embedded]\nmodel_file = "~/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"\nthreads = 4';

/** A setting with where it came from, in words (`--model-file`, `environment SMALLCODE_MODEL_FILE`). */
export interface Said<T> {
  readonly value: T;
  readonly origin: string;
}

/** What the user configured for the embedded model. */
export interface EmbeddedSettings {
  /** An absolute GGUF path. */
  readonly modelFile?: Said<string>;
  /** The base URL that replaces https://huggingface.co for downloads. */
  readonly mirror?: Said<string>;
  readonly threads?: Said<number>;
}

function bad(layer: TomlLayer, path: readonly string[], message: string, fix: string): never {
  throw new ConfigError(message, { where: layer.file, line: layer.lineOf(path), key: path.join("."), fix });
}

function isUrl(raw: unknown): boolean {
  if (typeof raw !== "string") return false;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

/** Checks the shape of an `[embedded]` table. @throws ConfigError naming the file, line and key */
export function checkEmbeddedTable(layer: TomlLayer, raw: unknown): void {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    bad(layer, ["embedded"], "`embedded` must be a table", `write it as\n${EXAMPLE}`);
  for (const [key, value] of Object.entries(raw)) {
    const path = ["embedded", key];
    if (key === "model_file") {
      if (typeof value !== "string" || value.trim() === "")
        bad(layer, path, "`embedded.model_file` must be a path to a .gguf file", EXAMPLE);
    } else if (key === "mirror") {
      if (!isUrl(value))
        bad(
          layer,
          path,
          "`embedded.mirror` must be an http:// or https:// URL",
          'write `mirror = "https://hf-mirror.com"`',
        );
    } else if (key === "threads") {
      if (typeof value !== "number" || !Number.isInteger(value) || value < 1)
        bad(layer, path, "`embedded.threads` must be a positive whole number", "write `threads = 4`");
    } else
      bad(
        layer,
        path,
        `unknown key \`${key}\` in [embedded]`,
        `remove it; [embedded] takes ${EMBEDDED_KEYS.join(", ")}`,
      );
  }
}

/** `~/x` and relative paths made absolute (relative to `base`). */
function absolute(path: string, base: string, env: Readonly<Record<string, string | undefined>>): string {
  const expanded = path.trim().replace(/^~(?=$|[/\\])/, home(env));
  return isAbsolute(expanded) ? expanded : resolve(base, expanded);
}

/** What {@link resolveEmbedded} reads. */
export interface EmbeddedInput {
  readonly project: TomlLayer | undefined;
  readonly user: TomlLayer | undefined;
  readonly userFile: string;
  readonly dotenv: DotenvLayer | undefined;
  /** The real environment (never the project's `.env`). */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The process working directory: relative `--model-file` and `SMALLCODE_MODEL_FILE` paths start here. */
  readonly cwd: string;
  /** `--model-file`, as typed. */
  readonly flag?: string;
}

/**
 * The embedded settings in force, and warnings about project `.env` values that were ignored.
 * @throws ConfigError (PROJECT_NOT_TRUSTED) when the project file has an `[embedded]` table
 */
export function resolveEmbedded(input: EmbeddedInput): { settings: EmbeddedSettings; warnings: string[] } {
  const { project, user, env } = input;
  const table = project?.data.embedded as Record<string, unknown> | undefined;
  if (project && table !== undefined) {
    const key = Object.keys(table)[0];
    const path = key === undefined ? ["embedded"] : ["embedded", key];
    throw new ConfigError(
      `a project file cannot configure the embedded model (\`${path.join(".")}\`): it would choose which weights SmallCode loads, or where it downloads them from`,
      {
        code: "PROJECT_NOT_TRUSTED",
        where: project.file,
        line: project.lineOf(path),
        key: path.join("."),
        fix: `remove [embedded] from ${project.file}; pass --model-file PATH, or set it in your own config, ${input.userFile}:\n${EXAMPLE}`,
      },
    );
  }
  const warnings: string[] = [];
  for (const name of EMBEDDED_VARS) {
    if (input.dotenv?.vars[name] !== undefined && env[name] === undefined)
      warnings.push(
        `${input.dotenv.file}:${input.dotenv.lineOf(name)} sets ${name}, which a project cannot choose; it is ignored (pass --model-file or export it yourself)`,
      );
  }
  const mine = (user?.data.embedded ?? {}) as { model_file?: string; mirror?: string; threads?: number };
  const at = (key: string) => `${input.userFile}:${user?.lineOf(["embedded", key]) ?? 1}`;
  const settings: {
    modelFile?: Said<string>;
    mirror?: Said<string>;
    threads?: Said<number>;
  } = {};
  const envFile = env.SMALLCODE_MODEL_FILE;
  if (input.flag !== undefined)
    settings.modelFile = { value: absolute(input.flag, input.cwd, env), origin: "--model-file" };
  else if (envFile !== undefined && envFile !== "")
    settings.modelFile = {
      value: absolute(envFile, input.cwd, env),
      origin: "environment SMALLCODE_MODEL_FILE",
    };
  else if (mine.model_file !== undefined)
    settings.modelFile = { value: absolute(mine.model_file, home(env), env), origin: at("model_file") };
  const envMirror = env.SMALLCODE_MODEL_MIRROR;
  if (envMirror !== undefined && envMirror !== "") {
    if (!isUrl(envMirror))
      throw new ConfigError(
        `\`SMALLCODE_MODEL_MIRROR\` must be an http:// or https:// URL, got ${JSON.stringify(envMirror)}`,
        {
          where: "environment variable SMALLCODE_MODEL_MIRROR",
          key: "SMALLCODE_MODEL_MIRROR",
          fix: "export SMALLCODE_MODEL_MIRROR=https://hf-mirror.com (a server with the hub's /{repo}/resolve/{revision}/{file} paths)",
        },
      );
    settings.mirror = { value: envMirror.replace(/\/+$/, ""), origin: "environment SMALLCODE_MODEL_MIRROR" };
  } else if (mine.mirror !== undefined)
    settings.mirror = { value: mine.mirror.replace(/\/+$/, ""), origin: at("mirror") };
  const envThreads = env.SMALLCODE_THREADS;
  if (envThreads !== undefined && envThreads !== "") {
    // One thread per process wins when the cores are shared (parallel test workers, a busy
    // machine): llama.cpp's threads spin while they wait for each other.
    if (!/^[1-9][0-9]{0,3}$/.test(envThreads.trim()))
      throw new ConfigError(
        `\`SMALLCODE_THREADS\` must be a positive whole number, got ${JSON.stringify(envThreads)}`,
        {
          where: "environment variable SMALLCODE_THREADS",
          key: "SMALLCODE_THREADS",
          fix: "export SMALLCODE_THREADS=4 (or unset it: the default is the CPU's math cores)",
        },
      );
    settings.threads = { value: Number(envThreads.trim()), origin: "environment SMALLCODE_THREADS" };
  } else if (mine.threads !== undefined) settings.threads = { value: mine.threads, origin: at("threads") };
  return { settings, warnings };
}
