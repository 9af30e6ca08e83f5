import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { DatabaseSync } from "node:sqlite";
import { DUPLICATE_SIMILARITY, matchQuery, normalise, score, similarity, terms } from "./rank.ts";
import { checkDbPath, corrupt, MemoryError } from "./safety.ts";

/**
 * One memory store: an SQLite database (Node's built-in `node:sqlite`, no native addon to build)
 * with a `facts` table and an FTS5 index over it kept in step by triggers. Facts are ranked by bm25
 * and freshness, and a fact said again (near-identical terms) refreshes the old one instead of adding
 * a second. A database that is not exactly SmallCode's schema is refused, never repaired or deleted.
 */

/** Kinds of facts the model may remember. */
export const FACT_TYPES = ["decision", "convention", "gotcha", "workflow"] as const;
/** A fact's kind; `task` facts are the outcomes of earlier runs, written by SmallCode itself. */
export type FactType = (typeof FACT_TYPES)[number] | "task";

/** Where a store lives: the project's, or the user's (every project). */
export type Scope = "project" | "user";

/** A stored fact. `id` is prefixed by its store: `p12` (project), `u3` (user). */
export interface Fact {
  readonly id: string;
  readonly scope: Scope;
  readonly type: FactType;
  readonly text: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Times it was remembered again (deduplicated). */
  readonly repeats: number;
}

/** A fact found by a search, with its score (higher is better). */
export interface ScoredFact extends Fact {
  readonly score: number;
  /** How many of the query's terms it shares. */
  readonly shared: number;
}

/** Longest fact kept, in characters. */
export const MAX_FACT_CHARS = 600;
/** Most facts a store holds; past it, the stalest are dropped when new ones come. */
export const MAX_FACTS = 5000;

const SCHEMA_VERSION = 1;

/** SmallCode's schema; an existing database must have exactly these objects (and FTS5's own tables). */
const DDL: Readonly<Record<string, string>> = {
  facts:
    "CREATE TABLE facts (id INTEGER PRIMARY KEY, type TEXT NOT NULL, text TEXT NOT NULL, norm TEXT NOT NULL, created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL, repeats INTEGER NOT NULL DEFAULT 0)",
  facts_fts:
    "CREATE VIRTUAL TABLE facts_fts USING fts5(text, content='facts', content_rowid='id', tokenize='porter unicode61')",
  facts_ai:
    "CREATE TRIGGER facts_ai AFTER INSERT ON facts BEGIN INSERT INTO facts_fts(rowid, text) VALUES (new.id, new.text); END",
  facts_ad:
    "CREATE TRIGGER facts_ad AFTER DELETE ON facts BEGIN INSERT INTO facts_fts(facts_fts, rowid, text) VALUES ('delete', old.id, old.text); END",
  facts_au:
    "CREATE TRIGGER facts_au AFTER UPDATE ON facts BEGIN INSERT INTO facts_fts(facts_fts, rowid, text) VALUES ('delete', old.id, old.text); INSERT INTO facts_fts(rowid, text) VALUES (new.id, new.text); END",
  facts_norm: "CREATE INDEX facts_norm ON facts(norm)",
};
const FTS_SHADOW = ["facts_fts_data", "facts_fts_idx", "facts_fts_docsize", "facts_fts_config"];

type Sqlite = typeof import("node:sqlite");

/** `node:sqlite`, loaded on first use (so a run without memory never loads it). */
function sqlite(): Sqlite {
  return process.getBuiltinModule("node:sqlite") as Sqlite;
}

const squash = (sql: string) => sql.replace(/\s+/g, " ").trim();

interface Row {
  id: number;
  type: string;
  text: string;
  created_at: number;
  updated_at: number;
  repeats: number;
  rank?: number;
}

/** An open memory store. Close it when done. */
export class MemoryStore {
  readonly scope: Scope;
  /** The path as people read it. */
  readonly shownPath: string;
  readonly #db: DatabaseSync;

