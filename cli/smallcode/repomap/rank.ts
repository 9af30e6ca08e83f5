import type { IndexedFile } from "./build.ts";
import type { Definition } from "./tags.ts";

/**
 * Ranking, after Aider's repo map: files are nodes, and a file that references a name points at every
 * file that defines it, weighted by how often (square root) and how telling the name is. PageRank over
 * that graph, personalised towards the files and names the task mentions, says which files matter;
 * each file's rank then flows along its edges to the definitions it uses, so the definitions most used
 * by important files come first.
 */

/** One ranked definition. */
export interface RankedDefinition {
  readonly path: string;
  readonly definition: Definition;
  readonly rank: number;
}

/** What the ranking should lean towards. */
export interface Focus {
  /** Project-relative paths the task mentions: their definitions come first. */
  readonly files?: Iterable<string>;
  /** Paths the run has read or changed: PageRank leans towards them and their neighbours. */
  readonly related?: Iterable<string>;
  /** Identifiers the task mentions. */
  readonly names?: Iterable<string>;
}

/**
 * A name defined in more files than this says nothing about which one a use means (`get`, `run`,
 * `new`): its uses add no edges, which also keeps the graph linear in the project's size.
 */
export const MAX_DEFINERS = 20;

/** PageRank's damping factor. */
export const DAMPING = 0.85;
const ITERATIONS = 40;

/** How much a reference to `name` counts, whatever the count. */
export function nameWeight(name: string, definers: number, mentioned: ReadonlySet<string>): number {
  let weight = 1;
  if (mentioned.has(name)) weight *= 10;
  const bare = name.replace(/^_+/, "");
  const telling = /[a-z][A-Z]|_[a-zA-Z]|[a-zA-Z]-[a-zA-Z]/.test(bare) && bare.length >= 8;
  if (telling) weight *= 10;
  if (name.startsWith("_")) weight *= 0.1;
  if (definers > 5) weight *= 0.1;
  return weight;
}

/** Identifiers in free text (the task), as the map's names: words of 3+ characters with a letter. */
export function namesIn(text: string): Set<string> {
  return new Set(text.match(/[A-Za-z_$][\w$]{2,}/g) ?? []);
}

/** Files of `paths` that `text` mentions by path or by file name. */
export function filesIn(text: string, paths: readonly string[]): Set<string> {
  const found = new Set<string>();
  const words = new Set(text.match(/[\w./-]+/g) ?? []);
  for (const path of paths) {
    const base = path.slice(path.lastIndexOf("/") + 1);
    if (words.has(path) || words.has(`./${path}`) || (base.includes(".") && words.has(base))) found.add(path);
  }
  return found;
}

/**
 * Definitions of `files`, best first. Ties (a graph without references) keep file order, then line
 * order, so the result is deterministic.
 */
export function rankDefinitions(files: readonly IndexedFile[], focus: Focus = {}): RankedDefinition[] {
  const n = files.length;
  if (n === 0) return [];
  const mentioned = new Set(focus.names ?? []);
  const focusFiles = new Set(focus.files ?? []);
  const leanTo = new Set([...focusFiles, ...(focus.related ?? [])]);
  const index = new Map(files.map((f, i) => [f.path, i]));
  const definers = new Map<string, number[]>();
  files.forEach((file, i) => {
    for (const def of file.tags.definitions) {
      const list = definers.get(def.name) ?? [];
      if (list[list.length - 1] !== i) list.push(i);
      definers.set(def.name, list);
    }
  });
  // edges[from] = [to, weight, name]
  const edges: [number, number, string][][] = files.map(() => []);
  files.forEach((file, from) => {
    for (const [name, count] of Object.entries(file.tags.references)) {
      const targets = definers.get(name);
      if (!targets || targets.length > MAX_DEFINERS) continue;
      const weight = nameWeight(name, targets.length, mentioned) * Math.sqrt(count);
      for (const to of targets) if (to !== from) edges[from]!.push([to, weight, name]);
    }
  });
  const personal = new Float64Array(n);
  let focused = 0;
  for (const path of leanTo) {
    const i = index.get(path);
    if (i !== undefined) {
      personal[i] = 1;
      focused++;
    }
  }
  if (focused === 0) personal.fill(1 / n);
  else for (let i = 0; i < n; i++) personal[i] = personal[i]! / focused;
  const out = edges.map((list) => list.reduce((sum, [, w]) => sum + w, 0));
  let rank = Float64Array.from(personal);
  for (let iter = 0; iter < ITERATIONS; iter++) {
    const next = new Float64Array(n);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      if (out[i] === 0) dangling += rank[i]!;
      else for (const [to, w] of edges[i]!) next[to]! += (DAMPING * rank[i]! * w) / out[i]!;
    }
    for (let i = 0; i < n; i++) next[i]! += (1 - DAMPING + DAMPING * dangling) * personal[i]!;
    rank = next;
  }
  // Each file's rank flows to the definitions it references; unreferenced ones keep a trace of their file's.
  const scores = new Map<string, number>();
  const key = (i: number, name: string) => `${i}\u0000${name}`;
  for (let i = 0; i < n; i++) {
    for (const [to, w, name] of edges[i]!) {
      const k = key(to, name);
      scores.set(k, (scores.get(k) ?? 0) + (rank[i]! * w) / out[i]!);
    }
  }
  const ranked: (RankedDefinition & { first: number })[] = [];
  files.forEach((file, i) => {
    const boost = leanTo.has(file.path) ? 2 : 1;
    const inFocus = focusFiles.has(file.path) ? 1 : 0;
    // A name defined twice in one file (a Rust struct and its impl) shares its uses.
    const same = new Map<string, number>();
    for (const d of file.tags.definitions) same.set(d.name, (same.get(d.name) ?? 0) + 1);
    for (const definition of file.tags.definitions) {
      const own = (rank[i]! * 1e-3) / (1 + definition.depth);
      const used = (scores.get(key(i, definition.name)) ?? 0) / same.get(definition.name)!;
      const first = (mentioned.has(definition.name) ? 2 : 0) + inFocus;
      ranked.push({ path: file.path, definition, rank: (used + own) * boost, first });
    }
  });
  // Definitions the task names come first, then those of files it names, whatever their rank.
  return ranked
    .map((r, order) => ({ r, order }))
    .sort((a, b) => b.r.first - a.r.first || b.r.rank - a.r.rank || a.order - b.order)
    .map(({ r: { path, definition, rank } }) => ({ path, definition, rank }));
}
