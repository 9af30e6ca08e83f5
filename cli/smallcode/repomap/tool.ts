import { type SymbolsArgs, symbolsParams } from "../../../generated/index.ts";
import { resolveInProject } from "../tools/paths.ts";
import { fail, type Tool, type ToolResult } from "../tools/tool.ts";
import { inStateFolder } from "../tools/walk.ts";
import { buildRepoIndex } from "./build.ts";
import { mapOf } from "./index.ts";
import { languageOf } from "./languages.ts";
import { describeName, outline } from "./symbols.ts";

/** Arguments of `symbols`, as declared in marrow/tools.marrow. */
export type { SymbolsArgs } from "../../../generated/index.ts";

/** Tokens of the map `symbols` shows when asked for neither a name nor a file. */
export const OVERVIEW_TOKENS = 600;

/**
 * `symbols(name?, path?)`: where `name` is defined (file, line, signature) and which files use it;
 * with `path`, the outline of that file; with neither, the repo map. Reads the index through the
 * parse cache, so only files changed since the last call are parsed again.
 */
export const symbolsTool: Tool<SymbolsArgs, ToolResult> = {
  name: "symbols",
  params: symbolsParams,
  async run(args, ctx) {
    let rel: string | undefined;
    if (args.path !== undefined) {
      const resolved = await resolveInProject(ctx.cwd, args.path);
      if (!resolved.ok) return fail(resolved.message);
      rel = resolved.path.rel;
      if (inStateFolder(rel)) return fail("`.smallcode/` is SmallCode's own state, not part of the project");
      if (rel !== "." && languageOf(rel) === undefined && args.name === undefined)
        return fail(
          `\`${rel}\` is not a source file the map reads (TypeScript, JavaScript, Python, Go, Rust); use read_file`,
        );
    }
    const index = await buildRepoIndex(ctx.cwd, ctx.signal ? { signal: ctx.signal } : {});
    // A cache that cannot be written is the user's concern, not the model's: only gaps in the index are told.
    const gaps = index.problems.filter((p) => !p.startsWith("the repo map cache"));
    const notes = gaps.length > 0 ? `\n[${gaps.join("; ")}]` : "";
    if (args.name !== undefined) {
      const inside =
        rel === undefined || rel === "."
          ? index.files
          : index.files.filter((f) => f.path === rel || f.path.startsWith(`${rel}/`));
      return { ok: true, output: describeName(inside, args.name) + notes };
    }
    if (rel !== undefined && rel !== ".") {
      const file = index.files.find((f) => f.path === rel);
      if (file) return { ok: true, output: outline(file) + notes };
      const under = index.files.filter((f) => f.path.startsWith(`${rel}/`));
      if (under.length === 0) return fail(`no indexed source file at \`${rel}\``);
      return { ok: true, output: mapOf({ ...index, files: under }, { budget: OVERVIEW_TOKENS }) + notes };
    }
    const map = mapOf(index, { budget: OVERVIEW_TOKENS });
    return { ok: true, output: (map || "no source files with definitions in this project") + notes };
  },
};
