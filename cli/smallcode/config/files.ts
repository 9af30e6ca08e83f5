import { existsSync, readFileSync } from "node:fs";
import { parseEnv } from "node:util";
import { parse, TomlError } from "smol-toml";
import { didYouMean } from "../../shared/suggest.ts";
import { checkEmbeddedTable } from "./embedded.ts";
import { ConfigError } from "./errors.ts";
import { checkEscalationTable } from "./escalation.ts";
import {
  coerce,
  describeValue,
  expectation,
  type Kind,
  SCALAR_KEYS,
  SHELL_KEYS,
  TOP_LEVEL_KEYS,
  TRUST_KEYS,
} from "./keys.ts";
import { checkMcpTable } from "./mcp.ts";
import { checkWebTable } from "./web.ts";

/**
 * Reading the configuration files: the project's `.env` (through Node's `util.parseEnv`) and the TOML
 * files (`smallcode.toml`, `~/.config/smallcode/config.toml`, through `smol-toml`), each checked in
 * full when read so that a mistake is reported even when a flag overrides the key.
 */

/** Where a configuration file sits in the order. */
export type FileScope = "project" | "user";

/** A parsed and checked TOML configuration file. */
export interface TomlLayer {
  readonly file: string;
  readonly scope: FileScope;
  readonly data: Readonly<Record<string, unknown>>;
  /** The 1-based line that sets `path` (`["shell", "sandbox"]`); the table's line, or 1, when unsure. */
  lineOf(path: readonly string[]): number;
}

/** A parsed `.env` file. */
export interface DotenvLayer {
  readonly file: string;
  readonly vars: Readonly<Record<string, string>>;
  lineOf(name: string): number;
}

/** Reads a `.env` file; undefined when there is none. */
export function readDotenv(file: string): DotenvLayer | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  const vars = { ...parseEnv(text) } as Record<string, string>;
  const lines = text.split(/\r?\n/);
  return {
    file,
    vars,
    lineOf(name) {
      const re = new RegExp(`^\\s*(?:export\\s+)?${name}\\s*=`);
      const at = lines.findIndex((l) => re.test(l));
      return at >= 0 ? at + 1 : 1;
    },
  };
}

const bareKey = (key: string) => `(?:${key.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}|"${key}"|'${key}')`;

/** The line that sets `path` in TOML text: scans table headers and `key =` lines. */
export function locateKey(text: string, path: readonly string[]): number {
  const lines = text.split(/\r?\n/);
  let table: string[] = [];
  let tableLine = 0;
  const parent = path.slice(0, -1).join(".");
  const leaf = path[path.length - 1]!;
  const assign = new RegExp(`^\\s*${bareKey(leaf)}\\s*=`);
  const dotted =
    path.length > 1 ? new RegExp(`^\\s*${path.map(bareKey).join("\\s*\\.\\s*")}\\s*=`) : undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const header = /^\s*\[\s*([^\]]+?)\s*\]/.exec(line);
    if (header) {
      table = header[1]!.split(".").map((s) => s.trim().replace(/^["']|["']$/g, ""));
      if (table.join(".") === parent && parent !== "") tableLine = i + 1;
      if (table.join(".") === path.join(".")) return i + 1;
      continue;
    }
    if (table.join(".") === parent && assign.test(line)) return i + 1;
    if (table.length === 0 && dotted?.test(line)) return i + 1;
    // An inline table: `shell = { sandbox = true }` sets every key under `shell` on this line.
    if (
      table.length === 0 &&
      path.length > 1 &&
      new RegExp(`^\\s*${bareKey(path[0]!)}\\s*=\\s*\\{`).test(line)
    ) {
      return i + 1;
    }
  }
  return tableLine || 1;
}

function fail(
  layer: { file: string; lineOf(path: readonly string[]): number },
  path: readonly string[],
  message: string,
  fix: string,
): never {
  throw new ConfigError(message, { where: layer.file, line: layer.lineOf(path), key: path.join("."), fix });
}

function checkValue(
  layer: TomlLayer,
  path: readonly string[],
  kind: Kind,
  raw: unknown,
  example: string,
): void {
  if (coerce(kind, raw, false).ok) return;
  const key = path.join(".");
  const leaf = path[path.length - 1]!;
  fail(
    layer,
    path,
    `\`${key}\` must be ${expectation(kind)}, got ${describeValue(raw)}`,
    `write \`${leaf} = ${example}\``,
  );
}

function unknownKey(layer: TomlLayer, path: readonly string[], known: readonly string[]): never {
  const key = path[path.length - 1]!;
  const [best] = didYouMean(key, known, 1);
  const where = path.length > 1 ? ` in [${path.slice(0, -1).join(".")}]` : "";
  fail(
    layer,
    path,
    `unknown key \`${key}\`${where}${best ? ` (did you mean \`${best}\`?)` : ""}`,
    `${best ? `rename it to \`${best}\`, or remove it` : "remove it"}; known keys: ${known.join(", ")}`,
  );
}

function isTable(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === "object" && !Array.isArray(raw) && !(raw instanceof Date);
}

/** `[trust]`: only the user's own file may say which projects it trusts. */
function checkTrust(layer: TomlLayer, raw: unknown): void {
  if (layer.scope === "project") {
    throw new ConfigError(
      "a project file cannot declare itself trusted: `[trust]` belongs in your user config",
      {
        code: "PROJECT_NOT_TRUSTED",
        where: layer.file,
        line: layer.lineOf(["trust"]),
        key: "trust",
        fix: "remove the [trust] table from the project file; to trust a project, list it under [trust] projects in ~/.config/smallcode/config.toml",
      },
    );
  }
  if (!isTable(raw)) {
    fail(
      layer,
      ["trust"],
      `\`trust\` must be a table, got ${describeValue(raw)}`,
      "write it as a [trust] table",
    );
  }
  for (const [sub, value] of Object.entries(raw)) {
    const def = TRUST_KEYS.find((k) => k.key === sub);
    if (!def)
      unknownKey(
        layer,
        ["trust", sub],
        TRUST_KEYS.map((k) => k.key),
      );
    checkValue(layer, ["trust", sub], def.kind, value, def.example);
  }
}

