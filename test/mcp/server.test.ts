import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseArgs } from "../../cli/smallcode/args.ts";

/**
 * `smallcode mcp` driven by the SDK's own client, which spawns the real bin: the tools listed, a read,
 * a search, a patch on disk, and the guards: no path outside the project, no command of the client's
 * choosing for run_tests.
 */

const BIN = join(process.cwd(), "cli/smallcode/bin.js");
let project: string;
let home: string;
let client: Client;
let stderr = "";

type Result = { content: { type: string; text: string }[]; isError?: boolean };
const call = async (name: string, args: Record<string, unknown>) =>
  (await client.callTool({ name, arguments: args })) as Result;
const textOf = (r: Result) => r.content.map((c) => c.text).join("\n");

beforeAll(async () => {
  project = mkdtempSync(join(tmpdir(), "smallcode-mcp-serve-"));
  home = mkdtempSync(join(tmpdir(), "smallcode-mcp-home-"));
  writeFileSync(join(project, "smallcode.toml"), "");
  writeFileSync(join(project, "math.js"), "export function add(a, b) {\n  return a - b;\n}\n");
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "p", type: "module", scripts: { test: "node --test" } }),
  );
  writeFileSync(join(tmpdir(), "smallcode-mcp-outside.txt"), "outside\n");
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, "mcp", "--cwd", project],
    env: { HOME: home, XDG_CONFIG_HOME: join(home, ".config") },
    stderr: "pipe",
  });
  transport.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  client = new Client({ name: "test-agent", version: "1.0.0" });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  rmSync(project, { recursive: true, force: true });
  rmSync(home, { recursive: true, force: true });
});

describe("smallcode mcp", () => {
  it("parses `mcp` with --cwd only", () => {
    expect(parseArgs(["mcp", "--cwd", "/p"])).toEqual({
      ok: true,
      value: { command: "mcp", flags: { cwd: "/p" } },
    });
    expect(parseArgs(["mcp", "x"])).toMatchObject({ ok: false, command: "mcp" });
    expect(parseArgs(["mcp", "--model", "m"])).toMatchObject({ ok: false });
  });

  it("lists read_file, search, patch and run_tests; run_tests takes no command", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toEqual(["read_file", "search", "patch", "run_tests"]);
    const runTests = tools.find((t) => t.name === "run_tests")!;
    expect(Object.keys(runTests.inputSchema.properties ?? {})).toEqual(["filter"]);
    expect(client.getServerVersion()?.name).toBe("smallcode");
  });

  it("reads and searches the project", async () => {
    const read = await call("read_file", { path: "math.js" });
    expect(read.isError).toBeUndefined();
    expect(textOf(read)).toMatch(/^\s*2\D.*return a - b;$/m);
    const found = await call("search", { pattern: "return a" });
    expect(textOf(found)).toContain("math.js:2");
  });

  it("patches a file on disk", async () => {
    const patched = await call("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" });
    expect(patched.isError).toBeUndefined();
    expect(readFileSync(join(project, "math.js"), "utf8")).toContain("return a + b;");
    // the snapshot guard recorded the file before the patch (what `/undo` restores)
    const snapshots = join(project, ".smallcode/snapshots");
    const task = readdirSync(snapshots).filter((n) => /^\d{8}T/.test(n));
    expect(task).toHaveLength(1);
    expect(readFileSync(join(snapshots, task[0]!, "manifest.json"), "utf8")).toContain("math.js");
  });

  it("refuses a patch outside the project, and a bad patch is an error result", async () => {
    const outside = await call("patch", {
      path: "../smallcode-mcp-outside.txt",
      old_str: "outside",
      new_str: "pwned",
    });
    expect(outside.isError).toBe(true);
    expect(readFileSync(join(tmpdir(), "smallcode-mcp-outside.txt"), "utf8")).toBe("outside\n");
    const missing = await call("patch", { path: "math.js", old_str: "not in the file", new_str: "x" });
    expect(missing.isError).toBe(true);
    const unknown = await call("bash", { command: "touch PWNED" });
    expect(unknown.isError).toBe(true);
    expect(existsSync(join(project, "PWNED"))).toBe(false);
  });

  it("run_tests runs the project's tests, never the client's command", async () => {
    const result = await call("run_tests", { command: "touch PWNED" });
    expect(existsSync(join(project, "PWNED"))).toBe(false);
    expect(textOf(result)).toContain("npm test");
    expect(stderr).toContain("serving read_file, search, patch, run_tests");
  });
});
