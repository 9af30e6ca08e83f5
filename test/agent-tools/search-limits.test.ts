import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { searchTool } from "../../cli/smallcode/tools/search.ts";
import { searchAndReadTool } from "../../cli/smallcode/tools/search-and-read.ts";
import { globProblem, listFiles } from "../../cli/smallcode/tools/walk.ts";
import { workspace } from "./helpers.ts";

const ws = workspace();
afterAll(() => ws.cleanup());

/** `(a+)+$` needs about 2^32 steps to reject this line: far past any test's time limit. */
const EVIL_LINE = `${"a".repeat(32)}!\n`;

describe("search: the time limit of the JS engine", () => {
  it("stops a catastrophic regex, keeps the matches found before it, and says what to do", async () => {
    const root = ws.project({ "a.txt": "aa\n", "b.txt": EVIL_LINE });
    const ctx = ws.session(root, { searchEngine: "js", limits: { searchTimeoutMs: 300 } });
    const r = await searchTool.run({ pattern: "(a+)+$" }, ctx);
    expect(r).toMatchObject({ ok: false, truncated: true, total: 1 });
    expect(r.output.split("\n")).toEqual([
      "search stopped after 0.3 s without finishing, so any matches below are incomplete: the regular expression `(a+)+$` timed out on line 1 of `b.txt`. Nested repetition such as `(a+)+` or `(.*)*` makes a regex take exponential time. Search for a literal piece of the text instead (no regex operators), or narrow the search with path or glob",
      "a.txt:1: aa",
    ]);
    const again = await searchAndReadTool.run({ pattern: "(a+)+$", path: "b.txt" }, ctx);
    expect(again.ok).toBe(false);
    expect(again.output).toContain("timed out on line 1 of `b.txt`");
  });

  it("aborts with the session's signal", async () => {
    const root = ws.project({ "b.txt": EVIL_LINE });
    const controller = new AbortController();
    const ctx = ws.session(root, { searchEngine: "js", signal: controller.signal });
    const pending = searchTool.run({ pattern: "(a+)+$" }, ctx);
    setTimeout(() => controller.abort(), 100);
    expect(await pending).toEqual({ ok: false, output: "search failed: the search was cancelled" });
  });
});

describe("globs: only files inside the project", () => {
  it("refuses `..` in any spelling, drive letters, and over-long globs", () => {
    for (const g of ["../x", "a/../../x", "**/../x", "{..,a}/x", "@(..)/x", "\\.\\./x", "..\\x", "C:/x"])
      expect(globProblem(g), g).toMatch(/reaches outside the project/);
    expect(globProblem("x".repeat(1001))).toMatch(/at most 1000/);
    for (const g of ["*.ts", "src/**/*.ts", "..foo", "a..b/*", ".{ts,js}"])
      expect(globProblem(g), g).toBeNull();
  });

  it("drops results outside the root and under symlinked directories even when the glob gets through", async () => {
    const root = ws.project({ "in/a.txt": "" });
    const outside = join(dirname(root), `${root.split("/").pop()}-outside`);
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, "s.txt"), "");
    symlinkSync(outside, join(root, "link"));
    try {
      const name = outside.split("/").pop();
      expect(await listFiles(root, [`../${name}/*`])).toEqual([]);
      expect(await listFiles(root, [`in/../../${name}/*`])).toEqual([]);
      expect(await listFiles(root, ["link/*"])).toEqual([]);
      expect(await listFiles(root, ["**/*"])).toEqual(["in/a.txt"]);
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
