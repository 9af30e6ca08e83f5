import { type TodoArgs, todoParams } from "../../../generated/index.ts";
import { fail, type Tool, type ToolResult } from "../tools/tool.ts";
import { planningSettings } from "./settings.ts";
import { currentStep, readTodo, type Step, splitSteps, writeTodo } from "./todo.ts";
import { detectChecks, runChecks } from "./validate.ts";

/** Arguments of `todo`, as declared in marrow/tools.marrow. */
export type { TodoArgs } from "../../../generated/index.ts";

function show(steps: readonly Step[]): string {
  const mark = { todo: " ", done: "x", failing: "!" } as const;
  return steps.map((s) => `[${mark[s.status]}] ${s.n}. ${s.text}`).join("\n");
}

function next(steps: readonly Step[]): string {
  const cur = currentStep(steps);
  return cur
    ? `Next: step ${cur.n}: ${cur.text}`
    : "All steps are closed: check the whole task, then answer.";
}

async function close(n: number, ctx: Parameters<Tool["run"]>[1]): Promise<ToolResult> {
  const settings = planningSettings(ctx.cwd);
  const t = settings.thresholds;
  const steps = readTodo(ctx.cwd);
  if (steps.length === 0)
    return fail("there is no plan yet; call todo(steps=...) with one step per line first");
  const step = steps.find((s) => s.n === n);
  if (!step) return fail(`there is no step ${n}; the plan has steps 1–${steps.length}`);
  if (step.status !== "todo") return { ok: true, output: `step ${n} is already closed. ${next(steps)}` };
  const checks = settings.checks ?? detectChecks(ctx.cwd);
  const update = async (s: Step) => {
    const all = steps.map((x) => (x.n === n ? s : x));
    await writeTodo(ctx.cwd, all, settings.task);
    return all;
  };
  if (checks.length === 0) {
    const all = await update({ ...step, status: "done" });
    return { ok: true, output: `step ${n} done (this project has no checks to run). ${next(all)}` };
  }
  const result = await runChecks(ctx.shell, ctx.cwd, checks, {
    timeoutS: t.stepValidationTimeoutS,
    excerptChars: t.contractEvidenceChars,
    signal: ctx.signal,
  });
  if (result.ok) {
    const all = await update({ ...step, status: "done" });
    return { ok: true, output: `step ${n} done; checks pass (${result.ran.join(", ")}). ${next(all)}` };
  }
  const attempts = step.attempts + 1;
  const failure = `\`${result.failed.command}\` (${result.failed.name}) exited ${result.exitCode ?? "without a status"}:\n${result.excerpt}`;
  if (attempts >= t.stepValidationAttempts) {
    const all = await update({ ...step, status: "failing", attempts });
    return {
      ok: true,
      output: `step ${n} closed, but its checks still fail: ${failure}\nFix this in a later step. ${next(all)}`,
    };
  }
  await update({ ...step, attempts });
  return fail(`step ${n} is not done: ${failure}\nFix it, then call todo(done=${n}) again.`);
}

/**
 * `todo(steps?, done?)`: the plan of a long task in `.smallcode/TODO.md`. `steps` (one per line)
 * replaces the plan; `done` closes a step after the project's checks (type-check, lint, tests) pass.
 * With neither, shows the plan.
 */
export const todoTool: Tool<TodoArgs> = {
  name: "todo",
  params: todoParams,
  async run(args, ctx) {
    const { thresholds, task } = planningSettings(ctx.cwd);
    if (args.steps !== undefined) {
      const texts = splitSteps(args.steps, thresholds.planMaxSteps);
      if (texts.length === 0) return fail("`steps` has no steps; write one short step per line");
      const steps: Step[] = texts.map((text, i) => ({ n: i + 1, text, status: "todo", attempts: 0 }));
      await writeTodo(ctx.cwd, steps, task);
      if (args.done === undefined)
        return { ok: true, output: `plan saved:\n${show(steps)}\nWork on step 1 now.` };
    }
    if (args.done !== undefined) return close(args.done, ctx);
    const steps = readTodo(ctx.cwd);
    if (steps.length === 0)
      return { ok: true, output: "no plan yet; call todo(steps=...) with one step per line" };
    return { ok: true, output: `${show(steps)}\n${next(steps)}` };
  },
};
