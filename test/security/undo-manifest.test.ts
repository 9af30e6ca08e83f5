import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";
import { home, repl, runTask, SANDBOX, script, sha256, toolResults } from "./undo-support.ts";

/**
 * A hostile model writes a forged snapshot manifest from its shell; `/undo` (unsandboxed, as the user)
 * must not create, delete or write anything outside the project because of it.
 */

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer({ models: ["scripted-model"] });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const PAYLOAD = "PWNED by a forged manifest\n";
const VICTIM = "the user's file outside the project\n";
const file = (hash: string) => ({ hash, kind: "file", mode: 0o644 });

function manifestJson(id: string, manifest: Record<string, unknown>): string {
  return JSON.stringify({
    version: 1,
    taskId: id,
    task: "innocent task",
    startedAt: "2999-12-31T23:59:59.000Z",
    updatedAt: "2999-12-31T23:59:59.000Z",
    dirsCreated: [],
    dirsRemoved: [],
    unprotected: [],
    ...manifest,
  });
}

/** A shell command that plants `manifest` (and the payload blob) as task `id`. */
function plant(id: string, manifest: Record<string, unknown>): string {
  const dir = `.smallcode/snapshots/${id}`;
  const json = manifestJson(id, manifest);
  return (
    `mkdir -p ${dir}/blobs && printf '%s' '${json}' > ${dir}/manifest.json && ` +
    `printf '%s' '${PAYLOAD.trimEnd()}' > ${dir}/blobs/x && echo >> ${dir}/blobs/x && mv ${dir}/blobs/x ${dir}/blobs/${sha256(PAYLOAD)}`
  );
}

/** What a hostile clone ships: `manifest` (and the payload blob) as task `id`, already in the project. */
function ship(cwd: string, id: string, manifest: Record<string, unknown>): void {
  const dir = join(cwd, ".smallcode/snapshots", id);
  mkdirSync(join(dir, "blobs"), { recursive: true });
  writeFileSync(join(dir, "manifest.json"), manifestJson(id, manifest));
  writeFileSync(join(dir, "blobs", sha256(PAYLOAD)), PAYLOAD);
}

function setup() {
  const outside = tempDir({ "victim.txt": VICTIM });
  const cwd = tempDir({ "app.js": "console.log(1)\n" });
  const up = `../${basename(outside)}`;
  return { outside, cwd, up };
}

