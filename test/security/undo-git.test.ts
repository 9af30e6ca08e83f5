import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";
import { home, runTask, SANDBOX, script, toolResults } from "./undo-support.ts";

/**
 * In the sandbox `.git` is read-only: a command cannot commit, reset or delete history, however it is
 * spelled. A user who allows git work (`allow_destructive` naming a git command) gets a writable `.git`.
 */

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer({ models: ["scripted-model"] });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

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

function repo(): { cwd: string; head: string } {
  const cwd = tempDir({ "a.txt": "1\n" });
  git(cwd, "init", "-q", "-b", "main");
  git(cwd, "add", "-A");
  git(cwd, "commit", "-qm", "start");
  return { cwd, head: git(cwd, "rev-parse", "HEAD") };
}

const COMMIT =
  "echo 2 > a.txt && GIT_AUTHOR_NAME=a GIT_AUTHOR_EMAIL=a@b GIT_COMMITTER_NAME=a GIT_COMMITTER_EMAIL=a@b git commit -q -a -m wip; echo rc=$?";

describe.skipIf(!SANDBOX)(".git in the sandbox", () => {
  it("is read-only by default: a commit fails and the history is unchanged", async () => {
    const { cwd, head } = repo();
    script(server, [COMMIT, "git -c alias.nuke='update-ref -d HEAD' nuke; echo rc=$?"]);
    await runTask(server, cwd, home({ sandbox: true }), "commit the change", ["--yes"]);
    const [commit, nuke] = toolResults(server);
    expect(commit).toMatch(/Read-only file system|unable to|cannot/i);
    expect(commit).toContain("rc=1");
    expect(nuke).not.toContain("rc=0");
    expect(git(cwd, "rev-parse", "HEAD")).toBe(head);
  });

  it("is writable when the user allowed git work", async () => {
    const { cwd, head } = repo();
    script(server, [COMMIT]);
    await runTask(
      server,
      cwd,
      home({ sandbox: true, allowDestructive: ["git reset --hard"] }),
      "commit the change",
      ["--yes"],
    );
    expect(toolResults(server)[0]).toContain("rc=0");
    expect(git(cwd, "rev-parse", "HEAD")).not.toBe(head);
  });

  it("with git work allowed, opaque commands need confirmation again (refused under --yes)", async () => {
    const { cwd, head } = repo();
    script(server, ["bash -c 'git update-ref -d HEAD'", "echo 2 > a.txt"]);
    const env = home({ sandbox: true, allowDestructive: ["git reset --hard"] });
    await runTask(server, cwd, env, "clean the history", ["--yes"]);
    expect(toolResults(server)[0]).toMatch(/^refused: .*runs a command line given as text/);
    expect(git(cwd, "rev-parse", "HEAD")).toBe(head);
  });
});
