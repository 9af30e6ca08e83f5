import { TIME_LIMIT_EXPECTED, timeLimitMs } from "../../shared/time-limit.ts";
import { ROUTING_MODES, type Routing } from "../args.ts";

/**
 * The configuration keys: their TOML name, environment variable, flag, type and an example, plus
 * {@link coerce}, which checks a raw value against a key's type. Pure.
 */

/** The scalar values, by TOML key. */
export interface ScalarValues {
  readonly base_url: string;
  readonly model: string;
  readonly model_strong: string;
  readonly api_key: string;
  readonly api_key_env: string;
  readonly max_steps: number;
  /** In milliseconds (written as a duration or seconds). */
  readonly max_time: number;
  readonly max_tokens: number;
  readonly routing: Routing;
  readonly yes: boolean;
  readonly context_window: number;
  readonly repo_map: boolean;
  readonly memory: boolean;
  readonly skills: boolean;
}

/** A scalar key (`model`, `max_steps`, …). */
export type ScalarKey = keyof ScalarValues;

/** The `[shell]` table. */
export interface ShellValues {
  /** Run commands in a sandbox (bwrap) when one is available. */
  readonly sandbox: boolean;
  /** Let sandboxed commands reach the network. */
  readonly allow_network: boolean;
  /** Destructive commands (by prefix) that may run without being refused. */
  readonly allow_destructive: readonly string[];
  /** More of the user's environment variables passed to commands, by name (the user's config only). */
  readonly pass_env: readonly string[];
}

/** A `[shell]` key. */
export type ShellKey = keyof ShellValues;

/** How a raw value is checked. */
export type Kind =
  | "string"
  | "url"
  | "int"
  | "duration"
  | "boolean"
  | "routing"
  | "env-name"
  | "string-list"
  | "env-name-list";

/** One scalar key. */
export interface KeyDef {
  readonly key: ScalarKey;
  readonly env: string;
  /** The command-line flag, without dashes. */
  readonly flag?: string;
  readonly kind: Kind;
  readonly secret?: boolean;
  readonly description: string;
  /** A valid value, as TOML source, for fixes. */
  readonly example: string;
}

/** The scalar keys, in the order `doctor` prints them. */
export const SCALAR_KEYS: readonly KeyDef[] = [
  {
    key: "base_url",
    env: "SMALLCODE_BASE_URL",
    flag: "base-url",
    kind: "url",
    description: "OpenAI-compatible endpoint",
    example: '"http://localhost:11434/v1"',
  },
  {
    key: "model",
    env: "SMALLCODE_MODEL",
    flag: "model",
    kind: "string",
    description: "model name",
    example: '"qwen2.5-coder:7b"',
  },
  {
    key: "model_strong",
    env: "SMALLCODE_MODEL_STRONG",
    flag: "model-strong",
    kind: "string",
    description: "model for the strong tier",
    example: '"qwen2.5-coder:14b"',
  },
  {
    key: "api_key",
    env: "SMALLCODE_API_KEY",
    kind: "string",
    secret: true,
    description: "API key (prefer api_key_env)",
    example: '"sk-…"',
  },
  {
    key: "api_key_env",
    env: "SMALLCODE_API_KEY_ENV",
    flag: "api-key-env",
    kind: "env-name",
    description: "environment variable holding the API key",
    example: '"OPENROUTER_API_KEY"',
  },
  {
    key: "max_steps",
    env: "SMALLCODE_MAX_STEPS",
    flag: "max-steps",
    kind: "int",
    description: "model turns per task",
    example: "30",
  },
  {
    key: "max_time",
    env: "SMALLCODE_MAX_TIME",
    flag: "max-time",
    kind: "duration",
    description: "wall-clock limit of a task (`90s`, `10m`, or seconds)",
    example: '"10m"',
  },
  {
    key: "max_tokens",
    env: "SMALLCODE_MAX_TOKENS",
    flag: "max-tokens",
    kind: "int",
    description: "token budget of a task over all its model calls",
    example: "500000",
  },
  {
    key: "routing",
    env: "SMALLCODE_ROUTING",
    flag: "routing",
    kind: "routing",
    description: "tool schemas per turn",
    example: '"two-stage"',
  },
  {
    key: "yes",
    env: "SMALLCODE_YES",
    flag: "yes",
    kind: "boolean",
    description: "approve actions without asking",
    example: "true",
  },
  {
    key: "context_window",
    env: "SMALLCODE_CONTEXT_WINDOW",
    flag: "context-window",
    kind: "int",
    description: "context window to assume (tokens)",
    example: "16384",
  },
  {
    key: "repo_map",
    env: "SMALLCODE_REPO_MAP",
    flag: "repo-map",
    kind: "boolean",
    description: "show the model a ranked map of the project's files and signatures",
    example: "true",
  },
  {
    key: "memory",
    env: "SMALLCODE_MEMORY",
    kind: "boolean",
    description:
      "project memory: the memory tool, facts and earlier task outcomes recalled into the prompt, each run's outcome saved",
    example: "false",
  },
  {
    key: "skills",
    env: "SMALLCODE_SKILLS",
    kind: "boolean",
    description: "list the installed skills (SKILL.md folders) in the prompt and offer the skill tool",
    example: "false",
  },
];

/** The `[shell]` keys. */
export const SHELL_KEYS: readonly {
  readonly key: ShellKey;
  readonly kind: Kind;
  readonly example: string;
  readonly description: string;
}[] = [
  {
    key: "sandbox",
    kind: "boolean",
    example: "true",
    description: "run commands in a sandbox (bubblewrap) when one is available",
  },
  {
    key: "allow_network",
    kind: "boolean",
    example: "false",
    description: "let sandboxed commands reach the network",
  },
  {
    key: "allow_destructive",
    kind: "string-list",
    example: '["rm -rf dist", "git reset --hard"]',
    description: "destructive commands (by prefix) that may run without being refused",
  },
  {
    key: "pass_env",
    kind: "env-name-list",
    example: '["DATABASE_URL"]',
    description:
      "more of your environment variables passed to commands, by name (your config only; secret-looking values are still redacted in outputs)",
  },
];

