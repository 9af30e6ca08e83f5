/**
 * Compile benchmark (`npm run bench`): prints figures, asserts nothing.
 *
 * 1. In-process throughput of `compile()` on marrow/ and on a synthetic 10,000-line project.
 * 2. Cold `marrowc build` of marrow/ (a fresh node process), median of several runs.
 * 3. Scaling from 1,000 to 100,000 lines (in-process), with time per line to show linearity.
 * 4. Start-up of `marrowc check`, `explain` and `--help`, and whether they load TypeScript.
 * 5. Side by side with BAML on 400 equivalent prompts: `baml-cli generate` cold vs `marrowc build` cold.
 *    BAML 0.226.2 is installed into bench/.work/ with npm at bench time (never a project dependency).
 * 6. The edit → rebuild loop on the same 400 prompts, side by side with `baml-cli generate` in one run:
 *    `marrowc build` with its build cache after no change, after an edit inside one prompt, after an
 *    edit of the models every file imports, and a full build without the cache; each also without
 *    V8's compile cache (what issue 15 §4 weighs it by).
 *    Sections 1–5 build with `--no-cache`: they measure the compiler, not the cache.
 * Fresh processes run cli/marrowc/bin.js as users of the installed package do: from the compiled
 * dist/ (built first, SMALLCODE_FROM_DIST=1), and for comparison from the sources, as a checkout does.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { join } from "node:path";
import { buildDist } from "../cli/build/build.ts";
import { compile } from "../compiler/index.ts";
import type { Source } from "../compiler/source.ts";
import { editLoop } from "./compile-loop.ts";
import { bamlProject, marrowProject, marrowProjectOfLines, type SynthProject } from "./compile-synth.ts";
import { bin, installBaml, median, ms, RUNS, root, timeSpawn, work, writeProject } from "./compile-util.ts";

const node = process.execPath;

function readMarrowDir(dir: string, rel: string): Source[] {
  const out: Source[] = [];
  for (const name of readdirSync(dir).sort()) {
    if (name.endsWith(".marrow"))
      out.push({ path: `${rel}/${name}`, text: readFileSync(join(dir, name), "utf8") });
  }
  return out;
}

function sourcesOf(project: SynthProject): Source[] {
  return [...project.files].map(([path, text]) => ({ path, text }));
}

function timeCompile(sources: readonly Source[], runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    const r = compile(sources);
    times.push(performance.now() - t);
    const errors = r.diagnostics.filter((d) => d.severity === "error");
    if (errors.length > 0)
      throw new Error(`benchmark input does not compile: ${errors[0]!.code} ${errors[0]!.message}`);
  }
  return median(times);
}

function lineCount(sources: readonly Source[]): number {
  return sources.reduce((n, s) => n + s.text.split("\n").length, 0);
}

function section(title: string): void {
  console.log(`\n== ${title}`);
}

function inProcess(): void {
  section("in-process throughput (compile(), warm, median of runs)");
  const own = readMarrowDir(join(root, "marrow"), "marrow");
  timeCompile(own, 3); // warm-up: loads ts-morph and JITs the compiler
  const ownMs = timeCompile(own, RUNS * 2);
  const ownLines = lineCount(own);
  console.log(`marrow/ (${ownLines} lines): ${ms(ownMs)} → ${Math.round((ownLines / ownMs) * 1000)} lines/s`);
  const big = sourcesOf(marrowProjectOfLines(10_000));
  const bigLines = lineCount(big);
  const bigMs = timeCompile(big, 3);
  console.log(
    `synthetic (${bigLines} lines): ${ms(bigMs)} → ${Math.round((bigLines / bigMs) * 1000)} lines/s`,
  );
}

/** Environments of the two kinds of cold start: without V8's compile cache, and with it warm. */
const cacheDir = join(work, "node-compile-cache");
const NO_CACHE = { ...process.env, NODE_DISABLE_COMPILE_CACHE: "1", SMALLCODE_FROM_DIST: "1" };
const WARM_CACHE = { ...process.env, NODE_COMPILE_CACHE: cacheDir, SMALLCODE_FROM_DIST: "1" };
const SOURCES = { ...WARM_CACHE, SMALLCODE_FROM_DIST: "0" };

