import { dirname, join } from "node:path";
import { redact } from "../../../runtime/index.ts";
import {
  ALLOW,
  type DoneChecks,
  type Guard,
  type GuardContext,
  type GuardVerdict,
} from "../contract/index.ts";
import { needsChanges, refuse, steer, withTools } from "../guard-kit/calls.ts";
import type { TaskState } from "../guard-kit/task.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";
import { excerpt } from "../planning/validate.ts";
import { assessCommand, type SafetyOptions } from "../safety/guard.ts";
import { ignoreInGit, writeAtomic } from "../snapshots/store.ts";
import { checkCommand } from "../tools/refusals.ts";
import { shellQuote } from "../tools/tests-detect.ts";
import type { ShellSession } from "../tools/tool.ts";
import {
  type Assertion,
  type Declared,
  describeExpectation,
  judge,
  parseDoneWhen,
  parseUserDoneWhen,
  sameAssertion,
} from "./assertions.ts";
import { checkRow, EVIDENCE_CHARS } from "./checks.ts";

/**
 * The definition-of-done guard. The model declares assertions (the `done_when` tool, or a `DONE WHEN:`
 * block in a reply); when it gives its final answer, every assertion is run in the project and the
 * answer is refused (steer) while any fails, up to `contractMaxRefusals` times, after which the
 * answer stands and the run ends as not done (`checks_failing`, with the failing checks as its
 * evidence). Each check's evidence — command, exit code, output excerpt — is written to
 * `.smallcode/contracts/<task-id>.json`.
 *
 * A `DONE WHEN:` block in the user's own task is the user's check: it runs as written (through the
 * same tracked shell), where a model's check must pass the command policy — an opaque shape such as
 * `python3 -c …` is refused unsandboxed for the model, never for the user who wrote it.
 */

/** Switch name of this guard. */
export const CONTRACTS = "contracts";

/** The record of one run of one assertion. */
export interface Evidence {
  readonly assertion: number;
  readonly command: string;
  readonly expected: string;
  readonly status: "passed" | "failed" | "refused";
  readonly exitCode: number | null;
  readonly excerpt: string;
  readonly why?: string;
  readonly at: string;
  readonly ms: number;
}

/** Options of the contracts guard. */
export interface ContractsOptions {
  /** The shell that runs the checks for project `cwd` (the session's, so they are sandboxed like every command). */
  readonly shell?: (cwd: string) => ShellSession | undefined;
  /** The safety settings: a check that would be refused as a command is not run. */
  readonly safety?: SafetyOptions;
}

export type { DoneChecks } from "../contract/index.ts";

/** The contracts guard; `status()` tells the last verdict (for auto-rollback). */
export interface ContractsGuard extends Guard {
  /** `none`: nothing declared or never checked; otherwise how the last check of all assertions went. */
  status(): "none" | "passed" | "failed";
  /** The assertions declared in this task. */
  assertions(): readonly Assertion[];
  /**
   * The declared checks' results after the last tool call: reused when they already ran since, run
   * now otherwise (nothing declared: no checks).
   */
  doneChecks(ctx: GuardContext): Promise<DoneChecks>;
}

/** Path of the evidence file of a task. */
export function evidencePath(cwd: string, taskId: string): string {
  return join(cwd, ".smallcode", "contracts", `${taskId}.json`);
}

