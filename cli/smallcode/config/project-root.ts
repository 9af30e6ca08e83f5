import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";

/**
 * Where the project root is, found the way git finds a repository: from the working directory up,
 * the nearest directory holding `smallcode.toml`, else the repository root (the nearest `.git`), else
 * the working directory itself. `--cwd DIR` names the root outright. Reads the file system only.
 */

/** Why a directory is the project root. */
export type RootReason = "flag" | "config" | "repository" | "cwd";

/** The project root and how it was found. */
export interface ProjectRoot {
  /** Absolute path of the root. */
  readonly dir: string;
  readonly reason: RootReason;
  /** The directory the search started from (the working directory, absolute). */
  readonly from: string;
}

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/**
 * Finds the project root. With `flagCwd` (`--cwd`, relative to `cwd`) that directory is the root
 * and nothing is searched; a missing one is left to the configuration to report.
 */
export function findProjectRoot(cwd: string, flagCwd?: string): ProjectRoot {
  const from = resolve(cwd);
  if (flagCwd !== undefined) return { dir: resolve(from, flagCwd), reason: "flag", from };
  if (!isDir(from)) return { dir: from, reason: "cwd", from };
  for (let dir = from; ; ) {
    // The nearest smallcode.toml wins, but the search stops at the repository root: a file above
    // the repository (in the home directory, say) is not this project's.
    if (existsSync(join(dir, "smallcode.toml"))) return { dir, reason: "config", from };
    if (existsSync(join(dir, ".git"))) return { dir, reason: "repository", from };
    const parent = dirname(dir);
    if (parent === dir) return { dir: from, reason: "cwd", from };
    dir = parent;
  }
}

/** Why the root is where it is, in words, for `smallcode doctor`. Pure. */
export function describeRoot(root: ProjectRoot): string {
  const below = root.from !== root.dir ? ` (working directory ${root.from})` : "";
  switch (root.reason) {
    case "flag":
      return "given by --cwd";
    case "config":
      return `nearest directory with smallcode.toml${below}`;
    case "repository":
      return `repository root, no smallcode.toml on the way up${below}`;
    case "cwd":
      return "working directory: no smallcode.toml and no repository above it";
  }
}
