import { lstat, readFile } from "node:fs/promises";
import { join, posix } from "node:path";
import ignore, { type Ignore } from "ignore";
import { glob } from "tinyglobby";

/**
 * Lists project files the way a developer sees them: `.gitignore` files (root and nested) are
 * respected, `node_modules/` and `.git/` are always skipped unless a pattern names them, and
 * SmallCode's `.smallcode/` is skipped always (saved sessions and traces are not project files).
 * Nothing outside the project is listed: globs naming `..` are refused (`globProblem`), and results
 * outside the root or under a symlinked directory are dropped whatever the glob's spelling.
 * Used by `find_files`, the JS `search` fallback and "did you mean" suggestions.
 */

/** Directories never walked unless a pattern names them explicitly. */
export const ALWAYS_SKIPPED = ["node_modules", ".git"] as const;

/** SmallCode's own state (sessions, traces, snapshots): never walked, even when a pattern names it. */
export const NEVER_WALKED = [".smallcode"] as const;

/**
 * The directories no scan of the project enters: this walker (unless a pattern names node_modules or
 * .git) and the tree walk that the snapshots and the loop's change report of shell calls share
 * (tools/tree-walk.ts). One list, so the scans agree on what the project is.
 */
export const SKIPPED_DIRS: readonly string[] = [...ALWAYS_SKIPPED, ...NEVER_WALKED];

/** Whether a project-relative path lies in SmallCode's own state folder (`.smallcode/…`). */
export function inStateFolder(rel: string): boolean {
  const first = rel
    .replace(/\\/g, "/")
    .replace(/^(?:\.\/)+/, "")
    .split("/")[0];
  return NEVER_WALKED.some((d) => d === first);
}

/** Why `search` and `find_files` do not look into `.smallcode/`. */
export const STATE_FOLDER_REFUSAL =
  "`.smallcode/` is SmallCode's own state (saved sessions, traces, snapshots), not part of the project; search the project's own folders";

/** Options for `listFiles`. */
export interface WalkOptions {
  readonly signal?: AbortSignal;
}

/**
 * Turns a model-written glob into one relative to `base` (a project-relative directory, "." for the
 * root). A glob without `/` matches at any depth, as in `.gitignore` and ripgrep (`*.ts` → `**\/*.ts`).
 */
