/**
 * MCP failures as values: what went wrong, with which server, and how to fix it. A failing server
 * never stops a run; its state says why, and a failed call is a tool result the model reads.
 */

/** What kind of MCP failure. */
export type McpErrorCode =
  /** The server could not be started or reached, or the handshake failed. */
  | "MCP_CONNECT_FAILED"
  /** Listing the server's tools failed. */
  | "MCP_LIST_FAILED"
  /** A call took longer than the server's `timeout_s`. */
  | "MCP_TIMEOUT"
  /** The server answered the call with an error (`isError`, or a JSON-RPC error). */
  | "MCP_TOOL_ERROR"
  /** The tool is not on the server, or not on its allow-list. */
  | "MCP_UNKNOWN_TOOL"
  /** The server is not connected (failed earlier, or closed). */
  | "MCP_NOT_CONNECTED"
  /** Its start was cancelled (Ctrl-C, the run's signal): the server was stopped; the next run starts it again. */
  | "MCP_CANCELLED";

/** One MCP failure. */
export interface McpError {
  readonly code: McpErrorCode;
  readonly server: string;
  /** What happened, starting lowercase. */
  readonly message: string;
  /** How to fix it. */
  readonly hint: string;
}

/** Builds an {@link McpError}. */
export function mcpError(code: McpErrorCode, server: string, message: string, hint: string): McpError {
  return { code, server, message, hint };
}

/** One line: `MCP_TIMEOUT (server files): message; hint`. */
export function formatMcpError(error: McpError): string {
  return `${error.code} (server \`${error.server}\`): ${error.message}; ${error.hint}`;
}

/** The message of anything thrown, on one line. */
export function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.replace(/\s+/g, " ").trim();
}
