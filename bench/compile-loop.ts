/**
 * Section 6 of the compile benchmark: the edit → rebuild loop of `marrowc build` with its build cache,
 * side by side with `baml-cli generate` (which regenerates everything every time) on the same 400
 * prompts, in one run, interleaved so that a busy machine slows both alike. Each marrowc figure is a
 * fresh process (a cold build, as from an editor's save hook), measured in four set-ups: as installed
 * (dist/, V8's compile cache warm, the TypeScript stand-in), without the stand-in, without V8's
 * compile cache, and from the sources as a checkout runs.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bamlProject, marrowProject } from "./compile-synth.ts";
import { bin, installBaml, median, ms, RUNS, timeSpawn, work, writeProject } from "./compile-util.ts";

const node = process.execPath;
const compileCache = join(work, "node-compile-cache");

/** The set-ups compared (issue 15 §4: does each still pay once the build cache exists?). */
const SETUPS: readonly { label: string; env: NodeJS.ProcessEnv }[] = [
  { label: "installed (dist, all on)", env: { NODE_COMPILE_CACHE: compileCache, SMALLCODE_FROM_DIST: "1" } },
  {
    label: "  without the stand-in",
    env: { NODE_COMPILE_CACHE: compileCache, SMALLCODE_FROM_DIST: "1", MARROWC_REAL_TYPESCRIPT: "1" },
  },
  {
    label: "  without V8's compile cache",
    env: { NODE_DISABLE_COMPILE_CACHE: "1", SMALLCODE_FROM_DIST: "1" },
  },
  { label: "from the sources", env: { NODE_COMPILE_CACHE: compileCache, SMALLCODE_FROM_DIST: "0" } },
];

/** Flips a text in a file between two spellings: every call is a real edit. */
function toggler(path: string, a: string, b: string): () => void {
  return () => {
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.includes(a) ? text.replace(a, b) : text.replace(b, a));
  };
}

/** Prints the loop's figures for a project of `prompts` prompts. */
export function editLoop(prompts: number): void {
  console.log(
    `\n== edit → rebuild on ${prompts} prompts: marrowc build with its build cache vs baml-cli generate ` +
      `(fresh process each, interleaved, median of ${RUNS})`,
  );
  const marrow = marrowProject(prompts);
  const mdir = join(work, "loop-marrow");
  writeProject(mdir, marrow);
  const baml = installBaml();
  const bdir = join(work, "loop-baml");
  if (baml) writeProject(bdir, bamlProject(prompts, baml.version));
  // The first prompt of bench_0005.marrow (its timeout), and the models every file imports.
  const editPrompt = toggler(join(mdir, "marrow/bench_0005.marrow"), "timeout: 5s", "timeout: 6s");
  const editModels = toggler(join(mdir, "marrow/models.marrow"), "temperature: 0.0", "temperature: 0.1");
  const bamlTimes: number[] = [];
  const runBaml = () => {
    if (!baml) return;
    rmSync(join(bdir, "baml_client"), { recursive: true, force: true });
    bamlTimes.push(timeSpawn(baml.cli, ["generate", "--from", "baml_src", "--no-version-check"], bdir));
  };
  const rows: string[] = [];
  let onePrompt = Number.NaN;
  const header = `${"".padEnd(30)}${"no change".padStart(11)}${"one prompt".padStart(12)}${"models file".padStart(13)}${"full, no cache".padStart(16)}`;
  for (const setup of SETUPS) {
    const env = { ...process.env, ...setup.env };
    const build = (args: string[] = []) => timeSpawn(node, [bin, "build", ...args], mdir, env);
    spawnSync(node, [bin, "build"], { cwd: mdir, env }); // fills V8's compile cache and the build cache
    const times = {
      none: [] as number[],
      prompt: [] as number[],
      models: [] as number[],
      full: [] as number[],
    };
    for (let i = 0; i < RUNS; i++) {
      times.none.push(build());
      editPrompt();
      times.prompt.push(build());
      editModels();
      times.models.push(build());
      rmSync(join(mdir, "generated"), { recursive: true, force: true });
      times.full.push(build(["--no-cache"]));
      build(); // the cache again matches the tree the full build wrote
      runBaml();
    }
    rows.push(
      `${setup.label.padEnd(30)}${ms(median(times.none)).padStart(11)}${ms(median(times.prompt)).padStart(12)}` +
        `${ms(median(times.models)).padStart(13)}${ms(median(times.full)).padStart(16)}`,
    );
    if (setup === SETUPS[0]) onePrompt = median(times.prompt);
  }
  console.log(header);
  for (const row of rows) console.log(row);
  const b = bamlTimes.length > 0 ? median(bamlTimes) : undefined;
  if (b === undefined) return;
  console.log(`baml-cli generate (BAML ${baml!.version}, everything every time): ${ms(b)}`);
  console.log(
    `one-prompt rebuild / baml-cli generate: ${(onePrompt / b).toFixed(2)}× (target ≤ 1×); ` +
      `no-change target ≤ 80 ms`,
  );
}
