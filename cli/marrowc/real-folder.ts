import {
  closeSync,
  constants,
  existsSync,
  fstatSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  realpathSync,
  statSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, sep } from "node:path";

/**
 * Where marrowc writes inside a project (the output directory, the build cache), a cloned repository
 * may have put a symbolic link that leads elsewhere (`generated -> ~/.config/autostart`,
 * `.marrow-cache -> ~`), or a FIFO where a cache entry is read (a build that never ends). These
 * helpers create folders only where the project's own folders are, and read only regular files.
 */

/** A folder that a link (or a file) on the way would send somewhere else than it says. */
export class RedirectedFolder extends Error {
  readonly folder: string;
  readonly leadsTo: string;

  constructor(folder: string, leadsTo: string) {
    super(`${folder} leads to ${leadsTo} through a symbolic link`);
    this.folder = folder;
    this.leadsTo = leadsTo;
  }
}

/**
 * Makes `folder` (below `base`) unless it exists. @throws RedirectedFolder when a symbolic link (or a
 * file) on the way below `base` leads elsewhere, before anything is created through it: anywhere
 * else when `links` is `"none"`, out of `base` when it is `"inside"`.
 */
export function makeRealFolder(base: string, folder: string, links: "none" | "inside" = "none"): void {
  const realBase = realpathSync(base);
  let existing = folder;
  while (existing !== base && !existsSync(existing) && dirname(existing) !== existing) {
    // A dangling link is not "missing": creating through it would write where it points.
    if (isLink(existing)) throw new RedirectedFolder(folder, "a dangling link");
    existing = dirname(existing);
  }
  const check = (path: string) => {
    const real = realpathSync(path);
    const fine = links === "none" ? real === join(realBase, relative(base, path)) : isInside(realBase, real);
    if (!fine || !statSync(path).isDirectory()) throw new RedirectedFolder(folder, real);
  };
  check(existing);
  mkdirSync(folder, { recursive: true });
  check(folder);
}

/** Whether `path` is `base` or a path below it (both absolute; links are not followed). */
export function isInside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel === "" || !(rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel));
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The text of the regular file at `path` when it is at most `maxBytes`; `undefined` when it is
 * missing, a link, a FIFO, a device, a folder or larger.
 */
export function readRegularFile(path: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
  } catch {
    return undefined;
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > maxBytes) return undefined;
    return readFileSync(fd, "utf8");
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
