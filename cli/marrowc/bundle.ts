/**
 * Bundles `marrowc` into dist/marrowc/ with esbuild (`npm run build`; `npm ci` runs it through
 * `prepare`, see prepare.js). A cold `marrowc build` then loads a few files instead of ~230 modules
 * type-stripped one by one. The commands stay in separate chunks, so `--help`, `check` and `explain`
 * still never load ts-morph. cli/marrowc/bin.js runs the bundle only while dist/marrowc/manifest.json
 * matches every input (see launch.js), and the sources otherwise, so an edited compiler is never
 * shadowed by an old bundle.
 *
 * Usage: node cli/marrowc/bundle.ts [--out DIR] [--optional]
 */
import { existsSync, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { freshBundle, MANIFEST, type Manifest } from "./launch.js";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const standIn = join(root, "compiler/codegen/typescript-standin/index.cjs");
/** npm's record of the installed packages (rewritten by every install). */
const INSTALLED_TREE = "node_modules/.package-lock.json";

const DEFAULT_OUT = join(root, "dist/marrowc");

/** Rebuilds dist/marrowc when it is missing or older than the sources; true when it did. */
export async function ensureFreshBundle(): Promise<boolean> {
  if (freshBundle(root, DEFAULT_OUT) !== undefined) return false;
  await bundle();
  return true;
}

/** Builds the bundle into `outDir`; returns the number of input files, or undefined without esbuild. */
export async function bundle(outDir = DEFAULT_OUT): Promise<number | undefined> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    return undefined; // installed without dev dependencies: marrowc runs from its sources
  }
  // Built next to the target and moved in place, so a concurrent marrowc never sees half a bundle.
  const temp = `${outDir}.tmp-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  try {
    const result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: { main: "cli/marrowc/main.ts" },
      outdir: temp,
      bundle: true,
      splitting: true,
      format: "esm",
      platform: "node",
      target: "node22",
      metafile: true,
      logLevel: "warning",
      // Bundled CommonJS packages (handlebars, ts-morph) call require().
      banner: {
        js: 'import { createRequire as __marrowcRequire } from "node:module";\nconst require = __marrowcRequire(import.meta.url);',
      },
      plugins: [
        {
          name: "typescript-stand-in",
          setup(build) {
            // What bin.js does for the sources with a resolve hook; see compiler/codegen/typescript-standin.
            build.onResolve({ filter: /^\.\/typescript$/ }, (args) =>
              args.importer.includes(join("@ts-morph", "common")) ? { path: standIn } : undefined,
            );
          },
        },
      ],
    });
    // Packages are covered by npm's record of the installed tree, which every install rewrites, and
    // the project's own files one by one: ~140 files to stat on every start instead of ~600.
    const all = Object.keys(result.metafile.inputs).map((input) =>
      relative(root, resolve(root, input)).split("\\").join("/"),
    );
    const paths = existsSync(join(root, INSTALLED_TREE))
      ? [...all.filter((path) => !path.includes("node_modules/")), INSTALLED_TREE]
      : all; // installed by another package manager: every package file is checked
    const inputs: Record<string, { size: number; mtimeMs: number }> = {};
    for (const path of paths) {
      const stat = statSync(join(root, path));
      inputs[path] = { size: stat.size, mtimeMs: stat.mtimeMs };
    }
    const manifest: Manifest = { entry: "main.js", inputs };
    writeFileSync(join(temp, MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(dirname(outDir), { recursive: true });
    renameSync(temp, outDir);
    return Object.keys(inputs).length;
  } finally {
    rmSync(temp, { recursive: true, force: true }); // left only when the build failed
  }
}

/**
 * The command line: `[--out DIR] [--optional]`; returns the exit code. `--optional` (npm's `prepare`):
 * a failed bundle must not fail the install, marrowc then runs from its sources.
 */
export async function bundleCommand(args: readonly string[]): Promise<number> {
  const outFlag = args.indexOf("--out");
  const outDir = outFlag >= 0 ? resolve(args[outFlag + 1] ?? "") : undefined;
  const started = performance.now();
  try {
    const count = await bundle(outDir);
    const where = relative(process.cwd(), outDir ?? DEFAULT_OUT) || ".";
    process.stderr.write(
      count === undefined
        ? "marrowc bundle: esbuild is not installed; marrowc runs from its sources\n"
        : `marrowc bundle: ${count} inputs → ${where}/ in ${Math.round(performance.now() - started)} ms\n`,
    );
    return 0;
  } catch (error) {
    const first = (error instanceof Error ? error.message : String(error)).split("\n")[0];
    process.stderr.write(`marrowc bundle: failed (${first}); marrowc runs from its sources\n`);
    return args.includes("--optional") ? 0 : 1;
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = await bundleCommand(process.argv.slice(2));
}
