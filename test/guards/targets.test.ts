import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import {
  editTargets,
  isByProduct,
  namedPaths,
  soleEditTarget,
} from "../../cli/smallcode/guard-kit/targets.ts";

/**
 * The files a task names and the by-products of commands (guard-kit/targets.ts), which the verdict uses so
 * that `npm update` writing package-lock.json is never "add a version key to package.json".
 */

const project = (files: readonly string[]) => {
  const dir = mkdtempSync(join(tmpdir(), "targets-"));
  for (const f of files) writeFileSync(join(dir, f), "x\n");
  return dir;
};

describe("isByProduct", () => {
  test.each([
    "package-lock.json",
    "yarn.lock",
    "pnpm-lock.yaml",
    "Cargo.lock",
    "poetry.lock",
    "sub/dir/package-lock.json",
    "__pycache__/a.cpython-312.pyc",
    "node_modules/x/index.js",
    ".git/index",
    "dist/main.js",
    "build/out.o",
    "pkg.egg-info/PKG-INFO",
  ])("%s is a by-product", (p) => expect(isByProduct(p)).toBe(true));

  test.each(["package.json", "src/a.ts", "lock.json", "Cargo.toml", "docs/build.md", "src/builder/a.ts"])(
    "%s is work",
    (p) => expect(isByProduct(p)).toBe(false),
  );
});

describe("namedPaths and editTargets", () => {
  const dir = project(["package.json", "data.csv", "issue.md", "calc.py", "test_calc.py"]);

  test("the bench's json-add-key task names package.json as the file to change, not the version number", () => {
    const task = 'Add a key "version" with the string value "1.0.0" to package.json. Keep the other keys.';
    expect(namedPaths(task)).toEqual(["package.json"]);
    expect(editTargets(task, dir)).toEqual(["package.json"]);
    expect(soleEditTarget(task, dir)).toBe("package.json");
  });

  test("a file only read is named but not a target", () => {
    const task = "write a script that reads data.csv and prints the total";
    expect(namedPaths(task)).toEqual(["data.csv"]);
    expect(editTargets(task, dir)).toEqual([]);
    expect(soleEditTarget(task, dir)).toBeUndefined();
  });

  test("the place of a report is not a target", () => {
    expect(editTargets("Fix the bug reported in issue.md", dir)).toEqual([]);
    expect(editTargets("`node index.js` crashes in src/format.js", dir)).toEqual([]);
  });

  test("a file to be created is a target; technology names, URLs and abbreviations are not paths", () => {
    expect(editTargets("create docs/usage.md describing add()", dir)).toEqual(["docs/usage.md"]);
    expect(namedPaths("write a Node.js script, e.g. like https://example.com/a.js")).toEqual([]);
  });

  test("a task naming several files has no sole target", () => {
    const task = "The test in test_calc.py fails: add(2, 3) returns -1. Fix the bug in calc.py.";
    expect(editTargets(task, dir)).toEqual(["test_calc.py", "calc.py"]);
    expect(soleEditTarget(task, dir)).toBeUndefined();
  });

  test("a folder is named but never a target", () => {
    expect(editTargets("Replace every call in src/ with warn()", project([]))).toEqual([]);
  });
});