/** Checks every key of a parsed file; throws {@link ConfigError} at the first problem. */
function validate(layer: TomlLayer): void {
  for (const [key, raw] of Object.entries(layer.data)) {
    const scalar = SCALAR_KEYS.find((k) => k.key === key);
    if (scalar) {
      checkValue(layer, [key], scalar.kind, raw, scalar.example);
      continue;
    }
    if (key === "trust") {
      checkTrust(layer, raw);
      continue;
    }
    if (key === "mcp") {
      checkMcpTable(layer, raw);
      continue;
    }
    if (key === "web") {
      checkWebTable(layer, raw);
      continue;
    }
    if (key === "escalation") {
      checkEscalationTable(layer, raw);
      continue;
    }
    if (key === "embedded") {
      checkEmbeddedTable(layer, raw);
      continue;
    }
    if (key === "guards" || key === "shell") {
      if (!isTable(raw)) {
        fail(
          layer,
          [key],
          `\`${key}\` must be a table, got ${describeValue(raw)}`,
          `write it as a [${key}] table`,
        );
      }
      for (const [sub, value] of Object.entries(raw)) {
        if (key === "guards") checkValue(layer, [key, sub], "boolean", value, "false");
        else {
          const def = SHELL_KEYS.find((k) => k.key === sub);
          if (!def)
            unknownKey(
              layer,
              [key, sub],
              SHELL_KEYS.map((k) => k.key),
            );
          checkValue(layer, [key, sub], def.kind, value, def.example);
        }
      }
      continue;
    }
    unknownKey(layer, [key], TOP_LEVEL_KEYS);
  }
}

/** Reads and checks a TOML configuration file; undefined when there is none. */
export function readToml(file: string, scope: FileScope): TomlLayer | undefined {
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, "utf8");
  let data: Record<string, unknown>;
  try {
    data = parse(text) as Record<string, unknown>;
  } catch (error) {
    if (!(error instanceof TomlError)) throw error;
    const what = error.message.split("\n")[0]!.replace(/^Invalid TOML document:\s*/, "");
    throw new ConfigError(`this is not valid TOML: ${what}\n${error.codeblock.trimEnd()}`, {
      where: file,
      line: error.line,
      fix: 'correct the TOML syntax: `key = value`, strings in double quotes (`model = "qwen2.5-coder:7b"`)',
    });
  }
  const layer: TomlLayer = { file, scope, data, lineOf: (path) => locateKey(text, path) };
  validate(layer);
  return layer;
}
