import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import type { Source } from "../../compiler/source.ts";
import { UsageError } from "../shared/usage-error.ts";

/**
 * File-system helpers of `marrowc`: finding `.marrow` inputs, reading them as sources with paths
 * relative to the project, resolving imports, and reading and writing an output directory.
 */

/** A usage problem with the inputs (missing file or directory): exit code 2. */
export { UsageError };

/** A project-relative POSIX path (`marrow/a.marrow`, `../shared/b.marrow`) for an absolute one. */
export function projectPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  if (rel === "" || isAbsolute(rel)) return absolute.split(sep).join("/");
  return rel.split(sep).join("/");
}

function walk(dir: string, out: string[], ext: string): void {
  const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const entry of entries) {
    if (entry.name.startsWith(".") || entry.name === "node_modules") continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out, ext);
    else if (entry.isFile() && entry.name.endsWith(ext)) out.push(full);
  }
}

/**
 * The absolute paths of the `.marrow` files named by `inputs` (files, or directories searched
 * recursively), sorted and without duplicates. `inputs` defaults to `[defaultDir]`.
 * @throws UsageError when an input does not exist or nothing is found.
 */
export function findInputs(cwd: string, inputs: readonly string[], defaultDir: string): string[] {
  const given = inputs.length > 0 ? inputs : [defaultDir];
  const found = new Set<string>();
  for (const input of given) {
    const full = resolve(cwd, input);
    if (!existsSync(full)) {
      const what = inputs.length === 0 ? `the default input directory \`${input}/\`` : `\`${input}\``;
      throw new UsageError(`${what} does not exist`);
    }
    if (statSync(full).isDirectory()) {
      const files: string[] = [];
      walk(full, files, ".marrow");
      if (files.length === 0) throw new UsageError(`no .marrow files in \`${input}\``);
      for (const f of files) found.add(f);
    } else found.add(full);
  }
  return [...found].sort();
}

/** Reads a file as a compiler source, with a project-relative path. */
export function readSource(cwd: string, absolute: string): Source {
  return { path: projectPath(cwd, absolute), text: readFileSync(absolute, "utf8") };
}

/** An import resolver for `compile()`: imports are relative to the importing file. */
export function fsResolveImport(cwd: string): (fromPath: string, spec: string) => Source | undefined {
  return (fromPath, spec) => {
    const full = resolve(cwd, dirname(fromPath), spec);
    try {
      if (!statSync(full).isFile()) return undefined;
      return readSource(cwd, full);
    } catch {
      return undefined;
    }
  };
}

/** The `.ts` files of a directory tree, by POSIX path relative to it; empty when it does not exist. */
export function readTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  const files: string[] = [];
  walk(dir, files, ".ts");
  for (const f of files) out.set(relative(dir, f).split(sep).join("/"), readFileSync(f, "utf8"));
  return out;
}

/** Writes a file atomically (temporary file, then rename), creating directories as needed. */
export function writeAtomic(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, content);
  renameSync(tmp, path);
}

/** Removes a file; missing files are ignored. */
export function removeFile(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
}
