import { tools as builtinTools } from "../../../generated/index.ts";
import type { JsonSchema, ToolSpec } from "../../../runtime/index.ts";
import { countTokens } from "../context/tokens.ts";
import type { ExternalToolSet, ExternalTools } from "../contract/index.ts";
import type { McpClients, McpServerStatus, McpTool } from "./client.ts";
import { formatMcpError } from "./errors.ts";
import { mcpReport } from "./report.ts";

/**
 * MCP tools as agent tools: each becomes a `ToolSpec` of category `mcp` named `<server>__<tool>`
 * (unique, and valid as an OpenAI function name), with a short description and the argument aliases
 * small models reach for; the bare tool name is an alias when no other tool has it. What is offered
 * stays within a token budget (the most relevant to the task first), and the category picker sees one
 * capped line naming the servers, so neither request grows with what is installed.
 */

/** Most tokens the MCP schemas may add to an act request. */
export const SCHEMA_BUDGET = 1200;
/** Most characters of the picker's line about the servers (about 100 tokens). */
export const SUMMARY_CHARS = 400;
/** Longest tool description kept. */
const DESCRIPTION_CHARS = 200;

/** Wrong argument names small models use, by the right name (applied only to names a schema has). */
const COMMON_ALIASES: Readonly<Record<string, readonly string[]>> = {
  path: ["file_path", "filepath", "filename", "file"],
  paths: ["files", "file_paths"],
  query: ["q", "search", "pattern", "text"],
  pattern: ["regex", "query", "glob"],
  content: ["text", "contents", "body", "data"],
  url: ["link", "uri", "href"],
  command: ["cmd", "script"],
  name: ["title"],
};

/** The offered name of a server's tool. */
export function toolName(server: string, tool: string): string {
  return `${server}__${tool.replace(/[^A-Za-z0-9_-]/g, "_")}`.slice(0, 64);
}

/** A description cut to its first sentence or line, at most {@link DESCRIPTION_CHARS}. */
export function shortDescription(text: string, server: string): string {
  const first = text.trim().split(/\n\s*\n|\n/)[0] ?? "";
  const cut = first.length > DESCRIPTION_CHARS ? `${first.slice(0, DESCRIPTION_CHARS - 1)}…` : first;
  return `${cut === "" ? "A tool" : cut} (MCP server ${server})`;
}

/** The schema as a `{type: "object"}` parameter schema, without `$schema` noise. */
function parametersOf(schema: Readonly<Record<string, unknown>>): JsonSchema {
  const { $schema: _drop, ...rest } = schema;
  return { type: "object", properties: {}, ...rest } as JsonSchema;
}

function aliasesOf(parameters: JsonSchema): Record<string, readonly string[]> {
  const properties = Object.keys((parameters.properties ?? {}) as Record<string, unknown>);
  const taken = new Set(properties);
  const aliases: Record<string, readonly string[]> = {};
  for (const name of properties) {
    const wrong = (COMMON_ALIASES[name] ?? []).filter((a) => !taken.has(a));
    if (wrong.length > 0) aliases[name] = wrong;
  }
  return aliases;
}

/** One MCP tool as a `ToolSpec` under `name`. */
export function specOf(tool: McpTool, name = toolName(tool.server, tool.name)): ToolSpec {
  const parameters = parametersOf(tool.inputSchema);
  return {
    name,
    description: shortDescription(tool.description, tool.server),
    category: "mcp",
    parameters,
    aliases: aliasesOf(parameters),
    source: { file: `mcp:${tool.server}`, line: 0 },
  };
}

/** The picker's line: `files (read and search files outside the project), github` — capped. */
export function summaryOf(
  servers: readonly McpServerStatus[],
  descriptions: ReadonlyMap<string, string>,
): string {
  const parts = servers
    .filter((s) => s.state === "ready" && s.tools.length > 0)
    .map((s) => {
      const about =
        descriptions.get(s.name) ??
        s.tools
          .slice(0, 4)
          .map((t) => t.name)
          .join(", ");
      return `${s.name} (${about.slice(0, 120)})`;
    });
  const line = parts.join("; ");
  return line.length > SUMMARY_CHARS ? `${line.slice(0, SUMMARY_CHARS - 1)}…` : line;
}

