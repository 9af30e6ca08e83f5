/**
 * `npm run package`: the installable tarball, lean on every platform. A plain `npm pack` tarball
 * depends on node-llama-cpp, whose manifest lists every prebuilt llama.cpp binary as an optional
 * dependency; npm installs each one the machine's os/cpu allows (on linux-x64 the CUDA, CUDA-ext and
 * Vulkan builds too, about 650 MB), and neither the root's `overrides` nor `--omit=optional` reach a
 * user's `npm install -g` (npm applies both only to the root project, npm/cli#8284). This tarball
 * instead ships node-llama-cpp inside itself (`bundleDependencies`) with that list removed from the
 * bundled manifest, and declares the CPU binaries (Metal on macOS arm64) as SmallCode's own optional
 * dependencies, so npm fetches exactly one llama.cpp build per platform from the registry (plus the
 * ARM Linux ones on linux-x64, whose `cpu` field lists x64 for cross builds).
 *
 * Steps: `npm pack` (which builds dist/ through `prepare`) into a temporary folder, unpack it, install
 * node-llama-cpp there with `--omit=optional --ignore-scripts`, trim the vendored copy (below), write
 * the published manifest, and `npm pack` that folder. Nothing outside the npm registry is fetched.
 *
 * Usage: node cli/build/pack.ts [--out DIR]   (prints the tarball's path; default DIR: the repo root)
 */
import { execFileSync } from "node:child_process";
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
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const ENGINE = "node-llama-cpp";
/** The prebuilt llama.cpp packages SmallCode installs: CPU builds, and Metal, macOS arm64's default. */
export const ENGINE_BINARIES = [
  "linux-x64",
  "linux-arm64",
  "linux-armv7l",
  "linux-riscv64",
  "mac-arm64-metal",
  "mac-x64",
  "win-x64",
  "win-arm64",
].map((p) => `@node-llama-cpp/${p}`);
/** GPU builds left to the user (`npm install -g @node-llama-cpp/linux-x64-cuda@VERSION`, docs/models.md). */
const GPU_BINARY = /^@node-llama-cpp\/.+-(cuda|cuda-ext|vulkan)$/;
/** Files of the vendored node-llama-cpp that only a source build reads (SmallCode never builds). */
const SOURCE_BUILD_ONLY = ["llama/gitRelease.bundle"];
const NPM_FLAGS = ["--no-audit", "--no-fund", "--loglevel=error"];

interface Manifest {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  scripts?: Record<string, string>;
  [key: string]: unknown;
}

/** What one `npm run package` wrote. */
export interface PackSummary {
  readonly tarball: string;
  readonly engineVersion: string;
  /** Packages inside the tarball (node-llama-cpp and its dependencies). */
  readonly bundled: number;
  readonly bytes: number;
}

function npm(args: readonly string[], cwd: string): string {
  return execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    shell: process.platform === "win32",
    maxBuffer: 64 << 20,
  });
}

const readJson = (file: string): Manifest => JSON.parse(readFileSync(file, "utf8")) as Manifest;
const writeJson = (file: string, value: unknown) =>
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

/** Whether `name` resolves from the package folder `dir` the way Node looks it up (own and ancestor node_modules). */
function resolvable(dir: string, name: string, top: string): boolean {
  for (let d = dir; d.startsWith(top); d = dirname(d)) {
    if (existsSync(join(d, "node_modules", name, "package.json"))) return true;
    if (d === top) break;
  }
  return false;
}

/** Every installed package folder under `dir`/node_modules, nested ones included. */
function packageDirs(dir: string): string[] {
  const modules = join(dir, "node_modules");
  if (!existsSync(modules)) return [];
  const found: string[] = [];
  for (const entry of readdirSync(modules)) {
    if (entry.startsWith(".")) continue;
    const names = entry.startsWith("@")
      ? readdirSync(join(modules, entry)).map((n) => `${entry}/${n}`)
      : [entry];
    for (const name of names) {
      const pkg = join(modules, name);
      if (!existsSync(join(pkg, "package.json"))) continue;
      found.push(pkg, ...packageDirs(pkg));
    }
  }
  return found;
}

/**
 * Makes the vendored tree describe itself: an optional dependency that is not in the bundle leaves
 * its manifest (npm never fills in a bundled package's dependencies; in a global install it leaves an
 * empty folder where the package should be), node-llama-cpp loses its install script (it only tests
 * the prebuilt binary, and SmallCode's `config` skips it anyway) and its source-build files.
 */
