import { mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { CompileResult } from "../../compiler/index.ts";
import type { Source } from "../../compiler/source.ts";
import type { Io } from "../shared/io.ts";
import type { ParsedArgs } from "./args.ts";
import { DEFAULT_INPUT } from "./args.ts";
import { hash } from "./cache/codec.ts";
import { cacheKey } from "./cache/key.ts";
import {
  type BuildRecord,
  type ImportProbe,
  manifestName,
  recordedBuild,
  sourceHashes,
  treeHash,
} from "./cache/manifest.ts";
import { BuildCache, cacheRoot } from "./cache/store.ts";
import {
  findInputs,
  fsResolveImport,
  projectPath,
  readSource,
  readTree,
  removeFile,
  UsageError,
  writeAtomic,
} from "./files.ts";
import { firstDifference, type OutputPlan, planIsEmpty, planOutput, staysInOutput } from "./plan.ts";
import { declaredRuntimeImport } from "./project-settings.ts";
import { isInside, makeRealFolder, RedirectedFolder } from "./real-folder.ts";
import { count, reportDiagnostics, status } from "./report.ts";
import { SourceWatcher } from "./watch.ts";

/** `marrowc build`: compile, then write the output directory (or compare it, with `--check`). */

type BuildArgs = Extract<ParsedArgs, { command: "build" }>;

/** The outcome of one build, for `--watch` and tests. */
export interface BuildOutcome {
  readonly exitCode: 0 | 1;
  /** Every file the build read (inputs and imports), absolute paths; watched by `--watch`. */
  readonly read: readonly string[];
}

/** Compiles the inputs; returns the result and every source read (imports included). */
export async function compileProject(
  io: Io,
  inputs: readonly string[],
  options: { runtimeImport?: string; outDir?: string; existing?: ReadonlyMap<string, string> },
): Promise<{ result: CompileResult; sources: Source[] }> {
  const { result, sources } = await compileInputs(io, readInputs(io, inputs), options, undefined);
  return { result, sources };
}

/** The input files of a build, read. */
function readInputs(io: Io, inputs: readonly string[]): Source[] {
  return findInputs(io.cwd, inputs, DEFAULT_INPUT).map((f) => readSource(io.cwd, f));
}

/** Compiles `sources`, through `cache` when given; records every import looked up on disk. */
async function compileInputs(
  io: Io,
  sources: readonly Source[],
  options: { runtimeImport?: string; outDir?: string; existing?: ReadonlyMap<string, string> },
  cache: BuildCache | undefined,
): Promise<{ result: CompileResult; sources: Source[]; probes: ImportProbe[] }> {
  const resolveFs = fsResolveImport(io.cwd);
  const imported: Source[] = [];
  const probes: ImportProbe[] = [];
  const resolveImport = (from: string, spec: string) => {
    const s = resolveFs(from, spec);
    probes.push([from, spec, s?.path ?? null, s ? hash(s.text) : null]);
    if (s) imported.push(s);
    return s;
  };
  let result: CompileResult;
  if (cache) {
    const { compileWithCache } = await import("./cache/compile.ts");
    result = (await compileWithCache(cache, sources, { ...options, resolveImport })).result;
  } else {
    // Loaded here, not at start-up: code generation pulls in the TypeScript compiler.
    const { compile } = await import("../../compiler/index.ts");
    result = compile(sources, { ...options, resolveImport });
  }
  return { result, sources: [...sources, ...imported], probes };
}

/**
 * The build cache of the project in `io.cwd`, for the running compiler and signed with this user's
 * key; `undefined` when there is no place for the key (the build then runs without a cache).
 */
async function openCache(io: Io): Promise<BuildCache | undefined> {
  const key = cacheKey(io.env);
  if (!key) return undefined;
  const root = cacheRoot(io.cwd);
  try {
    makeRealFolder(io.cwd, root);
  } catch (error) {
    if (!(error instanceof RedirectedFolder)) throw error;
    status(
      io,
      `${projectPath(io.cwd, root)} leads to ${error.leadsTo} through a link: building without the cache`,
    );
    return undefined;
  }
  const { compilerFingerprint } = await import("./cache/fingerprint.ts");
  return new BuildCache(root, compilerFingerprint(join(root, "fingerprint.json")), key);
}

/**
 * Makes the folders the plan writes into, refusing (exit 2) when a symbolic link would send the
 * output elsewhere: an output directory inside the project must not lead out of it (a cloned
 * repository's `generated -> ~/.config/…`; a link to another folder of the project is fine), nor a
 * folder inside the output directory out of the project. An output directory the user names outside
 * the project is theirs to choose; folders inside it must stay in it.
 */
function prepareOutput(cwd: string, outDir: string, paths: readonly string[]): void {
  const inProject = isInside(cwd, outDir);
  try {
    const base = inProject ? cwd : outDir;
    if (!inProject) mkdirSync(outDir, { recursive: true });
    for (const folder of new Set([outDir, ...paths.map((p) => dirname(join(outDir, p)))]))
      makeRealFolder(base, folder, "inside");
  } catch (error) {
    if (!(error instanceof RedirectedFolder)) throw error;
    throw new UsageError(
      `${projectPath(cwd, error.folder)} leads to ${error.leadsTo} through a symbolic link: marrowc writes ` +
        "only into the project's own folders (remove the link, or pass --out with the folder you mean)",
    );
  }
}

/** The output tree after a plan is carried out. */
function treeAfter(
  current: ReadonlyMap<string, string>,
  files: CompileResult["files"],
  plan: OutputPlan,
): Map<string, string> {
  const after = new Map(current);
  for (const f of files) after.set(f.path, f.content);
  for (const p of plan.remove) after.delete(p);
  return after;
}

function describePlan(outLabel: string, plan: OutputPlan): string[] {
  const lines: string[] = [];
  for (const p of plan.update) lines.push(`  changed  ${outLabel}${p}`);
  for (const p of plan.create) lines.push(`  missing  ${outLabel}${p}`);
  for (const p of plan.remove) lines.push(`  stale    ${outLabel}${p}`);
  return lines;
}

/** Runs one build (or `--check`) and reports it. */
export async function buildOnce(args: BuildArgs, io: Io): Promise<BuildOutcome> {
  const outDir = resolve(io.cwd, args.out);
  const outLabel = args.out.endsWith("/") ? args.out : `${args.out}/`;
  const current = readTree(outDir);
  const runtimeImport = args.runtimeImport ?? declaredRuntimeImport(io.cwd);
  const inputs = readInputs(io, args.inputs);
  const cache = args.cache ? await openCache(io) : undefined;
  const name = manifestName({ cwd: io.cwd, inputs: args.inputs, outDir, runtimeImport });
  const resolveFs = fsResolveImport(io.cwd);
  const recorded = cache && recordedBuild(cache, name, inputs, current, resolveFs);
  let result: CompileResult;
  let sources: Source[];
  let probes: ImportProbe[] = [];
  if (recorded) {
    // Nothing changed since the recorded build: its answer, without loading the compiler.
    result = {
      diagnostics: recorded.diagnostics,
      files: recorded.files.map((path) => ({ path, content: current.get(path)! })),
    };
    const imported = recorded.imports.flatMap(([from, spec, path]) =>
      path === null ? [] : [resolveFs(from, spec)!],
    );
    sources = [...inputs, ...imported];
  } else {
    ({ result, sources, probes } = await compileInputs(
      io,
      inputs,
      {
        ...(runtimeImport !== undefined ? { runtimeImport } : {}),
        outDir: args.out.replace(/\/+$/, "") || ".",
        existing: current,
      },
      cache,
    ));
  }
  const remember = (tree: ReadonlyMap<string, string>) => {
    if (!cache || recorded) return;
    const record: BuildRecord = {
      sources: sourceHashes(inputs),
      imports: probes,
      tree: treeHash(tree),
      diagnostics: result.diagnostics,
      files: result.files.map((f) => f.path),
    };
    cache.write("build", name, record);
  };
  reportDiagnostics(io, result.diagnostics, sources, args.json);
  const read = [...new Set(sources.map((s) => resolve(io.cwd, s.path)))];
  if (result.diagnostics.some((d) => d.severity === "error")) {
    remember(current);
    if (!args.json) status(io, `${outLabel} left untouched because of errors`);
    return { exitCode: 1, read };
  }
  const astray = result.files.find((f) => !staysInOutput(f.path));
  if (astray) throw new Error(`refusing to write ${JSON.stringify(astray.path)}: it is outside ${outLabel}`);
  const plan = planOutput(result.files, current);
  if (args.check) {
    if (planIsEmpty(plan)) {
      remember(current);
      status(io, `${outLabel} is up to date`);
      return { exitCode: 0, read };
    }
    const lines = [`marrowc: ${outLabel} is not what a build would write (run \`marrowc build\`):`];
    lines.push(...describePlan(outLabel, plan));
    const first = plan.update[0];
    if (first !== undefined) {
      const wanted = result.files.find((f) => f.path === first)!.content;
      lines.push(`first difference in ${outLabel}${first} (- on disk, + from the build):`);
      lines.push(firstDifference(current.get(first)!, wanted));
    }
    io.stderr.write(`${lines.join("\n")}\n`);
    return { exitCode: 1, read };
  }
  prepareOutput(io.cwd, outDir, [...plan.create, ...plan.update, ...plan.remove]);
  for (const path of [...plan.create, ...plan.update]) {
    writeAtomic(join(outDir, path), result.files.find((f) => f.path === path)!.content);
  }
  for (const path of plan.remove) removeFile(join(outDir, path));
  remember(treeAfter(current, result.files, plan));
  const changed = plan.create.length + plan.update.length;
  if (changed === 0 && plan.remove.length === 0) {
    status(io, `${outLabel} is up to date (${count(plan.unchanged.length, "file")})`);
  } else {
    const parts = [`wrote ${count(changed, "file")} to ${outLabel}`, `${plan.unchanged.length} unchanged`];
    if (plan.remove.length > 0) parts.push(`removed ${count(plan.remove.length, "stale file")}`);
    status(io, parts.join(", "));
  }
  return { exitCode: 0, read };
}

/** `marrowc build`: one build, or with `--watch` a build per change until the signal aborts. */
export async function buildCommand(args: BuildArgs, io: Io): Promise<number> {
  if (!args.watch) return (await buildOnce(args, io)).exitCode;
  return watchBuild(args, io);
}

/** Debounce between a change and the rebuild it triggers, in milliseconds. */
export const WATCH_DEBOUNCE_MS = 100;

async function watchBuild(args: BuildArgs, io: Io): Promise<number> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running = Promise.resolve();
  // Saves come in bursts (a temporary file, then the rename; several files at once): one rebuild each.
  const watcher = new SourceWatcher(() => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      running = running.then(rebuild);
    }, WATCH_DEBOUNCE_MS);
  });
  const rebuild = async () => {
    let read: readonly string[] = [];
    try {
      read = (await buildOnce(args, io)).read;
    } catch (error) {
      // A build that fails (a missing input, a compiler bug) must not end the watch.
      status(io, `build failed: ${(error as Error).message}`);
    }
    const inputs = args.inputs.length > 0 ? args.inputs : [DEFAULT_INPUT];
    watcher.add(inputs.map((input) => resolve(io.cwd, input)));
    watcher.addFiles(read);
    status(io, "watching for changes (Ctrl-C to stop)");
  };
  running = running.then(rebuild);
  await running;
  await new Promise<void>((done) => {
    if (!io.signal || io.signal.aborted) return done();
    io.signal.addEventListener("abort", () => done(), { once: true });
  });
  if (timer) clearTimeout(timer);
  watcher.close();
  await running;
  return 0;
}
