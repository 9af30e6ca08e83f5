import { describe, expect, it } from "vitest";
import { directoryReads } from "../../cli/smallcode/tools/tree-walk.ts";
import { tempDir } from "../cli/smallcode/helpers.ts";
import { runTask, script, serverPerFile } from "../security/undo-support.ts";

/**
 * One shell call costs one walk of the project before it and one after (issue 16): the snapshot
 * guard's walks serve the loop's change report too, instead of each walking twice with its own rules.
 * The real CLI runs one `bash` call on a project of known folders, and the walker's directory-read
 * counter says how many folders were listed; the run must still report the command's changes,
 * build output included.
 */

const server = serverPerFile();

/** A project whose walk lists 8 folders: the root, src, src/a, src/b, docs, data, dist, dist/js. */
const PROJECT = {
  ".gitignore": "dist/\ndata/\n",
  "src/readme.txt": "hi\n",
  "src/a/one.txt": "one\n",
  "src/b/two.txt": "two\n",
  "docs/guide.md": "# guide\n",
  // ignored, but not build output: snapshotted like any folder
  "data/rows.csv": "a,b\n",
  // ignored build output: not snapshotted, but a command's change there is reported
  "dist/js/app.txt": "old\n",
  // never walked
  "node_modules/pkg/index.js": "module.exports = 1;\n",
  ".git/HEAD": "ref: refs/heads/main\n",
};
const FOLDERS = 8;
// text files: no syntax check of the guards' own runs (walked too, but not the call's cost)
const COMMAND = "echo new > src/a/new.txt && echo built > dist/js/app.txt";

/** A user home whose configuration turns the sandbox off, and the snapshot guard off when asked. */
function home(snapshots: boolean): Record<string, string> {
  const config = `[shell]\nsandbox = false\n${snapshots ? "" : "\n[guards]\nsnapshots = false\n"}`;
  return { HOME: tempDir({ ".config/smallcode/config.toml": config }), PATH: process.env.PATH ?? "" };
}

describe("a shell call walks the project once before and once after", () => {
  it.each([
    ["with the snapshot guard (its walks serve the loop)", true],
    ["without it (the loop walks itself)", false],
  ])("%s", async (_, snapshots) => {
    const cwd = tempDir(PROJECT);
    script(server.current, [COMMAND]);
    const readsBefore = directoryReads();
    const r = await runTask(server.current, cwd, home(snapshots), "add src/a/new.txt and rebuild dist");
    const reads = directoryReads() - readsBefore;
    const result = JSON.parse(r.stdout);
    expect(result.filesCreated).toEqual(["src/a/new.txt"]);
    expect(result.filesEdited).toEqual(["dist/js/app.txt"]);
    expect(reads).toBe(FOLDERS * 2);
  });
});
