import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, readlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";
import { MODEL, taskScript, user } from "./config-support.ts";

/**
 * The `[shell]` settings the refusals point to (`allow_destructive`, `sandbox`, `allow_network`)
 * work from the user's config: the model's command runs (or not) through the real CLI, and the
 * file system and the namespaces the command saw tell what happened.
 */

let server: ScriptedServer;

beforeAll(async () => {
  server = await startScriptedServer(taskScript(["Done."]));
});
afterAll(async () => {
  await server.close();
  cleanup();
});

/** Runs a task whose model runs `command` with bash, then says it is done. */
async function runCommand(cwd: string, command: string, config?: string) {
  server.setScript(
    taskScript([{ toolCalls: [{ name: "bash", arguments: { command } }] }, "Done."], {}, "coding"),
  );
  return run(cwd, ["run", "run the command", "--json", "--yes", "--base-url", server.url, "--model", MODEL], {
    env: user(config),
  });
}

/** Whether bubblewrap can start here (the sandbox is on by default where it can). */
const bwrapWorks =
  spawnSync("bwrap", ["--ro-bind", "/", "/", "--unshare-pid", "--unshare-net", "true"]).status === 0;

describe("[shell] in the user's config", () => {
  it("allow_destructive lets a listed destructive command run under --yes; without it, it is refused", async () => {
    const files = { "debug.log": "x\n", "src/trace.log": "y\n", "src/a.ts": "a\n" };
    const command = "find . -type f -delete"; // destructive: it spares neither .git nor .smallcode
    const refused = tempDir(files);
    const r1 = await runCommand(refused, command);
    expect(JSON.parse(r1.stdout).toolCalls[0]).toMatchObject({ name: "bash", ok: false });
    expect(existsSync(join(refused, "src/trace.log"))).toBe(true);

    const allowed = tempDir(files);
    // it runs (its exit status says that .smallcode/ stayed read-only in the sandbox)
    await runCommand(allowed, command, '[shell]\nallow_destructive = ["find . -type f"]\n');
    expect(existsSync(join(allowed, "src/trace.log"))).toBe(false);
    expect(existsSync(join(allowed, "src/a.ts"))).toBe(false);
  });

  it("sandbox = false runs commands in SmallCode's own namespaces", async () => {
    const ours = readlinkSync("/proc/self/ns/pid");
    const off = tempDir({ "a.txt": "a\n" });
    await runCommand(off, "readlink /proc/self/ns/pid > ns.txt", "[shell]\nsandbox = false\n");
    expect(readFileSync(join(off, "ns.txt"), "utf8").trim()).toBe(ours);
    if (!bwrapWorks) return; // the default is the sandbox where bwrap runs
    const on = tempDir({ "a.txt": "a\n" });
    await runCommand(on, "readlink /proc/self/ns/pid > ns.txt");
    expect(readFileSync(join(on, "ns.txt"), "utf8").trim()).not.toBe(ours);
  });

  it.skipIf(!bwrapWorks)(
    "allow_network = true keeps the network namespace; the default cuts it",
    async () => {
      const ours = readlinkSync("/proc/self/ns/net");
      const open = tempDir({ "a.txt": "a\n" });
      await runCommand(open, "readlink /proc/self/ns/net > ns.txt", "[shell]\nallow_network = true\n");
      expect(readFileSync(join(open, "ns.txt"), "utf8").trim()).toBe(ours);
      const closed = tempDir({ "a.txt": "a\n" });
      await runCommand(closed, "readlink /proc/self/ns/net > ns.txt");
      expect(readFileSync(join(closed, "ns.txt"), "utf8").trim()).not.toBe(ours);
    },
  );
});
