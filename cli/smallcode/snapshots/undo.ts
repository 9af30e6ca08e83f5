import { chmod, lstat, mkdir, readdir, rmdir, symlink, unlink } from "node:fs/promises";
import { dirname, join } from "node:path";
import { linkOnTheWay } from "./confine.ts";
import { recoverInFlight } from "./inflight.ts";
import { lockHolder, lockMessage } from "./lock.ts";
import { versionOf } from "./scan.ts";
import {
  listTasks,
  loadManifest,
  type Manifest,
  readBlob,
  type StoredVersion,
  sameVersion,
  stored,
  writeAtomic,
  writeManifest,
} from "./store.ts";

/**
 * Undo: puts back exactly what a task changed — files it modified get their earlier bytes and mode,
 * files it created are deleted, files it deleted come back, directory modes are put back — and nothing
 * else. A file whose current content differs from what the task left (the user changed it since) is
 * skipped and reported. Undo runs outside the sandbox, so it trusts nothing it reads: the manifest is
 * validated as a whole first (a forged one is refused, nothing changed), and right before each file is
 * touched, no directory on its way may be a symbolic link. What undo cannot put back (`.git`, files too
 * large to save) it says.
 */

/** What an undo did. Paths are project-relative. */
export interface UndoResult {
  /** The task undone, or null when there was nothing to undo. */
  readonly taskId: string | null;
  /** The task's text. */
  readonly task: string;
  /** Files put back to their earlier content (modified or deleted by the task). */
  readonly restored: readonly string[];
  /** Files the task created, now deleted. */
  readonly deleted: readonly string[];
  /** Of `restored`, the files the task had deleted (put back); absent in results made elsewhere. */
  readonly recreated?: readonly string[];
  /** Files left alone, each with why (changed since the task, or never saved). */
  readonly skipped: readonly string[];
  readonly reasons: Readonly<Record<string, string>>;
  /** One line for the user. */
  readonly message: string;
}

const NOTHING: UndoResult = Object.freeze({
  taskId: null,
  task: "",
  restored: [],
  deleted: [],
  skipped: [],
  reasons: {},
  message: "nothing to undo: no task of this project changed files (or all were undone already)",
});

/** An undo that did nothing, with why. */
function refused(message: string, taskId: string | null = null): UndoResult {
  return { ...NOTHING, taskId, message };
}

/** Whether a manifest records anything to undo. */
function hasChanges(m: Manifest): boolean {
  return Object.keys(m.entries).length > 0 || Object.keys(m.dirModes ?? {}).length > 0 || m.git !== undefined;
}

/** Undoes the most recent task that changed files and was not undone yet (the REPL's `/undo`). */
export async function undoLastTask(cwd: string): Promise<UndoResult> {
  const holder = lockHolder(cwd);
  if (holder) return refused(`cannot undo now: ${lockMessage(cwd, holder)}`);
  for (const id of await listTasks(cwd)) {
    await recoverInFlight(cwd, id);
    const loaded = await loadManifest(cwd, id);
    if (loaded.kind === "missing") continue;
    if (loaded.kind === "invalid") return forged(id, loaded.problem);
    const manifest = loaded.manifest;
    if (manifest.undoneAt === undefined && hasChanges(manifest)) return undoManifest(cwd, manifest);
  }
  return NOTHING;
}

/** Undoes one task by id (auto-rollback); nothing when it changed nothing or was undone already. */
export async function undoTask(cwd: string, taskId: string): Promise<UndoResult> {
  await recoverInFlight(cwd, taskId);
  const loaded = await loadManifest(cwd, taskId);
  if (loaded.kind === "invalid") return forged(taskId, loaded.problem);
  if (loaded.kind === "missing" || loaded.manifest.undoneAt !== undefined) return NOTHING;
  return undoManifest(cwd, loaded.manifest);
}

function forged(taskId: string, problem: string): UndoResult {
  return refused(
    `cannot undo: the snapshot of task ${taskId} is damaged or was tampered with (${problem}); nothing was changed. ` +
      "Check the project with `git status`, and delete that snapshot directory under .smallcode/snapshots to undo older tasks",
    taskId,
  );
}

async function restoreFile(cwd: string, taskId: string, path: string, v: StoredVersion): Promise<boolean> {
  const data = await readBlob(cwd, taskId, v.hash);
  if (data === null) return false;
  const abs = join(cwd, path);
  await mkdir(dirname(abs), { recursive: true });
  if (v.kind === "symlink") {
    await unlink(abs).catch(() => {});
    await symlink(data.toString("utf8").replace(/^link:/, ""), abs);
    return true;
  }
  await writeAtomic(abs, data);
  await chmod(abs, v.mode);
  return true;
}

