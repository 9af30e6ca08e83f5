import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { McpServerConfig } from "../../cli/smallcode/config/mcp.ts";
import { McpClients } from "../../cli/smallcode/mcp/client.ts";
import { MCP_TEST_SERVER, serveMcpHttp } from "../support/mcp-test-server.ts";

/** The MCP client against real servers: the SDK-written test server over stdio and HTTP, and the registry's filesystem server. */

const dirs: string[] = [];
const open: McpClients[] = [];
afterAll(async () => {
  await Promise.all(open.map((c) => c.close()));
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "smallcode-mcp-"));
  dirs.push(dir);
  return dir;
}

function stdio(name: string, args: string[], extra: Partial<McpServerConfig> = {}): McpServerConfig {
  return {
    name,
    transport: { kind: "stdio", command: process.execPath, args, env: {} },
    timeoutS: 30,
    file: "/home/u/.config/smallcode/config.toml",
    line: 1,
    scope: "user",
    ...extra,
  };
}

function clients(servers: McpServerConfig[], env: Record<string, string> = {}): McpClients {
  const c = new McpClients(servers, { cwd: tempDir(), env });
  open.push(c);
  return c;
}

describe("stdio, the SDK test server", () => {
  it("lists the tools and calls one", async () => {
    const root = tempDir();
    const c = clients([stdio("t", [MCP_TEST_SERVER, root])]);
    await c.start();
    const [s] = c.status();
    expect(s!.state).toBe("ready");
    expect(s!.tools.map((t) => t.name)).toContain("echo");
    expect(await c.call("t", "echo", { text: "hi" })).toEqual({ ok: true, output: "echo: hi" });
    expect(await c.call("t", "write_note", { path: "n.txt", content: "from mcp" })).toMatchObject({
      ok: true,
    });
    expect(readFileSync(join(root, "n.txt"), "utf8")).toBe("from mcp");
  });

  it("keeps only the allow-listed tools and names the missing ones", async () => {
    const c = clients([stdio("t", [MCP_TEST_SERVER], { tools: ["echo", "nope"] })]);
    await c.start();
    const [s] = c.status();
    expect(s!.tools.map((t) => t.name)).toEqual(["echo"]);
    expect(s!.missing).toEqual(["nope"]);
    const refused = await c.call("t", "add", { a: 1, b: 2 });
    expect(refused.ok).toBe(false);
    expect(refused.error?.code).toBe("MCP_UNKNOWN_TOOL");
  });

  it("turns an isError result, a timeout and a dead server into typed failures", async () => {
    const c = clients([stdio("t", [MCP_TEST_SERVER], { timeoutS: 0.3 })]);
    await c.start();
    const failed = await c.call("t", "fail", {});
    expect(failed).toMatchObject({ ok: false, error: { code: "MCP_TOOL_ERROR", server: "t" } });
    expect(failed.output).toContain("the widget is broken");
    const slow = await c.call("t", "sleep", { ms: 5000 });
    expect(slow).toMatchObject({ ok: false, error: { code: "MCP_TIMEOUT" } });
    expect(slow.output).toContain("timeout_s");
    const bad = await c.call("t", "add", { a: "x" });
    expect(bad.ok).toBe(false);
    await c.call("t", "crash", {});
    await new Promise((r) => setTimeout(r, 300));
    const after = await c.call("t", "echo", { text: "x" });
    expect(after.ok).toBe(false);
    expect(after.error?.code).toMatch(/MCP_NOT_CONNECTED|MCP_TOOL_ERROR/);
  });

  it("reports a server that cannot start, with the fix and the file", async () => {
    const c = clients([
      {
        ...stdio("gone", []),
        transport: { kind: "stdio", command: "/no/such/mcp-server", args: [], env: {} },
      },
    ]);
    await c.start();
    const [s] = c.status();
    expect(s!.state).toBe("failed");
    expect(s!.error).toMatchObject({ code: "MCP_CONNECT_FAILED", server: "gone" });
    expect(s!.error!.hint).toContain("config.toml");
    expect((await c.call("gone", "echo", {})).error?.code).toBe("MCP_NOT_CONNECTED");
  });

  it("starts a server with a minimal environment: the user's secrets stay out, `env` goes in, variables expanded", async () => {
    process.env.SMALLCODE_API_KEY_MCP_TEST = "sk-secret-value-1234";
    try {
      const c = clients(
        [
          stdio("t", [MCP_TEST_SERVER], {
            transport: {
              kind: "stdio",
              command: process.execPath,
              args: [MCP_TEST_SERVER],
              env: { TOKEN: `\${MY_TOKEN}` },
            },
          }),
        ],
        { MY_TOKEN: "tok-42" },
      );
      await c.start();
      expect((await c.call("t", "getenv", { name: "SMALLCODE_API_KEY_MCP_TEST" })).output).toBe(
        "SMALLCODE_API_KEY_MCP_TEST=(unset)",
      );
      expect((await c.call("t", "getenv", { name: "TOKEN" })).output).toBe("TOKEN=tok-42");
    } finally {
      delete process.env.SMALLCODE_API_KEY_MCP_TEST;
    }
  });
});

describe("streamable HTTP, the SDK test server", () => {
  it("lists and calls over HTTP; a refused connection is a typed failure", async () => {
    const root = tempDir();
    const http = await serveMcpHttp(root);
    try {
      const base = stdio("h", []);
      const c = clients([
        { ...base, transport: { kind: "http", url: http.url, headers: {} } },
        { ...base, name: "down", transport: { kind: "http", url: "http://127.0.0.1:9/mcp", headers: {} } },
      ]);
      await c.start();
      const [h, down] = c.status();
      expect(h!.state).toBe("ready");
      expect(await c.call("h", "add", { a: 2, b: 3 })).toEqual({ ok: true, output: "5" });
      expect(down!.error?.code).toBe("MCP_CONNECT_FAILED");
    } finally {
      await http.close();
    }
  });
});

describe("@modelcontextprotocol/server-filesystem from the registry", () => {
  it("reads a file through the real filesystem server", async () => {
    const root = tempDir();
    writeFileSync(join(root, "hello.txt"), "hello from disk\n");
    const entry = join(process.cwd(), "node_modules/@modelcontextprotocol/server-filesystem/dist/index.js");
    const c = clients([stdio("fs", [entry, root], { tools: ["read_text_file", "list_directory"] })]);
    await c.start();
    const [s] = c.status();
    expect(s!.state).toBe("ready");
    expect(s!.tools.map((t) => t.name).sort()).toEqual(["list_directory", "read_text_file"]);
    const read = await c.call("fs", "read_text_file", { path: join(root, "hello.txt") });
    expect(read.ok).toBe(true);
    expect(read.output).toContain("hello from disk");
    const outside = await c.call("fs", "read_text_file", { path: "/etc/passwd" });
    expect(outside.ok).toBe(false);
  });
});
