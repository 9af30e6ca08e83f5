/**
 * Builds the installable package into dist/ (`npm run build`; npm's `prepare`, cli/build/prepare.js,
 * runs it for `npm pack`, `npm publish`, installs from a git URL and `npm ci`). Node strips no types under node_modules, so an installed
 * SmallCode must run JavaScript: esbuild compiles every entry (the two CLIs and the four public
 * modules) into ES modules that share chunks, with the npm dependencies left as imports (but
 * Chevrotain, see BUNDLED); tsc writes the
 * type declarations of the public modules into dist/types/ (tsconfig.build.json). A source checkout
 * never needs dist/: the bins run the TypeScript sources there (cli/shared/entry.js).
 *
 * Usage: node cli/build/build.ts [--out DIR]
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** dist/<name>.js ← source; the bins and package.json's `exports` name these files. */
const ENTRIES = {
  "smallcode/main": "cli/smallcode/main.ts",
  "marrowc/main": "cli/marrowc/main.ts",
  "smallcode/api": "cli/smallcode/api.ts",
  "smallcode/tool-calls": "cli/smallcode/tool-calls/index.ts",
  "runtime/index": "runtime/index.ts",
  "compiler/index": "compiler/index.ts",
  // SmallCode's own evaluations, which `smallcode eval` runs (cli/smallcode/commands/eval.ts).
  "generated/index": "generated/index.ts",
};
/**
 * Files the compiled code looks for by `new URL(…, import.meta.url)` that the package lacks on
 * purpose (none today: the benchmark, which ships only with the source checkout, is looked up from
 * the package root and only when running from the sources, cli/smallcode/commands/bench.ts).
 */
const ABSENT_ON_PURPOSE: readonly string[] = [];
/**
 * npm packages compiled into dist/ instead of imported from node_modules: Chevrotain is 53 small ES
 * modules, whose resolving and loading cost `marrowc build` ≈ 25 ms of CPU each time it parses a
 * file (≈ 3 ms as one chunk). It stays a dependency (the type declarations import its types).
 */
const BUNDLED = /^(chevrotain|@chevrotain\/[^/]+)(\/|$)/;
/** What compiled code may find outside dist/ (relative to dist/): the package root and package.json. */
const OUTSIDE_DIST = ["..", "../package.json"];

/** What one build wrote. */
export interface BuildSummary {
  readonly outDir: string;
  readonly modules: number;
  readonly declarations: number;
  readonly ms: number;
}

/**
 * Builds dist/ into `outDir` (default `<root>/dist`): built next to it and moved in place, so a
 * failed build leaves the previous one. @throws Error when esbuild or tsc fails
 */
export async function buildDist(outDir = join(root, "dist")): Promise<BuildSummary> {
  const started = performance.now();
  const temp = `${outDir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  try {
    const modules = await compileModules(temp);
    const declarations = emitDeclarations(join(temp, "types"));
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(dirname(outDir), { recursive: true });
    renameSync(temp, outDir);
    return { outDir, modules, declarations, ms: Math.round(performance.now() - started) };
  } finally {
    rmSync(temp, { recursive: true, force: true }); // left only when the build failed
  }
}

/** Compiles the entries with esbuild; returns the number of JavaScript files written. */
async function compileModules(outDir: string): Promise<number> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    throw new Error(
      "esbuild, a dev dependency, is not installed: run `npm ci` first. A global install from a git URL " +
        "never installs them (npm/cli#8440): clone, `npm ci && npm pack`, then `npm install -g` the tarball",
    );
  }
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: ENTRIES,
    outdir: outDir,
    // Every file two levels below the package root, like the sources under cli/shared/ that find
    // package.json by a relative URL (cli/shared/entry.js, cli/shared/process.ts).
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node22",
    // npm packages stay imports, except those compiled in (see BUNDLED).
    plugins: [
      {
        name: "externals",
        setup(build) {
          build.onResolve({ filter: /^[^./]/ }, (args) =>
            args.kind === "entry-point" || BUNDLED.test(args.path)
              ? undefined
              : { path: args.path, external: true },
          );
        },
      },
    ],
    metafile: true,
    logLevel: "warning",
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => relative(outDir, resolve(root, p)));
  const misplaced = outputs.filter((p) => p.split(/[\\/]/).length !== 2);
  if (misplaced.length > 0)
    throw new Error(`outputs must lie one folder below dist/: ${misplaced.join(", ")}`);
  const missing = outputs.flatMap((output) => missingFileUrls(outDir, output));
  if (missing.length > 0) {
    const list = missing.join(", ");
    throw new Error(
      `the compiled code looks for files the package lacks (import them, or ship them): ${list}`,
    );
  }
  return outputs.length;
}

/**
 * The `new URL("…", import.meta.url)` targets in one compiled file (`output`, relative to the build
 * folder `outDir`) that the installed package will lack: esbuild moves code into dist/, so a path
 * relative to a source file breaks, and a `.ts` file is never there.
 */
function missingFileUrls(outDir: string, output: string): string[] {
  const installed = join(root, "dist", output); // where the file lies once in place
  const text = readFileSync(join(outDir, output), "utf8");
  const missing: string[] = [];
  for (const [, path] of text.matchAll(/new URL\("([^"]+)", import\.meta\.url\)/g)) {
    if (path === undefined || ABSENT_ON_PURPOSE.includes(path)) continue;
    const target = relative(join(root, "dist"), resolve(dirname(installed), path));
    const exists = target.startsWith("..")
      ? OUTSIDE_DIST.includes(target) // the package root itself, and what npm always packs
      : existsSync(join(outDir, target)); // inside dist/: look in this build
    if (path.endsWith(".ts") || !exists) missing.push(`dist/${output}: "${path}"`);
  }
  return missing;
}

/** Writes the public modules' type declarations (tsconfig.build.json) with tsc; returns how many. */
function emitDeclarations(outDir: string): number {
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  try {
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.build.json", "--outDir", outDir], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const out = (error as { stdout?: Buffer }).stdout?.toString().trim();
    throw new Error(`tsc could not write the declarations:\n${out || (error as Error).message}`);
  }
  return countFiles(outDir, ".d.ts");
}

function countFiles(dir: string, suffix: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((p) => p.endsWith(suffix)).length;
}

/** The command line: `[--out DIR]`; returns the exit code. */
export async function buildCommand(args: readonly string[]): Promise<number> {
  const outFlag = args.indexOf("--out");
  const outDir = outFlag >= 0 ? resolve(args[outFlag + 1] ?? "") : undefined;
  try {
    const s = await buildDist(outDir);
    const where = relative(process.cwd(), s.outDir) || ".";
    process.stderr.write(
      `build: ${s.modules} modules and ${s.declarations} declaration files → ${where}/ in ${s.ms} ms\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`build: failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await buildCommand(process.argv.slice(2));
}