/** Median wall time of `marrowc args` in fresh processes, after `prepare()` before each run. */
function marrowcMedian(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
  prepare = () => {},
): number {
  if (env !== NO_CACHE) {
    prepare();
    spawnSync(node, [bin, ...args], { cwd, env }); // fills the compile cache
  }
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    prepare();
    times.push(timeSpawn(node, [bin, ...args], cwd, env, true));
  }
  return median(times);
}

function coldBuild(): void {
  section(`cold \`marrowc build\` of marrow/ (fresh node process each run, median of ${RUNS})`);
  const out = join(work, "cold-out");
  const prepare = () => rmSync(out, { recursive: true, force: true });
  const args = ["build", "marrow", "--out", out, "--no-cache"];
  console.log(`dist, no compile cache:     ${ms(marrowcMedian(args, root, NO_CACHE, prepare)).padStart(10)}`);
  console.log(
    `dist, compile cache warm:   ${ms(marrowcMedian(args, root, WARM_CACHE, prepare)).padStart(10)}`,
  );
  console.log(`sources, compile cache warm:${ms(marrowcMedian(args, root, SOURCES, prepare)).padStart(10)}`);
  console.log(
    `cores: ${availableParallelism()} (${cpus()[0]?.model ?? "unknown cpu"}), target < 1 s on 2 cores`,
  );
}

function scaling(): void {
  section("scaling (in-process compile(), one run per size after a warm-up)");
  timeCompile(sourcesOf(marrowProjectOfLines(1_000)), 2);
  let base: number | undefined;
  for (const target of [1_000, 3_000, 10_000, 30_000, 100_000]) {
    const sources = sourcesOf(marrowProjectOfLines(target));
    const lines = lineCount(sources);
    const t = timeCompile(sources, target >= 30_000 ? 1 : 3);
    const perKLine = (t / lines) * 1000;
    base ??= perKLine;
    console.log(
      `${String(lines).padStart(7)} lines: ${ms(t).padStart(10)}  ${perKLine.toFixed(2)} ms/1k lines  ` +
        `(×${(perKLine / base).toFixed(2)} of the 1k-line rate)`,
    );
  }
}

function startup(): void {
  section(`start-up (fresh process, median of ${RUNS}) and whether TypeScript is loaded`);
  const bare: number[] = [];
  for (let i = 0; i < RUNS; i++) bare.push(timeSpawn(node, ["-e", "0"], root));
  console.log(`${"node -e 0 (baseline)".padEnd(26)} ${ms(median(bare)).padStart(10)}`);
  const loadsHook = join(root, "bench", "compile-loads.mjs");
  const cases: [string, string[]][] = [
    ["marrowc --help", ["--help"]],
    ["marrowc explain MRW2003", ["explain", "MRW2003"]],
    ["marrowc check marrow/", ["check", "marrow"]],
    ["marrowc build --check", ["build", "--check", "--no-cache"]],
    ["  … with its build cache", ["build", "--check"]],
  ];
  console.log(`${"".padEnd(26)} ${"no cache".padStart(10)} ${"warm cache".padStart(10)}`);
  for (const [label, args] of cases) {
    const cold = marrowcMedian(args, root, NO_CACHE);
    const warm = marrowcMedian(args, root, WARM_CACHE);
    const r = spawnSync(node, ["--import", loadsHook, bin, ...args], { cwd: root, encoding: "utf8" });
    const loads = /\[loads\] typescript=(\S+) ts-morph=(\S+)/.exec(r.stderr);
    console.log(
      `${label.padEnd(26)} ${ms(cold).padStart(10)} ${ms(warm).padStart(10)}   ` +
        `TypeScript loaded: ${loads?.[1] ?? "?"}, ts-morph loaded: ${loads?.[2] ?? "?"}`,
    );
  }
}

