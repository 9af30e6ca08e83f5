import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { McpClients } from "../../cli/smallcode/mcp/client.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run, tempDir, writeFile } from "../cli/smallcode/helpers.ts";
import { agentScript } from "../support/agent-script.ts";
import { MCP_TEST_SERVER } from "../support/mcp-test-server.ts";

/**
 * A stdio MCP server that never answers the handshake (and ignores SIGTERM): cancelling the run while
 * it starts (the run's signal, as Ctrl-C gives it) must end the run and kill the server's process,
 * not wait out the 30-second connect limit.
 */

/** Writes its pid, then reads stdin forever without answering; SIGTERM does not stop it. */
const HUNG = `require("node:fs").writeFileSync(process.argv[2], String(process.pid));
process.on("SIGTERM", () => {});
process.stdin.on("data", () => {});
setInterval(() => {}, 1000);
`;

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer({ models: ["m"], ...agentScript({ act: ["Done."] }) });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitFor(ok: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`never: ${what}`);
}

describe("cancelling a hung MCP server's start", () => {
  it("ends the run as cancelled and kills the server's process", async () => {
    const dir = tempDir({ "README.md": "# x\n" });
    const scripts = tempDir({ "hung.js": HUNG });
    const pidFile = join(scripts, "hung.pid");
    const env = cleanEnv();
    writeFile(
      env.HOME!,
      ".config/smallcode/config.toml",
      `[mcp.servers.hung]\ncommand = ${JSON.stringify(process.execPath)}\nargs = [${JSON.stringify(join(scripts, "hung.js"))}, ${JSON.stringify(pidFile)}]\n`,
    );
    const controller = new AbortController();
    const running = run(dir, ["run", "say hello", "--json", "--base-url", server.url, "--model", "m"], {
      env,
      signal: controller.signal,
    });
    await waitFor(() => existsSync(pidFile) && readFileSync(pidFile, "utf8") !== "", "the server started");
    const pid = Number(readFileSync(pidFile, "utf8"));
    expect(alive(pid)).toBe(true);
    controller.abort(new Error("cancelled by Ctrl-C"));
    const r = await running;
    expect(JSON.parse(r.stdout).stopReason).toBe("cancelled");
    await waitFor(() => !alive(pid), "the server's process ended");
    expect(server.chatRequests("act")).toEqual([]); // the run never got to the model's turn
  });

  it("a cancelled start is not final: the next start starts the server again", async () => {
    const clients = new McpClients(
      [
        {
          name: "notes",
          transport: { kind: "stdio", command: process.execPath, args: [MCP_TEST_SERVER], env: {} },
          timeoutS: 30,
          file: "/u/config.toml",
          line: 1,
          scope: "user",
        },
      ],
      { cwd: tempDir(), env: {} },
    );
    await clients.start(AbortSignal.abort(new Error("cancelled")));
    expect(clients.status()[0]).toMatchObject({ state: "failed", error: { code: "MCP_CANCELLED" } });
    await clients.start();
    expect(clients.status()[0]!.state).toBe("ready");
    expect(clients.status()[0]!.tools.length).toBeGreaterThan(0);
    await clients.close();
  });
});
