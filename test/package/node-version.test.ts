import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { MINIMUM_NODE, retryCommand, supportsNode } from "../../cli/shared/node-version.js";
import { findOldNode } from "../support/old-node.ts";

describe("cli/shared/node-version.js", () => {
  it("accepts the Node.js versions with type stripping on by default, and no older", () => {
    expect(MINIMUM_NODE).toBe("22.18");
    for (const v of ["22.18.0", "22.20.1", "23.6.0", "24.0.0", "26.1.0"])
      expect(supportsNode(v), v).toBe(true);
    for (const v of ["20.20.2", "22.12.0", "22.17.9", "23.5.0", "18.0.0"])
      expect(supportsNode(v), v).toBe(false);
  });

  it("matches package.json's engines", () => {
    const engines = JSON.parse(readFileSync("package.json", "utf8")).engines.node as string;
    expect(engines).toBe(`^${MINIMUM_NODE}.0 || >=23.6.0`);
  });

  it("gives a command a POSIX shell runs as the same invocation on Node.js 24", () => {
    expect(retryCommand(["/usr/bin/node", "/opt/bin/smallcode", "run", "it's $HOME", "--json"])).toBe(
      "npx -y -p node@24 -- node /opt/bin/smallcode run 'it'\\''s $HOME' --json",
    );
    expect(retryCommand(["node", "/my dir/marrowc"])).toBe("npx -y -p node@24 -- node '/my dir/marrowc'");
  });

  // npm runs prepare.js on `npm ci` and git installs; a Node.js too old to build must not fail the install.
  const old = findOldNode();
  it.skipIf(old === undefined)("lets npm's prepare skip the build on a Node.js too old to run it", () => {
    const r = spawnSync(old!, ["cli/build/prepare.js"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^build: skipped \(Node\.js [\d.]+ cannot run it; SmallCode needs 22\.18 or newer\)\n$/,
    );
  });
});
