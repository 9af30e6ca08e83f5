import { execFile, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ENGINE_BINARIES } from "../../cli/build/pack.ts";
import type { RunResult } from "../../cli/smallcode/contract/index.ts";
import { type Script, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { niced, realModelsSkipReason, testModel } from "../../cli/testkit/test-models.ts";
import { VALID } from "../cli/marrowc/helpers.ts";
import { findOldNode } from "../support/old-node.ts";

/**
 * The package as users get it: `npm run package` (cli/build/pack.ts: `npm pack`, which builds dist/
 * through `prepare`, with node-llama-cpp bundled and only its CPU binaries declared), then the tarball
 * installed globally into a temporary prefix and into a temporary project, and used from there: both
 * bins, `marrowc build` and `marrowc test` on a project of the user's, `smallcode run` against the
 * scripted server and in process on a real model (gated like test/real-models), the API through
 * `import` and `require`, and its type declarations. Node strips no types under node_modules, so this
 * fails whenever the package reaches for a TypeScript source. What lies on disk shows the install is
 * lean: no CUDA or Vulkan build of llama.cpp anywhere.
 *
 * npm installs with --prefer-offline: package files come from the cache `npm ci` filled; npm still
 * asks the registry once for package metadata it has not cached, and for the binary packages a clone
 * stubs (on linux-x64 the ARM builds, whose `cpu` field lists x64 too: 32 MB, once per cache).
 */

const root = resolve(import.meta.dirname, "../..");
const work = mkdtempSync(join(tmpdir(), "smallcode-package-"));
const prefix = join(work, "global");
const project = join(work, "project");
/** The Node running the tests first on PATH, for npm and for the bins' `#!/usr/bin/env node`. */
const env = { ...process.env, PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH ?? ""}` };
const NPM_FLAGS = ["--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"];

function npm(args: readonly string[], cwd: string): string {
  const r = spawnSync("npm", args, { cwd, env, encoding: "utf8" });
  const offline = /ENOTCACHED|EAI_AGAIN|ENOTFOUND|ECONNREFUSED|ETIMEDOUT/.test(r.stderr)
    ? " (npm could not reach the registry for package metadata it has not cached: run once with network)"
    : "";
  expect(r.status, `npm ${args.join(" ")}${offline}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

/** Runs an installed bin (or node) asynchronously: the scripted server answers from this process. */
async function exec(file: string, args: readonly string[], cwd: string, extra: NodeJS.ProcessEnv = {}) {
  try {
    const r = await promisify(execFile)(file, args, { cwd, env: { ...env, ...extra }, encoding: "utf8" });
    return { status: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return {
      status: typeof e.code === "number" ? e.code : -1,
      stdout: e.stdout ?? "",
      stderr: e.stderr ?? "",
    };
  }
}

const globalBin = (name: string) => join(prefix, "bin", name);
const globalPackage = join(prefix, "lib", "node_modules", "smallcode");
/** node-llama-cpp's name for this machine's prebuilt llama.cpp package (CPU; Metal on macOS arm64). */
const OWN_BINARY = (
  {
    "linux-x64": "linux-x64",
    "linux-arm64": "linux-arm64",
    "linux-arm": "linux-armv7l",
    "linux-riscv64": "linux-riscv64",
    "darwin-arm64": "mac-arm64-metal",
    "darwin-x64": "mac-x64",
    "win32-x64": "win-x64",
    "win32-arm64": "win-arm64",
  } as Record<string, string>
)[`${process.platform}-${process.arch}`];
const modelSkip = realModelsSkipReason(["smollm2-135m"]);
if (modelSkip) console.warn(`package test: the in-process run on a real model is skipped: ${modelSkip}`);

/** The `@node-llama-cpp/…` package folders anywhere in the node_modules tree under `dir`. */
function binaryPackages(dir: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    const modules = join(at, "node_modules");
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      const scoped = entry.startsWith("@");
      const names = scoped ? readdirSync(join(modules, entry)) : [entry];
      if (entry === "@node-llama-cpp") found.push(...names);
      for (const name of names) walk(join(modules, scoped ? join(entry, name) : name));
    }
  };
  walk(dir);
  return found.sort();
}
const localBin = (name: string) => join(project, "node_modules", ".bin", name);

