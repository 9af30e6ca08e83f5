import { createRequire } from "node:module";

/**
 * ts-morph, loaded on first use rather than at import: modules are printed without it
 * (`print-structures.ts`), which falls back to ts-morph only for a list it cannot place commas in
 * itself. (`require` rather than `import()`: printing is synchronous.)
 */

let loaded: typeof import("ts-morph") | undefined;

/** The ts-morph module (loaded now if it was not yet). */
export function tsMorph(): typeof import("ts-morph") {
  loaded ??= createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");
  return loaded;
}
