import { existsSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { didYouMean } from "../../compiler/diagnostics/suggest.ts";
import type { EvaluationSpec } from "../../runtime/spec.ts";
import type { Io } from "../shared/io.ts";
import { ensureStateDir } from "../shared/state-dir.ts";
import { DEFAULT_INPUT, type ParsedArgs } from "./args.ts";
import { type EvaluationResult, formatEvaluation, type PromptCaller, runEvaluation } from "./evaluate.ts";
import { UsageError } from "./files.ts";
import { checkKeyHosts } from "./key-hosts.ts";
import {
  type Recording,
  type ReplayServer,
  readRecording,
  startReplayServer,
  writeRecording,
} from "./replay.ts";
import { count, status } from "./report.ts";

/**
 * `marrowc test`: runs the evaluations of the built project (`generated/index.ts`, imported from the
 * project directory) through the runtime, prints a score per evaluation, and exits 1 when one scores
 * below its baseline. `--record` keeps the model traffic in `.smallcode/evals/<name>.json`; `--replay`
 * answers from it offline. Both work by pointing `SMALLCODE_BASE_URL` at a local record/replay server,
 * so they cover the models whose endpoint refers to `${SMALLCODE_BASE_URL}`. The cache is off.
 */

type TestArgs = Extract<ParsedArgs, { command: "test" }>;

/** Where the recording of an evaluation lives. */
export function recordingPath(cwd: string, name: string): string {
  return join(cwd, ".smallcode", "evals", `${name}.json`);
}

interface GeneratedIndex {
  readonly evaluations?: Readonly<Record<string, EvaluationSpec>> | readonly EvaluationSpec[];
  readonly prompts?: Readonly<Record<string, unknown>>;
}

async function loadIndex(io: Io, generated: string): Promise<GeneratedIndex> {
  // index.js: SmallCode's own evaluations in the installed package, compiled (cli/build/build.ts).
  const path = ["index.ts", "index.js"].map((name) => resolve(io.cwd, generated, name)).find(existsSync);
  if (!path) throw new UsageError(missingIndex(io.cwd, generated));
  try {
    return (await import(pathToFileURL(path).href)) as GeneratedIndex;
  } catch (error) {
    // A stale or hand-edited build, or one whose runtime import does not resolve here: not a marrowc bug.
    const why = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new UsageError(
      `cannot load the built evaluations from \`${relative(io.cwd, path) || path}\`: ${why}; rebuild them with \`marrowc build\``,
    );
  }
}

/** Why there is nothing to test: no build yet, or not a MarrowScript project at all. */
function missingIndex(cwd: string, generated: string): string {
  if (existsSync(join(cwd, DEFAULT_INPUT)))
    return `\`${generated}/index.ts\` does not exist; run \`marrowc build\` first`;
  return `no MarrowScript project in ${cwd}: there is no \`${DEFAULT_INPUT}/\` folder and no \`${generated}/index.ts\`; run \`marrowc test\` in a project's root after \`marrowc build\` (or point --generated at a built index)`;
}

function evaluationsOf(index: GeneratedIndex): Map<string, EvaluationSpec> {
  const list = Array.isArray(index.evaluations)
    ? (index.evaluations as readonly EvaluationSpec[])
    : Object.values(index.evaluations ?? {});
  return new Map(list.map((e) => [e.name, e]));
}

function select(all: Map<string, EvaluationSpec>, names: readonly string[]): EvaluationSpec[] {
  if (names.length === 0) return [...all.values()].sort((a, b) => (a.name < b.name ? -1 : 1));
  return names.map((name) => {
    const spec = all.get(name);
    if (spec) return spec;
    const [best] = didYouMean(name, all.keys(), 1);
    throw new UsageError(`unknown evaluation \`${name}\`${best ? ` (did you mean \`${best}\`?)` : ""}`);
  });
}

type RuntimeModule = typeof import("../../runtime/index.ts");
type Runtime = InstanceType<RuntimeModule["Runtime"]>;

/**
 * The caller for the prompt under test: the generated function, or `runtime.call` on its spec;
 * either way on the command's own runtime (passed as the `runtime` call option).
 */
function callerFor(index: GeneratedIndex, runtime: Runtime, spec: EvaluationSpec): PromptCaller {
  const entry = index.prompts?.[spec.prompt];
  if (typeof entry === "function") {
    const fn = entry as (i: unknown, options: { runtime: Runtime }) => Promise<unknown>;
    return (input) => fn(input, { runtime });
  }
  if (entry && typeof entry === "object") {
    const prompt = entry as Parameters<Runtime["call"]>[0];
    return async (input) => (await runtime.call(prompt, input)).value;
  }
  throw new UsageError(
    `evaluation \`${spec.name}\` names prompt \`${spec.prompt}\`, which the generated index lacks`,
  );
}

const MODEL_VARS = ["SMALLCODE_MODEL", "SMALLCODE_MODEL_STRONG"] as const;

/** Runs the selected evaluations; returns the exit code. */
export async function testCommand(args: TestArgs, io: Io): Promise<number> {
  const index = await loadIndex(io, args.generated);
  const specs = select(evaluationsOf(index), args.names);
  // Before any request: the user's key goes only to the endpoint the user chose (key-hosts.ts).
  await checkKeyHosts(index as Record<string, unknown>, io.cwd, io.env);
  if (specs.length === 0) {
    status(io, "no evaluations declared");
    return 0;
  }
  const recordings = new Map<string, Recording>();
  if (args.mode === "replay") {
    const missing: string[] = [];
    for (const spec of specs) {
      const rec = readRecording(recordingPath(io.cwd, spec.name));
      if (rec) recordings.set(spec.name, rec);
      else missing.push(spec.name);
    }
    if (missing.length > 0) {
      throw new UsageError(
        `no recording for ${missing.map((m) => `\`${m}\``).join(", ")}; run \`marrowc test --record ${missing.join(" ")}\``,
      );
    }
  }
  const upstreamUrl = io.env.SMALLCODE_BASE_URL;
  if (args.mode === "record" && !upstreamUrl) {
    throw new UsageError("`--record` needs SMALLCODE_BASE_URL: the endpoint whose replies are recorded");
  }
  await ensureStateDir(io.cwd); // traces and recordings go to .smallcode/, which ignores itself
  const { createRuntime }: RuntimeModule = await import("../../runtime/index.ts");
  // The command's environment supplies `${VAR}` values; traces go to the project's .smallcode/.
  const runtime = createRuntime({
    cache: "off",
    env: io.env,
    traceDir: io.env.SMALLCODE_TRACE_DIR ?? join(io.cwd, ".smallcode", "traces"),
  });
  let server: ReplayServer | undefined;
  if (args.mode !== "live") {
    server = await startReplayServer(args.mode === "record" ? { upstream: { baseUrl: upstreamUrl! } } : {});
    runtime.configure({ baseUrl: server.baseUrl });
  }
  const results: EvaluationResult[] = [];
  try {
    for (const spec of specs) {
      const recording = recordings.get(spec.name);
      server?.use(spec.name, recording);
      if (recording) {
        runtime.configure({
          model: recording.env.SMALLCODE_MODEL ?? "",
          strongModel: recording.env.SMALLCODE_MODEL_STRONG ?? "",
        });
      }
      const result = await runEvaluation(spec, callerFor(index, runtime, spec));
      results.push(result);
      if (!args.json) io.stdout.write(`${formatEvaluation(result)}\n`);
      if (args.mode === "record" && server) {
        const env: Record<string, string> = {};
        for (const v of MODEL_VARS) if (io.env[v] !== undefined) env[v] = io.env[v]!;
        const recording = server.recorded(env);
        writeRecording(recordingPath(io.cwd, spec.name), recording);
        if (!recording.exchanges.some((e) => e.method === "POST")) {
          status(
            io,
            `warning: no model call of \`${spec.name}\` went through the recorder; ` +
              // biome-ignore lint/suspicious/noTemplateCurlyInString: the MarrowScript reference, shown as written
              "record and replay cover models whose endpoint is `${SMALLCODE_BASE_URL}`",
          );
        }
      }
    }
  } finally {
    await runtime.flushTraces();
    await server?.close();
  }
  if (args.json) io.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  const failed = results.filter((r) => !r.passed);
  const summary = `${count(results.length, "evaluation")}, ${failed.length} below baseline`;
  status(io, args.mode === "record" ? `${summary}; replies recorded in .smallcode/evals/` : summary);
  return failed.length > 0 ? 1 : 0;
}
