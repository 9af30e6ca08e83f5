import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { THRESHOLDS } from "../../cli/smallcode/guard-kit/thresholds.ts";
import { dedupGuard } from "../../cli/smallcode/guards/dedup.ts";
import { call, cleanupProjects, Driver, makeProject } from "./helpers.ts";

const roots: string[] = [];
afterAll(() => cleanupProjects(roots));
async function driver(files: Record<string, string>) {
  const cwd = makeProject(files);
  roots.push(cwd);
  const d = new Driver(dedupGuard(THRESHOLDS), { cwd }).withSession();
  await d.start();
  return d;
}

describe("deduplication of read-only calls", () => {
  it("answers an identical read from the earlier result without running it", async () => {
    const d = await driver({ "a.ts": "const a = 1;\n" });
    const first = await d.tool(call("read_file", { path: "a.ts" }));
    expect(first.before.action).toBe("allow");
    const second = await d.tool(call("read_file", { path: "a.ts" }));
    expect(second.before.action).toBe("replace");
    // the earlier result is still in the conversation: point at it instead of repeating it
    expect(second.outcome.output).toBe(
      "[you made this same read_file call just before; nothing it covers has changed since. Its result is above in the conversation: use it instead of repeating the call]",
    );
    await d.finish();
  });

  it("repeats the earlier result when it is no longer in the conversation", async () => {
    const d = await driver({ "a.ts": "const a = 1;\n" });
    await d.tool(call("search", { pattern: "const" }));
    d.ctx = { ...d.ctx, history: [] };
    const g = d.guards[0]!;
    const v = await g.beforeTool!(call("search", { pattern: "const" }), d.ctx);
    expect(v.action).toBe("replace");
    expect(v.action === "replace" && v.output).toContain(
      "so here is the same result again]\na.ts:1: const a = 1;",
    );
    await d.finish();
  });

  it("never serves stale content: a write to the path, or any edit on disk, invalidates", async () => {
    const d = await driver({ "a.ts": "const a = 1;\n", "b.ts": "const b = 1;\n" });
    await d.tool(call("read_file", { path: "a.ts" }));
    await d.tool(call("patch", { path: "a.ts", old_str: "1", new_str: "2" }), { changed: ["a.ts"] });
    const again = await d.tool(call("read_file", { path: "a.ts" }));
    expect(again.before.action).toBe("allow");
    expect(again.outcome.output).toContain("const a = 2;");
    // a change made by someone else (not through a tool) is caught by the content check
    await d.tool(call("read_file", { path: "b.ts" }));
    writeFileSync(join(d.ctx.cwd, "b.ts"), "const b = 99;\n");
    const fresh = await d.tool(call("read_file", { path: "b.ts" }));
    expect(fresh.before.action).toBe("allow");
    expect(fresh.outcome.output).toContain("const b = 99;");
    await d.finish();
  });

  it("invalidates searches after a command, and stays silent on different calls", async () => {
    const d = await driver({ "a.ts": "alpha\n" });
    await d.tool(call("search", { pattern: "alpha" }));
    await d.tool(call("bash", { command: "echo alpha > b.ts" }));
    const again = await d.tool(call("search", { pattern: "alpha" }));
    expect(again.before.action).toBe("allow");
    expect(again.outcome.output).toContain("b.ts:1: alpha");
    expect((await d.tool(call("search", { pattern: "beta" }))).before.action).toBe("allow");
    expect((await d.tool(call("read_file", { path: "a.ts", start_line: 1 }))).before.action).toBe("allow");
    await d.finish();
  });

  it("forgets results older than the window", async () => {
    const d = await driver({ "a.ts": "a\n" });
    await d.tool(call("read_file", { path: "a.ts" }));
    for (let i = 0; i < THRESHOLDS.dedupWindow; i++) await d.tool(call("find_files", { pattern: `*.x${i}` }));
    expect((await d.tool(call("read_file", { path: "a.ts" }))).before.action).toBe("allow");
    await d.finish();
  });
});

