import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";
import { agentScript, hermes } from "../support/agent-script.ts";
import { home, repl, runTask } from "./undo-support.ts";

/**
 * Undo puts back everything a task changed, or says what it cannot: directory modes, files in an
 * ignored data folder, what the `done_when` check command itself changed, and `.git` (which it names
 * as not restored, with the commit HEAD pointed at before).
 */

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer({ models: ["scripted-model"] });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const mode = (path: string) => (statSync(path).mode & 0o777).toString(8);
const git = (cwd: string, ...args: string[]) =>
  spawnSync("git", args, {
    cwd,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@t",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@t",
    },
  }).stdout.trim();

describe("undo is complete", () => {
  it("restores directory modes, an ignored data folder, the check command's changes, and names .git", async () => {
    const cwd = tempDir({
      ".gitignore": "data/\ncheck.log\n",
      "src/app.js": "export const x = 1;\n",
      "data/records.csv": "id,name\n1,ada\n",
    });
    git(cwd, "init", "-q", "-b", "main");
    git(cwd, "add", "-A");
    git(cwd, "commit", "-qm", "start");
    const head = git(cwd, "rev-parse", "HEAD");
    const env = home({ sandbox: false });
    const commit =
      "GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@b GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@b git commit -q -a -m wip";
    server.setScript({
      models: ["scripted-model"],
      ...agentScript({
        act: [
          hermes("bash", {
            command: "chmod 700 src && chmod 600 src/app.js && echo 'export const x = 2;' > src/app.js",
          }),
          hermes("bash", {
            command: "echo 2,bob >> data/records.csv && mkdir -p data/new && echo n > data/new/n.txt",
          }),
          hermes("bash", { command: commit }),
          hermes("done_when", { command: "echo checked >> check.log && test -f src/app.js", exit_code: 0 }),
          "Done: x is 2 now.",
        ],
      }),
    });
    const task = await runTask(server, cwd, env, "set x to 2");
    expect(JSON.parse(task.stdout).toolCalls.map((c: { ok: boolean }) => c.ok)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(readFileSync(join(cwd, "check.log"), "utf8")).toBe("checked\n");
    expect(git(cwd, "rev-parse", "HEAD")).not.toBe(head);

    const undo = await repl(server, cwd, env, ["/undo"]);
    expect(undo.stdout).toContain(`HEAD was ${head.slice(0, 12)} before the task`);
    expect(undo.stdout).toContain("not restored: .git");
    expect(readFileSync(join(cwd, "src/app.js"), "utf8")).toBe("export const x = 1;\n");
    expect(mode(join(cwd, "src"))).toBe("755");
    expect(mode(join(cwd, "src/app.js"))).toBe("644");
    expect(readFileSync(join(cwd, "data/records.csv"), "utf8")).toBe("id,name\n1,ada\n");
    expect(existsSync(join(cwd, "data/new"))).toBe(false);
    expect(existsSync(join(cwd, "check.log"))).toBe(false);
  });

  it("restores a directory the task made unreadable (chmod 000) and its files", async () => {
    const cwd = tempDir({ "lib/a.txt": "a\n" });
    mkdirSync(join(cwd, "lib/deep"));
    const env = home({ sandbox: false });
    server.setScript({
      models: ["scripted-model"],
      ...agentScript({
        act: [
          hermes("bash", { command: "echo b > lib/deep/b.txt && chmod 000 lib/deep && chmod 500 lib" }),
          "Done.",
        ],
      }),
    });
    await runTask(server, cwd, env, "lock lib");
    const undo = await repl(server, cwd, env, ["/undo"]);
    expect(undo.stdout).toMatch(/^undid task "lock lib"/);
    expect(mode(join(cwd, "lib"))).toBe("755");
    expect(mode(join(cwd, "lib/deep"))).toBe("755");
    expect(existsSync(join(cwd, "lib/deep/b.txt"))).toBe(false);
    expect(readFileSync(join(cwd, "lib/a.txt"), "utf8")).toBe("a\n");
  });
});
