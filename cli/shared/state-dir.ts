import { randomBytes } from "node:crypto";
import { link, lstat, mkdir, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";

/**
 * The project's `.smallcode/` folder (sessions, traces, snapshots, caches, evaluation recordings) is
 * the state of SmallCode and marrowc,
 * never the user's source: on first use it gets a `.gitignore` that ignores everything in it, so it
 * does not show up as untracked files in the user's repository.
 */

/** What `.smallcode/.gitignore` holds. */
export const STATE_GITIGNORE =
  "# Written by SmallCode: this folder is local state (sessions, traces, snapshots).\n*\n";

/** The state folder of a project. */
export function stateDir(root: string): string {
  return join(root, ".smallcode");
}

/**
 * Creates `.smallcode/` and its `.gitignore` when missing. The file is written under a temporary name
 * and hard-linked into place, so it appears whole or not at all and a file the user wrote (or a second
 * SmallCode wrote a moment earlier) is never replaced. Returns whether it wrote the file; a project
 * that cannot be written to is not an error here (the writes that need it report it).
 */
export async function ensureStateDir(root: string): Promise<boolean> {
  const dir = stateDir(root);
  const target = join(dir, ".gitignore");
  // A `.smallcode` that is a link (a cloned repository's, say) may point anywhere: write nothing there.
  const folder = await lstat(dir).catch(() => undefined);
  if (folder && !folder.isDirectory()) return false;
  if (
    await lstat(target).then(
      () => true,
      () => false,
    )
  )
    return false;
  const temp = join(dir, `.gitignore.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(temp, STATE_GITIGNORE, { flag: "wx" });
  } catch {
    return false;
  }
  try {
    await link(temp, target); // fails with EEXIST instead of overwriting
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    // A file system without hard links: an exclusive create still never overwrites.
    return writeFile(target, STATE_GITIGNORE, { flag: "wx" }).then(
      () => true,
      () => false,
    );
  } finally {
    await unlink(temp).catch(() => {});
  }
}
