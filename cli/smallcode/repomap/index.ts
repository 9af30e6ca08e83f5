import { type BuildOptions, buildRepoIndex, type RepoIndex } from "./build.ts";
import { filesIn, namesIn, rankDefinitions } from "./rank.ts";
import { mapBudgetFor, renderMap } from "./render.ts";

/**
 * The repo map (Aider's idea for small windows): the project parsed with tree-sitter, definitions
 * ranked by PageRank over the file reference graph, personalised towards what the task mentions, and
 * rendered within a token budget that shrinks with the window. Also the `symbols` tool's index.
 */

export type { BuildOptions, BuildStats, IndexedFile, RepoIndex } from "./build.ts";
export { buildRepoIndex } from "./build.ts";
export { type Focus, filesIn, namesIn, type RankedDefinition, rankDefinitions } from "./rank.ts";
export { MAP_HEADING, mapBudgetFor, renderMap } from "./render.ts";

/** Options of `repoMap`. */
export interface MapOptions extends BuildOptions {
  /** The task (and recent chat): files and names it mentions are ranked up. */
  readonly task?: string;
  /** Files the run has read or changed, ranked up too. */
  readonly files?: Iterable<string>;
  /** The context window; the budget is `mapBudgetFor(window)` unless `budget` is given. */
  readonly window?: number;
  /** Tokens the map may use. */
  readonly budget?: number;
}

/** A rendered map and the index it came from. */
export interface RepoMap {
  /** The map text ("" when nothing fits or the project has no source files). */
  readonly text: string;
  readonly budget: number;
  readonly index: RepoIndex;
}

/** Renders the map of an index for a task within a budget. Pure. */
export function mapOf(index: RepoIndex, options: Omit<MapOptions, keyof BuildOptions> = {}): string {
  const task = options.task ?? "";
  const budget = options.budget ?? mapBudgetFor(options.window ?? 8192);
  const paths = index.files.map((f) => f.path);
  const focus = { files: filesIn(task, paths), related: options.files ?? [], names: namesIn(task) };
  const ranked = rankDefinitions(index.files, focus);
  return renderMap(ranked, budget);
}

/** Indexes the project at `root` (incrementally, through the cache) and renders its map. */
export async function repoMap(root: string, options: MapOptions = {}): Promise<RepoMap> {
  const index = await buildRepoIndex(root, options);
  const budget = options.budget ?? mapBudgetFor(options.window ?? 8192);
  return { text: mapOf(index, { ...options, budget }), budget, index };
}
