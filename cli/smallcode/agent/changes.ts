import { type Dirent, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { SKIPPED_DIRS as PROJECT_SKIPPED_DIRS } from "../tools/walk.ts";

/**
 * Which files a run created or edited. File tools report their writes through `onChange`; for shell
 * commands (bash, run_tests) a cheap before/after snapshot of the project tree (modification time and
 * size per file) finds what they touched. `.git`, `node_modules` and `.smallcode` are skipped, and a
 * tree larger than `maxFiles` is not scanned at all (its shell changes then go unreported).
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

/** Files created and modified between two snapshots (deleted files are not reported). */
export function diffSnapshots(before: Snapshot, after: Snapshot): { created: string[]; modified: string[] } {
  const created: string[] = [];
  const modified: string[] = [];
  for (const [path, stamp] of after) {
    const old = before.get(path);
    if (old === undefined) created.push(path);
    else if (old !== stamp) modified.push(path);
  }
  return { created, modified };
}

/** Accumulates a run's created and edited files. A file created in the run stays "created". */
export class FileChanges {
  readonly created = new Set<string>();
  readonly edited = new Set<string>();

  /** Records one change. */
  add(path: string, kind: "created" | "modified"): void {
    if (kind === "created") {
      this.edited.delete(path);
      this.created.add(path);
    } else if (!this.created.has(path)) this.edited.add(path);
  }

  /** Every path created or edited so far. */
  all(): Set<string> {
    return new Set([...this.created, ...this.edited]);
  }

  /** Sorted lists for the run result. */
  lists(): { filesCreated: string[]; filesEdited: string[] } {
    return { filesCreated: [...this.created].sort(), filesEdited: [...this.edited].sort() };
  }
}