/**
 * The `[trust]` keys (user configuration only): `projects` lists directories whose project files
 * may weaken safety, move the key or point logs elsewhere, like the user's own configuration.
 */
export const TRUST_KEYS: readonly {
  readonly key: "projects";
  readonly kind: Kind;
  readonly example: string;
  readonly description: string;
}[] = [
  {
    key: "projects",
    kind: "string-list",
    example: '["~/work/my-project"]',
    description: "projects whose own configuration files you trust like your own (they may weaken safety)",
  },
];

/**
 * Tables besides the scalars: `[guards]` holds on/off switches by guard name, `[shell]` the shell
 * policy, `[trust]` the projects the user trusts, `[mcp]` the MCP servers (config/mcp.ts), `[web]` web_fetch (config/web.ts) and `[escalation]` a stronger endpoint (config/escalation.ts) and `[embedded]` the in-process model (models/config.ts), the user's file only.
 */
export const TABLE_KEYS = ["guards", "shell", "trust", "mcp", "web", "escalation", "embedded"] as const;

/** Every key a configuration file may hold at the top level. */
export const TOP_LEVEL_KEYS: readonly string[] = [...SCALAR_KEYS.map((k) => k.key), ...TABLE_KEYS];

/** The definition of a scalar key. */
export function keyDef(key: ScalarKey): KeyDef {
  return SCALAR_KEYS.find((k) => k.key === key)!;
}

/** A checked value, or what was expected. */
export type Coerced =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly expected: string };

const TRUE = new Set(["true", "1", "yes", "on"]);
const FALSE = new Set(["false", "0", "no", "off"]);

/** What a kind of value must be, in words. */
export function expectation(kind: Kind): string {
  switch (kind) {
    case "string":
      return "a non-empty string";
    case "url":
      return "an http:// or https:// URL";
    case "int":
      return "a positive whole number";
    case "duration":
      return TIME_LIMIT_EXPECTED;
    case "boolean":
      return "true or false";
    case "routing":
      return `one of ${ROUTING_MODES.map((m) => `"${m}"`).join(", ")}`;
    case "env-name":
      return "an environment variable name (letters, digits, _)";
    case "string-list":
      return "a list of strings";
    case "env-name-list":
      return "a list of environment variable names (letters, digits, _)";
  }
}

/**
 * Checks `raw` against `kind`. `textual` values (flags, environment, `.env`) are strings and are
 * converted; values from TOML must already have the right type.
 */
export function coerce(kind: Kind, raw: unknown, textual: boolean): Coerced {
  const bad: Coerced = { ok: false, expected: expectation(kind) };
  if (textual && typeof raw === "string") {
    const text = raw.trim();
    if (kind === "int")
      return /^\d+$/.test(text) && Number(text) >= 1 ? { ok: true, value: Number(text) } : bad;
    if (kind === "boolean") {
      const lower = text.toLowerCase();
      return TRUE.has(lower)
        ? { ok: true, value: true }
        : FALSE.has(lower)
          ? { ok: true, value: false }
          : bad;
    }
    if (kind === "string-list" || kind === "env-name-list")
      return { ok: true, value: text === "" ? [] : text.split(",").map((s) => s.trim()) };
  }
  switch (kind) {
    case "string":
      return typeof raw === "string" && raw.trim() !== "" ? { ok: true, value: raw.trim() } : bad;
    case "url": {
      if (typeof raw !== "string") return bad;
      try {
        const url = new URL(raw.trim());
        if (url.protocol !== "http:" && url.protocol !== "https:") return bad;
        return { ok: true, value: raw.trim().replace(/\/+$/, "") };
      } catch {
        return bad;
      }
    }
    case "int":
      return typeof raw === "number" && Number.isInteger(raw) && raw >= 1 ? { ok: true, value: raw } : bad;
    case "duration": {
      const ms = typeof raw === "string" || typeof raw === "number" ? timeLimitMs(raw) : undefined;
      return ms === undefined ? bad : { ok: true, value: ms };
    }
    case "boolean":
      return typeof raw === "boolean" ? { ok: true, value: raw } : bad;
    case "routing":
      return typeof raw === "string" && (ROUTING_MODES as readonly string[]).includes(raw)
        ? { ok: true, value: raw }
        : bad;
    case "env-name":
      return typeof raw === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(raw) ? { ok: true, value: raw } : bad;
    case "string-list":
      return Array.isArray(raw) && raw.every((s) => typeof s === "string" && s.trim() !== "")
        ? { ok: true, value: raw.map((s: string) => s.trim()) }
        : bad;
    case "env-name-list":
      return Array.isArray(raw) &&
        raw.every((s) => typeof s === "string" && /^[A-Za-z_][A-Za-z0-9_]*$/.test(s))
        ? { ok: true, value: [...raw] }
        : bad;
  }
}

/** How a raw TOML value reads in a message: `"ten" (a string)`, `3.5`, `a table`. */
export function describeValue(raw: unknown): string {
  if (typeof raw === "string") return `${JSON.stringify(raw)} (a string)`;
  if (typeof raw === "number" || typeof raw === "boolean" || typeof raw === "bigint") return String(raw);
  if (Array.isArray(raw)) return "a list";
  if (raw instanceof Date) return "a date";
  if (raw !== null && typeof raw === "object") return "a table";
  return String(raw);
}
