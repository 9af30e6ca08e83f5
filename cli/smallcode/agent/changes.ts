import type { TreeWalk } from "../contract/index.ts";
import { CHANGE_REPORT_MAX_FILES } from "../tools/tree-walk.ts";

/**
 * Which files a run created, edited, deleted or renamed. File tools report their writes through
 * `onChange`; for shell commands (bash, run_tests) and external tools, the stamps (modification time
 * and size) of the project's regular files before and after the call find what they touched. The
 * stamps are read from a walk of the tree (tools/tree-walk.ts: `.git`, `node_modules` and `.smallcode`
 * are skipped, ignored build folders included), and a tree of more than `CHANGE_REPORT_MAX_FILES`
 * regular files has none (its shell changes then go unreported).
 */

/** Path → "mtimeMs:size". */
export type Snapshot = ReadonlyMap<string, string>;

/**
 * The stamps of the regular files of `walk` (project-relative `/` paths; a walk made with `build`), or
 * undefined when it holds more than `maxFiles` of them (at most `CHANGE_REPORT_MAX_FILES`, where the
 * walk may stop).
 */
export function fileStamps(walk: TreeWalk, maxFiles = CHANGE_REPORT_MAX_FILES): Snapshot | undefined {
  const out = new Map<string, string>();
  for (const { path, kind, stat } of walk.entries) {
    if (kind !== "file") continue;
    out.set(path, `${stat.mtimeMs}:${stat.size}`);
    if (out.size > maxFiles) return undefined;
  }
  return out;
}

/** A file moved from one path to another. */
export interface Rename {
  readonly from: string;
  readonly to: string;
}

/** What changed between two snapshots. */
export interface SnapshotDiff {
  readonly created: string[];
  readonly modified: string[];
  readonly deleted: string[];
  /** A deleted and a created path with the same modification time and size (`mv` keeps both). */
  readonly renamed: Rename[];
}

/** Files created, modified, deleted and renamed between two snapshots. */
export function diffSnapshots(before: Snapshot, after: Snapshot): SnapshotDiff {
  const created: string[] = [];
  const modified: string[] = [];
  for (const [path, stamp] of after) {
    const old = before.get(path);
    if (old === undefined) created.push(path);
    else if (old !== stamp) modified.push(path);
  }
  const deleted = [...before.keys()].filter((path) => !after.has(path));
  // a rename only when the stamp pairs exactly one deleted with exactly one created path
  const byStamp = (paths: string[], snap: Snapshot) => {
    const m = new Map<string, string[]>();
    for (const p of paths) m.set(snap.get(p)!, [...(m.get(snap.get(p)!) ?? []), p]);
    return m;
  };
  const gone = byStamp(deleted, before);
  const made = byStamp(created, after);
  const renamed: Rename[] = [];
  for (const [stamp, froms] of gone) {
    const tos = made.get(stamp);
    if (froms.length === 1 && tos?.length === 1) renamed.push({ from: froms[0]!, to: tos[0]! });
  }
  const moved = new Set(renamed.flatMap((r) => [r.from, r.to]));
  return {
    created: created.filter((p) => !moved.has(p)),
    modified,
    deleted: deleted.filter((p) => !moved.has(p)),
    renamed,
  };
}

/**
 * Accumulates a run's changes. A file created in the run stays "created" (and a created file deleted
 * again is no change); a deleted file created again counts as edited; a renamed file is listed once,
 * as a rename.
 */
export class FileChanges {
  readonly created = new Set<string>();
  readonly edited = new Set<string>();
  readonly deleted = new Set<string>();
  /** Current path → the path it had before the run. */
  readonly renamed = new Map<string, string>();

  /** Records one change. */
  add(path: string, kind: "created" | "modified" | "deleted"): void {
    if (kind === "deleted") this.#delete(path);
    else if (kind === "created") {
      if (this.deleted.delete(path)) {
        this.edited.add(path);
        return;
      }
      this.edited.delete(path);
      this.created.add(path);
    } else if (!this.created.has(path) && !this.renamed.has(path)) this.edited.add(path);
  }

  /** Records that the file at `from` now lives at `to`. */
  rename(from: string, to: string): void {
    if (this.created.delete(from)) {
      this.created.add(to);
      return;
    }
    const origin = this.renamed.get(from) ?? from;
    this.renamed.delete(from);
    this.edited.delete(from);
    if (origin === to) this.edited.add(to);
    else this.renamed.set(to, origin);
  }

  #delete(path: string): void {
    if (this.created.delete(path)) return;
    const origin = this.renamed.get(path);
    this.renamed.delete(path);
    this.edited.delete(path);
    this.deleted.add(origin ?? path);
  }

  /** Every path created, edited or renamed to so far (files on disk; deleted ones are not). */
  all(): Set<string> {
    return new Set([...this.created, ...this.edited, ...this.renamed.keys()]);
  }

  /**
   * Sorted lists for the run result; `filesDeleted` and `filesRenamed` only when there are some
   * (additive fields of `RunResult`).
   */
  lists(): {
    filesCreated: string[];
    filesEdited: string[];
    filesDeleted?: string[];
    filesRenamed?: Rename[];
  } {
    const renamed = [...this.renamed]
      .map(([to, from]) => ({ from, to }))
      .sort((a, b) => (a.to < b.to ? -1 : 1));
    return {
      filesCreated: [...this.created].sort(),
      filesEdited: [...this.edited].sort(),
      ...(this.deleted.size > 0 ? { filesDeleted: [...this.deleted].sort() } : {}),
      ...(renamed.length > 0 ? { filesRenamed: renamed } : {}),
    };
  }
}
