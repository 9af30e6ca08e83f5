import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { fileStamps } from "../../cli/smallcode/agent/changes.ts";
import { scanTree, treeState } from "../../cli/smallcode/snapshots/scan.ts";
import { directoryReads, walkTree } from "../../cli/smallcode/tools/tree-walk.ts";
import { tempProject } from "../support/agent-project.ts";

/**
 * The one walk of the project tree and the two views read from it: the snapshots' (files and links
 * outside ignored build folders, with the snapshot limit) and the loop's change report (regular
 * files, build output included). Both views must be what each scan gave on its own before.
 */

let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups) c();
  cleanups = [];
});

function project(files: Record<string, string>): string {
  const p = tempProject(files);
  cleanups.push(p.cleanup);
  return p.root;
}

const limits = { maxFileBytes: 1024, maxFiles: 1000 };

describe("walkTree", () => {
  test("one walk: build output flagged, links kept and not followed, skipped folders never listed", async () => {
    const outside = mkdtempSync(join(tmpdir(), "smallcode-outside-"));
    cleanups.push(() => rmSync(outside, { recursive: true, force: true }));
    writeFileSync(join(outside, "secret.txt"), "s");
    const root = project({
      ".gitignore": "dist/\ndata/\n",
      "src/a.ts": "a",
      "data/rows.csv": "r",
      "dist/js/app.js": "o",
      "node_modules/p/i.js": "i",
      ".git/HEAD": "h",
    });
    symlinkSync(outside, join(root, "src/out")); // a planted link to a folder outside
    symlinkSync("a.ts", join(root, "src/link.ts"));
    const reads = directoryReads();
    const walk = walkTree(root, { maxFiles: 1000, build: true });
    // root, src, data, dist, dist/js: never node_modules, .git or the linked folder
    expect(directoryReads() - reads).toBe(5);
    const seen = walk.entries.map((e) => `${e.path}:${e.kind}${e.ignoredBuild ? ":build" : ""}`).sort();
    expect(seen).toEqual([
      ".gitignore:file",
      "data/rows.csv:file",
      "data:dir",
      "dist/js/app.js:file:build",
      "src/a.ts:file",
      "src/link.ts:symlink",
      "src/out:symlink",
      "src:dir",
    ]);
    // the loop's change report: regular files, build output included, links left out
    expect([...fileStamps(walk)!.keys()].sort()).toEqual([
      ".gitignore",
      "data/rows.csv",
      "dist/js/app.js",
      "src/a.ts",
    ]);
    // the snapshot view is the same as a walk that never enters the build folders
    const state = await treeState(walk, limits);
    const alone = await scanTree(root, limits);
    expect(state).toEqual(alone);
    expect([...state.files.keys()].sort()).toEqual([
      ".gitignore",
      "data/rows.csv",
      "src/a.ts",
      "src/link.ts",
      "src/out",
    ]);
    expect(state.files.get("src/out")!.kind).toBe("symlink");
  });

  test("the snapshot view stops at the same place whether the walk enters build folders or not", async () => {
    const files: Record<string, string> = { ".gitignore": "build/\n" };
    for (let i = 0; i < 6; i++) {
      files[`f${i}.txt`] = `${i}`;
      files[`d${i % 3}/g${i}.txt`] = `${i}`;
      files[`build/b${i}.txt`] = `${i}`;
    }
    const root = project(files);
    mkdirSync(join(root, "empty"));
    for (const maxFiles of [0, 1, 3, 7, 12, 13, 100]) {
      const withBuild = await treeState(walkTree(root, { maxFiles, build: true }), limits);
      const without = await treeState(walkTree(root, { maxFiles }), limits);
      expect(withBuild).toEqual(without);
      expect(without.truncated).toBe(maxFiles < 13);
    }
    // the change report covers every regular file whatever the snapshot limit
    expect(fileStamps(walkTree(root, { maxFiles: 0, build: true }))!.size).toBe(19);
  });
});
