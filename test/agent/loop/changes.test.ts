import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { diffSnapshots, FileChanges, fileStamps } from "../../../cli/smallcode/agent/changes.ts";
import { walkTree } from "../../../cli/smallcode/tools/tree-walk.ts";
import { tempProject } from "../../support/agent-project.ts";

/** The stamps of the regular files under `root`, as the loop takes them around a shell call. */
const snapshotTree = (root: string, maxFiles?: number) =>
  fileStamps(walkTree(root, { maxFiles: 0, build: true }), maxFiles);

describe("tree snapshots", () => {
  let cleanup = () => {};
  afterEach(() => cleanup());

  test("find created and modified files, skipping .git, node_modules and .smallcode", () => {
    const p = tempProject({ "a.js": "1", "src/b.js": "2", ".git/HEAD": "x", "node_modules/m/i.js": "y" });
    cleanup = p.cleanup;
    const before = snapshotTree(p.root)!;
    expect([...before.keys()].sort()).toEqual(["a.js", "src/b.js"]);
    writeFileSync(join(p.root, "src/b.js"), "22");
    writeFileSync(join(p.root, "c.js"), "3");
    mkdirSync(join(p.root, ".smallcode"), { recursive: true });
    writeFileSync(join(p.root, ".smallcode/s.json"), "{}");
    writeFileSync(join(p.root, "node_modules/m/i.js"), "changed");
    rmSync(join(p.root, "a.js"));
    expect(diffSnapshots(before, snapshotTree(p.root)!)).toEqual({
      created: ["c.js"],
      modified: ["src/b.js"],
      deleted: ["a.js"],
      renamed: [],
    });
  });

  test("a same-size rewrite is seen through the modification time", () => {
    const p = tempProject({ "a.js": "aaaa" });
    cleanup = p.cleanup;
    const before = snapshotTree(p.root)!;
    writeFileSync(join(p.root, "a.js"), "bbbb");
    utimesSync(join(p.root, "a.js"), new Date(), new Date(Date.now() + 5000));
    expect(diffSnapshots(before, snapshotTree(p.root)!).modified).toEqual(["a.js"]);
  });

  test("trees over the limit are not scanned", () => {
    const p = tempProject({ "a.js": "1", "b.js": "2", "c.js": "3" });
    cleanup = p.cleanup;
    expect(snapshotTree(p.root, 2)).toBeUndefined();
  });
});

describe("FileChanges", () => {
  test("a file created and then edited stays created; lists are sorted", () => {
    const c = new FileChanges();
    c.add("z.js", "modified");
    c.add("new.js", "created");
    c.add("new.js", "modified");
    c.add("a.js", "modified");
    expect(c.lists()).toEqual({ filesCreated: ["new.js"], filesEdited: ["a.js", "z.js"] });
    expect(c.all()).toEqual(new Set(["new.js", "z.js", "a.js"]));
  });

  test("deletions and renames: a created file deleted again is no change, a rename is listed once", () => {
    const c = new FileChanges();
    c.add("tmp.js", "created");
    c.add("tmp.js", "deleted"); // made and removed in the run: nothing
    c.add("old.js", "modified");
    c.add("old.js", "deleted"); // edited, then deleted: deleted
    c.rename("a.js", "b.js");
    c.rename("b.js", "c.js"); // a chain is one rename from the first path
    c.rename("x.js", "y.js");
    c.add("y.js", "deleted"); // renamed, then deleted: the original is deleted
    c.add("gone.js", "deleted");
    c.add("gone.js", "created"); // deleted, then made again: edited
    expect(c.lists()).toEqual({
      filesCreated: [],
      filesEdited: ["gone.js"],
      filesDeleted: ["old.js", "x.js"],
      filesRenamed: [{ from: "a.js", to: "c.js" }],
    });
    expect(c.all()).toEqual(new Set(["gone.js", "c.js"]));
  });

  test("a scan pairs a deleted and a created file with the same stamp as a rename", () => {
    const p = tempProject({ "a.md": "text", "b.md": "other text" });
    const before = snapshotTree(p.root)!;
    renameSync(join(p.root, "a.md"), join(p.root, "moved.md"));
    rmSync(join(p.root, "b.md"));
    expect(diffSnapshots(before, snapshotTree(p.root)!)).toEqual({
      created: [],
      modified: [],
      deleted: ["b.md"],
      renamed: [{ from: "a.md", to: "moved.md" }],
    });
    p.cleanup();
  });
});
