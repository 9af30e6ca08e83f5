import { mkdirSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { freshBundle, MANIFEST, type Manifest } from "../../../cli/marrowc/launch.js";

/** A package root with two source files and a bundle built from them. */
let root: string;
const bundleDir = () => join(root, "dist/marrowc");

function manifestOf(paths: readonly string[]): Manifest {
  const inputs: Record<string, { size: number; mtimeMs: number }> = {};
  for (const path of paths) {
    const stat = statSync(join(root, path));
    inputs[path] = { size: stat.size, mtimeMs: stat.mtimeMs };
  }
  return { entry: "main.js", inputs };
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "marrowc-launch-"));
  mkdirSync(join(root, "compiler"));
  mkdirSync(bundleDir(), { recursive: true });
  writeFileSync(join(root, "compiler/a.ts"), "export const a = 1;\n");
  writeFileSync(join(root, "compiler/b.ts"), "export const b = 2;\n");
  writeFileSync(join(bundleDir(), MANIFEST), JSON.stringify(manifestOf(["compiler/a.ts", "compiler/b.ts"])));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("freshBundle", () => {
  it("gives the bundle's entry while every input is unchanged", () => {
    expect(freshBundle(root, bundleDir())).toBe(pathToFileURL(join(bundleDir(), "main.js")).href);
  });

  it("gives nothing once an input changes size", () => {
    writeFileSync(join(root, "compiler/a.ts"), "export const a = 10;\n");
    expect(freshBundle(root, bundleDir())).toBeUndefined();
  });

  it("gives nothing once an input is touched, even with the same size", () => {
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, "compiler/b.ts"), later, later);
    expect(freshBundle(root, bundleDir())).toBeUndefined();
  });

  it("gives nothing once an input is deleted", () => {
    rmSync(join(root, "compiler/b.ts"));
    expect(freshBundle(root, bundleDir())).toBeUndefined();
  });

  it("gives nothing without a readable manifest", () => {
    writeFileSync(join(bundleDir(), MANIFEST), "{ not json");
    expect(freshBundle(root, bundleDir())).toBeUndefined();
    writeFileSync(join(bundleDir(), MANIFEST), '{"inputs": {}}');
    expect(freshBundle(root, bundleDir())).toBeUndefined();
    rmSync(join(bundleDir(), MANIFEST));
    expect(freshBundle(root, bundleDir())).toBeUndefined();
  });
});
