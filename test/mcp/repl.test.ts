import { PassThrough } from "node:stream";
import { afterAll, describe, expect, it } from "vitest";
import type { McpServerConfig } from "../../cli/smallcode/config/mcp.ts";
import type { RunResult } from "../../cli/smallcode/contract/index.ts";
import { StringWriter } from "../../cli/smallcode/io.ts";
import { type McpToolSource, mcpToolSource } from "../../cli/smallcode/mcp/index.ts";
import { parseInput } from "../../cli/smallcode/repl/commands.ts";
import { Repl } from "../../cli/smallcode/repl/session.ts";
import { MCP_TEST_SERVER } from "../support/mcp-test-server.ts";

/** `/mcp` in the interactive session: the servers, their state and their tools, from the real clients. */

const sources: McpToolSource[] = [];
afterAll(async () => {
  await Promise.all(sources.map((s) => s.close()));
});

const base = { timeoutS: 30, file: "/u/config.toml", line: 1, scope: "user" as const };
const good: McpServerConfig = {
  ...base,
  name: "notes",
  transport: { kind: "stdio", command: process.execPath, args: [MCP_TEST_SERVER], env: {} },
  tools: ["echo", "add"],
};
const bad: McpServerConfig = {
  ...base,
  name: "broken",
  transport: { kind: "stdio", command: "/no/such/server", args: [], env: {} },
};

async function replSays(lines: string, source?: McpToolSource): Promise<string> {
  const input = new PassThrough();
  const output = new StringWriter();
  const done = { success: true } as RunResult;
  const repl = new Repl({
    input,
    output,
    options: { cwd: "/project", ...(source ? { externalTools: source } : {}) },
    factory: () => ({ run: async () => done }),
    color: false,
  });
  input.end(lines);
  await repl.run();
  return output.text;
}

describe("/mcp", () => {
  it("is a slash command without arguments", () => {
    expect(parseInput("/mcp")).toEqual({ kind: "mcp" });
    expect(parseInput("/mcp x")).toMatchObject({ kind: "invalid" });
  });

  it("says how to declare a server when none is configured", async () => {
    expect(await replSays("/mcp\n")).toContain("No MCP servers configured");
  });

  it("lists each server's state and tools, and why one failed", async () => {
    const source = mcpToolSource([good, bad], "/tmp", {});
    sources.push(source);
    expect(await replSays("/mcp\n", source)).toContain("notes  not started (starts with the next task)");
    await source.load("anything");
    const text = await replSays("/mcp\n", source);
    expect(text).toContain(`notes  ready  (stdio: ${process.execPath} ${MCP_TEST_SERVER})`);
    expect(text).toContain("tools (2): echo, add");
    expect(text).toContain("broken  failed");
    expect(text).toContain("MCP_CONNECT_FAILED (server `broken`)");
  });
});