const depth = (dir: string) => (dir === "." ? 0 : dir.split("/").length);

async function dirMode(abs: string): Promise<number | null> {
  try {
    const st = await lstat(abs);
    return st.isDirectory() ? st.mode & 0o7777 : null;
  } catch {
    return null;
  }
}

async function removeIfEmpty(abs: string): Promise<boolean> {
  try {
    if ((await readdir(abs)).length > 0) return false;
    await rmdir(abs);
    return true;
  } catch {
    return false;
  }
}

async function undoManifest(cwd: string, manifest: Manifest): Promise<UndoResult> {
  const restored: string[] = [];
  const recreated: string[] = [];
  const deleted: string[] = [];
  const skipped: string[] = [];
  const reasons: Record<string, string> = {};
  const skip = (path: string, why: string) => {
    skipped.push(path);
    reasons[path] = why;
  };
  const unprotected = new Set(manifest.unprotected);
  const dirModes = Object.entries(manifest.dirModes ?? {}).sort(([a], [b]) => depth(a) - depth(b));
  // directories first get their old mode, but writable for now, so their files can be put back
  for (const [dir, m] of dirModes) {
    if (m.before === null || (await linkOnTheWay(cwd, dir === "." ? "x" : `${dir}/x`))) continue;
    const now = await dirMode(join(cwd, dir));
    if (now !== null && now === m.after) await chmod(join(cwd, dir), m.before | 0o700).catch(() => {});
  }

  for (const [path, entry] of Object.entries(manifest.entries)) {
    const unsafe = await linkOnTheWay(cwd, path);
    if (unsafe) {
      skip(path, `not touched: ${unsafe}`);
      continue;
    }
    // files too large to hash were recorded by size and time: compare them the same way
    const maxFileBytes = entry.after?.hash.startsWith("big:") ? -1 : Number.POSITIVE_INFINITY;
    const now = stored(await versionOf(join(cwd, path), { maxFileBytes }));
    if (!sameVersion(now, entry.after)) {
      skip(path, "changed after the task (your edit is kept)");
      continue;
    }
    if (entry.before === null) {
      await unlink(join(cwd, path));
      deleted.push(path);
    } else if (unprotected.has(path) || !(await restoreFile(cwd, manifest.taskId, path, entry.before))) {
      skip(path, "its earlier content was not saved (too large to snapshot)");
    } else {
      restored.push(path);
      if (entry.after === null) recreated.push(path);
    }
  }
  // directories the task created and left empty go; directories it removed come back
  for (const dir of [...manifest.dirsCreated].sort().reverse())
    if (!(await linkOnTheWay(cwd, `${dir}/x`))) await removeIfEmpty(join(cwd, dir));
  for (const dir of manifest.dirsRemoved)
    if (!(await linkOnTheWay(cwd, `${dir}/x`))) await mkdir(join(cwd, dir), { recursive: true });
  // then every directory gets exactly its old mode, deepest first
  for (const [dir, m] of [...dirModes].reverse()) {
    if (m.before === null || (await linkOnTheWay(cwd, dir === "." ? "x" : `${dir}/x`))) continue;
    await chmod(join(cwd, dir), m.before).catch(() => {});
  }

  await writeManifest(cwd, { ...manifest, undoneAt: new Date().toISOString() });
  // the files the task deleted are the ones a person looks for first
  const named =
    recreated.sort().slice(0, 5).join(", ") + (recreated.length > 5 ? `, ${recreated.length - 5} more` : "");
  const back = recreated.length > 0 ? ` (put back what the task deleted: ${named})` : "";
  const parts = [`restored ${restored.length}${back}`, `deleted ${deleted.length}`];
  if (skipped.length > 0) parts.push(`skipped ${skipped.length} (${skipped.join(", ")})`);
  if (manifest.git)
    parts.push(
      `not restored: .git (a command changed the repository — commits, branches, stash or index — and undo does not put those back${manifest.git.headBefore ? `; HEAD was ${manifest.git.headBefore.slice(0, 12)} before the task` : ""}; see \`git reflog\`)`,
    );
  return {
    taskId: manifest.taskId,
    task: manifest.task,
    restored: restored.sort(),
    recreated: recreated.sort(),
    deleted: deleted.sort(),
    skipped: skipped.sort(),
    reasons,
    message: `undid task ${JSON.stringify(manifest.task.slice(0, 60))}: ${parts.join(", ")}`,
  };
}
