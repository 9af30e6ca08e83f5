import { hash as sha256 } from "node:crypto";

/**
 * JSON for the build cache that gives back exactly the values it was given: numbers JSON cannot
 * hold (`Infinity`, `NaN`, `-0`) are wrapped, so a cached AST or diagnostic reads back equal to a
 * fresh one. Plus the content hash every cache key is made of.
 */

const NUM = "\u0000num";

/** Serialises a tree of plain objects, arrays, strings, booleans, null and numbers. */
export function encode(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))
      ? { [NUM]: Object.is(v, -0) ? "-0" : String(v) }
      : v,
  );
}

/** The inverse of {@link encode}. @throws SyntaxError on text that is not JSON (a damaged entry). */
export function decode(text: string): unknown {
  // A reviver slows JSON.parse several times over: only text holding a wrapped number needs one.
  if (!text.includes("\\u0000num")) return JSON.parse(text);
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) {
      const wrapped = (v as Record<string, unknown>)[NUM];
      if (typeof wrapped === "string" && Object.keys(v).length === 1) return Number(wrapped);
    }
    return v;
  });
}

/** Digests of long texts already hashed in this process: a build hashes each source and output several times. */
const digests = new Map<string, string>();
/** Texts shorter than this are hashed again rather than remembered. */
const REMEMBERED_LENGTH = 1024;
/** At most this many digests are remembered (a watching build runs for hours). */
const REMEMBERED_TEXTS = 512;

/** Hex SHA-256 of a text. */
export function hash(text: string): string {
  if (text.length < REMEMBERED_LENGTH) return sha256("sha256", text);
  let digest = digests.get(text);
  if (digest === undefined) {
    digest = sha256("sha256", text);
    if (digests.size >= REMEMBERED_TEXTS) digests.clear();
    digests.set(text, digest);
  }
  return digest;
}

/**
 * A value's digest for comparing it with a later one: its {@link encode}d form when short (most
 * answers a unit reads are names and small records; hashing each would cost more than comparing
 * it), else the hex SHA-256 of that form. `undefined` has a digest of its own.
 */
export function hashValue(value: unknown): string {
  const text =
    value === undefined
      ? "\u0000undefined"
      : typeof value === "string" || typeof value === "boolean"
        ? JSON.stringify(value) // a leaf: no replacer to run
        : encode(value);
  return text.length <= 128 ? text : hash(text);
}

const UNDEFINED = "\u0000undefined";

/**
 * A copy of a tree of plain data in which every `undefined` property is a marker that JSON keeps
 * (a Handlebars AST has many, and checks test some with `in`). @throws NotData when the tree holds
 * anything but data (a function, a symbol, a bigint)
 */
export function keepUndefined(value: unknown): unknown {
  if (value === undefined) return { [UNDEFINED]: 1 };
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "boolean")
    return value;
  if (typeof value !== "object") throw new NotData("not data");
  if (Array.isArray(value)) return value.map(keepUndefined);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = keepUndefined(v);
  return out;
}

/** Thrown by {@link keepUndefined} for a value that is not data. */
export class NotData extends Error {}

/** The inverse of {@link keepUndefined}, in place (on a freshly decoded tree). */
export function restoreUndefined(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = restoreUndefined(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && keys[0] === UNDEFINED) return undefined;
  for (const k of keys) record[k] = restoreUndefined(record[k]);
  return record;
}
