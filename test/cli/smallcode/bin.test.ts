import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { findOldNode } from "../../support/old-node.ts";

const bin = "cli/smallcode/bin.js";

describe("cli/smallcode/bin.js", () => {
  it("prints --help and --version through main.ts and passes on the exit code", () => {
    const help = spawnSync(process.execPath, [bin, "--help"], { encoding: "utf8" });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain("smallcode — a coding agent for small local models");
    expect(help.stderr).toBe("");
    const version = spawnSync(process.execPath, [bin, "--version"], { encoding: "utf8" });
    expect(version.status).toBe(0);
    expect(version.stdout).toMatch(/^smallcode \d+\.\d+\.\d+\n$/);
    const usage = spawnSync(process.execPath, [bin, "frobnicate"], { encoding: "utf8" });
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain("unknown command `frobnicate`");
  });

  const old = findOldNode();
  it.skipIf(old === undefined)("refuses an old Node.js with a clear message and exit code 2", () => {
    const r = spawnSync(old!, [bin, "--help"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^smallcode: Node\.js [\d.]+ is too old; smallcode needs Node\.js 22\.18 or newer/,
    );
    // The exact command that runs the same invocation with a recent Node (npx puts node@24 first on PATH).
    expect(r.stderr).toContain(`\n  npx -y -p node@24 -- node ${resolve(bin)} --help\n`);
  });
});