describe("deduplication of edits that already succeeded", () => {
  const MATHX =
    "export function lerp(a, b, t) {\n  return a + (b - a) * t;\n}\n\nexport function roundTo(x, digits) {\n  return x;\n}\n";
  const CLAMP = {
    path: "mathx.js",
    old_str: "export function roundTo(x, digits) {",
    new_str:
      "export function clamp(x, lo, hi) {\n  return Math.min(Math.max(x, lo), hi);\n}\n\nexport function roundTo(x, digits) {",
  };

  it("refuses the same patch again while the file is unchanged, and says where it is", async () => {
    const d = await driver({ "mathx.js": MATHX });
    const first = await d.tool(call("patch", CLAMP));
    expect(first.before.action).toBe("allow");
    expect(first.outcome.ok).toBe(true);
    await d.tool(call("bash", { command: "node -e 1" }));
    const again = await d.tool(call("patch", { ...CLAMP, path: "./mathx.js" }));
    expect(again.before).toEqual({
      action: "refuse",
      message: [
        "[edit already applied] this same patch of `mathx.js` already succeeded 2 calls ago and the file has not changed since; the new text is at lines 5–9:",
        "   5│ export function clamp(x, lo, hi) {",
        "   6│   return Math.min(Math.max(x, lo), hi);",
        "   7│ }",
        "   8│ ",
        "   9│ export function roundTo(x, digits) {",
        "Do not repeat it: go on with the next step, or use read_file to check the file",
      ].join("\n"),
    });
    expect(readFileSync(join(d.ctx.cwd, "mathx.js"), "utf8").match(/function clamp/g)).toHaveLength(1);
    // read_and_patch with the same arguments is the same edit
    const same = await d.tool(call("read_and_patch", CLAMP));
    expect(same.before.action === "refuse" && same.before.message).toMatch(
      /^\[edit already applied\] this same patch of `mathx\.js` already succeeded 3 calls ago and the file has not changed since; the new text is at lines 5–9:\n/,
    );
    await d.finish();
  });

  it("finds the new text in the file when the output does not say where it is", async () => {
    const d = await driver({});
    const args = { path: "new.ts", old_str: "", new_str: "export const a = 1;\nexport const b = 2;\n" };
    expect((await d.tool(call("patch", args))).outcome.output).toMatch(/^created `new\.ts` \(2 lines\)/);
    const again = await d.tool(call("patch", args));
    expect(again.before.action === "refuse" && again.before.message).toBe(
      [
        "[edit already applied] this same patch of `new.ts` already succeeded just before and the file has not changed since; the new text is at lines 1–2:",
        "   1│ export const a = 1;",
        "   2│ export const b = 2;",
        "Do not repeat it: go on with the next step, or use read_file to check the file",
      ].join("\n"),
    );
    await d.finish();
  });

  it("shows at most 12 lines of a long edit", async () => {
    const d = await driver({ "list.txt": "end\n" });
    const items = Array.from({ length: 14 }, (_, i) => `item ${i + 1}`).join("\n");
    const args = { path: "list.txt", old_str: "end", new_str: `${items}\nend` };
    await d.tool(call("patch", args));
    const again = await d.tool(call("patch", args));
    const message = again.before.action === "refuse" ? again.before.message : "";
    expect(message).toContain("the new text is at lines 1–15:\n   1│ item 1\n");
    expect(message).toContain("  12│ item 12\n… 3 more lines\nDo not repeat it");
    await d.finish();
  });

  it("refuses the same write_file again and gives the file's lines", async () => {
    const d = await driver({});
    const args = { path: "notes.md", content: "# Notes\n\n- one\n" };
    expect((await d.tool(call("write_file", args))).outcome.ok).toBe(true);
    const again = await d.tool(call("write_file", args));
    expect(again.before).toEqual({
      action: "refuse",
      message:
        "[edit already applied] this same write_file of `notes.md` already succeeded just before and the file has not changed since; it holds that content at lines 1–3. Do not repeat it: go on with the next step, or use read_file to check the file",
    });
    await d.finish();
  });

  it("lets the call run again once the file changed, whoever changed it", async () => {
    const d = await driver({ "mathx.js": MATHX });
    await d.tool(call("patch", CLAMP));
    writeFileSync(join(d.ctx.cwd, "mathx.js"), MATHX);
    const again = await d.tool(call("patch", CLAMP));
    expect(again.before.action).toBe("allow");
    expect(again.outcome.ok).toBe(true);
    // an edit through another call also counts
    await d.tool(call("patch", { path: "mathx.js", old_str: "return x;", new_str: "return +x;" }));
    expect((await d.tool(call("patch", CLAMP))).before.action).toBe("allow");
    await d.finish();
  });

  it("lets failed edits and different edits run again", async () => {
    const d = await driver({ "a.ts": "const a = 1;\n" });
    const missing = { path: "a.ts", old_str: "const b = 1;", new_str: "const b = 2;" };
    expect((await d.tool(call("patch", missing))).outcome.ok).toBe(false);
    expect((await d.tool(call("patch", missing))).before.action).toBe("allow");
    await d.tool(call("patch", { path: "a.ts", old_str: "= 1", new_str: "= 2" }));
    expect(
      (await d.tool(call("patch", { path: "a.ts", old_str: "= 2", new_str: "= 3" }))).before.action,
    ).toBe("allow");
    await d.finish();
  });

  it("forgets everything when a new task starts", async () => {
    const d = await driver({});
    const args = { path: "x.txt", content: "x\n" };
    await d.tool(call("write_file", args));
    await d.start("another task");
    expect((await d.tool(call("write_file", args))).before.action).toBe("allow");
    await d.finish();
  });
});
