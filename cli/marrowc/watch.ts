import { type FSWatcher, watch as fsWatch, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Watching `.marrow` sources for `marrowc build --watch`. Editors and `sed -i` save by writing a
 * temporary file and renaming it over the old one, which ends a watch on the file itself (and, on
 * Linux, Node's emulated recursive watch); so each directory is watched on its own, not recursively:
 * a directory's watch reports a rename into it and outlives any number of them. Subdirectories are
 * found by walking, again whenever one appears.
 */

/** Directories not walked into. */
const SKIP = new Set(["node_modules", ".git", "generated"]);

const isDir = (path: string): boolean => {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
};

/** `path` (a directory) and every directory below it, or the directory holding `path` (a file). */
export function directoriesOf(path: string): string[] {
  if (!isDir(path)) return [dirname(path)];
  const out: string[] = [];
  const walk = (dir: string) => {
    out.push(dir);
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries)
      if (e.isDirectory() && !SKIP.has(e.name) && !e.name.startsWith(".")) walk(join(dir, e.name));
  };
  walk(path);
  return out;
}

/** A set of directory watches that calls `onChange` when a `.marrow` file in one of them changes. */
export class SourceWatcher {
  readonly #watchers = new Map<string, FSWatcher>();
  readonly #onChange: () => void;

  constructor(onChange: () => void) {
    this.#onChange = onChange;
  }

  /** Watches every directory of `paths` (see {@link directoriesOf}) not watched yet. */
  add(paths: Iterable<string>): void {
    for (const path of paths) for (const dir of directoriesOf(path)) this.#watch(dir);
  }

  /** Watches the directories holding `files` (imports read by a build), without walking below them. */
  addFiles(files: Iterable<string>): void {
    for (const file of files) this.#watch(dirname(file));
  }

  #watch(dir: string): void {
    if (this.#watchers.has(dir)) return;
    try {
      const w = fsWatch(dir, (_event, name) => {
        const file = name === null ? undefined : String(name);
        if (file === undefined || file.endsWith(".marrow")) return this.#onChange();
        // A new subdirectory: watch it too, and rebuild, since files may have landed in it before
        // its watch started.
        if (isDir(join(dir, file))) {
          this.add([join(dir, file)]);
          this.#onChange();
        }
      });
      // The directory went away (or cannot be watched any more): forget it, a later add() retries.
      w.on("error", () => {
        w.close();
        this.#watchers.delete(dir);
      });
      this.#watchers.set(dir, w);
    } catch {
      // The directory does not exist (yet); a later add() retries.
    }
  }

  /** Stops every watch. */
  close(): void {
    for (const w of this.#watchers.values()) w.close();
    this.#watchers.clear();
  }
}