  private constructor(db: DatabaseSync, scope: Scope, shownPath: string) {
    this.#db = db;
    this.scope = scope;
    this.shownPath = shownPath;
  }

  /**
   * Opens the store at `path`; undefined when it does not exist and `create` is false.
   * `confine`: the real project root a project store must stay in. @throws MemoryError
   */
  static open(
    path: string,
    options: { scope: Scope; shownPath: string; create: boolean; confine?: string },
  ): MemoryStore | undefined {
    const exists = checkDbPath(path, options.shownPath, options.confine);
    if (!exists && !options.create) return undefined;
    if (!exists) mkdirSync(dirname(path), { recursive: true });
    let db: DatabaseSync;
    try {
      db = new (sqlite().DatabaseSync)(path, { enableForeignKeyConstraints: false, timeout: 2000 });
    } catch (error) {
      throw corrupt(options.shownPath, (error as Error).message);
    }
    try {
      prepareSchema(db, options.shownPath);
    } catch (error) {
      db.close();
      if (error instanceof MemoryError) throw error;
      const message = (error as Error).message;
      if (/no such module: fts5/i.test(message))
        throw new MemoryError(
          "MEMORY_UNSUPPORTED",
          options.shownPath,
          "this Node.js was built without SQLite's FTS5, which project memory needs",
          "use Node.js 24 (or 22.18 or later built with FTS5)",
        );
      throw corrupt(options.shownPath, message);
    }
    return new MemoryStore(db, options.scope, options.shownPath);
  }

