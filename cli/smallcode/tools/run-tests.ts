import { type RunTestsArgs, runTestsParams } from "../../../generated/index.ts";
import { capOutput } from "./cap.ts";
import { checkCommand } from "./refusals.ts";
import { detectTestCommand, runnerOf, shellQuote, type TestCommand, withFilter } from "./tests-detect.ts";
import { parseTestOutput } from "./tests-parse.ts";
import type { TestFailure } from "./tests-report.ts";
import { count, fail, plural, type Tool, type ToolResult } from "./tool.ts";

/** Arguments of `run_tests`, as declared in marrow/tools.marrow. */
export type { RunTestsArgs } from "../../../generated/index.ts";

/** What `run_tests` returns: counts, failures, and how the run went. */
export interface RunTestsResult extends ToolResult {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly failures: readonly TestFailure[];
  /** False when the output matched no known runner format (the counts are then 0). */
  readonly parsed: boolean;
  readonly runner?: string;
  readonly command?: string;
  readonly exitCode?: number | null;
  readonly timedOut?: boolean;
}

/** Failures listed in the text before the rest are only counted. */
const MAX_LISTED_FAILURES = 20;

const EMPTY = { passed: 0, failed: 0, skipped: 0, failures: [], parsed: false } as const;

function fromCommand(root: string, command: string): TestCommand {
  const runner = runnerOf(command);
  const script = /^(npm|pnpm|yarn|bun)\s+(run\s+)?test\b/.exec(command.trim());
  if (script) {
    const detected = detectTestCommand(root);
    const viaScript = script[1] as TestCommand["viaScript"];
    return {
      runner: detected?.runner ?? runner ?? "script",
      command,
      viaScript,
      source: "the given command",
    };
  }
  return { runner: runner ?? "script", command, viaScript: null, source: "the given command" };
}

function listFailures(failures: readonly TestFailure[]): string {
  const shown = failures.slice(0, MAX_LISTED_FAILURES).map((f, i) => {
    const message = f.message ? `\n   ${f.message}` : "";
    return `${i + 1}. ${f.name}${message}`;
  });
  if (failures.length > MAX_LISTED_FAILURES)
    shown.push(`… ${count(failures.length - MAX_LISTED_FAILURES)} more failures`);
  return shown.join("\n");
}

/**
 * `run_tests(command?, filter?)`: runs the project's tests (detected from its files unless a command
 * is given) from the project root through the session shell, and returns pass/fail/skip counts, the
 * failing tests with their first error lines, and the capped output.
 */
export const runTestsTool: Tool<RunTestsArgs, RunTestsResult> = {
  name: "run_tests",
  params: runTestsParams,
  async run(args, ctx) {
    const test = args.command ? fromCommand(ctx.cwd, args.command) : detectTestCommand(ctx.cwd);
    if (test === null) {
      return {
        ...fail(
          "no test runner found: looked for package.json scripts.test, vitest/jest/mocha dependencies, Cargo.toml, " +
            'go.mod, pytest files, a Makefile test target and *.test.js files; pass the command, e.g. run_tests(command="npm test")',
        ),
        ...EMPTY,
      };
    }
    const refusal = checkCommand(test.command);
    if (refusal)
      return {
        ...fail(`refused: \`${refusal.command}\` ${refusal.reason}; instead, ${refusal.instead}`),
        ...EMPTY,
      };

    const notes: string[] = [];
    let command = test.command;
    if (args.filter) {
      const filtered = withFilter(test, args.filter);
      if (filtered === null)
        notes.push(`filter ignored: no known way to pass it to \`${command}\`; put it in command`);
      else command = filtered;
    }
    const timeoutS = ctx.limits.testTimeoutS;
    const run = await ctx.shell.run(`(cd ${shellQuote(ctx.cwd)} && export CI=true && ${command})`, {
      timeoutMs: timeoutS * 1000,
      signal: ctx.signal,
    });
    const report = parseTestOutput(run.output, test.runner);
    const failed = report?.failed ?? 0;
    const ok = run.exitCode === 0 && failed === 0;
    const seconds = `${(run.durationMs / 1000).toFixed(1)}s`;
    const context = `${report?.format ?? test.runner}; \`${command}\`, exit code ${run.exitCode ?? "none"}, ${seconds}`;

    let head: string;
    if (run.timedOut) head = `TIMED OUT after ${timeoutS}s (\`${command}\`); the run was killed`;
    else if (run.interrupted) head = "INTERRUPTED by the user";
    else if (report) {
      const counts = [`${count(report.failed)} failed`, `${count(report.passed)} passed`];
      if (report.skipped) counts.push(`${count(report.skipped)} skipped`);
      head = `${ok ? "PASSED" : "FAILED"}: ${counts.join(", ")} (${context})`;
    } else {
      head = `${ok ? "PASSED" : "FAILED"}: could not read pass/fail counts from the output (${context})`;
    }
    const parts = [head, ...notes];
    if (report?.failures.length)
      parts.push(`Failures (${plural(report.failures.length, "test")}):\n${listFailures(report.failures)}`);
    const { limits } = ctx;
    const capped = capOutput(run.output, {
      maxLines: ok ? 15 : Math.max(30, Math.floor(limits.maxOutputLines / 2)),
      maxChars: ok ? 1500 : Math.max(2000, Math.floor(limits.maxOutputChars / 2)),
      maxLineChars: limits.maxLineChars,
      hint: "run the failing test alone with filter, or use bash with `| grep` or `| tail -n N`",
      headRatio: ok ? 0 : 0.25,
    });
    if (capped.text.trim())
      parts.push(`--- output${capped.truncated ? " (cut)" : ""} ---\n${capped.text.trimEnd()}`);
    return {
      ok,
      output: parts.join("\n"),
      truncated: capped.truncated,
      passed: report?.passed ?? 0,
      failed,
      skipped: report?.skipped ?? 0,
      failures: report?.failures ?? [],
      parsed: report !== null,
      runner: report?.format ?? test.runner,
      command,
      exitCode: run.exitCode,
      timedOut: run.timedOut,
    };
  },
};
