import { writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";

/**
 * A real MCP server written with the SDK, for the MCP client tests: over stdio when run as a script
 * (`node test/support/mcp-test-server.ts [ROOT] [--extra N]`), or over streamable HTTP in-process
 * (`serveMcpHttp`). Its tools: `echo`, `add`, `fail` (an `isError` result), `sleep` (for timeouts),
 * `big` (output past the caps), `write_note` (writes a file under ROOT, so a test can see the call's
 * effect on disk), `getenv` (what the server's environment holds), `crash` (the process exits), and `--extra N` filler tools with long descriptions.
 */

/** The server with every tool; `root` is where `write_note` writes. */
export function buildTestServer(root: string, extra = 0): McpServer {
  const server = new McpServer({ name: "smallcode-test", version: "1.0.0" });
  server.registerTool(
    "echo",
    { description: "Echo the text back.", inputSchema: { text: z.string() } },
    async ({ text }) => ({ content: [{ type: "text", text: `echo: ${text}` }] }),
  );
  server.registerTool(
    "add",
    { description: "Add two numbers.", inputSchema: { a: z.number(), b: z.number() } },
    async ({ a, b }) => ({ content: [{ type: "text", text: String(a + b) }] }),
  );
  server.registerTool("fail", { description: "Always fails." }, async () => ({
    content: [{ type: "text", text: "the widget is broken" }],
    isError: true,
  }));
  server.registerTool(
    "sleep",
    { description: "Wait for ms milliseconds.", inputSchema: { ms: z.number() } },
    async ({ ms }) => {
      await new Promise((r) => setTimeout(r, ms));
      return { content: [{ type: "text", text: "woke up" }] };
    },
  );
  server.registerTool(
    "big",
    { description: "Return many lines.", inputSchema: { lines: z.number() } },
    async ({ lines }) => ({
      content: [
        { type: "text", text: Array.from({ length: lines }, (_, i) => `line ${i + 1}`).join("\n") },
        { type: "image", data: Buffer.alloc(3000).toString("base64"), mimeType: "image/png" },
      ],
    }),
  );
  server.registerTool(
    "write_note",
    { description: "Write a note file.", inputSchema: { path: z.string(), content: z.string() } },
    async ({ path, content }) => {
      writeFileSync(resolve(root, path), content);
      return { content: [{ type: "text", text: `wrote ${path}` }] };
    },
  );
  server.registerTool(
    "getenv",
    { description: "The value of an environment variable.", inputSchema: { name: z.string() } },
    async ({ name }) => ({ content: [{ type: "text", text: `${name}=${process.env[name] ?? "(unset)"}` }] }),
  );
  server.registerTool("crash", { description: "Exit the server process." }, async () => {
    setTimeout(() => process.exit(3), 10);
    return { content: [{ type: "text", text: "bye" }] };
  });
  for (let i = 0; i < extra; i++) {
    server.registerTool(
      `filler_${i}`,
      {
        description: `Filler tool number ${i}. ${"It does nothing useful at all, and says so at length. ".repeat(8)}`,
        inputSchema: {
          alpha: z.string(),
          beta: z.number().optional(),
          gamma: z.array(z.string()).optional(),
        },
      },
      async () => ({ content: [{ type: "text", text: `filler ${i}` }] }),
    );
  }
  return server;
}

/** A streamable-HTTP MCP server on a free local port (stateless: one transport per request). */
export async function serveMcpHttp(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const http: Server = createServer(async (req, res) => {
    const server = buildTestServer(root);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on("close", () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(req, res);
  });
  await new Promise<void>((r) => http.listen(0, "127.0.0.1", r));
  const { port } = http.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/mcp`,
    close: () =>
      new Promise<void>((r) => {
        http.closeAllConnections();
        http.close(() => r());
      }),
  };
}

/** The path of this script, for `command = "node"` and `args = [MCP_TEST_SERVER, root]`. */
export const MCP_TEST_SERVER = new URL(import.meta.url).pathname;

if (process.argv[1] && resolve(process.argv[1]) === MCP_TEST_SERVER) {
  const args = process.argv.slice(2);
  const at = args.indexOf("--extra");
  const extra = at >= 0 ? Number(args[at + 1]) : 0;
  const root = args.find((a, i) => !a.startsWith("--") && args[i - 1] !== "--extra") ?? process.cwd();
  await buildTestServer(root, extra).connect(new StdioServerTransport());
}
