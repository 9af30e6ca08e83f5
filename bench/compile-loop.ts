/**
 * Section 6 of the compile benchmark: the edit → rebuild loop of `marrowc build` with its build cache,
 * side by side with `baml-cli generate` (which regenerates everything every time) on the same 400
 * prompts, in one run, interleaved so that a busy machine slows both alike. Each marrowc figure is a
 * fresh process (a cold build, as from an editor's save hook), measured in three set-ups: as installed
 * (dist/, V8's compile cache warm), without V8's compile cache, and from the sources as a checkout runs.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bamlProject, marrowProject } from "./compile-synth.ts";
import { bin, installBaml, median, ms, RUNS, root, timeSpawn, work, writeProject } from "./compile-util.ts";

const node = process.execPath;
const compileCache = join(work, "node-compile-cache");
const floorScript = join(root, "bench", "compile-floor.ts");

/** The set-ups compared (issue 15 §4: does each still pay once the build cache exists?). */
const SETUPS: readonly { label: string; env: NodeJS.ProcessEnv }[] = [
  { label: "installed (dist, all on)", env: { NODE_COMPILE_CACHE: compileCache, SMALLCODE_FROM_DIST: "1" } },
  {
    label: "  without V8's compile cache",
    env: { NODE_DISABLE_COMPILE_CACHE: "1", SMALLCODE_FROM_DIST: "1" },
  },
  { label: "from the sources", env: { NODE_COMPILE_CACHE: compileCache, SMALLCODE_FROM_DIST: "0" } },
];

/** Column widths of the table. */
const WIDTHS = [17, 18, 18, 20];

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
  // The doc comment of one prompt (it is printed into the generated module), and the models every
  // file imports.
  const edited = join(mdir, "marrow/bench_0005.marrow");
  const spellings = [
    "// Labels request 100 with one category.",
    "// Labels request 100 with one category, in one word.",
  ] as const;
  const editPrompt = toggler(edited, ...spellings);
  const editModels = toggler(join(mdir, "marrow/models.marrow"), "temperature: 0.0", "temperature: 0.1");
  const bamlTimes: number[] = [];
  const bamlCpu: number[] = [];
  const runBaml = () => {
    if (!baml) return;
    rmSync(join(bdir, "baml_client"), { recursive: true, force: true });
    const args = ["generate", "--from", "baml_src", "--no-version-check"];
    bamlTimes.push(timeSpawn(baml.cli, args, bdir, process.env, false, bamlCpu));
  };
  const figure = (wall: number[], cpu: number[]) =>
    `${ms(median(wall))}${cpu.length > 0 ? ` (${Math.round(median(cpu))})` : ""}`;
  const rows: string[] = [];
  let onePrompt = Number.NaN;
  const header =
    "".padEnd(30) +
    ["no change", "one prompt", "models file", "full, no cache"]
      .map((h, n) => h.padStart(WIDTHS[n]!))
      .join("");
  for (const setup of SETUPS) {
    const env = { ...process.env, ...setup.env };
    const kinds = ["none", "prompt", "models", "full"] as const;
    type Kind = (typeof kinds)[number];
    const wall = { none: [], prompt: [], models: [], full: [] } as Record<Kind, number[]>;
    const cpu = { none: [], prompt: [], models: [], full: [] } as Record<Kind, number[]>;
    const build = (kind: Kind | undefined, args: string[] = []) => {
      const t = timeSpawn(node, [bin, "build", ...args], mdir, env, false, kind ? cpu[kind] : undefined);
      if (kind) wall[kind].push(t);
    };
    spawnSync(node, [bin, "build"], { cwd: mdir, env }); // fills V8's compile cache and the build cache
    for (let i = 0; i < RUNS; i++) {
      build("none");
      editPrompt();
      build("prompt");
      editModels();
      build("models");
      rmSync(join(mdir, "generated"), { recursive: true, force: true });
      build("full", ["--no-cache"]);
      build(undefined); // the cache again matches the tree the full build wrote
      runBaml();
    }
    rows.push(
      setup.label.padEnd(30) + kinds.map((k, n) => figure(wall[k], cpu[k]).padStart(WIDTHS[n]!)).join(""),
    );
    if (setup === SETUPS[0]) onePrompt = median(wall.prompt);
  }
  // The floor under a cold rebuild, and the same edit in a running process (compile-floor.ts),
  // interleaved with baml-cli generate again.
  const floorEnv = { ...process.env, NODE_COMPILE_CACHE: compileCache };
  const floors = { boot: [] as number[], parse: [] as number[] };
  const floorCpu = { boot: [] as number[], parse: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    floors.boot.push(timeSpawn(node, ["-e", "0"], mdir, floorEnv, false, floorCpu.boot));
    floors.parse.push(timeSpawn(node, [floorScript, "parse", edited], mdir, floorEnv, false, floorCpu.parse));
    runBaml();
  }
  const warm = spawnSync(node, [floorScript, "warm", mdir, edited, ...spellings, String(RUNS)], {
    env: floorEnv,
    encoding: "utf8",
  });
  console.log(header);
  for (const row of rows) console.log(row);
  // In the one-prompt column: what a rebuild cannot go below, and the same edit without a cold start.
  const column = (label: string, text: string) =>
    console.log(label.padEnd(30) + text.padStart(WIDTHS[0]! + WIDTHS[1]!));
  column("Node alone (node -e 0)", figure(floors.boot, floorCpu.boot));
  column("floor: compiler + one parse", figure(floors.parse, floorCpu.parse));
  column(
    "running process (--watch)",
    warm.status === 0 ? `${Number(warm.stdout.trim()).toFixed(1)} ms` : "failed",
  );
  if (warm.status !== 0) console.log(warm.stderr.slice(0, 500));
  const b = bamlTimes.length > 0 ? median(bamlTimes) : undefined;
  if (b === undefined) return;
  console.log(
    `baml-cli generate (BAML ${baml!.version}, everything every time): ${figure(bamlTimes, bamlCpu)}`,
  );
  console.log("wall time, median; in parentheses the CPU time (user + system, ms) of the same runs");
  console.log(
    `one-prompt rebuild / baml-cli generate: ${(onePrompt / b).toFixed(2)}× (target ≤ 1×); ` +
      `the floor alone: ${(median(floors.parse) / b).toFixed(2)}×; no-change target ≤ 80 ms`,
  );
}
