import {
  chmodSync,
  existsSync,
  lstatSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TaskState } from "../../../cli/smallcode/guard-kit/task.ts";
import { THRESHOLDS } from "../../../cli/smallcode/guard-kit/thresholds.ts";
import { snapshotGuard } from "../../../cli/smallcode/snapshots/guard.ts";
import { listTasks, readManifest, undoLastTask } from "../../../cli/smallcode/snapshots/index.ts";
import { call, cleanupProjects, Driver, makeProject } from "../helpers.ts";

const roots: string[] = [];
afterAll(() => cleanupProjects(roots));

/** Every file under `root` (outside .smallcode and .git) with its exact bytes and mode. */
function tree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string, rel: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      if (e.name === ".smallcode" || e.name === ".git") continue;
      const r = rel ? `${rel}/${e.name}` : e.name;
      const abs = join(dir, e.name);
      if (e.isDirectory()) {
        out[`${r}/`] = "dir";
        walk(abs, r);
      } else if (e.isSymbolicLink()) out[r] = `link -> ${readlinkSync(abs)}`;
      else out[r] = `${(statSync(abs).mode & 0o777).toString(8)} ${readFileSync(abs).toString("base64")}`;
    }
  };
  walk(root, "");
  return out;
}

const BINARY = Uint8Array.from([0, 1, 2, 255, 254, 10, 13, 0, 128]);

async function session(files: Record<string, string | Uint8Array>, task = "refactor the project") {
  const cwd = makeProject(files);
  roots.push(cwd);
  const guard = snapshotGuard(THRESHOLDS, new TaskState());
  const d = new Driver(guard, { cwd, task }).withSession();
  await d.start();
  return { cwd, d, guard };
}

