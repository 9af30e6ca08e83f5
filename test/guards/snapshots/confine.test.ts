import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TaskState } from "../../../cli/smallcode/guard-kit/task.ts";
import { THRESHOLDS } from "../../../cli/smallcode/guard-kit/thresholds.ts";
import { pathProblem, validHash, validTaskId } from "../../../cli/smallcode/snapshots/confine.ts";
import { snapshotGuard } from "../../../cli/smallcode/snapshots/guard.ts";
import { acquireLock, lockHolder } from "../../../cli/smallcode/snapshots/lock.ts";
import { loadManifest, newTaskId } from "../../../cli/smallcode/snapshots/store.ts";
import { protectedPaths } from "../../../cli/smallcode/tools/protected.ts";
import { call, cleanupProjects, Driver, makeProject } from "../helpers.ts";

const roots: string[] = [];
afterAll(() => cleanupProjects(roots));

describe("what a manifest may name", () => {
  it("accepts the scanner's paths and SmallCode's ids and hashes only", () => {
    expect(validTaskId(newTaskId())).toBe(true);
    for (const id of ["..", "../x", "a/b", "", "20250101T120000123-ab12cd/.."])
      expect(validTaskId(id)).toBe(false);
    expect(validHash("a".repeat(64))).toBe(true);
    expect(validHash("big:10:123.5")).toBe(true);
    expect(validHash("../../etc/passwd")).toBe(false);
    expect(pathProblem("src/a.ts")).toBeNull();
    expect(pathProblem(".env")).toBeNull();
    for (const p of [
      "../x",
      "/etc/passwd",
      "a/../../x",
      "a//b",
      "./a",
      "a\\..\\b",
      ".git/config",
      "x/.smallcode/y",
      "",
    ])
      expect(pathProblem(p)).not.toBeNull();
  });

  it("reads a manifest back only when all of it is valid, and says what is wrong", async () => {
    const cwd = makeProject({});
    roots.push(cwd);
    const id = newTaskId();
    mkdirSync(join(cwd, ".smallcode/snapshots", id), { recursive: true });
    const write = (m: unknown) =>
      writeFileSync(join(cwd, ".smallcode/snapshots", id, "manifest.json"), JSON.stringify(m));
    const base = {
      version: 1,
      taskId: id,
      task: "t",
      startedAt: "",
      updatedAt: "",
      dirsCreated: [],
      dirsRemoved: [],
      unprotected: [],
    };
    write({
      ...base,
      entries: { "a.txt": { before: null, after: { hash: "a".repeat(64), kind: "file", mode: 420 } } },
    });
    expect((await loadManifest(cwd, id)).kind).toBe("ok");
    write({
      ...base,
      entries: { "a.txt": { before: { hash: "../../x", kind: "file", mode: 420 }, after: null } },
    });
    expect(await loadManifest(cwd, id)).toEqual({
      kind: "invalid",
      problem: 'entry "a.txt" has an invalid version',
    });
    write({ ...base, entries: {}, dirsCreated: ["../../tmp"] });
    expect(await loadManifest(cwd, id)).toMatchObject({
      kind: "invalid",
      problem: expect.stringContaining("dirsCreated"),
    });
    write({ ...base, taskId: "20250101T120000123-ffffff", entries: {} });
    expect(await loadManifest(cwd, id)).toMatchObject({
      kind: "invalid",
      problem: expect.stringContaining("task id"),
    });
  });
});

describe("one agent per project", () => {
  it("refuses a second holder, takes over a lock whose process is gone, and releases", async () => {
    const cwd = makeProject({});
    roots.push(cwd);
    const first = acquireLock(cwd, "first task");
    expect(first.ok).toBe(true);
    const second = acquireLock(cwd, "second task");
    expect(second).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^another SmallCode \(pid \d+ on .*first task/),
    });
    if (first.ok) first.release();
    expect(existsSync(join(cwd, ".smallcode/snapshots/agent.lock"))).toBe(false);

    // a lock left by a process that has exited is stale
    const child = spawn(process.execPath, ["-e", ""]);
    await new Promise((r) => child.once("exit", r));
    writeFileSync(
      join(cwd, ".smallcode/snapshots/agent.lock"),
      JSON.stringify({
        pid: child.pid,
        host: hostname(),
        token: "t",
        startedAt: "",
        task: "dead",
      }),
    );
    expect(lockHolder(cwd)).toBeNull();
    const third = acquireLock(cwd, "third task");
    expect(third.ok).toBe(true);
    if (third.ok) third.release();
  });
});

describe("what the sandbox keeps read-only", () => {
  it("is .smallcode (created if missing) and .git, unless git work is allowed; never a symbolic link", async () => {
    const cwd = makeProject({ ".git/HEAD": "ref: refs/heads/main\n" });
    roots.push(cwd);
    expect(protectedPaths(cwd)).toEqual([join(cwd, ".smallcode"), join(cwd, ".git")]);
    expect(existsSync(join(cwd, ".smallcode"))).toBe(true);
    expect(protectedPaths(cwd, { gitWritable: true })).toEqual([join(cwd, ".smallcode")]);
    const linked = makeProject({});
    roots.push(linked);
    symlinkSync(cwd, join(linked, ".git"));
    symlinkSync(cwd, join(linked, ".smallcode"));
    expect(protectedPaths(linked)).toEqual([]);
  });
});

describe("a .smallcode that is a symbolic link", () => {
  it("turns snapshots off for the task instead of writing through it", async () => {
    const outside = makeProject({});
    const cwd = makeProject({ "a.txt": "a\n" });
    roots.push(outside, cwd);
    symlinkSync(outside, join(cwd, ".smallcode"));
    const notices: string[] = [];
    const guard = snapshotGuard(THRESHOLDS, new TaskState(), { onNotice: (_s, m) => notices.push(m) });
    const d = new Driver(guard, { cwd }).withSession();
    await d.start();
    await d.tool(call("bash", { command: "echo b > a.txt" }));
    await d.finish();
    expect(notices[0]).toMatch(/^snapshots are off for this task \(.*\.smallcode is a symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
  });
});
