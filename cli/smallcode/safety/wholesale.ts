import { isAbsolute, relative, resolve } from "node:path";
import type { CommandPlace } from "./destructive.ts";
import { expandPath } from "./paths.ts";

/**
 * Whether a path argument names the whole project, its git history or SmallCode's snapshots, in any
 * spelling a shell accepts: `.`, `./`, `"$PWD"`, `$(pwd)/`, `*`, `.[!.]*`, `.gi?`, `.{git,x}`. Glob
 * patterns are matched the way bash matches them (a leading dot must be written), without touching
 * the file system.
 */

/** Names that stand for "every entry" when a pattern matches both. */
const GENERIC = ["src", "README.md"];
/** Directories whose loss undo cannot repair. */
const PRECIOUS: readonly { name: string; what: string }[] = [
  { name: ".git", what: "the git history" },
  { name: ".smallcode", what: "SmallCode's snapshots (undo)" },
];

/** `$PWD`, `${PWD}`, `$(pwd)` and `` `pwd` `` replaced by the shell's directory. */
export function expandPwd(word: string, cwd: string): string {
  return word.replace(/\$\{PWD\}|\$PWD(?![A-Za-z0-9_])|\$\(\s*pwd\s*\)|`\s*pwd\s*`/g, cwd);
}

/** One-level brace expansion: `.{git,x}` → `.git`, `.x`. */
function braces(word: string): string[] {
  const m = /^(.*?)\{([^{}]*,[^{}]*)\}(.*)$/.exec(word);
  if (!m) return [word];
  return m[2]!.split(",").flatMap((alt) => braces(`${m[1]}${alt}${m[3]}`));
}

/** Whether `segment` holds glob characters. */
export function isGlob(segment: string): boolean {
  return /[*?[]/.test(segment);
}

/** The regular expression a glob segment stands for. */
function globRegex(segment: string): RegExp {
  let re = "";
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === "*") re += ".*";
    else if (c === "?") re += ".";
    else if (c === "[") {
      const end = segment.indexOf("]", i + 2);
      if (end === -1) {
        re += "\\[";
        continue;
      }
      let body = segment.slice(i + 1, end);
      if (body.startsWith("!")) body = `^${body.slice(1)}`;
      re += `[${body.replace(/\\/g, "\\\\")}]`;
      i = end;
    } else re += c.replace(/[.+^${}()|\\/]/g, "\\$&");
  }
  return new RegExp(`^${re}$`);
}

/** Whether the glob `segment` matches `name` as bash would (a leading dot must be explicit). */
export function globMatches(segment: string, name: string): boolean {
  return braces(segment).some((s) => {
    if (name.startsWith(".") && !s.startsWith(".")) return false;
    try {
      return globRegex(s).test(name);
    } catch {
      return true; // a pattern we cannot read: assume the worst
    }
  });
}

/**
 * What `word` would destroy wholesale if deleted (or moved, or made unreadable), or null: "the whole
 * project", "the git history", "SmallCode's snapshots (undo)". Paths outside the project and words
 * with unknown expansions are left to the other rules.
 */
export function wholesaleTarget(word: string, where: CommandPlace): string | null {
  const expanded = expandPath(expandPwd(word, where.cwd));
  if (expanded === null) return null;
  const rel = relative(resolve(where.root), resolve(where.cwd, expanded));
  if (rel.startsWith("..") || isAbsolute(rel)) return null;
  if (rel === "") return "the whole project";
  const segments = rel.split(/[\\/]/);
  for (const seg of segments) for (const p of PRECIOUS) if (globMatches(seg, p.name)) return p.what;
  if (segments.length === 1 && isGlob(segments[0]!) && GENERIC.every((n) => globMatches(segments[0]!, n)))
    return "the whole project";
  return null;
}
