import { afterAll, describe, expect, it } from "vitest";
import { THRESHOLDS } from "../../cli/smallcode/guard-kit/thresholds.ts";
import { readBeforeWriteGuard } from "../../cli/smallcode/guards/read-before-write.ts";
import { call, cleanupProjects, Driver, makeProject } from "./helpers.ts";

const roots: string[] = [];
afterAll(() => cleanupProjects(roots));
function project(files: Record<string, string>) {
  const root = makeProject(files);
  roots.push(root);
  return root;
}

describe("read-before-write", () => {
  it("refuses a whole-file write over an unread file once, with a hint, and runs nothing", async () => {
    const cwd = project({ "src/config.ts": "export const port = 8080;\n" });
    const d = new Driver(readBeforeWriteGuard(THRESHOLDS), { cwd }).withSession();
    await d.start();
    const { before, outcome } = await d.tool(call("write_file", { path: "src/config.ts", content: "x\n" }));
    expect(before.action).toBe("refuse");
    expect(outcome.output).toBe(
      "refused: `src/config.ts` already exists and you have not read it; writing it whole would replace content you have not seen. " +
        'Read it first with read_file(path="src/config.ts"), then change only what is needed with patch.',
    );
    await d.finish();
  });

  it("allows the write after a read, and counts a successful patch as a read", async () => {
    const cwd = project({ "a.ts": "const a = 1;\n", "b.ts": "const b = 1;\n" });
    const d = new Driver(readBeforeWriteGuard(THRESHOLDS), { cwd }).withSession();
    await d.start();
    await d.tool(call("read_file", { path: "a.ts" }));
    expect(
      (await d.tool(call("write_file", { path: "a.ts", content: "const a = 2;\n" }))).before.action,
    ).toBe("allow");
    await d.tool(call("patch", { path: "b.ts", old_str: "1", new_str: "2" }));
    expect(
      (await d.tool(call("write_file", { path: "./b.ts", content: "const b = 3;\n" }))).before.action,
    ).toBe("allow");
    await d.finish();
  });

  it("allows new files, empty files, and a second insistent attempt", async () => {
    const cwd = project({ "empty.txt": "", "old.txt": "keep me\n" });
    const d = new Driver(readBeforeWriteGuard(THRESHOLDS), { cwd });
    await d.start();
    expect((await d.tool(call("write_file", { path: "new.txt", content: "n" }))).before.action).toBe("allow");
    expect((await d.tool(call("write_file", { path: "empty.txt", content: "n" }))).before.action).toBe(
      "allow",
    );
    expect((await d.tool(call("write_file", { path: "old.txt", content: "n" }))).before.action).toBe(
      "refuse",
    );
    expect((await d.tool(call("write_file", { path: "old.txt", content: "n" }))).before.action).toBe("allow");
  });

  it("treats a file someone else changed since the read as unread", async () => {
    const cwd = project({ "notes.md": "v1\n" });
    const d = new Driver(readBeforeWriteGuard(THRESHOLDS), { cwd }).withSession();
    await d.start();
    await d.tool(call("read_file", { path: "notes.md" }));
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${cwd}/notes.md`, "v2 from the user\n");
    const { before } = await d.tool(call("write_file", { path: "notes.md", content: "agent\n" }));
    expect(before.action === "refuse" && before.message).toContain("has changed since you last read it");
    await d.finish();
  });

  it("trusts the loop's filesRead (search results it opened)", async () => {
    const cwd = project({ "x.ts": "x\n" });
    const d = new Driver(readBeforeWriteGuard(THRESHOLDS), { cwd });
    await d.start();
    d.ctx = { ...d.ctx, filesRead: new Set(["x.ts"]) };
    const g = d.guards[0]!;
    expect(await g.beforeTool!(call("write_file", { path: "x.ts", content: "y" }), d.ctx)).toEqual({
      action: "allow",
    });
  });
});