function versusBaml(prompts: number): void {
  section(
    `BAML vs marrowc on ${prompts} equivalent prompts (cold, fresh process, runs interleaved, median of ${RUNS})`,
  );
  const marrow = marrowProject(prompts);
  const mdir = join(work, "vs-marrow");
  writeProject(mdir, marrow);
  const baml = installBaml();
  const project = baml ? bamlProject(prompts, baml.version) : undefined;
  const bdir = join(work, "vs-baml");
  if (project) writeProject(bdir, project);
  const cleanM = () => rmSync(join(mdir, "generated"), { recursive: true, force: true });
  const cleanB = () => rmSync(join(bdir, "baml_client"), { recursive: true, force: true });
  const full = ["build", "--no-cache"]; // every run a full build: the build cache is section 6
  spawnSync(node, [bin, ...full], { cwd: mdir, env: WARM_CACHE }); // fills the compile cache
  spawnSync(node, [bin, ...full], { cwd: mdir, env: SOURCES });
  const cold: number[] = [];
  const warm: number[] = [];
  const fromSources: number[] = [];
  const bamlTimes: number[] = [];
  // Interleaved, so that a busy machine slows both compilers alike.
  for (let i = 0; i < RUNS; i++) {
    cleanM();
    cold.push(timeSpawn(node, [bin, ...full], mdir, NO_CACHE));
    cleanM();
    warm.push(timeSpawn(node, [bin, ...full], mdir, WARM_CACHE));
    cleanM();
    fromSources.push(timeSpawn(node, [bin, ...full], mdir, SOURCES));
    if (baml) {
      cleanB();
      bamlTimes.push(timeSpawn(baml.cli, ["generate", "--from", "baml_src", "--no-version-check"], bdir));
    }
  }
  const mCold = median(cold);
  const mWarm = median(warm);
  console.log(
    `marrowc build, no compile cache:   ${ms(mCold).padStart(10)}  (${marrow.lines} lines in ${marrow.files.size} files)`,
  );
  console.log(`marrowc build, compile cache warm: ${ms(mWarm).padStart(10)}`);
  console.log(`  from the sources, cache warm:    ${ms(median(fromSources)).padStart(10)}`);
  if (!baml || !project) return;
  const b = median(bamlTimes);
  console.log(
    `baml-cli generate:                 ${ms(b).padStart(10)}  (${project.lines} lines in ${project.files.size} files, BAML ${baml.version})`,
  );
  console.log(
    `ratio marrowc / BAML: ${(mCold / b).toFixed(2)}× without the compile cache, ${(mWarm / b).toFixed(2)}× with it (target ≤ 2×)`,
  );
  // What an edit costs in `marrowc build --watch` (a warm process; the compile() API likewise).
  const sources = sourcesOf(marrow);
  timeCompile(sources, 3);
  const warmCompile = timeCompile(sources, RUNS);
  console.log(
    `marrowc compile() in a warm process (a --watch rebuild, without writing): ${ms(warmCompile)} ` +
      `→ ${(warmCompile / b).toFixed(2)}× BAML's cold generate`,
  );
}

const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
console.log(
  `SmallCode compile benchmark — node ${process.version}, ${availableParallelism()} cores, load ${load()}`,
);
mkdirSync(work, { recursive: true });
const built = await buildDist();
console.log(`built dist/ first (npm run build) in ${built.ms} ms`);
for (const run of [inProcess, coldBuild, scaling, startup, () => versusBaml(400), () => editLoop(400)]) {
  try {
    run();
  } catch (error) {
    // One broken section (say, a compiler error in marrow/) must not hide the others' figures.
    console.log(`section failed: ${(error as Error).message.split("\n").slice(0, 4).join(" | ")}`);
  }
}
console.log(`\nload average at the end: ${load()} (figures on a loaded machine are noisy)`);
