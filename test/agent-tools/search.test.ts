import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolSession } from "../../cli/smallcode/toolbox/index.ts";
import { searchTool } from "../../cli/smallcode/tools/search.ts";
import { findRipgrep } from "../../cli/smallcode/tools/search-engines.ts";
import { workspace } from "./helpers.ts";

const ws = workspace();
afterAll(() => ws.cleanup());

const PROJECT = {
  ".gitignore": "dist/\n*.log\n",
  "src/app.ts": "export const TODO_ITEMS = [];\n// TODO: fix\nfunction todo() {}\n",
  "src/lib/util.ts": "// TODO later\n",
  "src/nested.ts": "// TODO sibling\n",
  "src/nested/.gitignore": "generated.ts\n",
  "src/nested/generated.ts": "// TODO generated\n",
  "src/nested/keep.ts": "// TODO keep\r\n",
  "dist/out.js": "// TODO built\n",
  "debug.log": "TODO in log\n",
  "node_modules/pkg/index.js": "// TODO dep\n",
  ".git/HEAD": "TODO in git\n",
  ".hidden/config.ts": "// TODO hidden\n",
  "bin/data.bin": new Uint8Array([84, 79, 68, 79, 0, 0, 1]),
  "README.md": "- [ ] TODO write docs\n",
  "many/a.txt": "hit\n".repeat(25),
  "many/b.txt": "hit\n".repeat(25),
  "many/c.txt": "hit\n".repeat(10),
};

const engines: ("js" | "rg")[] = findRipgrep() ? ["js", "rg"] : ["js"];
if (!findRipgrep()) it.skip("rg engine (ripgrep is not installed)", () => {});

describe.each(engines)("search with the %s engine", (engine) => {
  let ctx: ToolSession;
  beforeAll(() => {
    ctx = ws.session(ws.project(PROJECT), { searchEngine: engine });
  });

  it("respects .gitignore files, skips node_modules, .git and binary files, includes hidden files", async () => {
    const r = await searchTool.run({ pattern: "TODO" }, ctx);
    expect(r.ok).toBe(true);
    expect(r.engine).toBe(engine);
    expect(r.output).toBe(
      [
        ".hidden/config.ts:1: // TODO hidden",
        "README.md:1: - [ ] TODO write docs",
        "src/app.ts:1: export const TODO_ITEMS = [];",
        "src/app.ts:2: // TODO: fix",
        "src/lib/util.ts:1: // TODO later",
        "src/nested/keep.ts:1: // TODO keep",
        "src/nested.ts:1: // TODO sibling",
      ].join("\n"),
    );
  });

  it("narrows by path and by glob", async () => {
    expect((await searchTool.run({ pattern: "TODO", path: "src/nested" }, ctx)).output).toBe(
      "src/nested/keep.ts:1: // TODO keep",
    );
    expect((await searchTool.run({ pattern: "TODO", glob: "*.md" }, ctx)).output).toBe(
      "README.md:1: - [ ] TODO write docs",
    );
    expect((await searchTool.run({ pattern: "todo", path: "src/app.ts" }, ctx)).output).toBe(
      "src/app.ts:3: function todo() {}",
    );
  });

  it("uses regular expressions, and falls back to literal text for invalid ones", async () => {
    expect((await searchTool.run({ pattern: "TODO_\\w+ =" }, ctx)).output).toBe(
      "src/app.ts:1: export const TODO_ITEMS = [];",
    );
    expect((await searchTool.run({ pattern: "todo(" }, ctx)).output).toBe(
      "(the pattern is not a valid regular expression: /todo(/: Unterminated group; searched for it as literal text)\n" +
        "src/app.ts:3: function todo() {}",
    );
  });

  it("caps the list and counts the rest", async () => {
    const r = await searchTool.run({ pattern: "^hit$" }, ctx);
    const lines = r.output.split("\n");
    expect(lines).toHaveLength(51);
    expect(lines[0]).toBe("many/a.txt:1: hit");
    expect(lines[49]).toBe("many/b.txt:25: hit");
    expect(lines[50]).toBe(
      "[showing 50 of 60 matches in 3 files; narrow the search with path, glob or a more specific pattern]",
    );
    expect(r).toMatchObject({ total: 60, files: 3, truncated: true });
  });

  it("says so when nothing matches, and explains a missing path", async () => {
    expect((await searchTool.run({ pattern: "nowhere", path: "src", glob: "*.ts" }, ctx)).output).toBe(
      "no matches for `nowhere` in `src` matching `*.ts`",
    );
    const missing = await searchTool.run({ pattern: "x", path: "scr" }, ctx);
    expect(missing.ok).toBe(false);
    expect(missing.output).toBe("path not found: `scr`. Did you mean: src?");
  });
});
