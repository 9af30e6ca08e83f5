import { ALLOW, type CheckEvidence, type GuardContext, type GuardVerdict } from "../contract/index.ts";
import { asEvidence, type FallbackResult, fallbackCheck } from "../contracts/checks.ts";
import type { ContractsGuard, DoneChecks } from "../contracts/guard.ts";
import { changedSomething, needsChanges, steer } from "../guard-kit/calls.ts";
import { missingLiteral } from "../guard-kit/literals.ts";
import { isByProduct, soleEditTarget } from "../guard-kit/targets.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";
import { excerpt } from "../planning/validate.ts";
import type { ShellSession } from "../tools/tool.ts";

/**
 * The definition of done when the model declared nothing. On a task that needs changes and changed
 * something, the first final answer without a declared check is refused: the model is told to make
 * sure the whole task is done and to declare a check. SmallCode also runs a check of its own — the
 * project's tests when the `run_tests` detection finds them, else syntax checks of the changed files
 * (`contracts/checks.ts`: `python3 -m py_compile`, `node --check`, `JSON.parse`, `bash -n`, …) — and a failing one refuses the
 * answer with its output: once per distinct failure, at most `contractMaxRefusals` times, after which
 * the answer stands (and the run's verdict then reports the failure). It wraps the contracts guard
 * (same name and switch); `contracts-fallback: false` in the guard switches, or
 * `contractFallbackChecks: false` in the thresholds, turns it off. `doneChecks` gives the run's
 * verdict the checks after the last change, reusing the one this guard ran when nothing changed since.
 */

export { type FallbackResult, fallbackCheck };

/**
 * "package.json, which the task names, has not changed yet …" when the task names one file to change
 * and the run has not changed it (a small model ran `npm update`, which wrote only package-lock.json).
 */
function untouchedTarget(ctx: GuardContext): string {
  const target = soleEditTarget(ctx.task, ctx.cwd);
  if (target === undefined || ctx.filesChanged.has(target)) return "";
  const byProducts = [...ctx.filesChanged].filter(isByProduct).slice(0, 3);
  const only = byProducts.length > 0 ? ` (only ${byProducts.join(", ")} changed, written by a command)` : "";
  return `${target}, which the task names, has not changed yet${only}: change ${target} itself.\n`;
}

/**
 * "The task asks for 25, and no changed file contains it yet …" when the task names the value it wants
 * and the run wrote another one (a small model changed MAX_USERS to 30 for "from 10 to 25"): the
 * verdict would not accept the answer, so the model is told before it answers.
 */
function missingValue(ctx: GuardContext): string {
  const changed = [...ctx.filesChanged];
  const literal = missingLiteral(ctx.task, ctx.cwd, changed);
  if (literal === undefined) return "";
  const shown = literal.kind === "number" ? literal.value : `"${literal.value}"`;
  return `The task asks for ${shown}, and no changed file contains it yet (changed: ${changed.slice(0, 3).join(", ")}).\n`;
}

/** Guard switch that turns the fallback off while the contracts guard stays on. */
export const CONTRACTS_FALLBACK = "contracts-fallback";

function describe(result: FallbackResult | undefined, t: Thresholds): string {
  if (!result) return "No tests or syntax checks could be run for the changed files.";
  if (result.passed)
    return `SmallCode ran \`${result.command}\`: it passes (that may not cover the whole task).`;
  const shown = excerpt(result.output, t.contractFallbackOutputChars);
  return `SmallCode ran \`${result.command}\` and it FAILS:\n${shown}`;
}

/** A check as evidence, with what the same check said before the task (guards/baseline.ts). */
function withBaseline(result: FallbackResult, before: FallbackResult | undefined): CheckEvidence {
  const evidence = asEvidence(result);
  if (!before || before.command !== result.command || before.kind !== result.kind) return evidence;
  const sameFailure = !before.passed && !result.passed && before.key === result.key;
  return { ...evidence, baseline: { ok: before.passed, sameFailure } };
}

/** The contracts guard with the fallback check added to its `beforeFinish`. */
export function withFallbackCheck(
  inner: ContractsGuard,
  t: Thresholds,
  shell: (cwd: string) => ShellSession | undefined,
  baseline: () => FallbackResult | undefined = () => undefined,
): ContractsGuard {
  let challenged = false;
  let refusals = 0;
  let seen = new Set<string>();
  /** The last fallback check, and when (step and tool calls so far) it ran. */
  let last: { result: FallbackResult | undefined; at: string } | undefined;
  const check = async (ctx: GuardContext, reuse: boolean): Promise<FallbackResult | undefined> => {
    const at = `${ctx.step}:${ctx.outcomes.length}`;
    if (!reuse || last?.at !== at) last = { result: await fallbackCheck(ctx, shell(ctx.cwd), t), at };
    return last.result;
  };
  return {
    ...inner,

    // the model's own checks may be vacuous (`true`): the project's checks must pass as well
    async doneChecks(ctx): Promise<DoneChecks> {
      const declared = inner.assertions().length > 0 ? await inner.doneChecks(ctx) : undefined;
      const result = await check(ctx, true);
      const own = result ? [withBaseline(result, baseline())] : [];
      return { declared: declared !== undefined, checks: [...(declared?.checks ?? []), ...own] };
    },

    start(ctx) {
      challenged = false;
      refusals = 0;
      seen = new Set();
      last = undefined;
      return inner.start?.(ctx);
    },

    async beforeFinish(answer, ctx): Promise<GuardVerdict> {
      const verdict = (await inner.beforeFinish?.(answer, ctx)) ?? ALLOW;
      if (verdict.action !== "allow" || !t.contractFallbackChecks || inner.assertions().length > 0)
        return verdict;
      const changed = ctx.filesChanged.size > 0 || ctx.outcomes.some(changedSomething);
      if (!needsChanges(ctx) || !changed || refusals >= t.contractMaxRefusals) return ALLOW;
      const result = await check(ctx, false);
      const failed = result !== undefined && !result.passed;
      if (!challenged) {
        challenged = true;
        refusals++;
        if (failed) seen.add(result.key);
        return steer(
          `Before this answer is accepted: you declared no check of your work (done_when). ${describe(result, t)}\n` +
            untouchedTarget(ctx) +
            missingValue(ctx) +
            "Make sure the whole task is done — every file and every place it touches (search for other uses of " +
            "anything you renamed or changed) — then declare a check with done_when(command=…, exit_code=0) " +
            "and answer again.",
        );
      }
      if (!failed || seen.has(result.key)) return ALLOW;
      seen.add(result.key);
      refusals++;
      return steer(`Not done yet. ${describe(result, t)}\nFix it, then answer again.`);
    },
  };
}
