import { type Dirent, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { SKIPPED_DIRS as PROJECT_SKIPPED_DIRS } from "../tools/walk.ts";

/**
 * Which files a run created, edited, deleted or renamed. File tools report their writes through
 * `onChange`; for shell commands (bash, run_tests) a cheap before/after snapshot of the project tree
 * (modification time and size per file) finds what they touched. `.git`, `node_modules` and
 * `.smallcode` are skipped, and a tree larger than `maxFiles` is not scanned at all (its shell changes
 * then go unreported).
 */

/** Directories never scanned (the one list of tools/walk.ts). */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(PROJECT_SKIPPED_DIRS);

/** Path → "mtimeNs:size". */
export type Snapshot = ReadonlyMap<string, string>;

/**
 * Takes a snapshot of the files under `root` (project-relative `/` paths), or undefined when the tree
 * holds more than `maxFiles` files.
 */
export function snapshotTree(root: string, maxFiles = 20_000): Snapshot | undefined {
  const out = new Map<string, string>();
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(abs);
      } else if (entry.isFile()) {
        try {
          const st = statSync(abs, { bigint: true });
          out.set(relative(root, abs).split(sep).join("/"), `${st.mtimeNs}:${st.size}`);
        } catch {
          // vanished between readdir and stat
        }
        if (out.size > maxFiles) return undefined;
      }
    }
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
