import type { IndexedFile } from "./build.ts";
import type { Definition } from "./tags.ts";

/**
 * Symbol lookups over the index, for the `symbols` tool: where a name is defined (exact, then
 * ignoring case, then names containing it) and which files use it, or the outline of one file. Pure.
 */

/** Definitions listed at most. */
export const MAX_DEFINITIONS = 20;
/** Referencing files listed at most. */
export const MAX_USERS = 10;

/** One definition with its file. */
export interface Located {
  readonly path: string;
  readonly definition: Definition;
}

/**
 * Where `name` is defined: exact matches, else case-insensitive ones, else names containing it. A
 * qualified name (`Store.get`, `geometry::Point`) is looked up by its last part, in files that also
 * define the qualifier when there are such.
 */
export function findDefinitions(
  files: readonly IndexedFile[],
  raw: string,
): { found: Located[]; how: string } {
  const parts = raw.split(/\.|::|#/).filter((p) => p !== "");
  const name = parts.at(-1) ?? raw;
  const owner = parts.length > 1 ? parts.at(-2) : undefined;
  const withOwner = owner ? files.filter((f) => f.tags.definitions.some((d) => d.name === owner)) : [];
  const scope = withOwner.length > 0 ? withOwner : files;
  const all = scope.flatMap((f) => f.tags.definitions.map((definition) => ({ path: f.path, definition })));
  const exact = all.filter((l) => l.definition.name === name);
  if (exact.length > 0) return { found: exact, how: "exact" };
  const lower = name.toLowerCase();
  const folded = all.filter((l) => l.definition.name.toLowerCase() === lower);
  if (folded.length > 0) return { found: folded, how: "ignoring case" };
  const partial = all.filter((l) => l.definition.name.toLowerCase().includes(lower));
  return { found: partial, how: "names containing it" };
}

/** Files that reference `name`, most uses first. */
export function findUsers(files: readonly IndexedFile[], name: string): { path: string; count: number }[] {
  return files
    .filter((f) => Object.hasOwn(f.tags.references, name))
    .map((f) => ({ path: f.path, count: f.tags.references[name]! }))
    .sort((a, b) => b.count - a.count || (a.path < b.path ? -1 : 1));
}

/** One definition as a line: `path:line kind signature`. */
export function formatLocated({ path, definition: d }: Located): string {
  return `${path}:${d.line} ${d.kind} ${d.signature}`;
}

/** The text the tool answers for a name. */
export function describeName(files: readonly IndexedFile[], name: string): string {
  const { found, how } = findDefinitions(files, name);
  if (found.length === 0)
    return `no definition of \`${name}\` in the ${files.length} indexed source files (try \`search\` for text, or a shorter name)`;
  const lines = how === "exact" ? [] : [`no definition named exactly \`${name}\`; ${how}:`];
  for (const l of found.slice(0, MAX_DEFINITIONS)) lines.push(formatLocated(l));
  if (found.length > MAX_DEFINITIONS)
    lines.push(`[${found.length - MAX_DEFINITIONS} more; use a more exact name]`);
  const names = new Set(found.slice(0, MAX_DEFINITIONS).map((l) => l.definition.name));
  for (const n of names) {
    const users = findUsers(files, n);
    if (users.length === 0) continue;
    const shown = users.slice(0, MAX_USERS).map((u) => `${u.path} (${u.count})`);
    const more = users.length > MAX_USERS ? `, and ${users.length - MAX_USERS} more files` : "";
    lines.push(`\`${n}\` is used in: ${shown.join(", ")}${more}`);
  }
  return lines.join("\n");
}

/** The outline of one file: every definition, indented by nesting. */
export function outline(file: IndexedFile): string {
  if (file.tags.definitions.length === 0) return `${file.path}: no definitions found`;
  return [
    file.path,
    ...file.tags.definitions.map((d) => `${"  ".repeat(d.depth + 1)}${d.line}│ ${d.signature}`),
  ].join("\n");
}
