import type { ResolvedConfig } from "../config/index.ts";
import type { McpServerStatus } from "../mcp/client.ts";
import type { McpError } from "../mcp/errors.ts";

/**
 * The MCP section of `smallcode doctor`: each configured server (`[mcp.servers.NAME]`, the user's
 * config or a trusted project's) is started as a run would start it, listed with its state, where it
 * runs, its tools or why it failed, and stopped again. Servers start only when some are configured;
 * a slow one is given {@link DOCTOR_CONNECT_MS}, and `signal` (Ctrl-C) stops the start.
 */

/** How long doctor waits for a server to start and list its tools. */
export const DOCTOR_CONNECT_MS = 10_000;

/** One server as doctor reports it (`--json`: `mcp`). */
export interface McpDoctorServer {
  readonly name: string;
  /** `stdio: cmd args` or `http: url`. */
  readonly target: string;
  readonly state: McpServerStatus["state"];
  readonly toolCount: number;
  readonly tools: readonly string[];
  /** Allow-listed names the server does not offer. */
  readonly missing: readonly string[];
  readonly error?: McpError;
}

/** Starts the configured servers, takes their status and stops them; empty when none is configured. */
export async function mcpDoctorReport(
  config: ResolvedConfig,
  signal?: AbortSignal,
): Promise<McpDoctorServer[]> {
  if (config.mcp.length === 0) return [];
  const { McpClients } = await import("../mcp/client.ts");
  const clients = new McpClients(config.mcp, {
    cwd: config.cwd,
    env: config.env,
    connectTimeoutMs: DOCTOR_CONNECT_MS,
  });
  try {
    await clients.start(signal);
    return clients.status().map((s) => ({
      name: s.name,
      target: s.target,
      state: s.state,
      toolCount: s.tools.length,
      tools: s.tools.map((t) => t.name),
      missing: s.missing,
      ...(s.error ? { error: s.error } : {}),
    }));
  } finally {
    await clients.close();
  }
}

/** The section's lines for the text report (empty when no server is configured). */
export async function formatMcpDoctor(servers: readonly McpDoctorServer[]): Promise<string[]> {
  if (servers.length === 0) return [];
  const { formatMcpError } = await import("../mcp/errors.ts");
  const out = ["MCP servers"];
  for (const s of servers) {
    const mark = s.state === "ready" ? "✓" : "✗";
    const tools = s.state === "ready" ? `, ${s.toolCount} tool${s.toolCount === 1 ? "" : "s"}` : "";
    out.push(`  ${mark} ${s.name}  ${s.state}${tools}  (${s.target})`);
    if (s.state === "ready" && s.toolCount > 0) out.push(`      ${s.tools.join(", ")}`);
    if (s.error) out.push(`      ${formatMcpError(s.error).replace(/\n/g, "\n      ")}`);
    if (s.missing.length > 0)
      out.push(`      allow-list names missing on the server: ${s.missing.join(", ")}`);
  }
  return out;
}
