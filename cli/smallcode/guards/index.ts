import type { Guard, GuardContext } from "../contract/index.ts";
import { CONTRACTS, type ContractsGuard, contractsGuard } from "../contracts/guard.ts";
import { GUARD_TOOLS } from "../guard-kit/calls.ts";
import { TaskState } from "../guard-kit/task.ts";
import { type Thresholds, thresholds } from "../guard-kit/thresholds.ts";
import { PLANNING, type PlanningGuard, planningGuard } from "../planning/guard.ts";
import type { Check } from "../planning/validate.ts";
import { SAFETY, type SafetyOptions, safetyGuard } from "../safety/guard.ts";
import {
  SNAPSHOTS,
  type SnapshotGuard,
  type SnapshotGuardOptions,
  snapshotGuard,
} from "../snapshots/guard.ts";
import { toolNames } from "../toolbox/index.ts";
import { gitAllowed } from "../tools/protected.ts";
import type { SandboxOptions } from "../tools/sandbox.ts";
import { Shell } from "../tools/shell.ts";
import type { ShellSession } from "../tools/tool.ts";
import { baselineGuard } from "./baseline.ts";
import { DEDUP, dedupGuard } from "./dedup.ts";
import { CONTRACTS_FALLBACK, withFallbackCheck } from "./done-fallback.ts";
import { EARLY_STOP, earlyStopGuard } from "./early-stop.ts";
import { type OnExhausted, QUALITY, qualityGuard } from "./quality.ts";
import { READ_BEFORE_WRITE, readBeforeWriteGuard } from "./read-before-write.ts";
import { RETRY_TEMPERATURE, retryTemperatureGuard, type TemperatureGuard } from "./retry-temperature.ts";
import { TOOL_TRUST, type TrustGuard, toolTrustGuard } from "./tool-trust.ts";

/**
 * The built-in guards, built from configuration switches. The agent loop calls
 * `createGuards(switches, options)` once per session and runs the returned guards' hooks; the set also
 * answers the loop's per-turn questions: `offeredTools`, `temperatureFor`, `detectChanges`.
 */

/** Every built-in guard's switch name, in the order the guards run. */
export const GUARD_NAMES = [
  SNAPSHOTS,
  SAFETY,
  QUALITY,
  READ_BEFORE_WRITE,
  CONTRACTS,
  PLANNING,
  EARLY_STOP,
  DEDUP,
  TOOL_TRUST,
  RETRY_TEMPERATURE,
] as const;

/** A built-in guard's switch name (`[guards]` key in the configuration). */
export type GuardName = (typeof GUARD_NAMES)[number];

/** Options of the built-in guards (resolved configuration plus the loop's callbacks). */
export interface GuardOptions
  extends Omit<SafetyOptions, "shellCwd">,
    Omit<SnapshotGuardOptions, "validate"> {
  /** Threshold overrides (tests, experiments); the defaults are in thresholds.ts. */
  readonly thresholds?: Partial<Thresholds>;
  /** Every real tool name; default: the tool registry. */
  readonly knownTools?: readonly string[];
  /** After too many corrections in a row the quality monitor lets the run continue (default) or stops it. */
  readonly onExhausted?: OnExhausted;
  /** The session's shell (or a getter): runs definition-of-done checks and step validations. */
  readonly shell?: ShellSession | (() => ShellSession | undefined);
  /** Sandbox settings for the shell the guards start themselves when none is given. */
  readonly sandbox?: boolean | SandboxOptions;
  /** Checks that validate a plan step and the project (default: detected from its files). */
  readonly checks?: readonly Check[];
}

/**
 * The built-in guards of a session: a plain object. The loop's per-turn questions (offered tools,
 * temperature, change detection, done checks) are methods of the guards themselves, which the runner
 * (agent/guards.ts) combines.
 */
export interface GuardSet {
  /** The guards that are on, in the order they run. */
  readonly guards: readonly Guard[];
  /** Which built-in guards are on. */
  readonly switches: Readonly<Record<GuardName, boolean>>;
  /** The current task's id (snapshot and evidence directory names). */
  readonly taskId: string;
  /** Closes the shell the guards started for themselves, if any. */
  close(): Promise<void>;
}

/** Whether switch `name` is on: everything is on unless switched off. */
function on(switches: Readonly<Record<string, boolean>>, name: GuardName): boolean {
  return switches[name] !== false;
}

