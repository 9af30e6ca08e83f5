import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { copyFile, lstat, mkdir, readdir, readFile, rename, rm, unlink, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pathProblem, validHash, validTaskId } from "./confine.ts";
import type { FileVersion } from "./scan.ts";

/**
 * The snapshot store under `.smallcode/snapshots/`:
 * - `<task-id>/manifest.json`: what one task changed (before and after version of every path), and
 *   `<task-id>/blobs/<sha256>`: the content of every file before the task first changed it. A task
 *   directory is self-contained, so undo needs nothing else.
 * - `.objects/<sha256>`: the content of the tree as last scanned, so a file a command changes or
 *   deletes can still be saved afterwards. A cache: pruned to the current tree after every task.
 * Every file is written to a temporary name and renamed into place, so a crash never leaves half a
 * snapshot. The store stays in the project (found with it, gone with it, no state in the user's home);
 * inside the bwrap sandbox `.smallcode` is mounted read-only, so a command cannot forge or delete it,
 * and whatever is read back is validated (`confine.ts`), since without the sandbox it could be.
 * A `.smallcode` or `snapshots` that is a symbolic link is refused: it would send the writes elsewhere.
 */

/** `.smallcode/snapshots` of a project. */
export function snapshotsDir(cwd: string): string {
  return join(cwd, ".smallcode", "snapshots");
}

function objectsDir(cwd: string): string {
  return join(snapshotsDir(cwd), ".objects");
}

/** The stored form of a file version: what undo needs to compare and restore. */
export interface StoredVersion {
  readonly hash: string;
  readonly kind: "file" | "symlink";
  readonly mode: number;
}

/** One changed path of a task. `before: null`: the task created it; `after: null`: it deleted it. */
export interface ManifestEntry {
  readonly before: StoredVersion | null;
  readonly after: StoredVersion | null;
}

/** What one task changed. */
export interface Manifest {
  readonly version: 1;
  readonly taskId: string;
  readonly task: string;
  readonly startedAt: string;
  readonly updatedAt: string;
  /** Set once the task was undone. */
  readonly undoneAt?: string;
  readonly entries: Readonly<Record<string, ManifestEntry>>;
  /** Directories the task created (removed on undo when empty) and removed (recreated). */
  readonly dirsCreated: readonly string[];
  readonly dirsRemoved: readonly string[];
  /** Paths changed whose earlier content could not be saved (too large, or the tree was too big). */
  readonly unprotected: readonly string[];
  /** Directories whose permission bits the task changed: first `before`, last `after` (`.`: the root). */
  readonly dirModes?: Readonly<
    Record<string, { readonly before: number | null; readonly after: number | null }>
  >;
  /** Set when a command changed `.git` (commits, refs, index): undo cannot put that back. */
  readonly git?: { readonly headBefore: string | null };
}

/** Throws when `.smallcode` or its `snapshots` is a symbolic link or not a directory (a planted redirect). */
export async function checkStore(cwd: string): Promise<void> {
  for (const dir of [join(cwd, ".smallcode"), snapshotsDir(cwd)]) {
    let st: Awaited<ReturnType<typeof lstat>>;
    try {
      st = await lstat(dir);
    } catch {
      return; // not there yet: it is created as a real directory
    }
    if (!st.isDirectory())
      throw new Error(
        `${dir} is ${st.isSymbolicLink() ? "a symbolic link" : "not a directory"}; SmallCode keeps its snapshots only in a real directory of the project (remove it to let SmallCode recreate it)`,
      );
  }
}

/** The stored part of a scanned version. */
export function stored(v: FileVersion | null | undefined): StoredVersion | null {
  return v ? { hash: v.hash, kind: v.kind, mode: v.mode } : null;
}

/** Whether two versions have the same content, kind and mode. */
export function sameVersion(a: StoredVersion | null, b: StoredVersion | null): boolean {
  if (a === null || b === null) return a === b;
  return a.hash === b.hash && a.kind === b.kind && a.mode === b.mode;
}

/** Writes `data` to `path` through a temporary file and a rename. Creates the directory. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}

const ignored = new Set<string>();

/**
 * Makes git ignore `dir` (a `.gitignore` holding `*` inside it), so snapshots and evidence never show
 * up as changes of the user's project. Once per directory per process.
 */
export async function ignoreInGit(dir: string): Promise<void> {
  if (ignored.has(dir)) return;
  ignored.add(dir);
  const path = join(dir, ".gitignore");
  if (!existsSync(path))
    await writeAtomic(path, "# SmallCode state; not part of the project\n*\n").catch(() => {});
}

/** A new task id (made by the guards' task state; snapshot directories are named by it). */
export { newTaskId } from "../guard-kit/task.ts";

/** Content of the object `hash`, or null. */
export async function readObject(cwd: string, hash: string): Promise<Buffer | null> {
  if (!validHash(hash)) return null;
  try {
    return await readFile(join(objectsDir(cwd), hash));
  } catch {
    return null;
  }
}

/** Stores `data` as object `hash` unless it is already there. */
export async function putObject(cwd: string, hash: string, data: Uint8Array): Promise<void> {
  const path = join(objectsDir(cwd), hash);
  if (existsSync(path)) return;
  await checkStore(cwd);
  await ignoreInGit(snapshotsDir(cwd));
  await writeAtomic(path, data);
}

/** The hashes of every stored object. */
export async function listObjects(cwd: string): Promise<Set<string>> {
  try {
    return new Set((await readdir(objectsDir(cwd))).filter((n) => /^[0-9a-f]{64}$/.test(n)));
  } catch {
    return new Set();
  }
}

