import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkImportCycles } from "../../cli/build/import-cycles.ts";
import { unitOf } from "../../cli/build/import-graph.ts";

// The lint step `node cli/build/import-cycles.ts` (package.json "lint"), run on planted projects: it
// must fail on a circle between folders, and stay quiet on one-way arrows and imports within a folder.

const CHECK = resolve(import.meta.dirname, "../../cli/build/import-cycles.ts");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "smallcode-cycles-"));
  dirs.push(root);
  const all: Record<string, string> = {
    "package.json": '{ "type": "module" }\n',
    "tsconfig.json": JSON.stringify({
      compilerOptions: {
        module: "nodenext",
        moduleResolution: "nodenext",
        allowImportingTsExtensions: true,
        noEmit: true,
        types: [],
      },
      include: ["cli", "bench", "test"],
    }),
    ...files,
  };
  for (const [path, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function lint(root: string) {
  return spawnSync(process.execPath, [CHECK], { cwd: root, encoding: "utf8" });
}

describe("the import cycle check", () => {
  it("fails on a planted cycle between two folders, naming the files to cut", () => {
    const root = project({
      "cli/app/agent/loop.ts": 'import { ALLOW } from "../guards/kit.ts";\nexport const loop = ALLOW;\n',
      "cli/app/guards/kit.ts":
        'import type { Loop } from "../agent/types.ts";\nexport const ALLOW = 1;\nexport type K = Loop;\n',
      "cli/app/agent/types.ts": "export type Loop = number;\n",
    });
    const run = lint(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "import cycle between folders: cli/app/agent -> cli/app/guards -> cli/app/agent",
    );
    // a type-only import closes the circle too
    expect(run.stderr).toContain("cli/app/guards/kit.ts imports cli/app/agent/types.ts");
    expect(run.stderr).toContain("cli/app/agent/loop.ts imports cli/app/guards/kit.ts");
  });

  it("counts a dynamic import() and a re-export as arrows", () => {
    const root = project({
      "cli/app/a/one.ts": 'export async function f() {\n  return (await import("../b/two.ts")).g;\n}\n',
      "cli/app/b/two.ts": 'export { h } from "../c/three.ts";\nexport const g = 1;\n',
      "cli/app/c/three.ts": 'import { f } from "../a/one.ts";\nexport const h = f;\n',
    });
    const report = checkImportCycles(root);
    expect(report.cycles.map((c) => c.folders)).toEqual([["cli/app/a", "cli/app/b", "cli/app/c"]]);
    expect(lint(root).status).toBe(1);
  });

  it("passes one-way arrows, imports within a folder, and a folder importing its own subfolder and back", () => {
    const root = project({
      "cli/app/agent/loop.ts":
        'import { kit } from "../kit/index.ts";\nimport { b } from "./b.ts";\nexport const a = kit + b;\n',
      "cli/app/agent/b.ts":
        'import { a } from "./loop.ts";\nexport const b = 1;\nexport const c = () => a;\n',
      "cli/app/kit/index.ts": 'import { x } from "./deep/x.ts";\nexport const kit = x;\n',
      "cli/app/kit/deep/x.ts":
        'import type { kit } from "../index.ts";\nexport const x = 1;\nexport type K = typeof kit;\n',
    });
    const run = lint(root);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(checkImportCycles(root).arrows.map((a) => `${a.from} -> ${a.to}`)).toEqual([
      "cli/app/agent -> cli/app/kit",
    ]);
  });

  it("fails when the product imports the benchmark, or the benchmark a test helper", () => {
    const root = project({
      "cli/smallcode/commands/bench.ts": 'export { run } from "../../../bench/run.ts";\n',
      "bench/run.ts": 'import { serve } from "../test/support/server.ts";\nexport const run = serve;\n',
      "test/support/server.ts": "export const serve = 1;\n",
    });
    const run = lint(root);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(
      "import against the layers: cli/smallcode/commands/bench.ts imports bench/run.ts (the product does not import the benchmark or test code)",
    );
    expect(run.stderr).toContain("import against the layers: bench/run.ts imports test/support/server.ts");
    expect(run.stderr).not.toContain("import cycle");
  });

  it("groups files into units: first-level folders of a package, loose package files on their own", () => {
    expect(unitOf("cli/smallcode/tool-calls/formats/json.ts")).toBe("cli/smallcode/tool-calls");
    expect(unitOf("cli/smallcode/main.ts")).toBe("cli/smallcode/main.ts");
    expect(unitOf("compiler/check/rules/KnownTypes.ts")).toBe("compiler/check");
    expect(unitOf("runtime/attempt.ts")).toBe("runtime/attempt.ts");
  });
});