/**
 * Builds the built-in guards that `switches` leave on (every guard is on unless its name maps to
 * false), sharing one task id and one shell.
 */
export function createGuards(
  switches: Readonly<Record<string, boolean>> = {},
  options: GuardOptions = {},
): GuardSet {
  const t = thresholds({
    ...options.thresholds,
    ...(switches[CONTRACTS_FALLBACK] === false ? { contractFallbackChecks: false } : {}),
  });
  const task = new TaskState();
  let own: Shell | undefined;
  const given =
    typeof options.shell === "function" ? options.shell : () => options.shell as ShellSession | undefined;
  let snapshots: SnapshotGuard | undefined;
  /**
   * The session's shell, or one the guards start in `cwd` when the loop gave none; the commands the
   * guards run through it (checks, validations) are recorded in the task's snapshot.
   */
  const shell = (cwd: string): ShellSession => {
    let session = given();
    if (!session) {
      own ??= new Shell({ cwd, sandbox: options.sandbox });
      session = own;
    }
    return snapshots ? snapshots.track(session) : session;
  };
  /** Opaque commands cannot reach what undo cannot repair: sandboxed, no network, `.git` read-only. */
  const sandboxed = () => {
    const s = (given() ?? own)?.sandbox as { active: boolean; network?: boolean } | undefined;
    return s?.active === true && s.network !== true && !gitAllowed(options.allowDestructive);
  };
  const safety: SafetyOptions = { ...options, shellCwd: () => given()?.cwd, sandboxed };
  const knownTools = options.knownTools ?? [...new Set([...toolNames, ...GUARD_TOOLS])];

  // the project's tests before the first change, for "still failing as before" (guards/baseline.ts)
  const baseline = on(switches, CONTRACTS) ? baselineGuard(t, shell) : undefined;
  const contracts = on(switches, CONTRACTS)
    ? withFallbackCheck(contractsGuard(t, task, { shell, safety }), t, shell, () => baseline?.result())
    : undefined;
  const planning = on(switches, PLANNING) ? planningGuard(t, { checks: options.checks, shell }) : undefined;
  const trust = on(switches, TOOL_TRUST) ? toolTrustGuard(t) : undefined;
  const temperature = on(switches, RETRY_TEMPERATURE) ? retryTemperatureGuard(t) : undefined;
  const validate = async (ctx: GuardContext) =>
    contracts?.status() !== "failed" && (planning ? await planning.validateProject(ctx) : true);
  snapshots = on(switches, SNAPSHOTS) ? snapshotGuard(t, task, { ...options, validate }) : undefined;

  const built: Record<GuardName, Guard | undefined> = {
    [SNAPSHOTS]: snapshots,
    [SAFETY]: on(switches, SAFETY) ? safetyGuard(safety) : undefined,
    [QUALITY]: on(switches, QUALITY)
      ? qualityGuard(t, { knownTools, onExhausted: options.onExhausted })
      : undefined,
    [READ_BEFORE_WRITE]: on(switches, READ_BEFORE_WRITE) ? readBeforeWriteGuard(t) : undefined,
    [CONTRACTS]: contracts,
    [PLANNING]: planning,
    [EARLY_STOP]: on(switches, EARLY_STOP) ? earlyStopGuard(t) : undefined,
    [DEDUP]: on(switches, DEDUP) ? dedupGuard(t) : undefined,
    [TOOL_TRUST]: trust,
    [RETRY_TEMPERATURE]: temperature,
  };
  const guards: Guard[] = GUARD_NAMES.map((n) => built[n]).filter((g): g is Guard => g !== undefined);
  // first: the baseline runs before the snapshot guard records the call
  if (baseline) guards.unshift(baseline);

  return {
    guards,
    switches: Object.fromEntries(GUARD_NAMES.map((n) => [n, on(switches, n)])) as Record<GuardName, boolean>,
    get taskId() {
      return task.id;
    },
    async close(): Promise<void> {
      await own?.close();
      own = undefined;
    },
  };
}

export { THRESHOLDS, type Thresholds } from "../guard-kit/thresholds.ts";
export type { Changes } from "../snapshots/recorder.ts";
export { sandboxStatus } from "../tools/sandbox.ts";
export { CONTRACTS_FALLBACK } from "./done-fallback.ts";
export type { ContractsGuard, PlanningGuard, SnapshotGuard, TemperatureGuard, TrustGuard };
