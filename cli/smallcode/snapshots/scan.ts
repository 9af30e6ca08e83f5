import { createHash } from "node:crypto";
import type { Dirent, Stats } from "node:fs";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { lstat, readFile, readlink } from "node:fs/promises";
import { join } from "node:path";
import ignore, { type Ignore } from "ignore";
import { SKIPPED_DIRS } from "../tools/walk.ts";

/**
 * Scanning the working tree: every file's content hash (reusing hashes of files whose stat did not
 * change), its mode and kind, and the directories with their modes. `.git`, `node_modules` and
 * `.smallcode` are never entered. A directory a `.gitignore` ignores is skipped only when its name says
 * it is regenerable (build output, caches, virtual environments: {@link REGENERABLE_DIRS}); other
 * ignored directories (`data/`, local fixtures) and ignored files (`.env`) are a user's work too.
 */

/** Directories never scanned (the one list of tools/walk.ts). */
export { SKIPPED_DIRS };

/** Names of ignored directories that hold what a build or installer recreates: not snapshotted. */
export const REGENERABLE_DIRS: ReadonlySet<string> = new Set([
  "build",
  "dist",
  "out",
  "target",
  "cache",
  ".cache",
  "coverage",
  "__pycache__",
  ".venv",
  "venv",
  ".tox",
  ".nox",
  ".mypy_cache",
  ".pytest_cache",
  ".ruff_cache",
  ".next",
  ".nuxt",
  ".turbo",
  ".parcel-cache",
  ".gradle",
  "bower_components",
  ".terraform",
]);

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

interface Matcher {
  readonly dir: string;
  readonly ig: Ignore;
}

function ignoredDir(matchers: readonly Matcher[], rel: string): boolean {
  return matchers.some(({ dir, ig }) => {
    if (dir === "") return ig.ignores(`${rel}/`);
    return rel.startsWith(`${dir}/`) && ig.ignores(`${rel.slice(dir.length + 1)}/`);
  });
}

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

/** Permission bits of a directory, or null when it vanished. */
function modeOf(abs: string): number | null {
  try {
    return lstatSync(abs).mode & 0o7777;
  } catch {
    return null;
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
 * Scans the tree under `root`. Hashes are reused from `previous` for files whose size, mtime, ctime
 * and inode are unchanged, so a rescan costs one `lstat` per file (done synchronously: thousands of
 * small calls are far cheaper that way); only new or changed files are read, a few at a time.
 */
export async function scanTree(root: string, limits: ScanLimits, previous?: TreeState): Promise<TreeState> {
  const files = new Map<string, FileVersion>();
  const dirs = new Set<string>();
  const dirModes = new Map<string, number>();
  const toHash: [string, Stats][] = [];
  let count = 0;
  let truncated = false;

  const walk = (dirRel: string, inherited: readonly Matcher[]): void => {
    const dirAbs = dirRel === "" ? root : join(root, dirRel);
    let entries: Dirent[];
    try {
      entries = readdirSync(dirAbs, { withFileTypes: true });
    } catch {
      return;
    }
    let matchers = inherited;
    if (entries.some((e) => e.name === ".gitignore" && e.isFile())) {
      try {
        matchers = [
          ...inherited,
          { dir: dirRel, ig: ignore().add(readFileSync(join(dirAbs, ".gitignore"), "utf8")) },
        ];
      } catch {
        // unreadable .gitignore: nothing more to skip
      }
    }
    const subdirs: string[] = [];
    for (const entry of entries) {
      const rel = dirRel === "" ? entry.name : `${dirRel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.includes(entry.name)) continue;
        if (!(REGENERABLE_DIRS.has(entry.name) && ignoredDir(matchers, rel))) subdirs.push(rel);
        continue;
      }
      if (!entry.isFile() && !entry.isSymbolicLink()) continue;
      if (count >= limits.maxFiles) {
        truncated = true;
        return;
      }
      let st: Stats;
      try {
        st = lstatSync(join(root, rel));
      } catch {
        continue;
      }
      count++;
      const prev = previous?.files.get(rel);
      if (unchanged(prev, st)) files.set(rel, prev);
      else if (st.isFile() && st.size > limits.maxFileBytes) files.set(rel, bigVersion(st));
      else toHash.push([rel, st]);
    }
    for (const sub of subdirs) {
      if (truncated) return;
      dirs.add(sub);
      const mode = modeOf(join(root, sub));
      if (mode !== null) dirModes.set(sub, mode);
      walk(sub, matchers);
    }
  };

  const rootMode = modeOf(root);
  if (rootMode !== null) dirModes.set(".", rootMode);
  walk("", []);
  const limit = limiter(PARALLEL);
  await Promise.all(
    toHash.map(([rel, st]) =>
      limit(async () => {
        const v = await versionFromStat(join(root, rel), st, limits);
        if (v) files.set(rel, v);
      }),
    ),
  );
  return { files, dirs, dirModes, truncated };
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
