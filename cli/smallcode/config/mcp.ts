import { ConfigError } from "./errors.ts";
import type { TomlLayer } from "./files.ts";
import { refusal, trustFix } from "./trust.ts";

/**
 * `[mcp.servers.NAME]`: the MCP servers whose tools the agent may use. Each is either a command
 * SmallCode starts and talks to over stdio (`command`, `args`, `env`, `cwd`), or a streamable-HTTP
 * endpoint (`url`, `headers`). `tools` is an allow-list; `description` tells the category picker
 * what the server is for. Checked when the file is read (readToml), resolved with its origin.
 *
 * A project's `smallcode.toml` is untrusted input, and a stdio server is a command that runs outside
 * the sandbox with the user's rights (an HTTP server gets the model's tool calls, project content
 * included): servers declared by a project are refused unless the user trusts the project, or the
 * user's own config declares the same server.
 */

/** How SmallCode reaches a server. */
export type McpTransportConfig =
  | {
      readonly kind: "stdio";
      readonly command: string;
      readonly args: readonly string[];
      /** Variables added to the minimal environment the server starts with; `${VAR}` expanded. */
      readonly env: Readonly<Record<string, string>>;
      /** Working directory (default: the project root). */
      readonly cwd?: string;
    }
  | {
      readonly kind: "http";
      readonly url: string;
      /** Request headers (an `Authorization` token); `${VAR}` expanded. */
      readonly headers: Readonly<Record<string, string>>;
    };

/** One declared server. */
export interface McpServerConfig {
  /** The table name: `[mcp.servers.github]` → `github`. */
  readonly name: string;
  readonly transport: McpTransportConfig;
  /** Tool names the agent may use (the server's names); undefined: all of them. */
  readonly tools?: readonly string[];
  /** One line for the category picker; default: the server's name and a few tool names. */
  readonly description?: string;
  /** Longest a tool call may take, seconds (default 60). */
  readonly timeoutS: number;
  /** Where it was declared. */
  readonly file: string;
  readonly line: number;
  readonly scope: "project" | "user";
}

/** The keys a server table may hold. */
export const SERVER_KEYS = [
  "command",
  "args",
  "env",
  "cwd",
  "url",
  "headers",
  "tools",
  "description",
  "timeout_s",
] as const;

/** What each server key does, for docs/configuration.md (config/docs.ts). */
export const SERVER_KEY_DOCS: Readonly<Record<(typeof SERVER_KEYS)[number], string>> = {
  command: "stdio server: the program to start (outside the sandbox, with your rights)",
  args: "stdio server: its arguments",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config syntax, not a template
  env: "stdio server: variables added to the minimal environment it starts with (`${VAR}` is expanded; your other variables, API keys included, are not passed)",
  cwd: "stdio server: its working directory (default: the project root)",
  url: "streamable-HTTP server: its endpoint, `http://` or `https://`",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config syntax, not a template
  headers: 'HTTP server: request headers, e.g. `Authorization = "Bearer ${TOKEN}"` (`${VAR}` is expanded)',
  tools: "the only tools of the server the agent may use (default: all)",
  description: "one line telling the tool-category picker what the server is for",
  timeout_s: "longest one tool call may take, in seconds (default 60)",
};

/** Default call timeout, seconds. */
export const DEFAULT_TIMEOUT_S = 60;

/** A server name usable in tool names: letters, digits, `-` and `_`. */
const NAME = /^[A-Za-z][A-Za-z0-9_-]{0,31}$/;

const isTable = (raw: unknown): raw is Record<string, unknown> =>
  raw !== null && typeof raw === "object" && !Array.isArray(raw) && !(raw instanceof Date);
const isStrings = (raw: unknown): raw is string[] =>
  Array.isArray(raw) && raw.every((s) => typeof s === "string");
const isStringTable = (raw: unknown): raw is Record<string, string> =>
  isTable(raw) && Object.values(raw).every((s) => typeof s === "string");

function bad(layer: TomlLayer, path: readonly string[], message: string, fix: string): never {
  throw new ConfigError(message, { where: layer.file, line: layer.lineOf(path), key: path.join("."), fix });
}

/** Checks the `[mcp]` table of a configuration file. @throws ConfigError naming the file, line and key */
export function checkMcpTable(layer: TomlLayer, raw: unknown): void {
  const example =
    '[mcp.servers.files]\ncommand = "npx"\nargs = ["@modelcontextprotocol/server-filesystem", "."]';
  if (!isTable(raw)) bad(layer, ["mcp"], "`mcp` must be a table", `write it as\n${example}`);
  for (const key of Object.keys(raw)) {
    if (key !== "servers")
      bad(
        layer,
        ["mcp", key],
        `unknown key \`${key}\` in [mcp]`,
        `remove it; servers go under [mcp.servers.NAME]`,
      );
  }
  const servers = raw.servers;
  if (servers === undefined) return;
  if (!isTable(servers)) bad(layer, ["mcp", "servers"], "`mcp.servers` must be a table", `write\n${example}`);
  for (const [name, table] of Object.entries(servers)) checkServer(layer, name, table);
}

