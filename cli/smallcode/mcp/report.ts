import type { McpServerStatus } from "./client.ts";
import { formatMcpError } from "./errors.ts";

/**
 * `/mcp`: the configured servers, each with its state, where it runs, and its tools (or why it
 * failed). Pure: status in, text out.
 */

/** The text `/mcp` prints. */
export function mcpReport(servers: readonly McpServerStatus[]): string {
  if (servers.length === 0)
    return 'No MCP servers configured. Declare one in your config, e.g.\n  [mcp.servers.files]\n  command = "npx"\n  args = ["@modelcontextprotocol/server-filesystem", "/path"]\n';
  const lines: string[] = [];
  for (const s of servers) {
    const state = s.state === "idle" ? "not started (starts with the next task)" : s.state;
    lines.push(`${s.name}  ${state}  (${s.target})`);
    if (s.error) lines.push(`  ${formatMcpError(s.error)}`);
    if (s.state === "ready")
      lines.push(
        s.tools.length === 0
          ? "  no tools"
          : `  tools (${s.tools.length}): ${s.tools.map((t) => t.name).join(", ")}`,
      );
    if (s.missing.length > 0) lines.push(`  allow-list names missing on the server: ${s.missing.join(", ")}`);
  }
  return `${lines.join("\n")}\n`;
}
