import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { pathProblem } from "./confine.ts";
import { scanTree, type TreeState } from "./scan.ts";
import {
  keepBlob,
  listTasks,
  loadManifest,
  type Manifest,
  type ManifestEntry,
  type StoredVersion,
  sameVersion,
  snapshotsDir,
  stored,
  writeAtomic,
  writeManifest,
} from "./store.ts";

/**
 * The call in flight. Before a call that may change files runs, its task directory gets the tree as
 * it stands (`baseline.json`, rewritten only when the tree changed since) and an intent record
 * (`inflight.json`); the record goes once the call's changes are in the manifest. If the process dies
 * in between (killed, crashed, the machine went down), the record is still there: the next agent in
 * this project, or `/undo`, compares the tree with the baseline and adds what that call changed to
 * the task's manifest, using the object store (which holds every baseline file's content).
 */

/** What `inflight.json` holds. */
interface Intent {
  readonly taskId: string;
  readonly task: string;
  readonly startedAt: string;
  readonly callId: string;
  readonly maxFileBytes: number;
  readonly maxFiles: number;
}

/** What `baseline.json` holds. */
interface Baseline {
  readonly files: Readonly<Record<string, StoredVersion>>;
  readonly dirs: readonly string[];
  readonly dirModes: Readonly<Record<string, number>>;
}

const taskDir = (cwd: string, taskId: string) => join(snapshotsDir(cwd), taskId);

/** Saves `tree` as the task's baseline. */
export async function writeBaseline(cwd: string, taskId: string, tree: TreeState): Promise<void> {
  const files: Record<string, StoredVersion> = {};
  for (const [path, v] of tree.files) files[path] = stored(v)!;
  const baseline: Baseline = { files, dirs: [...tree.dirs], dirModes: Object.fromEntries(tree.dirModes) };
  await writeAtomic(join(taskDir(cwd, taskId), "baseline.json"), JSON.stringify(baseline));
}

/** Records that call `intent.callId` is about to run. */
export async function markInFlight(cwd: string, intent: Intent): Promise<void> {
  await writeAtomic(join(taskDir(cwd, intent.taskId), "inflight.json"), JSON.stringify(intent));
}

/** Removes the intent record (the call's changes are in the manifest). */
export async function clearInFlight(cwd: string, taskId: string, baselineToo = false): Promise<void> {
  await rm(join(taskDir(cwd, taskId), "inflight.json"), { force: true });
  if (baselineToo) await rm(join(taskDir(cwd, taskId), "baseline.json"), { force: true });
}

async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, "utf8")) as T;
  } catch {
    return null;
  }
}

/** Merges the changes since `base` into `manifest` (or a new one); returns it. */
async function merge(cwd: string, intent: Intent, base: Baseline, m: Manifest | null): Promise<Manifest> {
  const now = await scanTree(cwd, intent);
  const entries: Record<string, ManifestEntry> = { ...(m?.entries ?? {}) };
  const unprotected = new Set(m?.unprotected ?? []);
  const paths = new Set([
    ...Object.keys(base.files).filter((p) => pathProblem(p) === null),
    ...now.files.keys(),
  ]);
  for (const path of paths) {
    const was = base.files[path] ?? null;
    const is = stored(now.files.get(path));
    if (sameVersion(was, is)) continue;
    const entry = entries[path];
    if (entry) {
      entries[path] = { before: entry.before, after: is };
      continue;
    }
    entries[path] = { before: was, after: is };
    if (was && !(await keepBlob(cwd, intent.taskId, was.hash))) unprotected.add(path);
  }
  const created = new Set(m?.dirsCreated ?? []);
  const removed = new Set(m?.dirsRemoved ?? []);
  for (const d of now.dirs) if (!base.dirs.includes(d) && !removed.delete(d)) created.add(d);
  for (const d of base.dirs)
    if (pathProblem(d) === null && !now.dirs.has(d) && !created.delete(d)) removed.add(d);
  const dirModes = { ...(m?.dirModes ?? {}) };
  for (const d of new Set([...Object.keys(base.dirModes), ...now.dirModes.keys()])) {
    if (d !== "." && pathProblem(d) !== null) continue;
    const was = base.dirModes[d] ?? null;
    const is = now.dirModes.get(d) ?? null;
    if (was === is) continue;
    dirModes[d] = { before: dirModes[d]?.before ?? was, after: is };
  }
  return {
    version: 1,
    taskId: intent.taskId,
    task: m?.task ?? intent.task,
    startedAt: m?.startedAt ?? intent.startedAt,
    updatedAt: new Date().toISOString(),
    entries,
    dirsCreated: [...created].sort(),
    dirsRemoved: [...removed].sort(),
    unprotected: [...unprotected].sort(),
    dirModes,
    ...(m?.git ? { git: m.git } : {}),
  };
}

/**
 * Adds the changes of a call that never finished (see the module comment) to task `taskId`'s
 * manifest. True when there was one.
 */
export async function recoverInFlight(cwd: string, taskId: string): Promise<boolean> {
  const dir = taskDir(cwd, taskId);
  const intent = await readJson<Intent>(join(dir, "inflight.json"));
  if (intent === null) return false;
  const base = await readJson<Baseline>(join(dir, "baseline.json"));
  if (base && intent.taskId === taskId) {
    const loaded = await loadManifest(cwd, taskId);
    if (loaded.kind !== "invalid") {
      const m = await merge(cwd, intent, base, loaded.kind === "ok" ? loaded.manifest : null);
      await writeManifest(cwd, m);
    }
  }
  await clearInFlight(cwd, taskId, true);
  return true;
}

/** Recovers every task of the project that has a call in flight; returns their ids. */
export async function recoverAllInFlight(cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const id of await listTasks(cwd)) if (await recoverInFlight(cwd, id)) out.push(id);
  return out;
}