export function toProjectGlob(pattern: string, base: string): string {
  let p = pattern.trim().replace(/\\/g, "/").replace(/^\.\//, "");
  if (p.startsWith("/")) p = p.slice(1);
  if (!p.includes("/")) p = `**/${p}`;
  return base === "." || base === "" ? p : `${escapeGlob(base)}/${p}`;
}

/** Longest glob accepted; longer ones are not file patterns. */
export const MAX_GLOB_CHARS = 1000;

/** A `..` path segment, also as a brace or extglob alternative (`{..,x}`, `@(..)`), escapes removed. */
const PARENT_SEGMENT = /(^|[/{,(|])\.\.($|[/},)|])/;

/**
 * Why a model-written glob cannot be used, or null: it is empty, too long, or names a parent
 * directory (`../x`, `a/../../x`, `{..,a}/x`), which would list files outside the project.
 */
export function globProblem(pattern: string): string | null {
  const p = pattern.trim();
  if (p === "") return "the glob is empty; pass a pattern such as `*.ts` or `src/**/*.py`";
  if (p.length > MAX_GLOB_CHARS)
    return `the glob is ${p.length} characters long (at most ${MAX_GLOB_CHARS}); pass a shorter pattern`;
  // A backslash is a separator to toProjectGlob and an escape to the glob library: check both readings.
  const spellings = [p.replace(/\\/g, "/"), p.replace(/\\(.)/g, "$1")];
  if (spellings.some((s) => PARENT_SEGMENT.test(s) || /^[a-zA-Z]:/.test(s))) {
    return (
      `the glob \`${pattern}\` reaches outside the project (it names \`..\` or a drive); globs match files ` +
      "inside the project only, relative to its root, e.g. `src/**/*.ts`"
    );
  }
  return null;
}

/** Escapes glob metacharacters in a literal path. */
export function escapeGlob(path: string): string {
  return path.replace(/[*?[\]{}()!@+]/g, "\\$&");
}

/** Root `.gitignore` lines that name a plain directory, turned into globs so the walk can prune them. */
function pruneGlobs(rootIgnore: string): string[] {
  const lines = rootIgnore.split(/\r?\n/).map((l) => l.trim());
  if (lines.some((l) => l.startsWith("!"))) return [];
  const out: string[] = [];
  for (const line of lines) {
    const m = /^(\/)?([\w.-]+)\/?$/.exec(line);
    if (!m || m[2] === "." || m[2] === "..") continue;
    out.push(m[1] ? `${m[2]}/**` : `**/${m[2]}/**`);
  }
  return out;
}

/**
 * Orders paths directory level by directory level (`src/a/x.ts` before `src/a.ts`), the order in which
 * ripgrep's `--sort path` walks, so both search engines list matches identically.
 */
export function comparePaths(a: string, b: string): number {
  const x = a.split("/");
  const y = b.split("/");
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

/** A predicate telling whether a project-relative file path is ignored by the project's .gitignore files. */
export type IgnoreTest = (relPath: string) => boolean;

async function loadIgnores(root: string, files: readonly string[]): Promise<IgnoreTest> {
  const matchers: { dir: string; ig: Ignore }[] = [];
  for (const file of files) {
    try {
      const text = await readFile(join(root, file), "utf8");
      matchers.push({ dir: posix.dirname(file) === "." ? "" : posix.dirname(file), ig: ignore().add(text) });
    } catch {
      // unreadable .gitignore: nothing to respect
    }
  }
  return (rel) =>
    matchers.some(({ dir, ig }) => {
      if (dir === "") return ig.ignores(rel);
      return rel.startsWith(`${dir}/`) && ig.ignores(rel.slice(dir.length + 1));
    });
}

/**
 * Project files (relative, `/`-separated, sorted) matching any of `patterns` (globs relative to
 * `root`), minus ignored ones. `root` must be a real (symlink-free) absolute path.
 */
export async function listFiles(
  root: string,
  patterns: readonly string[],
  options: WalkOptions = {},
): Promise<string[]> {
  const explicit = patterns.some((p) => ALWAYS_SKIPPED.some((d) => p.includes(d)));
  let rootIgnore = "";
  try {
    rootIgnore = await readFile(join(root, ".gitignore"), "utf8");
  } catch {
    // no root .gitignore
  }
  const never = NEVER_WALKED.flatMap((d) => [`${d}/**`, `**/${d}/**`]);
  const skip = explicit
    ? ["**/.git/**", ...never]
    : [...ALWAYS_SKIPPED.map((d) => `**/${d}/**`), ...never, ...pruneGlobs(rootIgnore)];
  const common = {
    cwd: root,
    dot: true,
    onlyFiles: true,
    followSymbolicLinks: false,
    signal: options.signal,
  };
  const [matches, ignoreFiles] = await Promise.all([
    glob([...patterns], { ...common, ignore: skip }),
    explicit ? Promise.resolve([]) : glob(["**/.gitignore"], { ...common, ignore: skip }),
  ]);
  const ignored = await loadIgnores(root, ignoreFiles);
  const inside = await insideRoot(root, matches);
  return inside.filter((f) => !ignored(f)).sort(comparePaths);
}

/**
 * The paths of `found` that lie inside `root` without passing through a symlinked directory: the
 * glob library lists `../x` for a `..` pattern, and walks into `link/` when a pattern names it.
 */
async function insideRoot(root: string, found: readonly string[]): Promise<string[]> {
  const safe = found.filter((f) => !f.startsWith("/") && !f.split("/").includes(".."));
  const dirs = new Map<string, Promise<boolean>>();
  const isLink = (dir: string) => {
    let known = dirs.get(dir);
    if (known === undefined) {
      known = lstat(join(root, dir)).then(
        (s) => s.isSymbolicLink(),
        () => true,
      );
      dirs.set(dir, known);
    }
    return known;
  };
  const ok = await Promise.all(
    safe.map(async (f) => {
      const parts = f.split("/").slice(0, -1);
      for (let i = 1; i <= parts.length; i++) if (await isLink(parts.slice(0, i).join("/"))) return false;
      return true;
    }),
  );
  return safe.filter((_, i) => ok[i]);
}