/** Creates the contracts guard. */
export function contractsGuard(
  t: Thresholds,
  task: TaskState,
  options: ContractsOptions = {},
): ContractsGuard {
  let declared: Assertion[] = [];
  let evidence: Evidence[] = [];
  let lastStatus: "none" | "passed" | "failed" = "none";
  let refusals = 0;
  /** The last check of every assertion, and when (step and tool calls so far) it ran. */
  let lastRun: { results: Evidence[]; at: string } | undefined;

  const add = (d: Declared, source: Assertion["source"]): boolean => {
    if (declared.length >= t.contractMaxAssertions || declared.some((a) => sameAssertion(a, d))) return false;
    declared.push({ ...d, id: declared.length + 1, source });
    return true;
  };

  const save = async (ctx: GuardContext) => {
    const record = { taskId: task.id, task: ctx.task, status: lastStatus, assertions: declared, evidence };
    const path = evidencePath(ctx.cwd, task.id);
    await writeAtomic(path, `${JSON.stringify(record, null, 2)}\n`);
    await ignoreInGit(dirname(path));
  };

  const check = async (a: Assertion, ctx: GuardContext): Promise<Evidence> => {
    const started = Date.now();
    const base = {
      assertion: a.id,
      command: a.command,
      expected: describeExpectation(a),
      at: new Date().toISOString(),
    };
    // the user's own check is their word; the model's goes through the command policy
    const verdict =
      a.source === "user"
        ? ({ kind: "ok" } as const)
        : assessCommand(a.command, { root: ctx.cwd, cwd: ctx.cwd }, options.safety);
    const refusal = checkCommand(a.command);
    const shell = options.shell?.(ctx.cwd);
    if (verdict.kind !== "ok" || refusal || !shell) {
      const why = !shell
        ? "no shell is available to run it"
        : refusal
          ? `\`${refusal.command}\` ${refusal.reason}`
          : verdict.kind === "refuse"
            ? verdict.message
            : "it is a destructive command";
      return { ...base, status: "refused", exitCode: null, excerpt: "", why, ms: 0 };
    }
    const run = await shell.run(`( cd -- ${shellQuote(ctx.cwd)} && ${a.command} )`, {
      timeoutMs: t.contractTimeoutS * 1000,
    });
    const j = judge(a, run);
    ctx.onCheck?.(checkRow(a.command, j.passed, Date.now() - started, run.output));
    return {
      ...base,
      status: j.passed ? "passed" : "failed",
      exitCode: run.exitCode,
      // redacted before it is cut: a cut in the middle of a secret leaves a start nothing recognises
      excerpt: excerpt(String(redact(run.output, Number.POSITIVE_INFINITY)), t.contractEvidenceChars),
      why: j.why,
      ms: Date.now() - started,
    };
  };

  /** Where the run is: equal while no turn and no tool call has happened and no check was added. */
  const moment = (ctx: GuardContext) => `${ctx.step}:${ctx.outcomes.length}:${declared.length}`;

  /** Runs every assertion now, or (`reuse`) returns the last run's results when nothing happened since. */
  const checkAll = async (ctx: GuardContext, reuse: boolean): Promise<Evidence[]> => {
    if (reuse && lastRun?.at === moment(ctx)) return lastRun.results;
    const results: Evidence[] = [];
    for (const a of declared) results.push(await check(a, ctx));
    evidence.push(...results);
    lastStatus = results.every((r) => r.status === "passed") ? "passed" : "failed";
    lastRun = { results, at: moment(ctx) };
    await save(ctx).catch(() => {});
    return results;
  };

  return {
    name: CONTRACTS,
    status: () => lastStatus,

    // a task that changes files gets done_when, to declare its definition of done
    offeredTools(names, ctx) {
      return needsChanges(ctx) ? withTools(names, ["done_when"]) : [...names];
    },
    assertions: () => declared,

    async doneChecks(ctx): Promise<DoneChecks> {
      if (declared.length === 0) return { declared: false, checks: [] };
      const results = await checkAll(ctx, true);
      return {
        declared: true,
        checks: results.map((r) => ({
          source: "done_when",
          command: r.command,
          ok: r.status === "passed",
          output: excerpt(
            [r.status === "refused" ? `it cannot run: ${r.why}` : (r.why ?? ""), r.excerpt]
              .filter((x) => x !== "")
              .join("\n"),
            EVIDENCE_CHARS,
          ),
        })),
      };
    },

    start(ctx) {
      task.begin(CONTRACTS);
      declared = [];
      evidence = [];
      lastStatus = "none";
      refusals = 0;
      lastRun = undefined;
      for (const d of parseUserDoneWhen(ctx.task)) add(d, "user");
    },

    onReply(reply): GuardVerdict {
      for (const d of parseDoneWhen(reply.text)) add(d, "text");
      return ALLOW;
    },

    beforeTool(call, ctx): GuardVerdict {
      if (call.name !== "done_when" || typeof call.arguments.command !== "string") return ALLOW;
      const command = call.arguments.command;
      // the model repeating the user's check declares nothing new
      if (declared.some((a) => a.source === "user" && a.command.trim() === command.trim())) return ALLOW;
      const verdict = assessCommand(command, { root: ctx.cwd, cwd: ctx.cwd }, options.safety);
      if (verdict.kind !== "ok")
        return refuse("refused: a check must be a harmless command (run tests, a build, the program)");
      if (declared.length >= t.contractMaxAssertions)
        return refuse(`refused: there are already ${t.contractMaxAssertions} checks; that is enough`);
      return ALLOW;
    },

    afterTool(outcome): GuardVerdict {
      const { call } = outcome;
      if (call.name !== "done_when" || !outcome.ok || typeof call.arguments.command !== "string")
        return ALLOW;
      const code = call.arguments.exit_code;
      const contains = call.arguments.output_contains;
      add(
        {
          command: call.arguments.command,
          exitCode:
            typeof code === "number"
              ? code
              : typeof code === "string" && /^\d+$/.test(code)
                ? Number(code)
                : undefined,
          outputContains: typeof contains === "string" && contains !== "" ? contains : undefined,
        },
        "tool",
      );
      return ALLOW;
    },

    async beforeFinish(answer, ctx): Promise<GuardVerdict> {
      for (const d of parseDoneWhen(answer)) add(d, "text");
      if (declared.length === 0) return ALLOW;
      const results = await checkAll(ctx, false);
      const failing = results.filter((r) => r.status !== "passed");
      if (failing.length === 0) return ALLOW;
      refusals++;
      const lines = failing.map(
        (r) =>
          `${r.assertion}. \`${r.command}\` should ${r.expected.replace(/^exits/, "exit").replace(/prints/, "print")}, ` +
          `but ${r.status === "refused" ? `it cannot run: ${r.why}` : r.why}${r.excerpt ? `:\n${r.excerpt}` : ""}`,
      );
      // the model insists: its answer stands, and the run's verdict reports the failing checks
      if (refusals > t.contractMaxRefusals) return ALLOW;
      return steer(
        `Not done yet: ${failing.length} of ${results.length} checks fail.\n${lines.join("\n")}\n` +
          "Fix the problem, then answer again (the checks run again then).",
      );
    },

    async finish(_result, ctx) {
      if (declared.length > 0) await save(ctx).catch(() => {});
      task.end();
    },

    notes(ctx, budgetTokens): string {
      const maxChars = budgetTokens * 4;
      if (declared.length === 0) {
        const hint =
          "Before your final answer, declare how to check the work: call done_when(command, exit_code, output_contains), " +
          'e.g. done_when(command="npm test", exit_code=0). Your answer is accepted only when the checks pass.';
        return !needsChanges(ctx) || hint.length > maxChars ? "" : hint;
      }
      const last = new Map(evidence.map((e) => [e.assertion, e.status]));
      const lines = declared.map((a) => {
        const s = last.get(a.id);
        return `${a.id}. \`${a.command}\` ${describeExpectation(a)}${s ? ` [${s} last time]` : ""}`;
      });
      const text = `Definition of done (run when you answer):\n${lines.join("\n")}`;
      return text.length > maxChars ? text.slice(0, Math.max(0, maxChars)) : text;
    },
  };
}