/** Deletes every object whose hash is not in `keep`. */
export async function pruneObjects(cwd: string, keep: ReadonlySet<string>): Promise<void> {
  for (const hash of await listObjects(cwd)) {
    if (!keep.has(hash)) await rm(join(objectsDir(cwd), hash), { force: true });
  }
}

/** Copies object `hash` into the task's blobs (the task keeps its own copy). False when it is missing. */
export async function keepBlob(cwd: string, taskId: string, hash: string): Promise<boolean> {
  if (!validTaskId(taskId) || !validHash(hash)) return false;
  await checkStore(cwd);
  const target = join(snapshotsDir(cwd), taskId, "blobs", hash);
  if (existsSync(target)) return true;
  const source = join(objectsDir(cwd), hash);
  if (!existsSync(source)) return false;
  await mkdir(dirname(target), { recursive: true });
  const tmp = `${target}.${randomBytes(4).toString("hex")}.tmp`;
  await copyFile(source, tmp);
  await rename(tmp, target);
  return true;
}

/** Content of a task's saved blob, or null. */
export async function readBlob(cwd: string, taskId: string, hash: string): Promise<Buffer | null> {
  if (!validTaskId(taskId) || !validHash(hash)) return null;
  try {
    await checkStore(cwd);
    return await readFile(join(snapshotsDir(cwd), taskId, "blobs", hash));
  } catch {
    return null;
  }
}

/** Writes a task's manifest atomically. */
export async function writeManifest(cwd: string, manifest: Manifest): Promise<void> {
  if (!validTaskId(manifest.taskId)) throw new Error(`invalid task id ${JSON.stringify(manifest.taskId)}`);
  await checkStore(cwd);
  const path = join(snapshotsDir(cwd), manifest.taskId, "manifest.json");
  await ignoreInGit(snapshotsDir(cwd));
  await writeAtomic(path, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** A task's manifest, or null when missing, unreadable or invalid (see {@link loadManifest}). */
export async function readManifest(cwd: string, taskId: string): Promise<Manifest | null> {
  const loaded = await loadManifest(cwd, taskId);
  return loaded.kind === "ok" ? loaded.manifest : null;
}

/** A manifest read back: valid, missing, or there but unusable (with why). */
export type LoadedManifest =
  | { readonly kind: "ok"; readonly manifest: Manifest }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid"; readonly problem: string };

/** Reads and validates a task's manifest: every id, path, hash and mode it holds is checked. */
export async function loadManifest(cwd: string, taskId: string): Promise<LoadedManifest> {
  if (!validTaskId(taskId)) return { kind: "invalid", problem: `\`${taskId}\` is not a task id` };
  let m: unknown;
  try {
    await checkStore(cwd);
    m = JSON.parse(await readFile(join(snapshotsDir(cwd), taskId, "manifest.json"), "utf8"));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return { kind: "missing" };
    return { kind: "invalid", problem: `unreadable (${(e as Error).message})` };
  }
  const problem = manifestProblem(m, taskId);
  return problem === null ? { kind: "ok", manifest: m as Manifest } : { kind: "invalid", problem };
}

const isMode = (m: unknown) => Number.isInteger(m) && (m as number) >= 0 && (m as number) <= 0o7777;

function versionProblem(v: unknown): boolean {
  if (v === null) return false;
  const o = v as StoredVersion;
  return (
    typeof o !== "object" ||
    !validHash(o.hash) ||
    (o.kind !== "file" && o.kind !== "symlink") ||
    !isMode(o.mode)
  );
}

/** Why `m` is not a manifest SmallCode wrote for `taskId`, or null. */
export function manifestProblem(m: unknown, taskId: string): string | null {
  const o = m as Manifest;
  if (!o || typeof o !== "object" || o.version !== 1) return "not a version 1 manifest";
  if (o.taskId !== taskId) return `its task id ${JSON.stringify(o.taskId)} is not its directory's`;
  if (!o.entries || typeof o.entries !== "object") return "it has no entries";
  for (const [path, e] of Object.entries(o.entries)) {
    const p = pathProblem(path);
    if (p) return `entry ${JSON.stringify(path)} ${p}`;
    if (!e || typeof e !== "object" || versionProblem(e.before) || versionProblem(e.after))
      return `entry ${JSON.stringify(path)} has an invalid version`;
  }
  for (const key of ["dirsCreated", "dirsRemoved", "unprotected"] as const) {
    const list = o[key] ?? [];
    if (!Array.isArray(list)) return `${key} is not a list`;
    for (const path of list) {
      const p = pathProblem(path);
      if (p) return `${key} entry ${JSON.stringify(path)} ${p}`;
    }
  }
  for (const [path, d] of Object.entries(o.dirModes ?? {})) {
    const p = path === "." ? null : pathProblem(path);
    if (p) return `dirModes entry ${JSON.stringify(path)} ${p}`;
    if (!d || (d.before !== null && !isMode(d.before)) || (d.after !== null && !isMode(d.after)))
      return `dirModes entry ${JSON.stringify(path)} has an invalid mode`;
  }
  return null;
}

/** Task ids with a snapshot directory, newest first. */
export async function listTasks(cwd: string): Promise<string[]> {
  try {
    await checkStore(cwd);
    const names = await readdir(snapshotsDir(cwd), { withFileTypes: true });
    return names
      .filter((d) => d.isDirectory() && validTaskId(d.name))
      .map((d) => d.name)
      .sort()
      .reverse();
  } catch {
    return [];
  }
}

/** Removes all but the newest `keep` task snapshots. */
export async function pruneTasks(cwd: string, keep: number): Promise<void> {
  for (const id of (await listTasks(cwd)).slice(keep)) {
    await rm(join(snapshotsDir(cwd), id), { recursive: true, force: true });
  }
}
