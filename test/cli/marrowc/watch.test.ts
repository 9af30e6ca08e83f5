import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, project, readFile, VALID } from "./helpers.ts";

/**
 * `marrowc build --watch` as a user runs it (a child process) while the sources are saved the way
 * `sed -i` and editors' safe write do: a temporary file renamed over the source.
 */

const BIN = new URL("../../../cli/marrowc/bin.js", import.meta.url).pathname;
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill();
  cleanup();
});

/** Saves `path` like `sed -i`: the new text goes to a temporary file in the same folder, renamed over it. */
function saveAtomically(path: string, text: string): void {
  const temp = join(path, "..", `sed${Math.random().toString(36).slice(2, 8)}`);
  writeFileSync(temp, text);
  renameSync(temp, path);
}

/** Starts the watch; `until(n, needle)` waits for the n-th occurrence of `needle` on stderr. */
function startWatch(dir: string) {
  const child = spawn(process.execPath, [BIN, "build", "--watch"], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "1" },
  });
  children.push(child);
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const occurrences = (needle: string) => stderr.split(needle).length - 1;
  const until = async (n: number, needle: string) => {
    // Polls without a deadline of its own: the test's timeout bounds the wait.
    while (occurrences(needle) < n) {
      if (child.exitCode !== null) throw new Error(`the watch exited (${child.exitCode}):\n${stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  };
  return { child, until, stderr: () => stderr };
}

describe("marrowc build --watch", () => {
  it("rebuilds after every atomic save (rename into place), not only the first", async () => {
    const dir = project({ "marrow/demo.marrow": VALID });
    const source = join(dir, "marrow", "demo.marrow");
    const watch = startWatch(dir);
    await watch.until(1, "watching for changes");
    for (const [n, mood] of [
      [2, "glad"],
      [3, "merry"],
    ] as const) {
      saveAtomically(source, readFileSync(source, "utf8").replaceAll(n === 2 ? "happy" : "glad", mood));
      await watch.until(n, "watching for changes");
      expect(readFile(dir, "generated/demo.ts")).toContain(`"${mood}"`);
    }
    expect(watch.stderr().split("wrote ").length - 1).toBe(3);
  }, 30_000);

  it("picks up a source saved into a new subdirectory", async () => {
    const dir = project({ "marrow/demo.marrow": VALID });
    const watch = startWatch(dir);
    await watch.until(1, "watching for changes");
    mkdirSync(join(dir, "marrow", "more"));
    // A second file that clashes with the first: the rebuild reports it, so it was seen.
    saveAtomically(join(dir, "marrow", "more", "again.marrow"), VALID);
    await watch.until(1, "is declared more than once");
    await watch.until(2, "watching for changes");
  }, 30_000);
});
