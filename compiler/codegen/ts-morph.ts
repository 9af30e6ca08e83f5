import { createRequire } from "node:module";

/**
 * ts-morph, loaded on first use rather than at import: generation modules are imported by every
 * `marrowc build`, but a build answered from its cache prints nothing and must not pay ts-morph's
 * load time. (`require` rather than `import()`: printing is synchronous.)
 */

let loaded: typeof import("ts-morph") | undefined;

/** The ts-morph module (loaded now if it was not yet). */
export function tsMorph(): typeof import("ts-morph") {
  loaded ??= createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");
  return loaded;
}
