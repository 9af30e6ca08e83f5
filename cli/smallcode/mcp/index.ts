import type { McpServerConfig } from "../config/mcp.ts";
import { McpToolSource } from "./adapter.ts";
import { McpClients } from "./client.ts";

/**
 * MCP in SmallCode: the client (`[mcp.servers.NAME]` → a routed `mcp` tool category) and the server
 * (`smallcode mcp`, server.ts). Imported lazily: only a configuration with servers loads the SDK.
 */

export { type McpServerConfig, resolveMcpServers } from "../config/mcp.ts";
export { McpToolSource, SCHEMA_BUDGET, SUMMARY_CHARS, specOf, toolName, withinBudget } from "./adapter.ts";
export {
  type McpCallResult,
  McpClients,
  type McpServerStatus,
  type McpState,
  type McpTool,
} from "./client.ts";
export { formatMcpError, type McpError, type McpErrorCode } from "./errors.ts";
export { mcpReport } from "./report.ts";

/** The external tools of `servers` for a run in `cwd` (nothing starts until the first run loads them). */
export function mcpToolSource(
  servers: readonly McpServerConfig[],
  cwd: string,
  env: Readonly<Record<string, string | undefined>>,
): McpToolSource {
  const descriptions = new Map(
    servers.filter((s) => s.description !== undefined).map((s) => [s.name, s.description!]),
  );
  return new McpToolSource(new McpClients(servers, { cwd, env }), descriptions);
}