function checkServer(layer: TomlLayer, name: string, table: unknown): void {
  const at = (key?: string) => (key === undefined ? ["mcp", "servers", name] : ["mcp", "servers", name, key]);
  if (!NAME.test(name))
    bad(
      layer,
      at(),
      `the MCP server name \`${name}\` is not usable in tool names`,
      "name it with a letter first, then letters, digits, `-` or `_` (at most 32)",
    );
  if (!isTable(table))
    bad(layer, at(), `\`mcp.servers.${name}\` must be a table`, `write it as [mcp.servers.${name}]`);
  for (const [key, value] of Object.entries(table)) {
    if (!(SERVER_KEYS as readonly string[]).includes(key))
      bad(
        layer,
        at(key),
        `unknown key \`${key}\` in [mcp.servers.${name}]`,
        `known keys: ${SERVER_KEYS.join(", ")}`,
      );
    const ok =
      key === "args" || key === "tools"
        ? isStrings(value)
        : key === "env" || key === "headers"
          ? isStringTable(value)
          : key === "timeout_s"
            ? typeof value === "number" && value > 0 && value <= 3600
            : typeof value === "string" && value.trim() !== "";
    if (!ok) {
      const want =
        key === "args" || key === "tools"
          ? "a list of strings"
          : key === "env" || key === "headers"
            ? "a table of strings"
            : key === "timeout_s"
              ? "a number of seconds between 1 and 3600"
              : "a non-empty string";
      bad(layer, at(key), `\`mcp.servers.${name}.${key}\` must be ${want}`, `write \`${key}\` as ${want}`);
    }
  }
  const stdio = table.command !== undefined;
  const http = table.url !== undefined;
  if (stdio === http)
    bad(
      layer,
      at(),
      `[mcp.servers.${name}] needs exactly one of \`command\` (a server started over stdio) or \`url\` (a streamable-HTTP server)`,
      `write \`command = "npx"\` and \`args = [...]\`, or \`url = "http://localhost:3000/mcp"\``,
    );
  if (http && !/^https?:\/\//i.test(table.url as string))
    bad(
      layer,
      at("url"),
      `\`mcp.servers.${name}.url\` must be an http:// or https:// URL`,
      "write the server's full URL",
    );
  const misplaced = stdio ? ["headers"] : ["args", "env", "cwd"];
  for (const key of misplaced)
    if (table[key] !== undefined)
      bad(
        layer,
        at(key),
        `\`${key}\` applies to ${stdio ? "HTTP" : "stdio"} servers, and [mcp.servers.${name}] is ${stdio ? "a stdio" : "an HTTP"} server`,
        "remove it",
      );
}

/** The servers one checked file declares. */
function serversOf(layer: TomlLayer): McpServerConfig[] {
  const mcp = layer.data.mcp as { servers?: Record<string, Record<string, unknown>> } | undefined;
  return Object.entries(mcp?.servers ?? {}).map(([name, t]) => {
    const transport: McpTransportConfig =
      t.command !== undefined
        ? {
            kind: "stdio",
            command: t.command as string,
            args: (t.args as string[] | undefined) ?? [],
            env: (t.env as Record<string, string> | undefined) ?? {},
            ...(t.cwd !== undefined ? { cwd: t.cwd as string } : {}),
          }
        : {
            kind: "http",
            url: t.url as string,
            headers: (t.headers as Record<string, string> | undefined) ?? {},
          };
    return {
      name,
      transport,
      ...(t.tools !== undefined ? { tools: t.tools as string[] } : {}),
      ...(t.description !== undefined ? { description: t.description as string } : {}),
      timeoutS: (t.timeout_s as number | undefined) ?? DEFAULT_TIMEOUT_S,
      file: layer.file,
      line: layer.lineOf(["mcp", "servers", name]),
      scope: layer.scope,
    };
  });
}

/** The part of a server that decides what runs and where calls go (not where it was written). */
function essence(server: McpServerConfig): string {
  return JSON.stringify([server.transport, server.tools ?? null]);
}

/** What resolving the servers needs to know. */
export interface McpTrustView {
  readonly trusted: boolean;
  readonly cwd: string;
  readonly userFile: string;
}

/**
 * The servers in force: the user's, with the project's on top (a project entry replaces a user entry
 * of the same name). @throws ConfigError (PROJECT_NOT_TRUSTED) for a project server the user has not
 * declared themselves, unless the project is trusted
 */
export function resolveMcpServers(
  project: TomlLayer | undefined,
  user: TomlLayer | undefined,
  view: McpTrustView,
): McpServerConfig[] {
  const mine = new Map((user ? serversOf(user) : []).map((s) => [s.name, s]));
  const byName = new Map(mine);
  for (const server of project ? serversOf(project) : []) {
    const same = mine.get(server.name);
    if (same && essence(same) === essence(server)) continue; // the user declared this very server
    if (!view.trusted) throw refused(server, view);
    byName.set(server.name, server);
  }
  return [...byName.values()];
}

function refused(server: McpServerConfig, view: McpTrustView) {
  const t = server.transport;
  const what =
    t.kind === "stdio"
      ? `would start \`${[t.command, ...t.args].join(" ")}\` on your machine, outside the sandbox, with your rights`
      : `would send the model's tool calls, and the project content in them, to ${t.url}`;
  return refusal(
    { file: server.file, line: server.line, key: `mcp.servers.${server.name}` },
    `the MCP server \`${server.name}\` ${what}; a project cannot add MCP servers`,
    trustFix(
      view.cwd,
      view.userFile,
      `remove [mcp.servers.${server.name}] from the project file, or declare the server in ${view.userFile} if you mean to use it`,
    ),
  );
}

/** `${VAR}` in a value, replaced from `env`. @throws ConfigError naming the server when a variable is not set */
export function expandVars(
  value: string,
  env: Readonly<Record<string, string | undefined>>,
  server: McpServerConfig,
  key: string,
): string {
  return value.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_, name: string) => {
    const found = env[name];
    if (found === undefined || found === "")
      throw new ConfigError(`\`mcp.servers.${server.name}.${key}\` uses \`\${${name}}\`, which is not set`, {
        where: server.file,
        line: server.line,
        key: `mcp.servers.${server.name}.${key}`,
        fix: `export ${name}=… before starting smallcode, or write the value itself`,
      });
    return found;
  });
}
