import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run, tempDir, writeFile } from "../cli/smallcode/helpers.ts";
import { MCP_TEST_SERVER } from "../support/mcp-test-server.ts";

/**
 * `smallcode doctor` shows the MCP servers of the user's config: the SDK-written test server started
 * for real (ready, with its tool count and names), one whose command does not exist (failed, with
 * the error and its fix), and an allow-list name the server lacks; `--json` has the same as `mcp`.
 * Nothing is shown when no server is configured, and the servers are stopped again.
 */

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer({ models: ["m"] });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

function user(): Record<string, string> {
  const env = cleanEnv();
  writeFile(
    env.HOME!,
    ".config/smallcode/config.toml",
    [
      "[mcp.servers.notes]",
      `command = ${JSON.stringify(process.execPath)}`,
      `args = [${JSON.stringify(MCP_TEST_SERVER)}]`,
      'tools = ["echo", "add", "nope"]',
      "",
      "[mcp.servers.broken]",
      'command = "/no/such/mcp-server"',
      "",
    ].join("\n"),
  );
  return env;
}

describe("smallcode doctor: MCP servers", () => {
  it("lists each server's state, tool count and errors", async () => {
    const r = await run(tempDir(), ["doctor", "--base-url", server.url, "--model", "m"], { env: user() });
    expect(r.stdout).toContain("MCP servers");
    expect(r.stdout).toMatch(/✓ notes {2}ready, 2 tools {2}\(stdio: .*mcp-test-server/);
    expect(r.stdout).toContain("echo, add");
    expect(r.stdout).toContain("allow-list names missing on the server: nope");
    expect(r.stdout).toMatch(/✗ broken {2}failed {2}\(stdio: \/no\/such\/mcp-server\)/);
    expect(r.stdout).toContain("MCP_CONNECT_FAILED (server `broken`)");
    expect(r.code).toBe(0); // a failing MCP server does not stop a run
  });

  it("--json has them as `mcp`; without servers there is no section", async () => {
    const r = await run(tempDir(), ["doctor", "--json", "--base-url", server.url, "--model", "m"], {
      env: user(),
    });
    const report = JSON.parse(r.stdout);
    expect(report.mcp).toEqual([
      expect.objectContaining({
        name: "notes",
        state: "ready",
        toolCount: 2,
        tools: ["echo", "add"],
        missing: ["nope"],
      }),
      expect.objectContaining({
        name: "broken",
        state: "failed",
        toolCount: 0,
        error: expect.objectContaining({ code: "MCP_CONNECT_FAILED" }),
      }),
    ]);
    const none = await run(tempDir(), ["doctor", "--base-url", server.url, "--model", "m"]);
    expect(none.stdout).not.toContain("MCP servers");
  });
});
