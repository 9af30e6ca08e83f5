import { fileURLToPath } from "node:url";
import { testCommand } from "../../marrowc/index.ts";
import { PACKAGE_ROOT, runsFromSources } from "../../shared/entry.js";
import type { ParsedArgs } from "../args.ts";
import { type ResolvedConfig, resolveConfig } from "../config/index.ts";
import { findProjectRoot } from "../config/project-root.ts";
import type { Io } from "../io.ts";
import { prepare } from "./prepare.ts";

/**
 * `smallcode eval [NAME…] [--record|--replay]`: SmallCode's own evaluations (declared in its
 * `.marrow` files, built into `generated/`), run by `marrowc test` against the configured endpoint and
 * models. Live and recording runs check the endpoint first; recordings live in `.smallcode/evals/` of
 * the project.
 */

type EvalArgs = Extract<ParsedArgs, { command: "eval" }>;

/**
 * SmallCode's own generated directory: generated/ in a source checkout, its compiled copy in
 * dist/generated/ in the installed package (cli/build/build.ts).
 */
export const GENERATED_DIR = fileURLToPath(
  new URL(runsFromSources() ? "generated" : "dist/generated", PACKAGE_ROOT),
);

/** The environment the evaluations run with: the configuration as `SMALLCODE_*` variables. */
function evalEnv(
  config: ResolvedConfig,
  model?: string,
  modelStrong?: string,
): Record<string, string | undefined> {
  const v = config.values;
  const env: Record<string, string | undefined> = { ...config.env };
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined) env[name] = value;
  };
  set("SMALLCODE_BASE_URL", v.base_url?.value);
  set("SMALLCODE_MODEL", model ?? v.model?.value);
  set("SMALLCODE_MODEL_STRONG", modelStrong ?? v.model_strong?.value ?? v.model?.value);
  set("SMALLCODE_API_KEY", v.api_key?.value);
  return env;
}

/** Runs the evaluations; exit 1 when one scores below its baseline, 2 on bad usage or configuration. */
export async function evalCommand(args: EvalArgs, io: Io): Promise<number> {
  let config: ResolvedConfig;
  let env: Record<string, string | undefined>;
  if (args.mode === "replay") {
    const root = findProjectRoot(io.cwd, args.flags.cwd).dir;
    config = resolveConfig({ flags: { ...args.flags, cwd: root }, cwd: io.cwd, env: io.env });
    env = evalEnv(config);
  } else {
    const prepared = await prepare(args.flags, io);
    const { checked } = prepared;
    if (prepared.connection.kind !== "server") {
      // marrowc test builds its own runtime, which has no embedded client to serve the models
      io.stderr.write(
        "smallcode: error: `smallcode eval` runs against a model server; the embedded model cannot serve it yet\n" +
          "  fix: pass --base-url URL (or set SMALLCODE_BASE_URL), or use --replay to score recorded replies\n",
      );
      return 2;
    }
    if (!checked.ok) {
      io.stderr.write(`smallcode: error: ${checked.message}\n`);
      return 2;
    }
    config = prepared.config;
    env = evalEnv(config, checked.model, checked.modelStrong);
  }
  return testCommand(
    { command: "test", names: args.names, mode: args.mode, generated: GENERATED_DIR, json: args.json },
    { ...io, cwd: config.cwd, env },
  );
}
