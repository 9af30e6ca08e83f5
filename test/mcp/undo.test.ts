import { existsSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { mcpToolSource } from "../../cli/smallcode/mcp/index.ts";
import { snapshotUndo } from "../../cli/smallcode/repl/session.ts";
import { startAgent } from "../support/agent-run.ts";
import { agentScript, hermes } from "../support/agent-script.ts";
import { MCP_TEST_SERVER } from "../support/mcp-test-server.ts";

/** With the built-in guards on, a file an MCP tool wrote in the project is in the task's snapshot: `/undo` removes it. */
test("/undo restores what an MCP tool changed in the project", async () => {
  const script = agentScript({
    classify: { content: "chat" },
    pick: { content: '["mcp"]' },
    act: [hermes("notes__write_note", { path: "n.txt", content: "x" }), "Done."],
  });
  const h = await startAgent(script, {}, undefined, { builtinGuards: true });
  const mcp = mcpToolSource(
    [
      {
        name: "notes",
        transport: {
          kind: "stdio",
          command: process.execPath,
          args: [MCP_TEST_SERVER, h.project.root],
          env: {},
        },
        timeoutS: 30,
        file: "/u/config.toml",
        line: 1,
        scope: "user",
      },
    ],
    h.project.root,
    {},
  );
  try {
    Object.assign(h.agent.options, { externalTools: mcp });
    await h.agent.run("save a note");
    expect(existsSync(join(h.project.root, "n.txt"))).toBe(true);
    expect(await snapshotUndo(h.project.root)).toContain("deleted 1");
    expect(existsSync(join(h.project.root, "n.txt"))).toBe(false);
  } finally {
    await mcp.close();
    await h.close();
  }
});