function trimVendored(stage: string): void {
  for (const dir of packageDirs(stage)) {
    const file = join(dir, "package.json");
    const manifest = readJson(file);
    let changed = false;
    for (const name of Object.keys(manifest.optionalDependencies ?? {})) {
      if (resolvable(dir, name, stage)) continue;
      delete manifest.optionalDependencies![name];
      delete manifest.dependencies?.[name];
      changed = true;
    }
    if (manifest.name === ENGINE && manifest.scripts?.postinstall) {
      delete manifest.scripts.postinstall;
      changed = true;
    }
    if (changed) writeJson(file, manifest);
  }
  for (const file of SOURCE_BUILD_ONLY) rmSync(join(stage, "node_modules", ENGINE, file), { force: true });
}

/** The engine's binary packages split into those SmallCode declares and GPU builds; throws on any it does not know. */
function engineBinaries(engine: Manifest): { take: string[]; gpu: string[] } {
  const offered = Object.keys(engine.optionalDependencies ?? {});
  const unknown = offered.filter((n) => !ENGINE_BINARIES.includes(n) && !GPU_BINARY.test(n));
  if (unknown.length > 0) {
    throw new Error(
      `${ENGINE}@${engine.version} offers binary packages this script does not know: ${unknown.join(", ")}; add each to ENGINE_BINARIES (a CPU build) or GPU_BINARY in cli/build/pack.ts`,
    );
  }
  const missing = ENGINE_BINARIES.filter((n) => !offered.includes(n));
  if (missing.length > 0) {
    throw new Error(
      `${ENGINE}@${engine.version} no longer offers ${missing.join(", ")}: update ENGINE_BINARIES in cli/build/pack.ts`,
    );
  }
  return { take: ENGINE_BINARIES, gpu: offered.filter((n) => GPU_BINARY.test(n)) };
}

/** Builds the lean tarball into `outDir`. @throws Error when npm fails or node-llama-cpp's binaries changed */
export function packLean(outDir = root): PackSummary {
  const work = mkdtempSync(join(tmpdir(), "smallcode-pack-"));
  try {
    const [packed] = JSON.parse(npm(["pack", "--json", "--pack-destination", work, ...NPM_FLAGS], root)) as {
      filename: string;
    }[];
    const stage = join(work, "package");
    execFileSync("tar", ["-xzf", packed!.filename], { cwd: work });
    const published = readJson(join(stage, "package.json"));
    const version = published.dependencies?.[ENGINE];
    if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
      throw new Error(
        `package.json must pin ${ENGINE} to one exact version (the binaries must match it), not ${version}`,
      );
    }
    // The engine alone, no optional dependencies: the binaries come from SmallCode's own manifest.
    writeJson(join(stage, "package.json"), {
      name: "smallcode-stage",
      private: true,
      dependencies: { [ENGINE]: version },
    });
    npm(
      [
        "install",
        "--omit=optional",
        "--ignore-scripts",
        "--no-package-lock",
        "--prefer-offline",
        ...NPM_FLAGS,
      ],
      stage,
    );
    const engine = readJson(join(stage, "node_modules", ENGINE, "package.json"));
    const { take } = engineBinaries(engine);
    trimVendored(stage);

    delete published.devDependencies;
    delete published.overrides;
    delete published.scripts;
    published.bundleDependencies = [ENGINE];
    published.optionalDependencies = Object.fromEntries(take.map((n) => [n, engine.version]));
    writeJson(join(stage, "package.json"), published);
    mkdirSync(outDir, { recursive: true });
    const [lean] = JSON.parse(
      npm(["pack", "--json", "--ignore-scripts", "--pack-destination", resolve(outDir), ...NPM_FLAGS], stage),
    ) as { filename: string; size: number; bundled: string[] }[];
    const stray = lean!.bundled.filter((n) => n.startsWith("@node-llama-cpp/"));
    if (stray.length > 0)
      throw new Error(`the tarball bundles binary packages it must not: ${stray.join(", ")}`);
    return {
      tarball: join(resolve(outDir), lean!.filename),
      engineVersion: engine.version,
      bundled: lean!.bundled.length,
      bytes: lean!.size,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--out");
  const summary = packLean(at > 0 ? resolve(process.argv[at + 1] ?? ".") : root);
  process.stderr.write(
    `package: ${ENGINE}@${summary.engineVersion} and ${summary.bundled - 1} dependencies bundled, ${(summary.bytes / 1e6).toFixed(1)} MB\n`,
  );
  process.stdout.write(`${summary.tarball}\n`);
}
