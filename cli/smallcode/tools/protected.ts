import { lstatSync, mkdirSync, realpathSync } from "node:fs";
import { join } from "node:path";

/**
 * What the sandbox mounts read-only inside the writable project, so that no command — however it is
 * spelled — can delete or forge what undo depends on: `.smallcode` (the snapshots, sessions, plans)
 * and `.git` (the history), unless the user allowed git work that writes it. The shell passes these
 * to bwrap (`SandboxOptions.readOnly`); without the sandbox only the command policy protects them.
 */

/** Options of {@link protectedPaths}. */
export interface ProtectOptions {
  /** Leave `.git` writable (the user allowed destructive git commands). Default false. */
  readonly gitWritable?: boolean;
}

/**
 * The absolute paths to mount read-only for a sandbox over `project`. Creates `.smallcode` first when
 * it is missing (a mount needs it to exist); leaves out anything that is a symbolic link (binding it
 * would follow the link out of the project; the snapshot store refuses such a `.smallcode` anyway).
 */
export function protectedPaths(project: string, options: ProtectOptions = {}): string[] {
  let root: string;
  try {
    root = realpathSync(project);
  } catch {
    return [];
  }
  const state = join(root, ".smallcode");
  try {
    mkdirSync(state, { recursive: true });
  } catch {
    // cannot create it (read-only project): nothing to protect there
  }
  const out: string[] = [];
  for (const path of [state, ...(options.gitWritable ? [] : [join(root, ".git")])]) {
    const st = lstatSync(path, { throwIfNoEntry: false });
    if (st && !st.isSymbolicLink()) out.push(path);
  }
  return out;
}

/** Whether `allow_destructive` lets git rewrite its own state (then `.git` stays writable). */
export function gitAllowed(allowDestructive: readonly string[] | undefined): boolean {
  return (allowDestructive ?? []).some((a) => a.trim() === "*" || /^git[- ]/.test(a.trim()));
}
