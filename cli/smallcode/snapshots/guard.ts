import { ALLOW, type Guard, type GuardContext, type RunResult } from "../contract/index.ts";
import { EDIT_TOOLS, GUARD_TOOLS, pathOf, READ_ONLY_TOOLS, RUN_TOOLS } from "../guard-kit/calls.ts";
import type { TaskState } from "../guard-kit/task.ts";
import type { Thresholds } from "../guard-kit/thresholds.ts";
import type { ShellSession } from "../tools/tool.ts";
import { recoverAllInFlight } from "./inflight.ts";
import { acquireLock } from "./lock.ts";
import { type Changes, SnapshotRecorder } from "./recorder.ts";
import { checkStore } from "./store.ts";
import { type UndoResult, undoTask } from "./undo.ts";

/**
 * The snapshot guard: scans the tree before and after every call that may change files, so the
 * task's snapshot holds the earlier content of everything it touched (commands included), and —
 * when `autoRollback` is on — undoes the task when it failed and validation hard-fails. Commands the
 * guards run themselves (`done_when` checks, step validation) go through `track(shell)`, so their
 * changes are in the snapshot too. A task holds the project's agent lock (`lock.ts`): a second agent
 * on the same project is stopped before its first change, with a message naming the first. Around a
 * command or an external tool, the walks take in the ignored build folders too, and the loop reads its
 * change report from them (`treeWalks`) instead of walking the tree again.
 */

/** Switch name of this guard. */
export const SNAPSHOTS = "snapshots";

/** Options of the snapshot guard. */
export interface SnapshotGuardOptions {
  /** Undo the task when the run failed and `validate` says the project is broken. Default false. */
  readonly autoRollback?: boolean;
  /** Whether the project still validates after a failed run (true: keep the changes). */
  readonly validate?: (ctx: GuardContext) => Promise<boolean>;
  /** Called with a line for the user (auto-rollback done, snapshots failing). */
  readonly onNotice?: (source: string, message: string) => void;
  /** Called after an auto-rollback, with what was put back. */
  readonly onRollback?: (result: UndoResult) => void;
}

/** The snapshot guard, which also tells the loop what each call changed. */
export interface SnapshotGuard extends Guard {
  /**
   * The paths the call `callId` created, modified and deleted (a before/after scan of the tree).
   * The loop may call it right after the tool ran, to fill `ToolOutcomeRecord.changed`.
   */
  detectChanges(callId: string): Promise<Changes>;
  /** `shell` with every command recorded in the task's snapshot (for commands the guards run). */
  track(shell: ShellSession): ShellSession;
}

const NONE: Changes = Object.freeze({ created: [], modified: [], deleted: [] });

/** Whether a call may change files (everything but the read-only tools and the guards' own tools). */
function mayChange(name: string): boolean {
  return !READ_ONLY_TOOLS.has(name) && !GUARD_TOOLS.has(name);
}

/** Creates the snapshot guard. */
export function snapshotGuard(
  t: Thresholds,
  task: TaskState,
  options: SnapshotGuardOptions = {},
): SnapshotGuard {
  let recorder: SnapshotRecorder | null = null;
  let pending = new Set<string>();
  let failed = false;
  let locked: string | null = null;
  let release: (() => void) | undefined;
  let tracked = 0;

  const fail = (e: unknown) => {
    failed = true;
    options.onNotice?.(
      SNAPSHOTS,
      `snapshots are off for this task (${e instanceof Error ? e.message : String(e)}); /undo cannot revert it`,
    );
  };

  const detectChanges = async (callId: string): Promise<Changes> => {
    if (recorder === null || failed || !pending.has(callId)) return NONE;
    try {
      const changes = await recorder.after(callId);
      pending.delete(callId);
      return changes;
    } catch (e) {
      fail(e);
      return NONE;
    }
  };

  const track = (shell: ShellSession): ShellSession => ({
    get cwd() {
      return shell.cwd;
    },
    get sandbox() {
      return shell.sandbox;
    },
    close: () => shell.close(),
    async run(command, runOptions) {
      const id = `check-${++tracked}`;
      const rec = recorder;
      if (rec !== null && !failed && locked === null) {
        try {
          await rec.before([], id);
          pending.add(id);
        } catch (e) {
          fail(e);
        }
      }
      const result = await shell.run(command, runOptions);
      await detectChanges(id);
      return result;
    },
  });

  return {
    name: SNAPSHOTS,
    // a change without a snapshot could not be undone
    failClosed: true,
    detectChanges,
    track,

    async start(ctx) {
      release?.();
      release = undefined;
      const id = task.begin(SNAPSHOTS);
      recorder = new SnapshotRecorder(ctx.cwd, id, ctx.task, {
        maxFileBytes: t.snapshotMaxFileBytes,
        maxFiles: t.snapshotMaxFiles,
        keepTasks: t.snapshotKeepTasks,
      });
      pending = new Set();
      failed = false;
      locked = null;
      try {
        await checkStore(ctx.cwd);
        const lock = acquireLock(ctx.cwd, ctx.task);
        if (!lock.ok) {
          locked = lock.message;
          return;
        }
        release = lock.release;
        // a call an earlier process died in: its changes join that task's snapshot first
        await recoverAllInFlight(ctx.cwd);
      } catch (e) {
        fail(e);
      }
    },

    treeWalks(callId) {
      return failed ? undefined : recorder?.walks(callId);
    },

    async beforeTool(call, ctx) {
      if (recorder === null || !mayChange(call.name)) return ALLOW;
      if (locked !== null) return { action: "stop", message: locked };
      if (failed) return ALLOW;
      try {
        const path = EDIT_TOOLS.has(call.name) ? pathOf(call, recorder.cwd) : undefined;
        // the loop's change report of a command or an external tool needs the build folders too
        const build = RUN_TOOLS.has(call.name) || ctx.externalTools?.includes(call.name) === true;
        await recorder.before(path === undefined ? [] : [path], call.id, { build });
        pending.add(call.id);
      } catch (e) {
        fail(e);
      }
      return ALLOW;
    },

    async afterTool(outcome) {
      await detectChanges(outcome.call.id);
      return ALLOW;
    },

    async finish(result: RunResult, ctx) {
      task.end();
      const rec = recorder;
      const unlock = () => {
        release?.();
        release = undefined;
      };
      if (rec === null || failed || locked !== null) return unlock();
      try {
        for (const id of [...pending]) await detectChanges(id);
        await rec.end();
        if (!options.autoRollback || result.success || !rec.changed || !options.validate) return;
        if (await options.validate(ctx)) return;
        const undone = await undoTask(ctx.cwd, rec.taskId);
        options.onRollback?.(undone);
        options.onNotice?.(
          SNAPSHOTS,
          `the run failed and validation fails, so its changes were rolled back: ${undone.message}`,
        );
      } catch (e) {
        fail(e);
      } finally {
        unlock();
      }
    },
  };
}
