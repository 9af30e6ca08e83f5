import { type Dirent, lstatSync, readdirSync, readFileSync, type Stats } from "node:fs";
import { join } from "node:path";
import ignore, { type Ignore } from "ignore";
import type { TreeEntry, TreeWalk } from "../contract/tree.ts";
import { SKIPPED_DIRS } from "./walk.ts";

/**
 * The one walker of the project tree that sees what tool calls change: the snapshot guard reads its
 * view (files and links to store, folders and their modes) and the loop its change report of shell
 * calls (regular files, build output included) from the same walk. One `readdir` per folder and one
 * `lstat` per entry, synchronous (thousands of small calls are far cheaper that way); links are never
 * followed. The folders of {@link SKIPPED_DIRS} are never entered. A folder a `.gitignore` ignores is
 * marked `ignoredBuild` when its name says it is regenerable ({@link REGENERABLE_DIRS}), and entered
 * only for the change report (`build`); other ignored folders (`data/`, local fixtures) and ignored
 * files (`.env`) are a user's work and walked as usual.
 */

/** Names of ignored folders that hold what a build or installer recreates: not snapshotted. */
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

/** Regular files a shell call's change report covers; in a larger tree its changes go unreported. */
export const CHANGE_REPORT_MAX_FILES = 20_000;

/** Limits of a walk. */
export interface WalkLimits {
  /** Files and links outside build folders the snapshot view keeps (`TreeWalk.truncatedAt`); 0 when it is not wanted. */
  readonly maxFiles: number;
  /** Walk ignored build folders too, for a change report (up to {@link CHANGE_REPORT_MAX_FILES} regular files). */
  readonly build?: boolean;
}

let reads = 0;

/**
 * How many folders this process's walks have listed so far. For tests, which compare it before and
 * after a tool call to count the walks the call cost; nothing in the product reads it.
 */
export function directoryReads(): number {
  return reads;
}

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

/** The folder's `.gitignore` added to the inherited matchers (unchanged when it has none or it is unreadable). */
function withIgnoreFile(
  dirAbs: string,
  dirRel: string,
  list: readonly Dirent[],
  inherited: readonly Matcher[],
): readonly Matcher[] {
  if (!list.some((e) => e.name === ".gitignore" && e.isFile())) return inherited;
  try {
    return [
      ...inherited,
      { dir: dirRel, ig: ignore().add(readFileSync(join(dirAbs, ".gitignore"), "utf8")) },
    ];
  } catch {
    return inherited;
  }
}

function lstatOrNull(abs: string): Stats | null {
  try {
    return lstatSync(abs);
  } catch {
    return null; // vanished between listing and lstat
  }
}

/**
 * Walks the tree under `root` (see the module comment). The walk stops once neither view can use
 * more: the snapshot view has seen a file past `maxFiles`, and the change report (when `build`) more
 * than {@link CHANGE_REPORT_MAX_FILES} regular files.
 */
export function walkTree(root: string, limits: WalkLimits): TreeWalk {
  const build = limits.build === true;
  const entries: TreeEntry[] = [];
  let kept = 0; // files and links outside build folders
  let regular = 0; // regular files anywhere
  let truncatedAt: number | undefined;
  const reportFull = () => !build || regular > CHANGE_REPORT_MAX_FILES;
  const done = () => truncatedAt !== undefined && reportFull();

  const walk = (dirRel: string, inherited: readonly Matcher[], inBuild: boolean): void => {
    const dirAbs = dirRel === "" ? root : join(root, dirRel);
    let list: Dirent[];
    reads++;
    try {
      list = readdirSync(dirAbs, { withFileTypes: true });
    } catch {
      return;
    }
    // a build folder's own .gitignore cannot take its files out of the build
    const matchers = inBuild ? inherited : withIgnoreFile(dirAbs, dirRel, list, inherited);
    const subdirs: [string, boolean][] = [];
    for (const entry of list) {
      if (inBuild && reportFull()) return;
      const rel = dirRel === "" ? entry.name : `${dirRel}/${entry.name}`;
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.includes(entry.name)) continue;
        const isBuild = inBuild || (REGENERABLE_DIRS.has(entry.name) && ignoredDir(matchers, rel));
        if (!isBuild || build) subdirs.push([rel, isBuild]);
        continue;
      }
      const kind = entry.isFile() ? "file" : entry.isSymbolicLink() ? "symlink" : null;
      if (kind === null) continue;
      if (!inBuild && truncatedAt === undefined && kept >= limits.maxFiles) truncatedAt = entries.length;
      if (done()) return;
      const stat = lstatOrNull(join(root, rel));
      if (stat === null) continue;
      entries.push({ path: rel, kind, stat, ignoredBuild: inBuild });
      if (!inBuild) kept++;
      if (kind === "file") regular++;
    }
    for (const [sub, isBuild] of subdirs) {
      if (done()) return;
      if (isBuild) {
        if (!reportFull()) walk(sub, matchers, true);
        continue;
      }
      const stat = lstatOrNull(join(root, sub));
      if (stat === null) continue;
      entries.push({ path: sub, kind: "dir", stat, ignoredBuild: false });
      walk(sub, matchers, false);
    }
  };

  const rootStat = lstatOrNull(root);
  walk("", [], false);
  return { root, rootStat, entries, build, ...(truncatedAt === undefined ? {} : { truncatedAt }) };
}
