import type { Stats } from "node:fs";

/**
 * A walk of the project tree (made by tools/tree-walk.ts): what the snapshot guard and the loop's
 * change report of a shell call both read, so that one walk before and one after a call serve both.
 * Types only: a leaf module, so the guard can hand its walks to the loop (`Guard.treeWalks`).
 */

/** One entry of a walk. */
export interface TreeEntry {
  /** Project-relative, `/`-separated. */
  readonly path: string;
  /** What the directory listing said it is (other kinds, such as sockets, are left out). */
  readonly kind: "file" | "symlink" | "dir";
  /** Its `lstat` (links are not followed). */
  readonly stat: Stats;
  /**
   * Inside a folder a `.gitignore` ignores and whose name says a build recreates it (`dist/`,
   * `.venv/`…): not snapshotted, but its files count in a shell call's change report.
   */
  readonly ignoredBuild: boolean;
}

/** A walk of the tree under `root`. */
export interface TreeWalk {
  readonly root: string;
  /** The root's `lstat`, or null when it could not be read. */
  readonly rootStat: Stats | null;
  /**
   * Entries in walk order: a folder's files and links, then each subfolder (the folder entry, then
   * what is in it). Ignored build folders appear only when `build` is true, and their folders not at all.
   */
  readonly entries: readonly TreeEntry[];
  /** Whether ignored build folders were walked (a shell call's change report needs them). */
  readonly build: boolean;
  /**
   * Index in `entries` of the first file or link outside build folders past the snapshots' limit:
   * the snapshot view stops there and is truncated. Absent when the limit was not reached.
   */
  readonly truncatedAt?: number;
}

/** The walks a guard made around one tool call. */
export interface CallWalks {
  /** Just before the call ran. */
  readonly before: TreeWalk;
  /** Just after it ran (absent until the guard's `detectChanges` answered for it). */
  readonly after?: TreeWalk;
}
