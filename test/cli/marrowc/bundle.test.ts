import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundle } from "../../../cli/marrowc/bundle.ts";
import { freshBundle, MANIFEST, type Manifest } from "../../../cli/marrowc/launch.js";
import { findOldNode } from "../../support/old-node.ts";

const root = join(import.meta.dirname, "../../..");

describe("the marrowc bundle (npm run build)", () => {
  const out = join(mkdtempSync(join(tmpdir(), "marrowc-bundle-")), "marrowc");
  afterAll(() => rmSync(join(out, ".."), { recursive: true, force: true }));

  it("records the project's sources and npm's installed tree, and is fresh right after", async () => {
    const count = await bundle(out);
    const manifest = JSON.parse(readFileSync(join(out, MANIFEST), "utf8")) as Manifest;
    const paths = Object.keys(manifest.inputs);
    expect(paths.length).toBe(count);
    expect(paths).toEqual(
      expect.arrayContaining([
        "cli/marrowc/main.ts",
        "compiler/index.ts",
        "compiler/codegen/typescript-standin/index.cjs",
        "node_modules/.package-lock.json",
      ]),
    );
    expect(paths.filter((p) => p.includes("node_modules/"))).toEqual(["node_modules/.package-lock.json"]);
    expect(freshBundle(root, out)).toMatch(/\/main\.js$/);
  });

  it("runs marrowc like the sources do", async () => {
    const entry = freshBundle(root, out)!;
    const script = `const { main } = await import(${JSON.stringify(entry)}); process.exitCode = await main(["explain", "MRW2003"]);`;
    const bundled = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    const sources = spawnSync(process.execPath, ["cli/marrowc/bin.js", "explain", "MRW2003"], {
      encoding: "utf8",
      env: { ...process.env, MARROWC_FROM_SOURCE: "1" },
    });
    expect(bundled.status).toBe(0);
    expect(bundled.stdout).toContain("MRW2003");
    expect(bundled.stdout).toBe(sources.stdout);
  });

  it("says when it fails, and `--optional` (npm's prepare) keeps an install going", () => {
    // A path under a regular file cannot be created: the build fails after esbuild ran.
    const blocked = join(root, "package.json", "marrowc");
    const strict = spawnSync(process.execPath, ["cli/marrowc/bundle.ts", "--out", blocked], {
      encoding: "utf8",
    });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/\nmarrowc bundle: failed \(.+\); marrowc runs from its sources\n$/);
    const optional = spawnSync(process.execPath, ["cli/marrowc/bundle.ts", "--out", blocked, "--optional"], {
      encoding: "utf8",
    });
    expect(optional.status).toBe(0);
    expect(optional.stderr).toContain("marrowc bundle: failed");
  });

  // npm runs prepare.js on `npm ci`; with a Node.js too old for the build script it must not fail the install.
  const old = findOldNode();
  it.skipIf(old === undefined)("is skipped by npm's prepare on a Node.js too old to build it", () => {
    const r = spawnSync(old!, ["cli/marrowc/prepare.js"], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(
      /^marrowc bundle: skipped \(Node\.js [\d.]+ cannot run the build script; marrowc needs 22\.18 or newer\)\n$/,
    );
  });
});
