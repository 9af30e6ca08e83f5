import type { GuardContext } from "../contract/index.ts";
import { type BuildOptions, buildRepoIndex, type RepoIndex } from "./build.ts";
import { mapOf } from "./index.ts";

/**
 * The repo map of one agent run: the index is built before the first turn and again after a turn
 * that changed files (only the changed files are parsed, through the cache); each turn's map leans
 * towards the task and the files the run has read or changed, within that turn's budget.
 */

/** What the map of a turn depends on (a subset of the guards' context). */
export type TurnFocus = Pick<GuardContext, "task" | "filesRead" | "filesChanged" | "outcomes">;

/** The map of one run. */
export class RunMap {
  #index: RepoIndex;
  #changed: number;
  /** The last map and what it was made from: ranking 5,000 files takes ~150 ms, so it is reused. */
  #last: { key: string; text: string } | undefined;
  readonly #root: string;
  readonly #options: BuildOptions;

  private constructor(root: string, index: RepoIndex, options: BuildOptions) {
    this.#root = root;
    this.#index = index;
    this.#options = options;
    this.#changed = 0;
  }

  /** Indexes the project at `root`. @throws only when `options.signal` aborts */
  static async start(root: string, options: BuildOptions = {}): Promise<RunMap> {
    return new RunMap(root, await buildRepoIndex(root, options), options);
  }

  /** The index in use. */
  get index(): RepoIndex {
    return this.#index;
  }

  /** The map for a turn within `budget` tokens; the index is refreshed first when files changed. */
  async text(focus: TurnFocus, budget: number): Promise<string> {
    if (budget <= 0) return "";
    const changes = focus.outcomes.filter((o) => o.changed.length > 0).length;
    if (changes !== this.#changed) {
      this.#last = undefined;
      this.#changed = changes;
      this.#index = await buildRepoIndex(this.#root, this.#options);
    }
    const files = [...focus.filesRead, ...focus.filesChanged];
    const key = JSON.stringify([budget, changes, focus.task, files]);
    if (this.#last?.key !== key)
      this.#last = { key, text: mapOf(this.#index, { task: focus.task, files, budget }) };
    return this.#last.text;
  }
}