beforeAll(() => {
  const packed = spawnSync(process.execPath, [join(root, "cli/build/pack.ts"), "--out", work], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  expect(packed.status, `npm run package\n${packed.stderr}`).toBe(0);
  const tarball = packed.stdout.trim();
  npm(["install", "--global", "--prefix", prefix, ...NPM_FLAGS, tarball], work);
  mkdirSync(join(project, "marrow"), { recursive: true });
  writeFileSync(join(project, "package.json"), '{ "name": "consumer", "private": true, "type": "module" }\n');
  npm(["install", ...NPM_FLAGS, tarball], project);
  // npm run package (a build, an install of node-llama-cpp, two packs) and two installs, on a loaded 2-core machine
}, 360_000);
// two installs of a few thousand files: removing them takes more than the default 10 s under load
afterAll(() => rmSync(work, { recursive: true, force: true }), 120_000);

// Fresh processes on a loaded 2-core machine: more time than the default 20 s per test.
describe("the packed package", { timeout: 60_000 }, () => {
  it("holds the compiled dist/, the bins and no TypeScript source", () => {
    const pkg = join(project, "node_modules", "smallcode");
    expect(existsSync(join(pkg, "dist/smallcode/main.js"))).toBe(true);
    expect(existsSync(join(pkg, "dist/marrowc/main.js"))).toBe(true);
    expect(existsSync(join(pkg, "cli/smallcode/main.ts"))).toBe(false);
    expect(existsSync(join(pkg, "runtime/index.ts"))).toBe(false);
  });

  it("installs llama.cpp's CPU build for this platform and no CUDA or Vulkan build", () => {
    for (const where of [globalPackage, project]) {
      const found = binaryPackages(where);
      expect(
        found.filter((name) => /cuda|vulkan/.test(name)),
        where,
      ).toEqual([]);
      expect(
        found.filter((name) => !ENGINE_BINARIES.includes(`@node-llama-cpp/${name}`)),
        where,
      ).toEqual([]);
      if (OWN_BINARY) expect(found, where).toContain(OWN_BINARY);
    }
    // the bundled engine lists no binaries of its own (npm would fetch every GPU build for it)
    const engine = JSON.parse(
      readFileSync(join(globalPackage, "node_modules/node-llama-cpp/package.json"), "utf8"),
    );
    expect(engine.optionalDependencies ?? {}).toEqual({});
    expect(engine.scripts?.postinstall).toBeUndefined();
  });

  it.skipIf(OWN_BINARY === undefined)("loads llama.cpp's CPU build from the installed package", async () => {
    // a file, not `node -e`: node-llama-cpp tests the binary in a child process started with execArgv
    const probe = join(globalPackage, "llama-probe.mjs");
    writeFileSync(
      probe,
      `const { getLlama } = await import("node-llama-cpp");
      const llama = await getLlama({ gpu: false, build: "never", skipDownload: true, progressLogs: false });
      console.log(JSON.stringify({ gpu: llama.gpu, build: llama.buildType }));
      await llama.dispose();`,
    );
    const r = await exec(process.execPath, [probe], work);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ gpu: false, build: "prebuilt" });
  });

  it.skipIf(modelSkip !== undefined)(
    "runs `smallcode run --model-file` in process from the installed package, with no model server",
    { timeout: 300_000 },
    async () => {
      const file = testModel("smollm2-135m");
      const dir = join(work, "embedded");
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "README.md"), "# demo\n");
      const args = ["run", "Say hi", "--model-file", file, "--json", "--yes", "--cwd", dir];
      const [command, ...rest] = niced([globalBin("smallcode"), ...args]);
      const r = await exec(command!, rest, dir);
      expect(r.stderr).not.toContain("could not start");
      expect(r.stderr).toMatch(/loaded SmolLM2-135M-Instruct\.Q4_1 in [\d.]+ s/);
      const result = JSON.parse(r.stdout) as RunResult;
      expect(result.usage.calls).toBeGreaterThan(0);
      expect(r.status).toBe(result.success ? 0 : 1);
    },
  );

  it("runs both bins from the global prefix", async () => {
    const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version as string;
    const smallcode = await exec(globalBin("smallcode"), ["--version"], work);
    expect(smallcode).toMatchObject({ status: 0, stdout: `smallcode ${version}\n`, stderr: "" });
    const marrowc = await exec(globalBin("marrowc"), ["--version"], work);
    expect(marrowc).toMatchObject({ status: 0, stdout: `marrowc ${version}\n`, stderr: "" });
    const bench = await exec(globalBin("smallcode"), ["bench", "--suite", "smoke"], work);
    expect(bench.status).toBe(2);
    expect(bench.stderr).toContain("the benchmark is not part of the installed package");
  });

  it("runs `smallcode run` against a model server and writes the file", async () => {
    const script: Script = {
      models: ["scripted-model"],
      rules: [
        { prompt: "classify_task_type", replies: [{ content: "coding" }] },
        { prompt: "pick_tool_categories", replies: [{ content: '["write"]' }] },
        {
          prompt: "act",
          replies: [
            { toolCalls: [{ name: "write_file", arguments: { path: "hello.txt", content: "hello\n" } }] },
            { content: "I created hello.txt." },
          ],
        },
      ],
      fallback: { content: "ok" },
    };
    const server = await startScriptedServer(script);
    const dir = join(work, "task");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "README.md"), "# demo\n");
    try {
      const args = ["run", "write hello.txt containing hello", "--json", "--base-url", server.url];
      const r = await exec(globalBin("smallcode"), [...args, "--model", "scripted-model", "--cwd", dir], dir);
      expect(r.stderr).not.toContain("ERR_");
      const result = JSON.parse(r.stdout) as RunResult;
      expect(result.filesCreated).toEqual(["hello.txt"]);
      expect(readFileSync(join(dir, "hello.txt"), "utf8")).toBe("hello\n");
      expect(server.requests.length).toBeGreaterThanOrEqual(3);
    } finally {
      await server.close();
    }
  });

  it("runs SmallCode's own evaluations (`smallcode eval`) from the compiled dist/generated", async () => {
    const server = await startScriptedServer({ models: ["scripted-model"], fallback: { content: "ok" } });
    try {
      const args = ["eval", "--base-url", server.url, "--model", "scripted-model"];
      const r = await exec(globalBin("smallcode"), args, work);
      // "ok" is no label: every case fails, which shows each evaluation ran against the server.
      expect(r.stderr).not.toContain("does not exist");
      expect(r.stdout).toContain("FAIL tool_category_accuracy (pick_tool_categories, contains): 0.00");
      expect(r.status).toBe(1);
    } finally {
      await server.close();
    }
  });

  it("builds a user's project with marrowc, without loading TypeScript, and tests it on the packaged runtime", async () => {
    writeFileSync(join(project, "marrow", "demo.marrow"), VALID);
    const loads = join(root, "bench", "compile-loads.mjs");
    const built = await exec(process.execPath, ["--import", loads, globalBin("marrowc"), "build"], project);
    expect(built.status, built.stderr).toBe(0);
    expect(built.stderr).toContain("[loads] typescript=no ts-morph=no marrowc=dist");
    expect(readFileSync(join(project, "generated", "demo.ts"), "utf8")).toContain('from "smallcode/runtime"');
    const server = await startScriptedServer({ fallback: { content: "happy" } });
    try {
      const r = await exec(localBin("marrowc"), ["test"], project, {
        SMALLCODE_BASE_URL: server.url,
        SMALLCODE_MODEL: "tiny",
        SMALLCODE_PROVIDER: "openai_compat",
      });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toContain("ok   mood_accuracy (classify_mood, exact): 0.50 (1/2 cases) baseline 0.50");
    } finally {
      await server.close();
    }
  });

  it("serves the API to `import` and `require` as one module instance", async () => {
    const esm = `
      import { SmallCode } from "smallcode";
      import { callPrompt, z } from "smallcode/runtime";
      import { compile } from "smallcode/compiler";
      import { parseToolCalls } from "smallcode/tool-calls";
      import { createRequire } from "node:module";
      const require = createRequire(import.meta.url);
      const same = require("smallcode").SmallCode === SmallCode && require("smallcode/runtime").z === z;
      const { files } = compile([{ path: "a.marrow", text: ${JSON.stringify(VALID)} }]);
      console.log(JSON.stringify({ same, types: [typeof SmallCode, typeof callPrompt, typeof parseToolCalls],
        files: files.map((f) => f.path).sort(), parsed: z.number().parse(3) }));`;
    writeFileSync(join(project, "esm.mjs"), esm);
    const fromImport = await exec(process.execPath, ["esm.mjs"], project);
    expect(fromImport.stderr).toBe("");
    expect(JSON.parse(fromImport.stdout)).toEqual({
      same: true,
      types: ["function", "function", "function"],
      files: ["a.templates.ts", "a.ts", "index.ts"],
      parsed: 3,
    });
    const cjs = `
      const { SmallCode } = require("smallcode");
      const runtime = require("smallcode/runtime");
      const { compile } = require("smallcode/compiler");
      const { ISSUE_CODES } = require("smallcode/tool-calls");
      const agent = new SmallCode({ cwd: __dirname, baseUrl: "http://127.0.0.1:9/v1", model: "m" });
      console.log([typeof agent.run, typeof runtime.callPrompt, typeof compile, typeof ISSUE_CODES].join(" "));`;
    writeFileSync(join(project, "cjs.cjs"), cjs);
    const fromRequire = await exec(process.execPath, ["cjs.cjs"], project);
    expect(fromRequire).toEqual({ status: 0, stdout: "function function function object\n", stderr: "" });
  });

  it("ships type declarations that type-check a user's code and the generated code", async () => {
    writeFileSync(
      join(project, "check.ts"),
      `import { SmallCode, type RunResult } from "smallcode";
import { z } from "smallcode/runtime";
import { compile } from "smallcode/compiler";
import { parseToolCalls } from "smallcode/tool-calls";
import { classifyMood } from "./generated/index.ts";
const result: Promise<RunResult> = new SmallCode({ cwd: ".", baseUrl: "http://x/v1", model: "m" }).run("x");
const text: string = z.string().parse("a");
const count: number = compile([]).diagnostics.length;
void [result, text, count, parseToolCalls, classifyMood];
// @ts-expect-error: the declarations are precise (success is a boolean)
const wrong: string = (await result).success;
export { wrong };
`,
    );
    writeFileSync(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          target: "es2023",
          strict: true,
          noEmit: true,
          allowImportingTsExtensions: true,
          types: ["node"],
          typeRoots: [join(root, "node_modules", "@types")],
        },
        files: ["check.ts"],
      }),
    );
    const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
    const r = await exec(process.execPath, [tsc, "-p", "tsconfig.json"], project);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });

  // The system Node of some machines is older; when one is at hand, check what the installed bin says.
  const old = findOldNode();
  it.skipIf(old === undefined)("tells a too old Node.js the exact command that runs it", () => {
    const r = spawnSync(old!, [globalBin("smallcode"), "--version"], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(
      /^smallcode: Node\.js [\d.]+ is too old; smallcode needs Node\.js 22\.18 or newer/,
    );
    expect(r.stderr).toContain(`\n  npx -y -p node@24 -- node ${globalBin("smallcode")} --version\n`);
  });
});