/** Words of `text`, lowercase, for a rough relevance score. */
function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[a-z0-9]{3,}/g) ?? []);
}

/**
 * The specs ranked by how many of the task's words their server name, tool name and description
 * share (declaration order breaks ties), kept while {@link SCHEMA_BUDGET} lasts; the agent cuts the
 * list further to what its first request has room for (agent/route.ts `fitExternal`).
 */
export function withinBudget(specs: readonly ToolSpec[], task: string, budget = SCHEMA_BUDGET): ToolSpec[] {
  const wanted = words(task);
  const score = (s: ToolSpec) =>
    [...words(`${s.name.replace(/_/g, " ")} ${s.description}`)].filter((w) => wanted.has(w)).length;
  const ranked = specs
    .map((s, i) => ({ s, i, score: score(s) }))
    .sort((a, b) => b.score - a.score || a.i - b.i);
  const kept: ToolSpec[] = [];
  let used = 0;
  for (const { s } of ranked) {
    const cost = schemaTokens(s);
    if (used + cost > budget) continue;
    used += cost;
    kept.push(s);
  }
  return kept;
}

/** Tokens one spec costs as a native tool entry. */
export function schemaTokens(s: ToolSpec): number {
  return countTokens(
    JSON.stringify({
      type: "function",
      function: { name: s.name, description: s.description, parameters: s.parameters },
    }),
  );
}

/** The MCP servers as the agent's external tools (see the module comment). */
export class McpToolSource implements ExternalTools {
  readonly #clients: McpClients;
  readonly #descriptions: ReadonlyMap<string, string>;
  /** Offered name or alias → server and tool. */
  #routes = new Map<string, { server: string; tool: string }>();

  constructor(clients: McpClients, descriptions: ReadonlyMap<string, string> = new Map()) {
    this.#clients = clients;
    this.#descriptions = descriptions;
  }

  /** Every server's state and tools (for `/mcp`). */
  status(): McpServerStatus[] {
    return this.#clients.status();
  }

  /** The `/mcp` report. */
  describe(): string {
    return mcpReport(this.#clients.status());
  }

  /** Stops the servers. Never rejects. */
  close(): Promise<void> {
    return this.#clients.close();
  }

  async load(task: string, signal?: AbortSignal): Promise<ExternalToolSet> {
    await this.#clients.start(signal);
    const servers = this.#clients.status();
    const notices: string[] = [];
    for (const s of servers) {
      if (s.error && s.state === "failed") notices.push(formatMcpError(s.error));
      if (s.missing.length > 0)
        notices.push(
          `MCP server \`${s.name}\`: the allow-list names ${s.missing.map((m) => `\`${m}\``).join(", ")}, which the server does not offer`,
        );
    }
    const ready = servers.filter((s) => s.state === "ready");
    const all = ready.flatMap((s) => s.tools);
    const routes = new Map<string, { server: string; tool: string }>();
    const specs = all.map((t) => {
      const spec = specOf(t);
      routes.set(spec.name, { server: t.server, tool: t.name });
      return spec;
    });
    const bare = new Map<string, McpTool[]>();
    for (const t of all) bare.set(t.name, [...(bare.get(t.name) ?? []), t]);
    const aliases: ToolSpec[] = [];
    for (const [name, owners] of bare) {
      if (owners.length !== 1 || routes.has(name) || Object.hasOwn(builtinTools, name)) continue;
      if (!/^[A-Za-z0-9_-]+$/.test(name)) continue;
      const t = owners[0]!;
      routes.set(name, { server: t.server, tool: t.name });
      aliases.push(specOf(t, name));
    }
    this.#routes = routes;
    return {
      specs: withinBudget(specs, task),
      names: [...specs, ...aliases],
      summary: summaryOf(servers, this.#descriptions),
      notices,
    };
  }

  async call(name: string, args: Readonly<Record<string, unknown>>, signal?: AbortSignal) {
    const route = this.#routes.get(name);
    if (!route) return { ok: false, output: `unknown MCP tool \`${name}\`` };
    return this.#clients.call(route.server, route.tool, { ...args }, signal);
  }
}
