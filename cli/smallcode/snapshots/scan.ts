import { createHash } from "node:crypto";
import type { Stats } from "node:fs";
import { lstat, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import type { TreeWalk } from "../contract/tree.ts";
import { walkTree } from "../tools/tree-walk.ts";

/**
 * The snapshot view of the working tree: every file's content hash (reusing hashes of files whose
 * stat did not change), its mode and kind, and the directories with their modes, read from a walk of
 * the tree (tools/tree-walk.ts: `.git`, `node_modules` and `.smallcode` are never entered). Ignored
 * build folders (`REGENERABLE_DIRS` there) are left out; other ignored directories (`data/`, local
 * fixtures) and ignored files (`.env`) are a user's work too.
 */

/** One file (or symbolic link) of the tree. */
export interface FileVersion {
  /** sha256 of the content (of the link target text for links); `big:…` for files not hashed. */
  readonly hash: string;
  readonly kind: "file" | "symlink";
  /** Permission bits. */
  readonly mode: number;
  readonly size: number;
  readonly mtimeMs: number;
  readonly ctimeMs: number;
  readonly ino: number;
}

/** The scanned tree. */
export interface TreeState {
  /** Project-relative `/`-separated path → version. */
  readonly files: ReadonlyMap<string, FileVersion>;
  /** Project-relative directories (not the root). */
  readonly dirs: ReadonlySet<string>;
  /** Permission bits of every directory in `dirs`, and of the root as `.`. */
  readonly dirModes: ReadonlyMap<string, number>;
  /** True when the scan stopped at `maxFiles`. */
  readonly truncated: boolean;
}

/** Limits of a scan. */
export interface ScanLimits {
  /** Files larger than this get a `big:` pseudo-hash (size and mtime) instead of a content hash. */
  readonly maxFileBytes: number;
  readonly maxFiles: number;
}

/** Files examined at once (bounds open file descriptors). */
const PARALLEL = 64;

/** Runs at most `n` tasks at a time. */
function limiter(n: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (task) => {
    if (running >= n) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

/** An empty tree. */
export const EMPTY_TREE: TreeState = Object.freeze({
  files: new Map<string, FileVersion>(),
  dirs: new Set<string>(),
  dirModes: new Map<string, number>(),
  truncated: false,
});

/** Whether a version has a content hash (its bytes can be stored and restored). */
export function isHashed(v: FileVersion): boolean {
  return !v.hash.startsWith("big:");
}

/** sha256 of bytes, hex. */
export function sha256(data: Uint8Array | string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The version of one path now (null when it does not exist or is a directory). */
export async function versionOf(
  abs: string,
  limits: Pick<ScanLimits, "maxFileBytes">,
  previous?: FileVersion,
): Promise<FileVersion | null> {
  let st: Stats;
  try {
    st = await lstat(abs);
  } catch {
    return null;
  }
  return versionFromStat(abs, st, limits, previous);
}

async function versionFromStat(
  abs: string,
  st: Stats,
  limits: Pick<ScanLimits, "maxFileBytes">,
  previous?: FileVersion,
): Promise<FileVersion | null> {
  const kind = st.isSymbolicLink() ? "symlink" : st.isFile() ? "file" : null;
  if (kind === null) return null;
  const meta = {
    kind,
    mode: st.mode & 0o7777,
    size: st.size,
    mtimeMs: st.mtimeMs,
    ctimeMs: st.ctimeMs,
    ino: st.ino,
  } as const;
  if (
    previous &&
    previous.kind === kind &&
    previous.size === st.size &&
    previous.mtimeMs === st.mtimeMs &&
    previous.ctimeMs === st.ctimeMs &&
    previous.ino === st.ino
  ) {
    return { ...meta, hash: previous.hash };
  }
  try {
    if (kind === "symlink") return { ...meta, hash: sha256(`link:${await readlink(abs)}`) };
    if (st.size > limits.maxFileBytes) return { ...meta, hash: `big:${st.size}:${st.mtimeMs}` };
    return { ...meta, hash: sha256(await readFile(abs)) };
  } catch {
    return null; // vanished or unreadable between listing and reading
  }
}

/** A version for a file too large to hash: known by size and time only. */
function bigVersion(st: Stats): FileVersion {
  return {
    kind: "file",
    mode: st.mode & 0o7777,
    size: st.size,
    mtimeMs: st.mtimeMs,
    ctimeMs: st.ctimeMs,
    ino: st.ino,
    hash: `big:${st.size}:${st.mtimeMs}`,
  };
}

/** Whether `st` still describes the file `previous` was hashed from. */
function unchanged(previous: FileVersion | undefined, st: Stats): previous is FileVersion {
  return (
    previous !== undefined &&
    previous.kind === (st.isSymbolicLink() ? "symlink" : "file") &&
    previous.size === st.size &&
    previous.mtimeMs === st.mtimeMs &&
    previous.ctimeMs === st.ctimeMs &&
    previous.ino === st.ino
  );
}

/**
 * The entries of `walk` the snapshot view covers: those before the walk's truncation, outside ignored
 * build folders. The loop (agent/execute.ts) trusts the view's content comparison for these.
 */
export function viewEntries(walk: TreeWalk): TreeWalk["entries"] {
  return walk.entries.slice(0, walk.truncatedAt ?? walk.entries.length).filter((e) => !e.ignoredBuild);
}

/**
 * The snapshot view of `walk` (made with this view's `maxFiles`). Hashes are reused from `previous`
 * for files whose size, mtime, ctime and inode are unchanged, so a rescan costs no more than the walk;
 * only new or changed files are read, a few at a time.
 */
export async function treeState(
  walk: TreeWalk,
  limits: Pick<ScanLimits, "maxFileBytes">,
  previous?: TreeState,
): Promise<TreeState> {
  const files = new Map<string, FileVersion>();
  const dirs = new Set<string>();
  const dirModes = new Map<string, number>();
  const toHash: [string, Stats][] = [];
  if (walk.rootStat !== null) dirModes.set(".", walk.rootStat.mode & 0o7777);
  for (const { path, kind, stat } of viewEntries(walk)) {
    if (kind === "dir") {
      dirs.add(path);
      dirModes.set(path, stat.mode & 0o7777);
      continue;
    }
    const prev = previous?.files.get(path);
    if (unchanged(prev, stat)) files.set(path, prev);
    else if (stat.isFile() && stat.size > limits.maxFileBytes) files.set(path, bigVersion(stat));
    else toHash.push([path, stat]);
  }
  const limit = limiter(PARALLEL);
  await Promise.all(
    toHash.map(([rel, st]) =>
      limit(async () => {
        const v = await versionFromStat(join(walk.root, rel), st, limits);
        if (v) files.set(rel, v);
      }),
    ),
  );
  return { files, dirs, dirModes, truncated: walk.truncatedAt !== undefined };
}

/** Walks the tree under `root` and returns its snapshot view (see {@link treeState}). */
export async function scanTree(root: string, limits: ScanLimits, previous?: TreeState): Promise<TreeState> {
  return treeState(walkTree(root, { maxFiles: limits.maxFiles }), limits, previous);
}

/**
 * A cheap fingerprint of the tree (paths, sizes, mtimes; no content read): equal fingerprints mean
 * no file was added, removed or rewritten in between.
 */
export async function treeFingerprint(root: string, maxFiles = 20_000): Promise<string> {
  const hash = createHash("sha1");
  const stamp = (st: TreeState) => {
    for (const path of [...st.files.keys()].sort()) {
      const v = st.files.get(path)!;
      hash.update(`${path}\u0000${v.size}\u0000${v.mtimeMs}\u0000${v.ino}\n`);
    }
  };
  // every file counts as "big" so nothing is read; sizes and times are what matters
  stamp(await scanTree(root, { maxFileBytes: -1, maxFiles }));
  return hash.digest("hex");
}
