import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureStateDir, STATE_GITIGNORE } from "../../../cli/shared/state-dir.ts";
import { findProjectRoot } from "../../../cli/smallcode/config/project-root.ts";
import { type ScriptedServer, startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir, writeFile } from "./helpers.ts";
import { WRITE_HELLO_SCRIPT } from "./servers.ts";

/** The project root is found like git finds a repository; `.smallcode/` ignores itself. */

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(WRITE_HELLO_SCRIPT);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

/** A repository with `smallcode.toml` in `sub/`, and a deeper directory under it. */
function nested(): { repo: string; deep: string } {
  const repo = tempDir({ "README.md": "# demo\n", "pkg/sub/deep/x.txt": "x\n" });
  mkdirSync(join(repo, ".git"));
  return { repo, deep: join(repo, "pkg", "sub", "deep") };
}

describe("findProjectRoot", () => {
  it("takes the nearest smallcode.toml, else the repository root, else the working directory", () => {
    const { repo, deep } = nested();
    expect(findProjectRoot(deep)).toEqual({ dir: repo, reason: "repository", from: deep });
    writeFile(repo, "pkg/smallcode.toml", 'model = "m"\n');
    expect(findProjectRoot(deep)).toEqual({ dir: join(repo, "pkg"), reason: "config", from: deep });
    const loose = tempDir({ "a/b/.keep": "" });
    expect(findProjectRoot(join(loose, "a", "b"))).toEqual({
      dir: join(loose, "a", "b"),
      reason: "cwd",
      from: join(loose, "a", "b"),
    });
  });

  it("stops at the repository root: a smallcode.toml above it is not this project's", () => {
    const outer = tempDir({ "smallcode.toml": 'model = "m"\n', "repo/src/.keep": "" });
    mkdirSync(join(outer, "repo", ".git"));
    expect(findProjectRoot(join(outer, "repo", "src")).dir).toBe(join(outer, "repo"));
  });

  it("takes --cwd as the root without searching", () => {
    const { repo, deep } = nested();
    expect(findProjectRoot(repo, "pkg/sub/deep")).toEqual({ dir: deep, reason: "flag", from: repo });
  });
});

describe("smallcode from a subdirectory", () => {
  it("reads the parent's smallcode.toml and says in doctor which root is used and why", async () => {
    const { repo, deep } = nested();
    writeFile(repo, "smallcode.toml", 'model = "scripted-model"\nmax_steps = 7\n');
    const r = await run(deep, ["doctor", "--base-url", server.url]);
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      `Project root ${repo}`,
      `  nearest directory with smallcode.toml (working directory ${deep})`,
    ]);
    expect(r.stdout).toMatch(/max_steps\s+7\s+.*smallcode\.toml:2/);
    const json = JSON.parse((await run(deep, ["doctor", "--json", "--base-url", server.url])).stdout);
    expect(json.root).toEqual({
      dir: repo,
      reason: "config",
      from: deep,
      why: `nearest directory with smallcode.toml (working directory ${deep})`,
    });
  });

  it("names the repository root when there is no smallcode.toml", async () => {
    const { repo, deep } = nested();
    const r = await run(deep, ["doctor", "--base-url", server.url]);
    expect(r.stdout.split("\n").slice(0, 2)).toEqual([
      `Project root ${repo}`,
      `  repository root, no smallcode.toml on the way up (working directory ${deep})`,
    ]);
  });

  it("runs in the root and keeps its sessions there, listed from any subdirectory", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const { repo, deep } = nested();
    const r = await run(deep, [
      "run",
      "write hello.txt containing hello",
      "--json",
      "--base-url",
      server.url,
    ]);
    expect(r.stderr).toBe("");
    expect(readFileSync(join(repo, "hello.txt"), "utf8")).toBe("hello\n");
    expect(existsSync(join(deep, ".smallcode"))).toBe(false);
    const sessions = JSON.parse((await run(join(repo, "pkg"), ["sessions", "--json"])).stdout);
    expect(sessions).toEqual([expect.objectContaining({ task: "write hello.txt containing hello" })]);
  });
});

describe(".smallcode/.gitignore", () => {
  it("is written on the first run and ignores everything in .smallcode/", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const dir = tempDir();
    mkdirSync(join(dir, ".git"));
    await run(dir, ["run", "write hello.txt containing hello", "--json", "--base-url", server.url]);
    expect(readFileSync(join(dir, ".smallcode", ".gitignore"), "utf8")).toBe(STATE_GITIGNORE);
    expect(STATE_GITIGNORE.split("\n")).toContain("*");
    // no temporary file is left behind
    expect(existsSync(join(dir, ".smallcode", "sessions"))).toBe(true);
    const { readdirSync } = await import("node:fs");
    expect(readdirSync(join(dir, ".smallcode")).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });

  it("never replaces a .gitignore the user wrote", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const dir = tempDir({ ".smallcode/.gitignore": "traces/\n" });
    await run(dir, ["run", "write hello.txt containing hello", "--json", "--base-url", server.url]);
    expect(readFileSync(join(dir, ".smallcode", ".gitignore"), "utf8")).toBe("traces/\n");
    expect(await ensureStateDir(dir)).toBe(false);
  });

  it("writes nothing through a .smallcode that is a link, and nothing in a project it cannot write", async () => {
    const elsewhere = tempDir();
    const dir = tempDir();
    symlinkSync(elsewhere, join(dir, ".smallcode"));
    expect(await ensureStateDir(dir)).toBe(false);
    expect(existsSync(join(elsewhere, ".gitignore"))).toBe(false);
    expect(await ensureStateDir(join(tempDir(), "missing", "\0bad"))).toBe(false);
  });
});