  #fact(row: Row): Fact {
    return {
      id: `${this.scope[0]}${row.id}`,
      scope: this.scope,
      type: row.type as FactType,
      text: row.text,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      repeats: row.repeats,
    };
  }

  /**
   * Adds a fact, or refreshes a near-identical one of the same type (its text becomes the new one).
   * Returns the fact and whether it was merged.
   */
  remember(type: FactType, text: string, now: number): { fact: Fact; merged: boolean } {
    const clean = text.replace(/\s+/g, " ").trim().slice(0, MAX_FACT_CHARS);
    const norm = normalise(clean);
    const same = this.#db
      .prepare("SELECT * FROM facts WHERE type = ? AND norm = ? LIMIT 1")
      .get(type, norm) as Row | undefined;
    const near =
      same ??
      this.#search(clean, 10, [type], now).find((f) => similarity(f.text, clean) >= DUPLICATE_SIMILARITY);
    if (near) {
      const id = typeof near.id === "number" ? near.id : Number(near.id.slice(1));
      this.#db
        .prepare("UPDATE facts SET text = ?, norm = ?, updated_at = ?, repeats = repeats + 1 WHERE id = ?")
        .run(clean, norm, now, id);
      return { fact: this.#fact(this.#row(id)!), merged: true };
    }
    const { lastInsertRowid } = this.#db
      .prepare("INSERT INTO facts (type, text, norm, created_at, updated_at) VALUES (?, ?, ?, ?, ?)")
      .run(type, clean, norm, now, now);
    this.#trim();
    return { fact: this.#fact(this.#row(Number(lastInsertRowid))!), merged: false };
  }

  #row(id: number): Row | undefined {
    return this.#db.prepare("SELECT * FROM facts WHERE id = ?").get(id) as Row | undefined;
  }

  /** Drops the stalest facts past {@link MAX_FACTS}. */
  #trim(): void {
    this.#db
      .prepare(
        "DELETE FROM facts WHERE id IN (SELECT id FROM facts ORDER BY updated_at DESC LIMIT -1 OFFSET ?)",
      )
      .run(MAX_FACTS);
  }

  #search(query: string, limit: number, types: readonly FactType[] | undefined, now: number): ScoredFact[] {
    const match = matchQuery(query);
    if (match === undefined) return [];
    const kinds = types ?? [];
    const filter = kinds.length > 0 ? ` AND f.type IN (${kinds.map(() => "?").join(", ")})` : "";
    const rows = this.#db
      .prepare(
        `SELECT f.*, bm25(facts_fts) AS rank FROM facts_fts JOIN facts f ON f.id = facts_fts.rowid WHERE facts_fts MATCH ?${filter} ORDER BY rank LIMIT 100`,
      )
      .all(match, ...kinds) as unknown as Row[];
    const best = Math.min(0, ...rows.map((r) => r.rank ?? 0));
    const wanted = new Set(terms(query));
    return rows
      .map((r) => {
        const shared = terms(r.text).filter((t) => wanted.has(t)).length;
        const overlap = shared / Math.max(1, wanted.size);
        return { ...this.#fact(r), score: score(r.rank ?? 0, best, overlap, now - r.updated_at), shared };
      })
      .sort((a, b) => b.score - a.score || b.updatedAt - a.updatedAt)
      .slice(0, limit);
  }

  /** The facts matching `query`, best first (relevance and freshness). */
  recall(query: string, limit: number, now: number, types?: readonly FactType[]): ScoredFact[] {
    return this.#search(query, limit, types, now);
  }

  /** The newest facts (of `types`, when given), newest first. */
  list(limit: number, types?: readonly FactType[]): Fact[] {
    const kinds = types ?? [];
    const filter = kinds.length > 0 ? ` WHERE type IN (${kinds.map(() => "?").join(", ")})` : "";
    const rows = this.#db
      .prepare(`SELECT * FROM facts${filter} ORDER BY updated_at DESC, id DESC LIMIT ?`)
      .all(...kinds, limit) as unknown as Row[];
    return rows.map((r) => this.#fact(r));
  }

  /** The fact with number `id`, or undefined. */
  get(id: number): Fact | undefined {
    const row = this.#row(id);
    return row ? this.#fact(row) : undefined;
  }

  /** Removes the fact with number `id`; whether it was there. */
  forget(id: number): Fact | undefined {
    const row = this.#row(id);
    if (!row) return undefined;
    this.#db.prepare("DELETE FROM facts WHERE id = ?").run(id);
    return this.#fact(row);
  }

  /** Number of facts stored. */
  count(): number {
    return Number((this.#db.prepare("SELECT count(*) AS n FROM facts").get() as { n: number }).n);
  }

  /** Closes the database. */
  close(): void {
    this.#db.close();
  }
}

/** Creates the schema in a new database, or checks that an existing one is exactly SmallCode's. */
function prepareSchema(db: DatabaseSync, shownPath: string): void {
  const objects = db.prepare("SELECT type, name, sql FROM sqlite_master").all() as {
    type: string;
    name: string;
    sql: string | null;
  }[];
  if (objects.length === 0) {
    db.exec("BEGIN");
    for (const sql of Object.values(DDL)) db.exec(sql);
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION}`);
    db.exec("COMMIT");
    return;
  }
  for (const o of objects) {
    const ours = DDL[o.name];
    const shadow = FTS_SHADOW.includes(o.name) || o.name.startsWith("sqlite_autoindex_facts_fts");
    if (shadow) continue;
    if (ours === undefined || squash(o.sql ?? "") !== squash(ours))
      throw corrupt(shownPath, `it holds ${o.type} \`${o.name}\`, which SmallCode did not make`, true);
  }
  for (const name of Object.keys(DDL))
    if (!objects.some((o) => o.name === name)) throw corrupt(shownPath, `\`${name}\` is missing`, true);
  const version = Number((db.prepare("PRAGMA user_version").get() as { user_version: number }).user_version);
  if (version !== SCHEMA_VERSION)
    throw corrupt(shownPath, `schema version ${version}, this SmallCode reads ${SCHEMA_VERSION}`, true);
  const check = db.prepare("PRAGMA quick_check").get() as { quick_check: string };
  if (check.quick_check !== "ok") throw corrupt(shownPath, check.quick_check);
}
