import { readAndPatchParams } from "../../../generated/index.ts";
import { splitLines } from "./cap.ts";
import { readText } from "./files.ts";
import { numberLines } from "./numbered.ts";
import { applyPatch, type PatchArgs, type PatchResult } from "./patch.ts";
import { resolveInProject } from "./paths.ts";
import { count, type Tool } from "./tool.ts";

/** Unchanged lines shown around the patched region. */
export const REGION_CONTEXT_LINES = 3;
/** Most lines of the region shown. */
const MAX_REGION_LINES = 60;

/**
 * `read_and_patch(path, old_str, new_str)`: `patch`, then the changed region of the file with
 * numbered lines (±3 lines of context) instead of a diff, so the model sees the code as it now is.
 */
export const readAndPatchTool: Tool<PatchArgs, PatchResult> = {
  name: "read_and_patch",
  params: readAndPatchParams,
  async run(args, ctx) {
    const result = await applyPatch(args, ctx);
    if (!result.ok || result.startLine === undefined || result.endLine === undefined) return result;
    const resolved = await resolveInProject(ctx.cwd, args.path);
    if (!resolved.ok) return result;
    const read = await readText(resolved.path.abs, resolved.path.rel);
    if (read.kind !== "text") return result;
    const lines = splitLines(read.text);
    const from = Math.max(1, result.startLine - REGION_CONTEXT_LINES);
    const wanted = Math.min(lines.length, result.endLine + REGION_CONTEXT_LINES);
    const to = Math.min(wanted, from + MAX_REGION_LINES - 1);
    const region = numberLines(lines.slice(from - 1, to), from, { maxLineChars: 400 });
    const more =
      to < wanted ? `; call read_file with start_line=${to + 1} to see the rest of the change` : "";
    const summary = result.output.split("\n")[0];
    return {
      ...result,
      output: `${summary}\n${region}\n[lines ${count(from)}–${count(to)} of ${count(lines.length)}${more}]`,
    };
  },
};
