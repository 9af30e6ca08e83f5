import { existsSync } from "node:fs";
import { join } from "node:path";

/**
 * Which files a task names, and which changes are by-products of commands. A run's success needs
 * evidence on the files the task asks about: `npm update` writing `package-lock.json` is not "add a
 * version key to package.json" (a real model did exactly that, and the verdict once called it success).
 */

/**
 * Written by running things (installs, tests, builds), not by the model: lock files, caches, compiled
 * Python, dependency and build folders, git's own files. Never the requested change on its own.
 */
const BY_PRODUCT = new RegExp(
  [
    String.raw`(^|/)(__pycache__|\.pytest_cache|\.mypy_cache|\.ruff_cache|\.tox|\.nyc_output|coverage|\.cache|node_modules|\.git|dist|build|target|\.next|[^/]*\.egg-info)/`,
    String.raw`\.py[co]$`,
    String.raw`(^|/)(package-lock\.json|npm-shrinkwrap\.json|yarn\.lock|pnpm-lock\.yaml|bun\.lockb?|Cargo\.lock|poetry\.lock|Pipfile\.lock|uv\.lock|Gemfile\.lock|composer\.lock|go\.sum)$`,
  ].join("|"),
);

/** Whether a changed path is a by-product of a command (see BY_PRODUCT). */
export function isByProduct(path: string): boolean {
  return BY_PRODUCT.test(path);
}

/** A word that looks like a file path: a name with a letter in its extension, or a path with a slash. */
const CANDIDATE = /[\w@./-]*[\w-](?:\.[A-Za-z][\w-]*|\/[\w.-]+)/g;

/** Tokens that look like paths but are not files in the project. */
const NOT_A_PATH = /:\/\/|^(e\.g|i\.e|etc|vs|node\.js|vue\.js|next\.js|react\.js|asp\.net)$/i;

/** Whether the text just before a named path makes it the thing to edit: "to package.json", "edit a.ts". */
const TARGET_BEFORE =
  /(?:\b(?:to|in|into|inside|of)|\b(?:edit|update|modify|change|fix|patch|create|write|rewrite|make|add|append|rename|delete|remove))(?:\s+(?:a|the|new|file|a new file|the file))?(?:\s+(?:named|called))?\s+[`'"]?$/i;

/** Words before "in X" that make X the place of a report, not the file to edit ("the bug reported in a.md"). */
const CONTEXT_BEFORE =
  /\b(?:reported|described|listed|shown|mentioned|explained|documented|defined|declared|lives?|moved|crash(?:es|ed)?|fails?|failed|errors?|throws?|raised?)\s+(?:in|to|into)\s+[`'"]?$/i;

/** The paths the task text names, as project-relative `/` paths, in order of first mention. */
export function namedPaths(task: string): string[] {
  return [...new Set(mentions(task).map((m) => m.path))];
}

/** Each mention of a project path in the text, with where it starts (URLs and absolute paths left out). */
function mentions(task: string): { path: string; index: number }[] {
  const out: { path: string; index: number }[] = [];
  for (const m of task.matchAll(CANDIDATE)) {
    const path = m[0].replace(/^\.\//, "").replace(/[.]+$/, "");
    if (path === "" || path.startsWith("/") || task[m.index - 1] === ":") continue;
    if (NOT_A_PATH.test(path) || /^[\d.]+$/.test(path)) continue;
    out.push({ path, index: m.index });
  }
  return out;
}

/**
 * The files the task names as the things to change ("add a key to package.json", "edit src/a.ts"):
 * named paths preceded by a preposition or an edit verb, that exist in the project or have an
 * extension (to be created). A file only mentioned ("a script that reads data.csv") is not one.
 */
export function editTargets(task: string, cwd: string): string[] {
  const out: string[] = [];
  for (const { path, index } of mentions(task)) {
    if (out.includes(path)) continue;
    const before = task.slice(Math.max(0, index - 40), index);
    if (path.endsWith("/") || !TARGET_BEFORE.test(before) || CONTEXT_BEFORE.test(before)) continue;
    if (existsSync(join(cwd, path)) || /\.[A-Za-z]\w*$/.test(path)) out.push(path);
  }
  return out;
}

/**
 * The one file a task names, when it names it as the thing to change ("In config.js, change …"): only
 * then is a change to other files plainly not the requested one. A task naming several files often
 * names some as context ("crashes in src/format.js … fix the data module instead"), so it gets none.
 */
export function soleEditTarget(task: string, cwd: string): string | undefined {
  const named = namedPaths(task);
  const targets = editTargets(task, cwd);
  return named.length === 1 && targets.length === 1 ? targets[0] : undefined;
}

/** A verb that asks for a file to be written: "write what it prints into output.txt", "save it to out.json". */
const WRITE_VERB = /\b(?:write|create|save|store|put|record|generate|produce|dump|output)\b/i;

/**
 * The files the task asks to be written that do not exist yet ("write what it prints into a new file
 * named output.txt"), from the task's `editTargets`: whatever the classifier called the task, it is not
 * answered without them.
 */
export function filesToCreate(task: string, targets: readonly string[], cwd: string): string[] {
  if (!WRITE_VERB.test(task)) return [];
  return targets.filter((p) => !isByProduct(p) && !existsSync(join(cwd, p)));
}
