import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";
import { agentScript, hermes } from "../support/agent-script.ts";
import { home, repl, runTask, script, toolResults } from "./undo-support.ts";

/**
 * Two agents, one project, and a process killed mid-command: agent A (a real `smallcode` process)
 * starts a command that deletes a file and then hangs; agent B is told A holds the project and
 * changes nothing; `/undo` waits for A too. A is killed; its command's changes were never recorded
 * after the fact, yet `/undo` puts them back, from the intent and baseline saved before the command.
 */

let a: ScriptedServer;
let b: ScriptedServer;
let agent: ChildProcess | undefined;
beforeAll(async () => {
  a = await startScriptedServer({ models: ["scripted-model"] });
  b = await startScriptedServer({ models: ["scripted-model"] });
});
afterAll(async () => {
  agent?.kill("SIGKILL");
  await a.close();
  await b.close();
  cleanup();
});

/** Waits (bounded by the test timeout) until `path` exists. */
async function until(path: string): Promise<void> {
  while (!existsSync(path)) await new Promise((r) => setTimeout(r, 50));
}

describe("an agent killed mid-command, and a second agent on the same project", () => {
  it("stops the second agent, then undoes the killed command's changes", async () => {
    const cwd = tempDir({ "keep.txt": "precious\n", "app.js": "1\n" });
    const env = home({ sandbox: false });
    a.setScript({
      models: ["scripted-model"],
      ...agentScript({
        act: [
          hermes("bash", { command: "echo 2 > app.js" }),
          hermes("bash", {
            command: "rm keep.txt && echo $$ > shell.pid && echo started > started.txt && sleep 30",
            timeout_s: 60,
          }),
          "Done.",
        ],
      }),
    });
    agent = spawn(
      process.execPath,
      [
        "cli/smallcode/bin.js",
        "run",
        "rewrite the app",
        "--base-url",
        a.url,
        "--model",
        "scripted-model",
        "--cwd",
        cwd,
      ],
      { env, stdio: "ignore" },
    );
    await until(join(cwd, "started.txt"));
    expect(existsSync(join(cwd, "keep.txt"))).toBe(false);

    // agent B: stopped before its first change, told who holds the project
    script(b, ["echo B > b.txt"]);
    const second = await runTask(b, cwd, env, "write b.txt");
    expect(existsSync(join(cwd, "b.txt"))).toBe(false);
    const result = JSON.parse(second.stdout);
    expect(`${result.response} ${toolResults(b).join(" ")}`).toMatch(
      new RegExp(`another SmallCode \\(pid ${agent.pid} on [^)]*\\) is working on this project`),
    );
    const early = await repl(b, cwd, env, ["/undo"]);
    expect(early.stdout).toMatch(/^cannot undo now: another SmallCode \(pid \d+/);
    expect(existsSync(join(cwd, "keep.txt"))).toBe(false);

    // A dies (as with kill -9 or a power cut): nothing after the command's start was recorded
    const shellPid = Number(readFileSync(join(cwd, "shell.pid"), "utf8"));
    agent.kill("SIGKILL");
    await new Promise((r) => agent!.once("exit", r));
    process.kill(-shellPid, "SIGKILL");
    agent = undefined;

    const undo = await repl(b, cwd, env, ["/undo"]);
    expect(undo.stdout).toMatch(
      /^undid task "rewrite the app": restored 2 \(put back what the task deleted: keep.txt\), deleted 2/,
    );
    expect(readFileSync(join(cwd, "keep.txt"), "utf8")).toBe("precious\n");
    expect(readFileSync(join(cwd, "app.js"), "utf8")).toBe("1\n");
    expect(existsSync(join(cwd, "started.txt"))).toBe(false);
    expect(existsSync(join(cwd, "shell.pid"))).toBe(false);
  });
});
