import { ALLOW, type Guard, type GuardContext, type GuardVerdict } from "../contract/index.ts";
import { needsChanges, steer, withTools } from "../guard-kit/calls.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";
import type { ShellSession } from "../tools/tool.ts";
import { clearNotes, readNotes, showNotes } from "./notes.ts";
import { configurePlanning } from "./settings.ts";
import { clearTodo, readTodo, showTodo } from "./todo.ts";
import { type Check, detectChecks, runChecks } from "./validate.ts";

/**
 * The planning guard: working memory for long tasks. A long task (many words or several asks) is
 * decomposed by the model into `.smallcode/TODO.md` through the `todo` tool; the plan, with the
 * current step marked, and the model's scratchpad notes are shown on every turn through the notes
 * hook, within its token budget. Each step is validated (type-check, lint, tests) by `todo(done=N)`
 * before it closes. Plan and notes start empty with each task.
 */

/** Switch name of this guard. */
export const PLANNING = "planning";

/** Options of the planning guard. */
export interface PlanningOptions {
  /** Checks that validate a step (default: detected from the project's files). */
  readonly checks?: readonly Check[];
  /** The session's shell, to run checks outside the `todo` tool (auto-rollback validation). */
  readonly shell?: (cwd: string) => ShellSession | undefined;
}

/** The planning guard, which can also validate the whole project. */
export interface PlanningGuard extends Guard {
  /** Runs the project's checks: true when they pass (or there are none, or no shell is available). */
  validateProject(ctx: GuardContext): Promise<boolean>;
}

/** How many separate asks a task has: lines, bullets, sentences, `then`/`also` joins. */
export function countAsks(task: string): number {
  return task
    .split(/(?<=[.!?;])\s+|\n+|\b(?:and then|then|also|afterwards)\b/i)
    .map((s) => s.replace(/^\s*([-*•]|\d+[.)])\s*/, "").trim())
    .filter((s) => s.split(/\s+/).length >= 3).length;
}

/** Whether a task is long enough to plan. */
export function isLongTask(task: string, t: Pick<Thresholds, "planMinWords" | "planMinClauses">): boolean {
  return task.trim().split(/\s+/).length >= t.planMinWords || countAsks(task) >= t.planMinClauses;
}

/** Creates the planning guard. */
export function planningGuard(t: Thresholds, options: PlanningOptions = {}): PlanningGuard {
  let refusals = 0;
  return {
    name: PLANNING,

    // a long task that changes files gets the plan tools, whatever routing chose
    offeredTools(names, ctx) {
      return needsChanges(ctx) && isLongTask(ctx.task, t) ? withTools(names, ["todo", "note"]) : [...names];
    },

    async start(ctx) {
      refusals = 0;
      configurePlanning(ctx.cwd, { thresholds: t, checks: options.checks, task: ctx.task });
      await clearTodo(ctx.cwd);
      await clearNotes(ctx.cwd);
    },

    beforeFinish(_answer, ctx): GuardVerdict {
      const open = readTodo(ctx.cwd).filter((s) => s.status === "todo");
      if (open.length === 0 || refusals >= t.planOpenStepRefusals) return ALLOW;
      refusals++;
      return steer(
        `Your plan still has open steps: ${open.map((s) => `${s.n}. ${s.text}`).join("; ")}. ` +
          "Finish them and close each with todo(done=N) — or, if a step is not needed, say so in your answer.",
      );
    },

    notes(ctx, budgetTokens): string {
      const maxChars = Math.max(0, budgetTokens * 4);
      const steps = readTodo(ctx.cwd);
      const notes = readNotes(ctx.cwd);
      const parts: string[] = [];
      if (steps.length > 0) {
        const share = notes.length > 0 ? t.todoBudgetShare : 1;
        parts.push(showTodo(steps, Math.floor(maxChars * share)));
      } else if (needsChanges(ctx) && isLongTask(ctx.task, t)) {
        const hint =
          "This task has several parts. First call todo(steps=...) with 3 to 7 short steps, one per line; " +
          "then do them one at a time and call todo(done=N) after each.";
        if (hint.length <= maxChars) parts.push(hint);
      }
      const used = parts.reduce((n, p) => n + p.length + 2, 0);
      const scratch = showNotes(notes, maxChars - used);
      if (scratch) parts.push(scratch);
      return parts.join("\n\n");
    },

    async validateProject(ctx) {
      const shell = options.shell?.(ctx.cwd);
      const checks = options.checks ?? detectChecks(ctx.cwd);
      if (!shell || checks.length === 0) return true;
      const result = await runChecks(shell, ctx.cwd, checks, {
        timeoutS: t.stepValidationTimeoutS,
        excerptChars: t.contractEvidenceChars,
      });
      return result.ok;
    },
  };
}
