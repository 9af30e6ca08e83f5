import { join, resolve } from "node:path";
import type { CompileResult } from "../../compiler/index.ts";
import type { Source } from "../../compiler/source.ts";
import type { Io } from "../shared/io.ts";
import type { ParsedArgs } from "./args.ts";
import { DEFAULT_INPUT } from "./args.ts";
import { findInputs, fsResolveImport, readSource, readTree, removeFile, writeAtomic } from "./files.ts";
import { firstDifference, type OutputPlan, planIsEmpty, planOutput } from "./plan.ts";
import { declaredRuntimeImport } from "./project-settings.ts";
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
  const files = findInputs(io.cwd, inputs, DEFAULT_INPUT);
  const sources = files.map((f) => readSource(io.cwd, f));
  const resolveFs = fsResolveImport(io.cwd);
  const imported: Source[] = [];
  const resolveImport = (from: string, spec: string) => {
    const s = resolveFs(from, spec);
    if (s) imported.push(s);
    return s;
  };
  // Loaded here, not at start-up: code generation pulls in the TypeScript compiler.
  const { compile } = await import("../../compiler/index.ts");
  const result = compile(sources, { ...options, resolveImport });
  return { result, sources: [...sources, ...imported] };
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
  const { result, sources } = await compileProject(io, args.inputs, {
    ...(runtimeImport !== undefined ? { runtimeImport } : {}),
    outDir: args.out.replace(/\/+$/, "") || ".",
    existing: current,
  });
  reportDiagnostics(io, result.diagnostics, sources, args.json);
  const read = sources.map((s) => resolve(io.cwd, s.path));
  if (result.diagnostics.some((d) => d.severity === "error")) {
    if (!args.json) status(io, `${outLabel} left untouched because of errors`);
    return { exitCode: 1, read };
  }
  const plan = planOutput(result.files, current);
  if (args.check) {
    if (planIsEmpty(plan)) {
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
  for (const path of [...plan.create, ...plan.update]) {
    writeAtomic(join(outDir, path), result.files.find((f) => f.path === path)!.content);
  }
  for (const path of plan.remove) removeFile(join(outDir, path));
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
