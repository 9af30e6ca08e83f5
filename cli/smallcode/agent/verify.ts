import { existsSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { CheckEvidence, FailedWrite, GuardContext, RunEvidence, StopReason } from "../contract/index.ts";
import { asEvidence, fallbackCheck } from "../contracts/checks.ts";
import { EDIT_TOOLS, needsChanges, pathOf } from "../guard-kit/calls.ts";
import { missingLiteral } from "../guard-kit/literals.ts";
import { editTargets, filesToCreate, isByProduct, namedPaths, soleEditTarget } from "../guard-kit/targets.ts";
import { excerpt } from "../planning/validate.ts";
import { asksForChanges, fallbackTaskType } from "./classify.ts";
import { memoryWork } from "./memory-work.ts";
import { guardContext, type Run } from "./state.ts";

/**
 * The verdict on a run whose model said it was done: `success` only with evidence. A task that asks
 * for changes needs at least one on disk (else `write_failed` when the model's writes failed, or
 * `no_changes`); changes need checks that pass after the last one — the project's tests, else syntax
 * checks of the changed files, and the definition of done the model declared, if any (`checks_failing`
 * when one fails; a declared check alone may be vacuous, so it never suffices). Changed code that no
 * check could cover is `unverified`; changed prose (Markdown, plain text) stands on being on disk.
 * Passing tests the run itself changed, on a task not about tests, are `unverified` too (a small model
 * "fixes" a bug by editing the test). A question answered without changes succeeds as it is. A task
 * whose words ask for no file change ("remember that we use pnpm", labelled coding) succeeds on memory
 * work the store confirms (agent/memory-work.ts); a task that plainly asks for file changes still needs them.
 * By-products of commands (lock files, caches, build output) are never the change on their own, and a
 * task that names the one file to change ("add a key to package.json") needs it changed, unless the
 * project's tests pass after another file's change (guard-kit/targets.ts). A task that names the value
 * it wants ("change MAX_USERS from 10 to 25", "rename w to width") needs a changed file that contains
 * it, unless the project's tests pass (guard-kit/literals.ts): else `unverified`.
 */

/** The outcome of a finished run: whether it succeeded, why it stopped, and the evidence. */
export interface Verdict {
  readonly success: boolean;
  readonly stopReason: StopReason;
  readonly evidence: RunEvidence;
}

/** Files a check cannot judge and a person reads: their presence on disk is the evidence. */
const PROSE = new Set([".md", ".markdown", ".txt", ".rst", ".adoc", ".org"]);
const PROSE_NAMES = /^(readme|license|licence|changelog|authors|contributing|notice|copying)$/i;

/** Test files by the usual conventions (JavaScript, TypeScript, Python, Go, Ruby, test folders). */
const TEST_FILE =
  /(^|\/)(tests?|__tests__|spec)\/|(^|\/)test_[^/]*\.py$|_(test|spec)\.(py|go|rb)$|\.(test|spec)\.[cm]?[jt]sx?$/;

/** A task that is about tests may change them. */
const ABOUT_TESTS = /\b(tests?|specs?|testing|assertions?)\b/i;

/** Task types that are answered by reading (an explicit change request overrides them). */
const READING = new Set(["explain", "search", "chat"]);

/**
 * Whether the task asks for a change on disk: the classifier's label says so and the task text is not
 * plainly a question, or the text plainly asks for a change to something in the project.
 */
export function asksForChange(task: string, taskType: string): boolean {
  if (asksForChanges(task)) return true;
  return needsChanges({ task, taskType }) && !READING.has(fallbackTaskType(task));
}

/** Whether a changed path is prose, which no check judges. */
export function isProse(path: string): boolean {
  const name = basename(path);
  return PROSE.has(extname(name).toLowerCase()) || PROSE_NAMES.test(name);
}

/** Every change of the run: created files still on disk, edited, deleted, both paths of a rename. */
function allChanges(run: Run): string[] {
  const { created, edited, deleted, renamed } = run.changes;
  const kept = [...created].filter((p) => existsSync(join(run.cwd, p)));
  const moved = [...renamed].flatMap(([to, from]) => [from, to]);
  return [...new Set([...kept, ...edited, ...deleted, ...moved])].sort();
}

/**
 * The run's changes a person would call its work: all of them but the by-products of commands (lock
 * files, caches, build output; guard-kit/targets.ts), unless the task names that file.
 */
export function intendedChanges(run: Run): string[] {
  const named = namedPaths(run.task);
  return allChanges(run).filter((p) => !isByProduct(p) || named.includes(p));
}

/** "package.json, which the task names, did not change", or "none of a.ts, b.ts, … changed". */
function untouched(targets: readonly string[]): string {
  const list = targets.slice(0, 5).join(", ");
  return targets.length === 1
    ? `${list}, which the task names, did not change`
    : `none of ${list}, which the task names, changed`;
}

/** The changes in words: `changed a.md; deleted b.md; renamed c.md to d.md`. */
function described(run: Run, changes: readonly string[]): string {
  const { deleted, renamed } = run.changes;
  const moved = new Set([...renamed].flatMap(([to, from]) => [from, to]));
  const parts: string[] = [];
  const changed = changes.filter((p) => !deleted.has(p) && !moved.has(p));
  if (changed.length > 0) parts.push(`changed ${changed.join(", ")}`);
  const gone = changes.filter((p) => deleted.has(p));
  if (gone.length > 0) parts.push(`deleted ${gone.join(", ")}`);
  const moves = [...renamed].filter(([to]) => changes.includes(to)).map(([to, from]) => `${from} to ${to}`);
  if (moves.length > 0) parts.push(`renamed ${moves.join(", ")}`);
  return parts.join("; ");
}

/** The failed writes of edit tools, shortened. */
function failedWrites(run: Run): FailedWrite[] {
  return run.outcomes
    .filter((o) => EDIT_TOOLS.has(o.call.name) && !o.ok)
    .slice(-5)
    .map((o) => ({
      tool: o.call.name,
      path: pathOf(o.call, run.cwd) ?? "?",
      error: excerpt(o.output, 300),
    }));
}

/** The guards' checks after the last change (a failing answer counts as absent). */
function hookChecks(run: Run, ctx: GuardContext) {
  return run.guards.doneChecks(ctx);
}

const quoted = (checks: readonly CheckEvidence[]) => checks.map((c) => `\`${c.command}\``).join(", ");

/**
 * What the checks said before the task (guards/baseline.ts), for the verdict: "newly failing",
 * "still failing as before", "now passing"; empty when no baseline was taken.
 */
function sinceBefore(checks: readonly CheckEvidence[]): string {
  const parts: string[] = [];
  for (const c of checks) {
    const b = c.baseline;
    if (!b) continue;
    const name = `\`${c.command}\``;
    if (c.ok && !b.ok) parts.push(`${name} is now passing: it failed before the task`);
    else if (!c.ok && b.ok) parts.push(`${name} is newly failing: it passed before the task`);
    else if (!c.ok && b.sameFailure)
      parts.push(`${name} is still failing as before the task, with the same failures`);
    else if (!c.ok) parts.push(`${name} failed before the task too, but differently`);
  }
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

/**
 * Whether the next act turn must be a tool call (`tool_choice: required`): the verdict would need a
 * change on disk (the task asks for one, or names a file to write that is missing) and the run has
 * made none, so an answer now can only end in `no_changes`. Small models answer "Created
 * greeting.txt" without a call; an embedded model's grammar then offers no answer branch. Memory
 * work that the verdict accepts as the task's work lifts it, as does any intended change. Decided
 * here, per turn, not in MarrowScript: it depends on the run's state, which a declaration cannot see.
 */
export function mustCallTool(run: Run): boolean {
  if (intendedChanges(run).length > 0) return false;
  if (memoryWork(run).length > 0 && !asksForChanges(run.task)) return false;
  if (asksForChange(run.task, run.taskType)) return true;
  return filesToCreate(run.task, editTargets(run.task, run.cwd), run.cwd).length > 0;
}

/** The verdict on a run the model ended with a final answer. */
export async function verifyOutcome(run: Run): Promise<Verdict> {
  const changes = intendedChanges(run);
  // a file the task asks to be written that is still missing makes it a change task, whatever its label
  const targets = editTargets(run.task, run.cwd);
  const missing = filesToCreate(run.task, targets, run.cwd);
  const wanted = asksForChange(run.task, run.taskType) || missing.length > 0;
  const verdict = (
    success: boolean,
    stopReason: StopReason,
    text: string,
    checks: readonly CheckEvidence[] = [],
    writes: readonly FailedWrite[] = [],
  ): Verdict => ({ success, stopReason, evidence: { verdict: text, checks, changes, failedWrites: writes } });

  const byProducts = allChanges(run).filter((p) => !changes.includes(p));
  const madeByCommands =
    byProducts.length > 0 ? `only ${byProducts.slice(0, 5).join(", ")} changed (written by a command)` : "";

  if (changes.length === 0) {
    if (!wanted) return verdict(true, "done", "the task asked for an answer, not a change");
    const memory = memoryWork(run);
    const remembered = memory.map((m) => m.text).join("; ");
    // "remember that …" is labelled coding, yet its work is in the memory store: that is the evidence
    if (memory.length > 0 && !asksForChanges(run.task))
      return verdict(
        true,
        "done",
        `the task's work is in project memory, checked in the store: ${remembered}`,
      );
    const writes = failedWrites(run);
    if (writes.length > 0)
      return verdict(
        false,
        "write_failed",
        "the model said it was done, but its writes failed and no file changed",
        [],
        writes,
      );
    const only = memory.length > 0 ? ` (it only changed project memory: ${remembered})` : "";
    // a lock file `npm update` wrote is no evidence of the requested edit: say what did happen
    if (madeByCommands !== "") {
      const named = targets.length > 0 ? `${untouched(targets)}; ` : "no file the task asks for changed; ";
      return verdict(false, "no_changes", `the model said it was done, but ${named}${madeByCommands}${only}`);
    }
    const absent =
      missing.length > 0
        ? ` (${missing.slice(0, 5).join(", ")}, which the task asks for, does not exist)`
        : "";
    return verdict(
      false,
      "no_changes",
      `the model said it was done, but the task asks for a change and no file changed${absent}${only}`,
    );
  }

  const ctx = guardContext(run);
  const given = await hookChecks(run, ctx);
  let checks = given?.checks ?? [];
  if (!given) {
    const own = await fallbackCheck(ctx, run.tools.shell);
    checks = own ? [asEvidence(own)] : [];
  }
  const failing = checks.filter((c) => !c.ok);
  if (failing.length > 0) {
    const what = failing.some((c) => c.source === "done_when")
      ? "the definition of done is not met"
      : "the project's checks fail";
    return verdict(
      false,
      "checks_failing",
      `the model said it was done, but ${what}: ${quoted(failing)} failed after the last change${sinceBefore(failing)}`,
      checks,
    );
  }
  const tests = changes.filter((p) => TEST_FILE.test(p));
  if (checks.some((c) => c.source === "tests") && tests.length > 0 && !ABOUT_TESTS.test(run.task))
    return verdict(
      false,
      "unverified",
      `${quoted(checks)} passed, but the run changed the tests themselves (${tests.slice(0, 5).join(", ")}) on a task that is not about tests`,
      checks,
    );
  // the task names the one file to change and it did not: only the project's passing tests make
  // another file's change the requested one ("fix the failing test in a.test.js" is fixed in a.js)
  const sole = soleEditTarget(run.task, run.cwd);
  if (sole !== undefined && !changes.includes(sole) && !checks.some((c) => c.source === "tests")) {
    const also = madeByCommands !== "" ? `; ${byProducts.slice(0, 5).join(", ")} changed by a command` : "";
    return verdict(
      false,
      "unverified",
      `the model said it was done, but ${untouched([sole])}; the run only ${described(run, changes)}${also}`,
      checks,
    );
  }
  // "change MAX_USERS from 10 to 25" and the model wrote 30: a syntax check passes, yet the value the
  // task names is nowhere in the changed files (guard-kit/literals.ts); passing tests outweigh this
  const literal = checks.some((c) => c.source === "tests")
    ? undefined
    : missingLiteral(run.task, run.cwd, changes);
  if (literal !== undefined) {
    const shown = literal.kind === "number" ? literal.value : `"${literal.value}"`;
    return verdict(
      false,
      "unverified",
      `the model said it was done, but the task asks for ${shown} and no changed file contains it (the run ${described(run, changes)})`,
      checks,
    );
  }
  if (checks.length > 0)
    return verdict(
      true,
      "done",
      `${quoted(checks)} passed after the last change${sinceBefore(checks)}`,
      checks,
    );
  const code = changes.filter((p) => !isProse(p));
  if (code.length === 0)
    return verdict(true, "done", `${described(run, changes)}; no check applies to prose`);
  return verdict(
    false,
    "unverified",
    `the model said it was done, but no check could run on ${code.slice(0, 5).join(", ")} (no tests found, no syntax check for these files)`,
  );
}

/** The evidence of a run that ended before the model said it was done. */
export function stoppedEvidence(run: Run, message: string): RunEvidence {
  return { verdict: message, checks: [], changes: intendedChanges(run), failedWrites: [] };
}