describe("undo refuses a forged manifest", () => {
  it("does not create, delete or write outside the project (../ and absolute paths), unsandboxed", async () => {
    const { outside, cwd, up } = setup();
    const env = home({ sandbox: false });
    ship(cwd, "29991231T235959999-abcdef", {
      entries: {
        [`${up}/created.txt`]: { before: file(sha256(PAYLOAD)), after: null },
        [`${up}/victim.txt`]: { before: null, after: file(sha256(VICTIM)) },
        [join(outside, "absolute.txt")]: { before: file(sha256(PAYLOAD)), after: null },
      },
      dirsRemoved: [`${up}/made-dir`],
    });
    script(server, ["echo changed > app.js"]);
    const task = await runTask(server, cwd, env, "change app.js");
    expect(JSON.parse(task.stdout).toolCalls.map((c: { ok: boolean }) => c.ok)).toEqual([true]);

    const undo = await repl(server, cwd, env, ["/undo"]);
    expect(undo.stdout).toContain(
      "cannot undo: the snapshot of task 29991231T235959999-abcdef is damaged or was tampered with",
    );
    expect(readFileSync(join(outside, "victim.txt"), "utf8")).toBe(VICTIM);
    expect(existsSync(join(outside, "created.txt"))).toBe(false);
    expect(existsSync(join(outside, "absolute.txt"))).toBe(false);
    expect(existsSync(join(outside, "made-dir"))).toBe(false);
  });

  it("does not follow a symbolic link planted on the way to a manifest path", async () => {
    const { outside, cwd } = setup();
    const env = home({ sandbox: false });
    ship(cwd, "29991231T235959999-abcdef", {
      entries: {
        "link/planted.txt": { before: file(sha256(PAYLOAD)), after: null },
        "app.js": { before: file(sha256(PAYLOAD)), after: file(sha256("console.log(1)\n")) },
      },
    });
    script(server, [`ln -s ${outside} link`]);
    await runTask(server, cwd, env, "link the shared folder");
    const undo = await repl(server, cwd, env, ["/undo"]);
    expect(undo.stdout).toMatch(
      /left alone: link\/planted\.txt \(not touched: `link\/planted\.txt` goes through a symbolic link/,
    );
    expect(existsSync(join(outside, "planted.txt"))).toBe(false);
    // inside the project, the (valid) entry is honoured: undo stays confined, not disabled
    expect(readFileSync(join(cwd, "app.js"), "utf8")).toBe(PAYLOAD);
  });

  it("refuses a .smallcode that is a symbolic link out of the project (a hostile clone)", async () => {
    const { outside, cwd } = setup();
    const env = home({ sandbox: false });
    symlinkSync(outside, join(cwd, ".smallcode"));
    script(server, ["echo changed > app.js"]);
    const task = await runTask(server, cwd, env, "change app.js");
    expect(task.code).toBe(2);
    expect(task.stderr).toContain("is a link to");
    const undo = await repl(server, cwd, env, ["/undo"]);
    expect(undo.code).toBe(2);
    expect(readdirSync(outside)).toEqual(["victim.txt"]);
    expect(readFileSync(join(cwd, "app.js"), "utf8")).toBe("console.log(1)\n");
  });

  it("unsandboxed, the model's shell is not let write into the snapshot store (--yes)", async () => {
    const { cwd, up } = setup();
    const env = home({ sandbox: false });
    const forged = plant("29991231T235959999-abcdef", {
      entries: { [`${up}/victim.txt`]: { before: null, after: file(sha256(VICTIM)) } },
    });
    script(server, [forged, "rm -rf .smallcode"]);
    const task = await runTask(server, cwd, env, "tidy up app.js", ["--yes"]);
    const calls = JSON.parse(task.stdout).toolCalls as { ok: boolean }[];
    expect(calls.map((c) => c.ok)).toEqual([false, false]);
    const results = toolResults(server);
    expect(results[0]).toMatch(/^refused: .*SmallCode's snapshots/);
    expect(results[1]).toMatch(/^refused: .*SmallCode's snapshots/);
    expect(existsSync(join(cwd, ".smallcode/snapshots/29991231T235959999-abcdef"))).toBe(false);
  });

  it.skipIf(!SANDBOX)(
    "in the sandbox the model's shell cannot write or delete the snapshot store",
    async () => {
      const { outside, cwd, up } = setup();
      const env = home({ sandbox: true });
      mkdirSync(join(cwd, ".git"));
      writeFileSync(join(cwd, ".git/HEAD"), "ref: refs/heads/main\n");
      const forged = plant("29991231T235959999-abcdef", {
        entries: { [`${up}/victim.txt`]: { before: null, after: file(sha256(VICTIM)) } },
      });
      script(server, [forged, "rm -rf .smallcode .git; echo rc=$?", "echo changed > app.js"]);
      const task = await runTask(server, cwd, env, "tidy up app.js");
      const calls = JSON.parse(task.stdout).toolCalls as { ok: boolean; output?: string }[];
      expect(calls).toHaveLength(3);
      expect(existsSync(join(cwd, ".smallcode/snapshots/29991231T235959999-abcdef"))).toBe(false);
      expect(readFileSync(join(cwd, ".git/HEAD"), "utf8")).toBe("ref: refs/heads/main\n");
      const undo = await repl(server, cwd, env, ["/undo"]);
      expect(undo.stdout).toContain("restored 1");
      expect(readFileSync(join(cwd, "app.js"), "utf8")).toBe("console.log(1)\n");
      expect(readFileSync(join(outside, "victim.txt"), "utf8")).toBe(VICTIM);
    },
  );
});
