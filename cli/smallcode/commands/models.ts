import { existsSync, statSync } from "node:fs";
import type { ParsedArgs } from "../args.ts";
import { resolveConfig } from "../config/index.ts";
import { findProjectRoot } from "../config/project-root.ts";
import type { SessionIo } from "../io.ts";
import { cachedPath, DEFAULT_MODEL, formatBytes, modelUrl } from "../models/catalog.ts";
import { partPath } from "../models/download.ts";
import { cachedModel, pullModel } from "../models/obtain.ts";

/**
 * `smallcode models`: whether the default embedded model is downloaded (where, how big, from where);
 * `smallcode models pull` downloads it now (the explicit consent scripts and CI use). Exit 0 when
 * the model is there afterwards, 1 when it is not, 2 when the download failed.
 */

type ModelsArgs = Extract<ParsedArgs, { command: "models" }>;

/** Runs `smallcode models [pull]`. */
export async function modelsCommand(args: ModelsArgs, io: SessionIo): Promise<number> {
  const root = findProjectRoot(io.cwd, undefined);
  const config = resolveConfig({ flags: { cwd: root.dir }, cwd: io.cwd, env: io.env });
  for (const warning of config.warnings) io.stderr.write(`smallcode: warning: ${warning}\n`);
  const mirror = config.embedded.mirror?.value;
  const model = DEFAULT_MODEL;
  let path = cachedModel(io.env, model);
  if (args.action === "pull" && !path) path = await pullModel(io, mirror, model);
  const part = partPath(cachedPath(model, io.env));
  const partial = !path && existsSync(part) ? statSync(part).size : undefined;
  const report = {
    model: model.title,
    source: model.source,
    url: modelUrl(model, mirror),
    size: model.size,
    sha256: model.sha256,
    path: cachedPath(model, io.env),
    downloaded: path !== undefined,
    ...(partial !== undefined ? { partialBytes: partial } : {}),
  };
  if (args.json) io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const state = path
      ? "downloaded"
      : partial !== undefined
        ? `not downloaded (${formatBytes(partial)} of it in ${part}; \`smallcode models pull\` resumes)`
        : "not downloaded: `smallcode models pull` downloads it, or pass --download-model to a run";
    io.stdout.write(
      [
        `default model  ${model.title}`,
        `  file         ${report.path}`,
        `  state        ${state}`,
        `  size         ${formatBytes(model.size)} (${model.size} bytes)`,
        `  sha256       ${model.sha256}`,
        `  from         ${report.url}`,
        "",
      ].join("\n"),
    );
  }
  return path ? 0 : 1;
}
