/**
 * Snapshots and rollback: every file a task touches is saved before its first change (changes made
 * by shell commands included), under `.smallcode/snapshots/<task-id>/`; `undoLastTask(cwd)` puts the
 * last task's changes back exactly and leaves alone anything the user changed since.
 */
export { SNAPSHOTS, type SnapshotGuard, type SnapshotGuardOptions, snapshotGuard } from "./guard.ts";
export { type Changes, diffTrees, SnapshotRecorder } from "./recorder.ts";
export { scanTree, treeFingerprint } from "./scan.ts";
export { listTasks, type Manifest, readManifest, snapshotsDir } from "./store.ts";
export { type UndoResult, undoLastTask, undoTask } from "./undo.ts";
