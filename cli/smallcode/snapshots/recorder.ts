import { readFile, readlink } from "node:fs/promises";
import { isAbsolute, join } from "node:path";
import type { CallWalks, TreeWalk } from "../contract/tree.ts";
import { walkTree } from "../tools/tree-walk.ts";
import { gitFingerprint, gitHead } from "./git-state.ts";
import { clearInFlight, markInFlight, writeBaseline } from "./inflight.ts";
import {
  type FileVersion,
  isHashed,
  type ScanLimits,
  sha256,
  type TreeState,
  treeState,
  versionOf,
} from "./scan.ts";
import {
  keepBlob,
  listObjects,
  type Manifest,
  type ManifestEntry,
  pruneObjects,
  pruneTasks,
  putObject,
  stored,
  writeManifest,
} from "./store.ts";

/**
 * Records what one task changes. The tree is scanned before and after every call that may change
 * files (edits and commands alike), so changes made by shell commands are caught too, and changes
 * made by someone else between calls are not blamed on the agent. Before a file first changes, its
 * content is already in the object store (every scanned file is stored); the manifest and the saved
 * blobs are written after each change, so a crash mid-task still leaves an undoable snapshot; before
 * each call the tree and an intent record are saved too (`inflight.ts`), so even the changes of a call
 * the process died in can be undone. Directory modes are recorded, and a change to `.git` is noted.
 * The walks around the last call are kept (`walks`): the loop reads a shell call's change report from
 * them instead of walking the tree again.
 */

/** Paths a call created, modified and deleted (project-relative, sorted). */
export interface Changes {
  readonly created: readonly string[];
  readonly modified: readonly string[];
  readonly deleted: readonly string[];
}

/** Options of a recorder. */
export interface RecorderOptions extends ScanLimits {
  /** Task snapshots kept after this one. */
  readonly keepTasks: number;
}

const NO_CHANGES: Changes = Object.freeze({ created: [], modified: [], deleted: [] });

/** Records one task's changes under `.smallcode/snapshots/<task-id>/`. */
export class SnapshotRecorder {
  readonly cwd: string;
  readonly taskId: string;
  readonly #task: string;
  readonly #options: RecorderOptions;
  readonly #startedAt = new Date().toISOString();
  #tree: TreeState | null = null;
  #stored: Set<string> | null = null;
  #entries = new Map<string, ManifestEntry>();
  #dirsCreated = new Set<string>();
  #dirsRemoved = new Set<string>();
  #unprotected = new Set<string>();
  #results = new Map<string, Changes>();
  /** Paths edit tools named: tracked even where the scan does not look (ignored directories). */
  #tracked = new Set<string>();
  #dirModes = new Map<string, { before: number | null; after: number | null }>();
  /** The tree last saved as the baseline (rewritten only when the tree changed since). */
  #baseline: TreeState | null = null;
  #gitPrint: string | null = null;
  #gitHead: string | null = null;
  #git: { headBefore: string | null } | undefined;
  /** The walks around the last call `before()` was given an id for. */
  #walks: (CallWalks & { readonly callId: string }) | null = null;

  constructor(cwd: string, taskId: string, task: string, options: RecorderOptions) {
    this.cwd = cwd;
    this.taskId = taskId;
    this.#task = task;
    this.#options = options;
  }

  /** Whether the task changed anything so far. */
  get changed(): boolean {
    return this.#entries.size > 0 || this.#dirModes.size > 0 || this.#git !== undefined;
  }

