import { isAbsolute, relative } from "node:path";
import { type BashArgs, bashParams } from "../../../generated/index.ts";
import { capOutput } from "./cap.ts";
import { toPosix } from "./paths.ts";
import { checkCommand } from "./refusals.ts";
import { fail, type Tool, type ToolResult } from "./tool.ts";

/** Arguments of `bash`, as declared in marrow/tools.marrow. */
export type { BashArgs } from "../../../generated/index.ts";

/** What `bash` returns besides the text: the exit status, whether it timed out, the shell's cwd. */
export interface BashResult extends ToolResult {
  readonly exitCode?: number | null;
  readonly timedOut?: boolean;
  /** The shell's cwd after the command (absolute). */
  readonly cwd?: string;
  readonly durationMs?: number;
}

/** How the model can see more of an output that was cut. */
export const BASH_MORE_HINT =
  "re-run with `| head -n N`, `| tail -n N` or `| grep PATTERN`, or redirect to a file and read_file it";

/** The shell's cwd as shown to the model: relative to the project when inside it. */
function shownCwd(root: string, cwd: string): string {
  const rel = relative(root, cwd);
  if (rel === "") return ".";
  return rel.startsWith("..") || isAbsolute(rel) ? cwd : toPosix(rel);
}

/**
 * `bash(command, timeout_s?)`: runs a command in the session's persistent shell (cwd and exported
 * variables survive between calls). Interactive programs and servers are refused up front with what
 * to do instead; output is capped head + tail; a timeout kills the command and restarts the shell.
 */
export const bashTool: Tool<BashArgs, BashResult> = {
  name: "bash",
  params: bashParams,
  async run(args, ctx) {
    const refusal = checkCommand(args.command);
    if (refusal)
      return fail(`refused: \`${refusal.command}\` ${refusal.reason}; instead, ${refusal.instead}`);

    const { limits } = ctx;
    const requested = args.timeout_s ?? limits.bashTimeoutS;
    const timeoutS = Math.min(Math.max(1, requested), limits.bashMaxTimeoutS);
    const run = await ctx.shell.run(args.command, { timeoutMs: timeoutS * 1000, signal: ctx.signal });
    const capped = capOutput(run.output, {
      maxLines: limits.maxOutputLines,
      maxChars: limits.maxOutputChars,
      maxLineChars: limits.maxLineChars,
      hint: BASH_MORE_HINT,
      headRatio: 0.4,
    });
    const where = shownCwd(ctx.cwd, run.cwd);
    let status: string;
    if (run.timedOut) {
      status =
        `[timed out after ${timeoutS}s and was killed; the shell was restarted in ${where} with exported variables kept. ` +
        `Pass a larger timeout_s (at most ${limits.bashMaxTimeoutS}) or run it in the background: nohup CMD > out.log 2>&1 &]`;
    } else if (run.interrupted) {
      status = "[interrupted by the user; the command was killed]";
    } else {
      status = `[exit code ${run.exitCode ?? "unknown"}${where === "." ? "" : `; cwd: ${where}`}]`;
    }
    if (requested > limits.bashMaxTimeoutS) status += ` (timeout_s capped at ${limits.bashMaxTimeoutS})`;
    const body = capped.text.trimEnd() === "" ? "(no output)" : capped.text.trimEnd();
    return {
      ok: run.exitCode === 0,
      output: `${body}\n${status}`,
      truncated: capped.truncated || run.droppedBytes > 0,
      exitCode: run.exitCode,
      timedOut: run.timedOut,
      cwd: run.cwd,
      durationMs: run.durationMs,
    };
  },
};
