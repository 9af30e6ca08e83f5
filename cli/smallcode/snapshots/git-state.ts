import { createHash } from "node:crypto";
import { lstatSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * Noticing when a command changed the repository itself (`.git`): commits, branches, tags, the
 * stash, the index, the configuration. Snapshots cover the working tree only, so undo cannot put
 * `.git` back; it can say so, and name the commit HEAD pointed at before the task. Reads files only
 * (never runs git, whose configuration a hostile repository controls).
 */

/** Files whose content is fingerprinted (refs are walked as well). */
const FILES = ["HEAD", "packed-refs", "config", "ORIG_HEAD", "MERGE_HEAD", "REBASE_HEAD"];

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Every file under `dir` with its content, sorted (refs are small and few). */
function walk(dir: string, rel: string, out: string[], budget: { left: number }): void {
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of names) {
    if (budget.left-- <= 0) return;
    const abs = join(dir, name);
    const st = lstatSync(abs, { throwIfNoEntry: false });
    if (st?.isDirectory()) walk(abs, `${rel}/${name}`, out, budget);
    else if (st?.isFile()) out.push(`${rel}/${name}=${read(abs)}`);
  }
}

/**
 * A fingerprint of the repository's state, or null when the project has no `.git` directory: equal
 * fingerprints mean no ref, configuration or index changed in between.
 */
export function gitFingerprint(root: string): string | null {
  const git = join(root, ".git");
  const st = lstatSync(git, { throwIfNoEntry: false });
  if (!st?.isDirectory()) return null;
  const hash = createHash("sha1");
  for (const f of FILES) hash.update(`${f}=${read(join(git, f))}\n`);
  const refs: string[] = [];
  walk(join(git, "refs"), "refs", refs, { left: 5000 });
  for (const r of refs) hash.update(`${r}\n`);
  for (const f of ["index", "logs/refs/stash"]) {
    const s = lstatSync(join(git, f), { throwIfNoEntry: false });
    hash.update(`${f}:${s ? `${s.size}:${s.mtimeMs}:${s.ino}` : "-"}\n`);
  }
  return hash.digest("hex");
}

/** The commit HEAD points at (following one symbolic ref, loose or packed), or null. */
export function gitHead(root: string): string | null {
  const git = join(root, ".git");
  const head = read(join(git, "HEAD")).trim();
  if (/^[0-9a-f]{40,64}$/.test(head)) return head;
  const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
  if (!ref || ref.includes("..")) return null;
  const loose = read(join(git, ref)).trim();
  if (/^[0-9a-f]{40,64}$/.test(loose)) return loose;
  for (const line of read(join(git, "packed-refs")).split("\n")) {
    const [sha, name] = line.split(" ");
    if (name === ref && sha && /^[0-9a-f]{40,64}$/.test(sha)) return sha;
  }
  return null;
}
