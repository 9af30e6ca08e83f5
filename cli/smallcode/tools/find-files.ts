import { realpath, stat } from "node:fs/promises";
import { type FindFilesArgs, findFilesParams } from "../../../generated/index.ts";
import { resolveInProject } from "./paths.ts";
import { didYouMean } from "./suggest.ts";
import { count, fail, type Tool, type ToolResult } from "./tool.ts";
import { globProblem, inStateFolder, listFiles, STATE_FOLDER_REFUSAL, toProjectGlob } from "./walk.ts";

/** Arguments of `find_files`, as declared in marrow/tools.marrow. */
export type { FindFilesArgs } from "../../../generated/index.ts";

/** What `find_files` returns besides the text. */
export interface FindFilesResult extends ToolResult {
  /** All matching paths (project-relative, sorted), not only the ones shown. */
  readonly files?: readonly string[];
}

/**
 * `find_files(pattern, path?)`: project files matching a glob, sorted, capped at
 * `limits.findMaxResults`. A glob without `/` matches at any depth (`*.ts` finds `src/a/b.ts`);
 * .gitignore'd files, `node_modules/` and `.git/` are left out, and so is anything outside the project.
 */
export const findFilesTool: Tool<FindFilesArgs, FindFilesResult> = {
  name: "find_files",
  params: findFilesParams,
  async run(args, ctx) {
    const problem = globProblem(args.pattern);
    if (problem) return fail(problem);
    let base = ".";
    if (args.path !== undefined) {
      const resolved = await resolveInProject(ctx.cwd, args.path);
      if (!resolved.ok) return fail(resolved.message);
      base = resolved.path.rel;
      if (inStateFolder(base)) return fail(STATE_FOLDER_REFUSAL);
      const info = await stat(resolved.path.abs).catch(() => null);
      if (info === null)
        return fail(`directory not found: \`${base}\`.${await didYouMean(ctx.cwd, base, ctx.signal)}`);
      if (!info.isDirectory())
        return fail(`\`${base}\` is a file, not a directory; pass its directory as path`);
    }
    const glob = toProjectGlob(args.pattern, base);
    const files = await listFiles(await realpath(ctx.cwd), [glob], { signal: ctx.signal });
    const where = base === "." ? "" : ` in \`${base}\``;
    if (files.length === 0) {
      return { ok: true, output: `no files match \`${args.pattern}\`${where}`, files };
    }
    const max = ctx.limits.findMaxResults;
    const shown = files.slice(0, max);
    const footer =
      files.length > max
        ? `\n[showing ${count(max)} of ${count(files.length)} files; use a narrower pattern or path to see the rest]`
        : "";
    return { ok: true, output: shown.join("\n") + footer, truncated: files.length > max, files };
  },
};