  /**
   * Call before a tool that may change files: rescans the tree (the first time: the baseline) and
   * stores the content of every file not stored yet. Changes found here were not made by the agent.
   * @param paths files the tool names (an edit's `path`), tracked even inside ignored directories
   * @param callId the call about to run: its intent is recorded first (see `inflight.ts`)
   * @param options.build walk ignored build folders too (before and after the call), for the loop's
   *   change report of a command (`walks`)
   */
  async before(
    paths: readonly string[] = [],
    callId?: string,
    options: { readonly build?: boolean } = {},
  ): Promise<void> {
    for (const p of paths) if (!p.startsWith("..") && !isAbsolute(p) && p !== ".") this.#tracked.add(p);
    const walk = this.#walk(options.build === true);
    if (callId !== undefined) this.#walks = { callId, before: walk };
    this.#tree = await this.#state(walk, this.#tree ?? undefined);
    await this.#storeObjects(this.#tree);
    this.#gitPrint = gitFingerprint(this.cwd);
    this.#gitHead = this.#gitPrint === null ? null : gitHead(this.cwd);
    if (callId === undefined) return;
    if (
      this.#baseline === null ||
      diffTrees(this.#baseline, this.#tree) !== NO_CHANGES ||
      dirsDiffer(this.#baseline, this.#tree)
    ) {
      await writeBaseline(this.cwd, this.taskId, this.#tree);
      this.#baseline = this.#tree;
    }
    const { maxFileBytes, maxFiles } = this.#options;
    await markInFlight(this.cwd, {
      taskId: this.taskId,
      task: this.#task,
      startedAt: this.#startedAt,
      callId,
      maxFileBytes,
      maxFiles,
    });
  }

  /**
   * Call after the tool ran: rescans, records what changed since `before()`, saves the earlier content
   * of newly touched files into the task's snapshot and rewrites the manifest. Idempotent per `callId`.
   */
  async after(callId: string): Promise<Changes> {
    const cached = this.#results.get(callId);
    if (cached) return cached;
    if (this.#tree === null) return NO_CHANGES; // before() was never called: nothing to compare
    const prev = this.#tree;
    const around = this.#walks?.callId === callId ? this.#walks : null;
    const walk = this.#walk(around?.before.build === true);
    if (around) this.#walks = { ...around, after: walk };
    const next = await this.#state(walk, prev);
    this.#tree = next;
    const changes = diffTrees(prev, next);
    for (const path of [...changes.created, ...changes.modified, ...changes.deleted]) {
      const was = prev.files.get(path);
      const now = next.files.get(path);
      const entry = this.#entries.get(path);
      if (entry) {
        this.#entries.set(path, { before: entry.before, after: stored(now) });
      } else {
        this.#entries.set(path, { before: stored(was), after: stored(now) });
        if (was && !(isHashed(was) && (await keepBlob(this.cwd, this.taskId, was.hash))))
          this.#unprotected.add(path);
      }
    }
    for (const d of next.dirs)
      if (!prev.dirs.has(d) && !this.#dirsRemoved.delete(d)) this.#dirsCreated.add(d);
    for (const d of prev.dirs)
      if (!next.dirs.has(d) && !this.#dirsCreated.delete(d)) this.#dirsRemoved.add(d);
    let more = false;
    for (const d of new Set([...prev.dirModes.keys(), ...next.dirModes.keys()])) {
      const was = prev.dirModes.get(d) ?? null;
      const is = next.dirModes.get(d) ?? null;
      if (was === is) continue;
      more = true;
      this.#dirModes.set(d, { before: this.#dirModes.get(d)?.before ?? was, after: is });
    }
    if (this.#git === undefined && this.#gitPrint !== gitFingerprint(this.cwd)) {
      this.#git = { headBefore: this.#gitHead };
      more = true;
    }
    if (changes !== NO_CHANGES || more) await writeManifest(this.cwd, this.manifest());
    await clearInFlight(this.cwd, this.taskId);
    await this.#storeObjects(next);
    this.#results.set(callId, changes);
    return changes;
  }

  /** The walks of the tree around call `callId` (`after` once `after()` ran), or undefined when it is not the last call. */
  walks(callId: string): CallWalks | undefined {
    if (this.#walks?.callId !== callId) return undefined;
    const { before, after } = this.#walks;
    return after ? { before, after } : { before };
  }

  /** The manifest as it stands (entries whose content ended where it began are left out). */
  manifest(): Manifest {
    const entries: Record<string, ManifestEntry> = {};
    for (const [path, e] of [...this.#entries].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const same =
        e.before !== null &&
        e.after !== null &&
        e.before.hash === e.after.hash &&
        e.before.kind === e.after.kind &&
        e.before.mode === e.after.mode;
      if (!same && !(e.before === null && e.after === null)) entries[path] = e;
    }
    return {
      version: 1,
      taskId: this.taskId,
      task: this.#task,
      startedAt: this.#startedAt,
      updatedAt: new Date().toISOString(),
      entries,
      dirsCreated: [...this.#dirsCreated].sort(),
      dirsRemoved: [...this.#dirsRemoved].sort(),
      unprotected: [...this.#unprotected].sort(),
      dirModes: Object.fromEntries([...this.#dirModes].filter(([, m]) => m.before !== m.after)),
      ...(this.#git ? { git: this.#git } : {}),
    };
  }

  /** Ends the task: prunes old task snapshots and objects no longer in the tree. */
  async end(): Promise<void> {
    if (this.#tree === null) return;
    await clearInFlight(this.cwd, this.taskId, true);
    await pruneTasks(this.cwd, this.#options.keepTasks);
    const keep = new Set<string>();
    for (const v of this.#tree.files.values()) keep.add(v.hash);
    await pruneObjects(this.cwd, keep);
  }

  #walk(build: boolean): TreeWalk {
    return walkTree(this.cwd, { maxFiles: this.#options.maxFiles, build });
  }

  /** The snapshot view of `walk`, plus the files edit tools named that it skips (in ignored directories). */
  async #state(walk: TreeWalk, previous?: TreeState): Promise<TreeState> {
    const tree = await treeState(walk, this.#options, previous);
    const missing = [...this.#tracked].filter((p) => !tree.files.has(p));
    if (missing.length === 0) return tree;
    const files = new Map(tree.files);
    for (const p of missing) {
      const v = await versionOf(join(this.cwd, p), this.#options, previous?.files.get(p));
      if (v) files.set(p, v);
    }
    return { ...tree, files };
  }

  async #storeObjects(tree: TreeState): Promise<void> {
    this.#stored ??= await listObjects(this.cwd);
    for (const [path, v] of tree.files) {
      if (!isHashed(v) || this.#stored.has(v.hash)) continue;
      const data = await contentOf(join(this.cwd, path), v);
      if (data === null || sha256(data) !== v.hash) continue; // changed since the scan: next scan

      await putObject(this.cwd, v.hash, data);
      this.#stored.add(v.hash);
    }
  }
}

/** The stored bytes of a version: the file's content, or `link:<target>` for a symbolic link. */
async function contentOf(abs: string, v: FileVersion): Promise<Buffer | null> {
  try {
    return v.kind === "symlink" ? Buffer.from(`link:${await readlink(abs)}`) : await readFile(abs);
  } catch {
    return null;
  }
}

/** Whether two scans differ in their directories or directory modes. */
function dirsDiffer(a: TreeState, b: TreeState): boolean {
  if (a.dirModes.size !== b.dirModes.size) return true;
  for (const [d, m] of a.dirModes) if (b.dirModes.get(d) !== m) return true;
  return false;
}

/** Paths created, modified (content, kind or mode) and deleted between two scans. */
export function diffTrees(prev: TreeState, next: TreeState): Changes {
  const created: string[] = [];
  const modified: string[] = [];
  const deleted: string[] = [];
  for (const [path, v] of next.files) {
    const was = prev.files.get(path);
    if (!was) created.push(path);
    else if (was.hash !== v.hash || was.kind !== v.kind || was.mode !== v.mode) modified.push(path);
  }
  for (const path of prev.files.keys()) if (!next.files.has(path)) deleted.push(path);
  if (created.length + modified.length + deleted.length === 0) return NO_CHANGES;
  return { created: created.sort(), modified: modified.sort(), deleted: deleted.sort() };
}
