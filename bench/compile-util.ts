/**
 * Helpers the compile benchmark's sections share: medians, timed child processes, writing a
 * synthetic project, installing BAML for the comparison.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { SynthProject } from "./compile-synth.ts";

/** The repository root. */
export const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** Scratch space of the benchmarks (git-ignored). */
export const work = join(root, "bench", ".work");
/** The marrowc executable. */
export const bin = join(root, "cli", "marrowc", "bin.js");
/** Runs per figure (BENCH_RUNS, default 5). */
export const RUNS = Number(process.env.BENCH_RUNS ?? 5);

/** The median of some numbers. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Milliseconds, one decimal. */
export const ms = (x: number) => `${x.toFixed(1)} ms`;

/** Runs a command, returns wall time in ms; throws with its output when it fails (exit 1 allowed if `allowFail`). */
export function timeSpawn(
  cmd: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
  allowFail = false,
  cpu?: number[],
): number {
  const before = childCpuMs();
  const t = performance.now();
  const r = spawnSync(cmd, args, { cwd, env, encoding: "utf8" });
  const elapsed = performance.now() - t;
  const after = childCpuMs();
  if (cpu && before !== undefined && after !== undefined) cpu.push(after - before);
  if (r.status !== 0 && !(allowFail && r.status === 1)) {
    throw new Error(
      `${cmd} ${args.join(" ")} exited ${r.status}:\n${`${r.stderr}${r.stdout}`.slice(0, 2000)}`,
    );
  }
  return elapsed;
}

/**
 * CPU time (user + system) of this process's waited-for children so far, in ms, from /proc/self/stat
 * (Linux; 10 ms resolution); `undefined` elsewhere. Unlike wall time it hardly moves when other work
 * shares the cores, so it tells figures taken on a busy machine apart from a slow build.
 */
export function childCpuMs(): number | undefined {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 16 and 17 of stat(5) (cutime, cstime), counted from field 3 here; clock ticks of 10 ms.
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return undefined;
  }
}

/** Writes a synthetic project into `dir` (emptied first). */
export function writeProject(dir: string, project: SynthProject): void {
  rmSync(dir, { recursive: true, force: true });
  for (const [path, text] of project.files) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** The BAML release compared with (pinned, so that figures of different days compare). */
export const BAML_VERSION = "0.226.2";

/**
 * BAML's CLI ({@link BAML_VERSION}, the npm release of the baml-cli that PyPI's baml-py ships),
 * installed into bench/.work/baml when missing or of another version; `undefined` when it cannot be.
 */
export function installBaml(): { cli: string; version: string } | undefined {
  const dir = join(work, "baml");
  const cli = join(dir, "node_modules", ".bin", "baml-cli");
  const installed = () => {
    try {
      return execFileSync(cli, ["--version"], { encoding: "utf8" }).trim().split(/\s+/).pop();
    } catch {
      return undefined;
    }
  };
  try {
    if (!existsSync(cli) || installed() !== BAML_VERSION) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, "package.json"), '{ "name": "baml-bench", "private": true }\n');
      execFileSync("npm", ["install", "--no-audit", "--no-fund", `@boundaryml/baml@${BAML_VERSION}`], {
        cwd: dir,
        stdio: "pipe",
      });
    }
    const version = installed();
    if (version === undefined) throw new Error("baml-cli --version failed");
    return { cli, version };
  } catch (error) {
    console.log(
      `BAML could not be installed here (${(error as Error).message.split("\n")[0]}); marrowc figures only.`,
    );
    return undefined;
  }
}
