import { join } from "node:path";
import { realOrNone } from "../tools/untrusted-files.ts";
import { MemoryError } from "./safety.ts";
import { type Fact, type FactType, MemoryStore, type Scope, type ScoredFact } from "./store.ts";

/**
 * Project memory: facts the model (or the user, through `/memory`) keeps across tasks, in two stores —
 * the project's `.smallcode/memory.db` and the user's `$XDG_DATA_HOME/smallcode/memory.db` for facts
 * true everywhere. Each operation opens what it needs and closes it again; a store that cannot be
 * used is a {@link MemoryError} value, and the other store still answers.
 */

export { MemoryError } from "./safety.ts";
export {
  FACT_TYPES,
  type Fact,
  type FactType,
  MAX_FACT_CHARS,
  type Scope,
  type ScoredFact,
} from "./store.ts";

/** Where the stores are. */
export interface MemoryPlaces {
  /** Project root. */
  readonly cwd: string;
  /** The user's SmallCode data folder; undefined: no user store. */
  readonly userDataDir?: string;
}

/** Path of the project store. */
export function projectMemoryPath(cwd: string): string {
  return join(cwd, ".smallcode", "memory.db");
}

/** Opens one store; undefined when it does not exist and `create` is false. @throws MemoryError */
export function openStore(places: MemoryPlaces, scope: Scope, create: boolean): MemoryStore | undefined {
  if (scope === "user") {
    if (!places.userDataDir) return undefined;
    const path = join(places.userDataDir, "memory.db");
    return MemoryStore.open(path, { scope, shownPath: path, create });
  }
  const confine = realOrNone(places.cwd) ?? places.cwd;
  return MemoryStore.open(projectMemoryPath(places.cwd), {
    scope,
    shownPath: ".smallcode/memory.db",
    create,
    confine,
  });
}

/** Runs `fn` on a store and closes it; undefined when the store does not exist. @throws MemoryError */
export function withStore<T>(
  places: MemoryPlaces,
  scope: Scope,
  create: boolean,
  fn: (store: MemoryStore) => T,
): T | undefined {
  const store = openStore(places, scope, create);
  if (!store) return undefined;
  try {
    return fn(store);
  } finally {
    store.close();
  }
}

/** Results from both stores, and the errors of a store that could not be used. */
export interface FromStores<T> {
  readonly items: T[];
  readonly errors: MemoryError[];
}

function fromBoth<T>(places: MemoryPlaces, fn: (store: MemoryStore) => T[]): FromStores<T> {
  const items: T[] = [];
  const errors: MemoryError[] = [];
  for (const scope of ["project", "user"] as const) {
    try {
      items.push(...(withStore(places, scope, false, fn) ?? []));
    } catch (error) {
      if (!(error instanceof MemoryError)) throw error;
      errors.push(error);
    }
  }
  return { items, errors };
}

/** Saves a fact (merged into a near-identical one). @throws MemoryError */
export function remember(
  places: MemoryPlaces,
  scope: Scope,
  type: FactType,
  text: string,
  now = Date.now(),
): { fact: Fact; merged: boolean } {
  const saved = withStore(places, scope, true, (s) => s.remember(type, text, now));
  if (!saved)
    throw new MemoryError(
      "MEMORY_NO_USER_STORE",
      "user memory",
      "this session has no user data folder for facts shared by every project",
      "remember it in the project (scope project), or give the session one (knowledge.userDataDir in the API)",
    );
  return saved;
}

/** The facts of both stores matching `query`, best first. */
export function recall(
  places: MemoryPlaces,
  query: string,
  limit: number,
  options: { now?: number; types?: readonly FactType[] } = {},
): FromStores<ScoredFact> {
  const now = options.now ?? Date.now();
  const found = fromBoth(places, (s) => s.recall(query, limit, now, options.types));
  found.items.sort((a, b) => b.score - a.score || b.updatedAt - a.updatedAt);
  return { items: found.items.slice(0, limit), errors: found.errors };
}

/** The newest facts of both stores, newest first. */
export function listFacts(
  places: MemoryPlaces,
  limit: number,
  types?: readonly FactType[],
): FromStores<Fact> {
  const found = fromBoth(places, (s) => s.list(limit, types));
  found.items.sort((a, b) => b.updatedAt - a.updatedAt);
  return { items: found.items.slice(0, limit), errors: found.errors };
}

/** A fact id as the user or model writes it (`p12`, `u3`, `#12`, `12`), or undefined. */
export function parseFactId(id: string): { scope: Scope; n: number } | undefined {
  const m = /^#?([pu]?)(\d{1,12})$/i.exec(id.trim());
  if (!m) return undefined;
  return { scope: m[1]?.toLowerCase() === "u" ? "user" : "project", n: Number(m[2]) };
}

/** Removes a fact; the fact removed, or undefined when there is none by that id. @throws MemoryError */
export function forget(places: MemoryPlaces, id: string): Fact | undefined {
  const parsed = parseFactId(id);
  if (!parsed) return undefined;
  return withStore(places, parsed.scope, false, (s) => s.forget(parsed.n));
}

/** The fact with id `id` (`p12`, `u3`), or undefined when there is none (or its store does not exist). @throws MemoryError */
export function factById(places: MemoryPlaces, id: string): Fact | undefined {
  const parsed = parseFactId(id);
  if (!parsed) return undefined;
  return withStore(places, parsed.scope, false, (s) => s.get(parsed.n));
}

/** `p12 [convention] text`, one line. */
export function factLine(fact: Fact): string {
  return `${fact.id} [${fact.type}] ${fact.text}`;
}
