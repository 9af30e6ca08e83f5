import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFacts } from "../../cli/smallcode/memory/index.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";
import { home, repl, runTask, script } from "../security/undo-support.ts";

/**
 * A task whose work is a deletion or a rename: the run's result must say so (`filesDeleted`,
 * `filesRenamed`, the evidence's changes and verdict), not "no file changed", and `/undo` must say
 * which files it put back because the task had deleted them; the outcome remembered for later tasks
 * (agent/knowledge.ts) names them too. The real CLI, a scripted model, and the file system afterwards.
 */

/** The task outcomes remembered in the project's memory store, newest first. */
const outcomes = (cwd: string) => listFacts({ cwd }, 10, ["task"]).items.map((f) => f.text);

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer({ models: ["scripted-model"] });
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const env = () => home({ sandbox: false });

describe("deletions and renames count as changes", () => {
  it("rm: the file is reported deleted, the verdict names it, and /undo says it put it back", async () => {
    const cwd = tempDir({ "notes/old.md": "# old notes\n", "keep.md": "# keep\n" });
    const user = env();
    script(server, ["rm notes/old.md"]);
    const r = await runTask(server, cwd, user, "delete the file notes/old.md");
    const result = JSON.parse(r.stdout);
    expect(existsSync(join(cwd, "notes/old.md"))).toBe(false);
    expect(result.filesDeleted).toEqual(["notes/old.md"]);
    expect(result.evidence.changes).toEqual(["notes/old.md"]);
    expect(result.evidence.verdict).not.toContain("no file changed");
    expect(result.evidence.verdict).toContain("deleted notes/old.md");
    expect(result.stopReason).toBe("done");
    expect(result.success).toBe(true);
    expect(outcomes(cwd)[0]).toContain("Deleted notes/old.md.");

    // the plain summary says so too
    script(server, ["rm keep.md"]);
    const plain = await run(
      cwd,
      ["run", "delete keep.md", "--base-url", server.url, "--model", "scripted-model"],
      {
        env: user,
      },
    );
    expect(plain.stdout + plain.stderr).toContain("deleted: keep.md");

    const undo = await repl(server, cwd, user, ["/undo", "/undo"]);
    expect(undo.stdout).toContain("restored 1 (put back what the task deleted: notes/old.md)");
    expect(readFileSync(join(cwd, "notes/old.md"), "utf8")).toBe("# old notes\n");
    expect(readFileSync(join(cwd, "keep.md"), "utf8")).toBe("# keep\n");
  });

  it("find -delete of several files: each one is reported", async () => {
    const cwd = tempDir({ "logs/a.md": "a\n", "logs/b.md": "b\n", "logs/keep.txt": "k\n" });
    script(server, ["find logs -name '*.md' -delete"]);
    const r = await runTask(server, cwd, env(), "remove the markdown files in logs");
    const result = JSON.parse(r.stdout);
    expect(existsSync(join(cwd, "logs/a.md"))).toBe(false);
    expect(result.filesDeleted).toEqual(["logs/a.md", "logs/b.md"]);
    expect(result.success).toBe(true);
  });

  it("mv: a rename is reported as one, not as a new file", async () => {
    const cwd = tempDir({ "docs/guide.md": "# guide\n" });
    script(server, ["mv docs/guide.md docs/manual.md"]);
    const r = await runTask(server, cwd, env(), "rename docs/guide.md to docs/manual.md");
    const result = JSON.parse(r.stdout);
    expect(readFileSync(join(cwd, "docs/manual.md"), "utf8")).toBe("# guide\n");
    expect(result.filesRenamed).toEqual([{ from: "docs/guide.md", to: "docs/manual.md" }]);
    expect(result.filesCreated).toEqual([]);
    expect(result.evidence.verdict).toContain("renamed docs/guide.md to docs/manual.md");
    expect(result.success).toBe(true);
    expect(outcomes(cwd)[0]).toContain("Renamed docs/guide.md to docs/manual.md.");
  });
});
