import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join, resolve, sep } from "node:path";

/**
 * Paths as they really are: symlinks resolved as far as a path exists (dangling links followed),
 * for deciding whether a path a project names stays where it must.
 */

/** The user's HOME for an environment. */
export function home(env: Readonly<Record<string, string | undefined>>): string {
  return env.HOME || homedir();
}

/**
 * `path` with symlinks resolved as far as it exists (the rest appended), so `..` and links cannot
 * hide; a dangling link counts as the place it points to (writing through it creates that file).
 */
export function realish(path: string, depth = 0): string {
  const parts: string[] = [];
  let at = resolve(path);
  for (;;) {
    try {
      return join(realpathSync(at), ...parts.reverse());
    } catch {
      const target = depth < 16 ? danglingTarget(at) : undefined;
      if (target !== undefined) return join(realish(target, depth + 1), ...parts.reverse());
      const parent = resolve(at, "..");
      if (parent === at) return resolve(path);
      parts.push(at.slice(parent.length).replace(/^[/\\]/, ""));
      at = parent;
    }
  }
}

/** Where a link that leads nowhere (yet) points; undefined when `path` is not a link. */
function danglingTarget(path: string): string | undefined {
  try {
    return lstatSync(path).isSymbolicLink() ? resolve(dirname(path), readlinkSync(path)) : undefined;
  } catch {
    return undefined;
  }
}

/** Whether `path` is `root` or lies under it (both already real). */
export function within(path: string, root: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);
}
