import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runTool } from "../../cli/smallcode/toolbox/index.ts";
import { readFileTool } from "../../cli/smallcode/tools/read-file.ts";
import { numbered, workspace } from "./helpers.ts";

const ws = workspace();
afterAll(() => ws.cleanup());

describe("read_file", () => {
  it("shows a small file whole, with numbered lines and no footer", async () => {
    const root = ws.project({ "src/a.ts": "const a = 1;\n\tindented\n" });
    const r = await readFileTool.run({ path: "src/a.ts" }, ws.session(root));
    expect(r.ok).toBe(true);
    expect(r.output).toBe("   1│ const a = 1;\n   2│ \tindented");
    expect(r.totalLines).toBe(2);
  });

  it("reads large files in windows with a footer saying how to continue", async () => {
    const root = ws.project({ "big.txt": numbered(4210) });
    const ctx = ws.session(root);
    const first = await readFileTool.run({ path: "big.txt" }, ctx);
    const lines = first.output.split("\n");
    expect(lines).toHaveLength(251);
    expect(lines[0]).toBe("   1│ line 1");
    expect(lines[249]).toBe(" 250│ line 250");
    expect(lines[250]).toBe("[lines 1–250 of 4,210; call read_file with start_line=251 for more]");
    expect(first.truncated).toBe(true);

    const next = await readFileTool.run({ path: "big.txt", start_line: 251 }, ctx);
    expect(next.output.split("\n")[0]).toBe(" 251│ line 251");
    expect(
      next.output.endsWith("[lines 251–500 of 4,210; call read_file with start_line=501 for more]"),
    ).toBe(true);

    const last = await readFileTool.run({ path: "big.txt", start_line: 4200 }, ctx);
    expect(last.output.endsWith("4210│ line 4210\n[lines 4,200–4,210 of 4,210]")).toBe(true);
  });

  it("shows an explicit range, clamping the end to the file", async () => {
    const root = ws.project({ "f.txt": numbered(30) });
    const ctx = ws.session(root);
    const r = await readFileTool.run({ path: "f.txt", start_line: 10, end_line: 12 }, ctx);
    expect(r.output).toBe("  10│ line 10\n  11│ line 11\n  12│ line 12\n[lines 10–12 of 30]");
    const tail = await readFileTool.run({ path: "f.txt", start_line: 29, end_line: 99 }, ctx);
    expect(tail.output).toBe("  29│ line 29\n  30│ line 30\n[lines 29–30 of 30]");
  });

  it("ends a window early at the character cap", async () => {
    const long = `${"x".repeat(190)}\n`.repeat(100);
    const root = ws.project({ "wide.txt": long });
    const r = await readFileTool.run({ path: "wide.txt" }, ws.session(root));
    const footer = r.output.split("\n").at(-1)!;
    expect(footer).toMatch(/^\[lines 1–(\d+) of 100; call read_file with start_line=(\d+) for more\]$/);
    const shown = Number(/–(\d+)/.exec(footer)![1]);
    expect(shown).toBeGreaterThan(30);
    expect(shown).toBeLessThan(50);
  });

  it("rejects ranges past the end or backwards", async () => {
    const root = ws.project({ "f.txt": numbered(5) });
    const ctx = ws.session(root);
    expect((await readFileTool.run({ path: "f.txt", start_line: 9 }, ctx)).output).toBe(
      "start_line=9 is past the end of `f.txt`, which has 5 lines; use a start_line from 1 to 5",
    );
    expect((await readFileTool.run({ path: "f.txt", start_line: 4, end_line: 2 }, ctx)).output).toBe(
      "end_line=2 is before start_line=4; end_line must be ≥ start_line",
    );
  });

  it("refuses binary files with a reason", async () => {
    const root = ws.project({ "logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]) });
    const r = await readFileTool.run({ path: "logo.png" }, ws.session(root));
    expect(r.ok).toBe(false);
    expect(r.output).toBe(
      "`logo.png` is a binary file (8 bytes): it looks like a PNG image (it contains NUL bytes); only text files can be read or edited",
    );
  });

  it("lists close file names when the file is missing", async () => {
    const root = ws.project({ "src/index.ts": "x\n", "src/other.ts": "y\n", "README.md": "z\n" });
    const r = await readFileTool.run({ path: "src/indx.ts" }, ws.session(root));
    expect(r.ok).toBe(false);
    expect(r.output).toBe("file not found: `src/indx.ts`. Did you mean: src/index.ts?");
  });

  it("explains that a directory is not a file", async () => {
    const root = ws.project({ "src/a.ts": "", "src/lib/b.ts": "" });
    const r = await readFileTool.run({ path: "src" }, ws.session(root));
    expect(r.output).toBe(
      "`src` is a directory, not a file. It contains: a.ts, lib/. Use find_files to list files in it.",
    );
  });

  it("refuses paths outside the project, including through symlinks", async () => {
    const outside = ws.project({ "secret.txt": "top secret\n" });
    const root = ws.project({ "a.txt": "a\n" });
    symlinkSync(outside, join(root, "link"));
    const ctx = ws.session(root);
    const up = await readFileTool.run({ path: "../secret.txt" }, ctx);
    expect(up.ok).toBe(false);
    expect(up.output).toContain("`../secret.txt` is outside the project root");
    const viaLink = await readFileTool.run({ path: "link/secret.txt" }, ctx);
    expect(viaLink.ok).toBe(false);
    expect(viaLink.output).toContain("resolves through a symbolic link to");
    const abs = await readFileTool.run({ path: join(outside, "secret.txt") }, ctx);
    expect(abs.ok).toBe(false);
  });

  it("accepts absolute paths inside the root and root-relative paths written with a leading slash", async () => {
    const root = ws.project({ "src/a.ts": "a\n" });
    const ctx = ws.session(root);
    expect((await readFileTool.run({ path: join(root, "src/a.ts") }, ctx)).output).toBe("   1│ a");
    expect((await readFileTool.run({ path: "/src/a.ts" }, ctx)).output).toBe("   1│ a");
  });

  it("shows CRLF files without carriage returns, and empty files plainly", async () => {
    const root = ws.project({ "w.txt": "one\r\ntwo\r\n", "e.txt": "" });
    const ctx = ws.session(root);
    expect((await readFileTool.run({ path: "w.txt" }, ctx)).output).toBe("   1│ one\n   2│ two");
    expect((await readFileTool.run({ path: "e.txt" }, ctx)).output).toBe("(`e.txt` is empty)");
  });

  it("validates and coerces raw arguments through the registry", async () => {
    const root = ws.project({ "f.txt": numbered(20) });
    const ctx = ws.session(root);
    const r = await runTool("read_file", { path: "f.txt", start_line: "19", end_line: null }, ctx);
    expect(r.output).toBe("  19│ line 19\n  20│ line 20\n[lines 19–20 of 20]");
    expect((await runTool("read_file", {}, ctx)).output).toBe(
      "invalid arguments for read_file: `path` is required",
    );
    expect((await runTool("read_file", { path: "f.txt", start_line: "ten" }, ctx)).output).toBe(
      "invalid arguments for read_file: `start_line` must be an integer",
    );
  });
});