describe("snapshots and undo", () => {
  it("restores byte-identical content after edits, commands that create, modify and delete files", async () => {
    const { cwd, d } = await session({
      "src/app.ts": "export const answer = 41;\r\n",
      "data/blob.bin": BINARY,
      "docs/old.md": "# old\n",
      "keep.txt": "untouched\n",
      "scripts/run.sh": "#!/bin/sh\necho run\n",
    });
    chmodSync(join(cwd, "scripts/run.sh"), 0o755);
    const before = tree(cwd);

    await d.tool(call("patch", { path: "src/app.ts", old_str: "41", new_str: "42" }));
    await d.tool(call("write_file", { path: "src/new.ts", content: "export {};\n" }));
    await d.tool(
      call("bash", {
        command: "rm docs/old.md && rmdir docs && mkdir -p gen/deep && echo made > gen/deep/out.txt",
      }),
    );
    await d.tool(call("bash", { command: "printf 'changed' > data/blob.bin && chmod 644 scripts/run.sh" }));
    await d.tool(call("bash", { command: "ln -s src/app.ts link.ts" }));
    await d.finish();
    expect(tree(cwd)).not.toEqual(before);

    const result = await undoLastTask(cwd);
    expect(result).toMatchObject({
      task: "refactor the project",
      restored: ["data/blob.bin", "docs/old.md", "scripts/run.sh", "src/app.ts"],
      deleted: ["gen/deep/out.txt", "link.ts", "src/new.ts"],
      skipped: [],
    });
    expect(tree(cwd)).toEqual(before);
    expect(statSync(join(cwd, "scripts/run.sh")).mode & 0o777).toBe(0o755);
    expect(result.message).toBe(
      'undid task "refactor the project": restored 4 (put back what the task deleted: docs/old.md), deleted 3',
    );
  });

  it("leaves files the user changed after the task alone and reports them", async () => {
    const { cwd, d } = await session({ "a.txt": "one\n", "b.txt": "two\n" });
    await d.tool(call("bash", { command: "echo agent >> a.txt; echo agent >> b.txt; echo new > c.txt" }));
    await d.finish();
    writeFileSync(join(cwd, "b.txt"), "the user's own edit\n");
    writeFileSync(join(cwd, "c.txt"), "the user kept working here\n");
    const result = await undoLastTask(cwd);
    expect(result.restored).toEqual(["a.txt"]);
    expect(result.deleted).toEqual([]);
    expect(result.skipped).toEqual(["b.txt", "c.txt"]);
    expect(result.reasons["b.txt"]).toBe("changed after the task (your edit is kept)");
    expect(readFileSync(join(cwd, "a.txt"), "utf8")).toBe("one\n");
    expect(readFileSync(join(cwd, "b.txt"), "utf8")).toBe("the user's own edit\n");
    expect(readFileSync(join(cwd, "c.txt"), "utf8")).toBe("the user kept working here\n");
  });

  it("does not blame the agent for changes made between its calls", async () => {
    const { cwd, d } = await session({ "mine.txt": "agent edits this\n", "user.txt": "v1\n" });
    await d.tool(call("bash", { command: "echo x >> mine.txt" }));
    writeFileSync(join(cwd, "user.txt"), "v2 by the user, mid-task\n");
    await d.tool(call("bash", { command: "echo y >> mine.txt" }));
    await d.finish();
    const manifest = await readManifest(cwd, (await listTasks(cwd))[0]!);
    expect(Object.keys(manifest!.entries)).toEqual(["mine.txt"]);
    await undoLastTask(cwd);
    expect(readFileSync(join(cwd, "mine.txt"), "utf8")).toBe("agent edits this\n");
    expect(readFileSync(join(cwd, "user.txt"), "utf8")).toBe("v2 by the user, mid-task\n");
  });

  it("undoes tasks one at a time, newest first, and says when nothing is left", async () => {
    const cwd = makeProject({ "f.txt": "0\n" });
    roots.push(cwd);
    const guard = snapshotGuard(THRESHOLDS, new TaskState());
    for (const n of [1, 2]) {
      const d = new Driver(guard, { cwd, task: `task ${n}` }).withSession();
      await d.start();
      await d.tool(call("bash", { command: `echo ${n} > f.txt` }));
      await d.finish();
    }
    const read = await new Driver(guard, { cwd, task: "read only" }).withSession();
    await read.start();
    await read.tool(call("read_file", { path: "f.txt" }));
    await read.finish();
    expect((await undoLastTask(cwd)).task).toBe("task 2");
    expect(readFileSync(join(cwd, "f.txt"), "utf8")).toBe("1\n");
    expect((await undoLastTask(cwd)).task).toBe("task 1");
    expect(readFileSync(join(cwd, "f.txt"), "utf8")).toBe("0\n");
    expect(await undoLastTask(cwd)).toMatchObject({ taskId: null, restored: [], deleted: [], skipped: [] });
  });

  it("ignores .git, node_modules and .smallcode, and skips ignored directories but keeps ignored files", async () => {
    const { cwd, d } = await session({
      ".gitignore": "dist/\n.env\n",
      ".env": "API_TOKEN=abc\n",
      "node_modules/x/index.js": "x\n",
      ".git/HEAD": "ref: refs/heads/main\n",
    });
    await d.tool(
      call("bash", {
        command:
          "echo y > node_modules/x/index.js; mkdir dist; echo built > dist/out.js; echo z > .git/HEAD; echo API_TOKEN=changed > .env",
      }),
    );
    await d.finish();
    const manifest = await readManifest(cwd, (await listTasks(cwd))[0]!);
    expect(Object.keys(manifest!.entries)).toEqual([".env"]);
    await undoLastTask(cwd);
    expect(readFileSync(join(cwd, ".env"), "utf8")).toBe("API_TOKEN=abc\n");
    expect(existsSync(join(cwd, "dist/out.js"))).toBe(true);
  });

  it("restores a symbolic link the task replaced", async () => {
    const { cwd, d } = await session({ "target.txt": "t\n" });
    symlinkSync("target.txt", join(cwd, "alias.txt"));
    await d.tool(call("bash", { command: "rm alias.txt && echo plain > alias.txt" }));
    await d.finish();
    await undoLastTask(cwd);
    expect(lstatSync(join(cwd, "alias.txt")).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(cwd, "alias.txt"))).toBe("target.txt");
  });

  it("tells the loop what each call changed", async () => {
    const { d, guard } = await session({ "a.txt": "a\n" });
    const c = call("bash", { command: "echo b > b.txt; echo A > a.txt; rm -f nothing" });
    await guard.beforeTool!(c, d.ctx);
    const { runTool } = await import("../../../cli/smallcode/toolbox/index.ts");
    await runTool("bash", c.arguments, d.session!);
    expect(await guard.detectChanges(c.id)).toEqual({ created: ["b.txt"], modified: ["a.txt"], deleted: [] });
    // idempotent: afterTool after detectChanges does not scan again or double-record
    expect(await guard.detectChanges(c.id)).toEqual({ created: [], modified: [], deleted: [] });
    await d.finish();
  });

  it("rolls back a failed run automatically when validation hard-fails (option)", async () => {
    const cwd = makeProject({ "app.js": "console.log('ok')\n" });
    roots.push(cwd);
    const notices: string[] = [];
    const guard = snapshotGuard(THRESHOLDS, new TaskState(), {
      autoRollback: true,
      validate: async () => false,
      onNotice: (_s, m) => notices.push(m),
    });
    const d = new Driver(guard, { cwd }).withSession();
    await d.start();
    await d.tool(call("bash", { command: "echo 'syntax error(' > app.js" }));
    await d.finish({ success: false, stopReason: "guard" });
    expect(readFileSync(join(cwd, "app.js"), "utf8")).toBe("console.log('ok')\n");
    expect(notices[0]).toMatch(
      /^the run failed and validation fails, so its changes were rolled back: undid task/,
    );
  });

  it("keeps the changes of a successful run, or when validation passes", async () => {
    const cwd = makeProject({ "app.js": "1\n" });
    roots.push(cwd);
    const guard = snapshotGuard(THRESHOLDS, new TaskState(), {
      autoRollback: true,
      validate: async () => true,
    });
    const d = new Driver(guard, { cwd }).withSession();
    await d.start();
    await d.tool(call("bash", { command: "echo 2 > app.js" }));
    await d.finish({ success: false, stopReason: "max_steps" });
    expect(readFileSync(join(cwd, "app.js"), "utf8")).toBe("2\n");
  });
});

describe("snapshots of files the scan does not look at", () => {
  it("still protects a file in an ignored directory that an edit tool changes", async () => {
    const { cwd, d } = await session({ ".gitignore": "dist/\n", "dist/config.json": '{"keep": true}\n' });
    await d.tool(call("read_file", { path: "dist/config.json" }));
    await d.tool(call("write_file", { path: "dist/config.json", content: "{}\n" }));
    await d.finish();
    expect((await undoLastTask(cwd)).restored).toEqual(["dist/config.json"]);
    expect(readFileSync(join(cwd, "dist/config.json"), "utf8")).toBe('{"keep": true}\n');
  });
});
