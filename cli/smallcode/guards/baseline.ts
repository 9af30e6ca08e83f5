import {
  ALLOW,
  type Guard,
  type GuardContext,
  type GuardVerdict,
  type PendingCall,
} from "../contract/index.ts";
import { type FallbackResult, fallbackCheck } from "../contracts/checks.ts";
import { GUARD_TOOLS, needsChanges, READ_ONLY_TOOLS } from "../guard-kit/calls.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";
import type { ShellSession } from "../tools/tool.ts";

/**
 * The project's checks before the task: right before the first call that may change files, on a
 * task that asks for changes, the project's tests (the same detection as the definition-of-done
 * fallback) run once, so the verdict can tell "still failing as before" from "newly failing" and
 * "now passing". Cheap by construction: nothing runs on a task that only reads, nor in a project
 * without detected tests, nor with the fallback checks off. It runs before the snapshot guard records
 * the call, through the guards' tracked shell, so what the tests write is undone with the task and
 * not counted as the call's change.
 */

/** The guard's name (not a switch of its own: it follows `contracts-fallback`). */
export const BASELINE = "contracts-baseline";

/** The baseline guard: a `Guard` plus the result it recorded for the current task. */
export interface BaselineGuard extends Guard {
  /** The tests' result before the task's first change; undefined when none ran. */
  result(): FallbackResult | undefined;
}

/** Tools that keep to SmallCode's own stores (memory, skills) and never touch the project's files. */
const OWN_STORES: ReadonlySet<string> = new Set(["memory", "skill"]);

function mayChange(name: string): boolean {
  return !READ_ONLY_TOOLS.has(name) && !GUARD_TOOLS.has(name) && !OWN_STORES.has(name);
}

/** Creates the baseline guard; `shell` is the guards' shell (tracked by the snapshot guard). */
export function baselineGuard(
  t: Thresholds,
  shell: (cwd: string) => ShellSession | undefined,
): BaselineGuard {
  let taken = false;
  let result: FallbackResult | undefined;
  return {
    name: BASELINE,
    result: () => result,
    start() {
      taken = false;
      result = undefined;
    },
    async beforeTool(call: PendingCall, ctx: GuardContext): Promise<GuardVerdict> {
      if (taken || !t.contractFallbackChecks || !mayChange(call.name) || !needsChanges(ctx)) return ALLOW;
      taken = true;
      // something changed already (an earlier task of the session left files): no clean "before"
      if (ctx.filesChanged.size > 0) return ALLOW;
      try {
        const report = ctx.onCheck;
        const onCheck = report && ((line: string) => report(`before the task: ${line}`));
        const before = await fallbackCheck(
          { cwd: ctx.cwd, filesChanged: new Set(), ...(onCheck ? { onCheck } : {}) },
          shell(ctx.cwd),
          t,
        );
        result = before?.kind === "tests" ? before : undefined;
      } catch {
        result = undefined; // no baseline is better than a wrong one
      }
      return ALLOW;
    },
  };
}
