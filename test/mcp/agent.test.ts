import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { FIRST_REQUEST_TOKENS } from "../../cli/smallcode/agent/route.ts";
import type { McpServerConfig } from "../../cli/smallcode/config/mcp.ts";
import { countTokens } from "../../cli/smallcode/context/tokens.ts";
import { type McpToolSource, mcpToolSource } from "../../cli/smallcode/mcp/index.ts";
import { type AgentHarness, historyOf, startAgent } from "../support/agent-run.ts";
import { agentScript, hermes } from "../support/agent-script.ts";
import { MCP_TEST_SERVER } from "../support/mcp-test-server.ts";

/**
 * The real agent loop with MCP tools: the scripted model picks the `mcp` category and calls a tool of
 * the SDK-written test server over stdio; the call's effect is on disk and its result in the history.
 */

const offered = (request: { body: { tools?: { function: { name: string } }[] } }) =>
  (request.body.tools ?? []).map((t) => t.function.name);

function server(root: string, extra = 0): McpServerConfig {
  return {
    name: "notes",
    transport: {
      kind: "stdio",
      command: process.execPath,
      args: [MCP_TEST_SERVER, root, ...(extra > 0 ? ["--extra", String(extra)] : [])],
      env: {},
    },
    timeoutS: 30,
    description: "write and echo notes",
    file: "/home/u/.config/smallcode/config.toml",
    line: 3,
    scope: "user",
  };
}

describe("the agent with an MCP server", () => {
  let h: AgentHarness | undefined;
  let mcp: McpToolSource | undefined;
  afterEach(async () => {
    await mcp?.close();
    await h?.close();
    h = undefined;
    mcp = undefined;
  });

  async function start(act: string[], pick: string, extra = 0, builtinGuards = false) {
    const script = agentScript({ classify: { content: "chat" }, pick: { content: pick }, act });
    h = await startAgent(script, {}, undefined, { builtinGuards });
    mcp = mcpToolSource([server(h.project.root, extra)], h.project.root, {});
    // the harness made the agent; give it the tools through its options, as the CLI does
    Object.assign(h.agent.options, { externalTools: mcp });
    return h;
  }

  test("the picker sees the servers, the act turn offers their tools, and a call runs on the server", async () => {
    const a = await start(
      [hermes("notes__write_note", { path: "from-mcp.txt", content: "written by MCP" }), "Done."],
      '["mcp"]',
    );
    const result = await a.agent.run("save a note saying hi");
    const pick = a.server.chatRequests("pick_tool_categories")[0]!;
    expect(pick.body.messages[0].content).toContain(
      "mcp: tools of external servers: notes (write and echo notes)",
    );
    const names = offered(a.actRequests()[0]!);
    expect(names).toContain("notes__write_note");
    expect(names).toContain("read_file"); // `mcp` alone still brings `read`
    expect(readFileSync(join(a.project.root, "from-mcp.txt"), "utf8")).toBe("written by MCP");
    expect(result.toolCalls[0]).toMatchObject({ name: "notes__write_note", ok: true });
    expect(result.filesCreated).toEqual(["from-mcp.txt"]); // the tree scan saw the server's write
    const tool = historyOf(a.actRequests()[1]!).find((m) => m.role === "tool");
    expect(tool?.content).toBe("wrote from-mcp.txt");
    expect(a.orderingProblems()).toEqual([]);
  });

  test("a bare tool name and a wrong argument name are mapped (aliases); a failing tool is a result the model reads", async () => {
    const a = await start(
      [hermes("echo", { message: "x", text: "hello" }), hermes("notes__fail", {}), "Done."],
      '["mcp", "read"]',
      0,
      true, // the built-in guards on: the quality guard knows the MCP names and aliases
    );
    const result = await a.agent.run("echo hello through the notes server");
    expect(result.toolCalls.map((c) => [c.name, c.ok])).toEqual([
      ["echo", true],
      ["notes__fail", false],
    ]);
    const results = historyOf(a.actRequests()[2]!).filter((m) => m.role === "tool");
    expect(results[0]?.content).toBe("echo: hello");
    expect(results[1]?.content).toContain("the widget is broken");
    expect(results[1]?.content).toContain("MCP_TOOL_ERROR");
  });

  test("results are capped like a built-in tool's, binary content is a placeholder", async () => {
    const a = await start([hermes("notes__big", { lines: 20000 }), "Done."], '["mcp"]');
    await a.agent.run("get the big list from notes");
    const out = String(historyOf(a.actRequests()[1]!).find((m) => m.role === "tool")?.content);
    expect(out).toContain("line 1\n");
    expect(out).toMatch(/omitted/);
    expect(out.length).toBeLessThan(12_000);
    expect(out).not.toContain("AAAAAAAA");
  });

  test("not picked: no MCP schema in the act request, and the first request stays small with 200 tools installed", async () => {
    const a = await start(["Nothing to do."], '["read"]', 200);
    await a.agent.run("explain math.js");
    expect(offered(a.actRequests()[0]!).some((n) => n.startsWith("notes__"))).toBe(false);
    const pick = a.server.chatRequests("pick_tool_categories")[0]!;
    expect(countTokens(JSON.stringify(pick.body.messages))).toBeLessThan(400);
  });

  test("picked with 200 tools installed: the first act request stays under 2,000 tokens", async () => {
    const a = await start(["Nothing to do."], '["write", "search", "run", "mcp"]', 200);
    await a.agent.run("use filler tools to fix math.js");
    const names = offered(a.actRequests()[0]!);
    expect(names.some((n) => n.startsWith("notes__"))).toBe(true);
    expect(names.length).toBeLessThan(40);
    expect(a.agent.lastRun!.fixedPrompt!.total).toBeLessThan(FIRST_REQUEST_TOKENS);
  });

  test("a server that cannot start is a notice; the run goes on without `mcp`", async () => {
    h = await startAgent(
      agentScript({ classify: { content: "chat" }, pick: { content: '["mcp"]' }, act: ["ok"] }),
      {},
    );
    const broken = {
      ...server(h.project.root),
      transport: { kind: "stdio" as const, command: "/no/such/server", args: [], env: {} },
    };
    mcp = mcpToolSource([broken], h.project.root, {});
    Object.assign(h.agent.options, { externalTools: mcp });
    await h.agent.run("save a note");
    const notice = h.events.find((e) => e.type === "notice" && e.source === "mcp");
    expect(notice).toMatchObject({ message: expect.stringContaining("MCP_CONNECT_FAILED") });
    expect(h.server.chatRequests("pick_tool_categories")[0]!.body.messages[0].content).not.toContain("mcp:");
    expect(existsSync(join(h.project.root, "from-mcp.txt"))).toBe(false);
  });
});
