/**
 * Scalar type names of the original MarrowScript that SmallCode maps to one of its own scalars, so
 * that cognition files written for the original compiler keep their parameter types: `uint` is an
 * integer, and `timestamp`, `uuid` and `bytes` travel as strings (ISO-8601, canonical text, base64).
 * Shared by the checker (check/types.ts) and code generation (codegen/lower-values.ts).
 */
export const ORIGINAL_SCALARS = {
  uint: "int",
  timestamp: "string",
  uuid: "string",
  bytes: "string",
} as const;

/** Generic type names of the original grammar that mean `list<T>` here (`set<T>`: a list of distinct items). */
export const ORIGINAL_LIST_TYPES: ReadonlySet<string> = new Set(["set"]);

/**
 * Generic type names of the original grammar with no counterpart here, and their arity: their values
 * travel as `json` (validated as any JSON value). `map<K, V>`, `result<T, E>`.
 */
export const ORIGINAL_JSON_GENERICS: Readonly<Record<string, number>> = { map: 2, result: 2 };
