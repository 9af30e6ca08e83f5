"use strict";
/**
 * Stands in for the TypeScript compiler bundled in @ts-morph/common (9 MB, 100–200 ms to load) while
 * marrowc prints ts-morph structures, which never parses or type-checks anything. At load time and
 * while printing, ts-morph reads a few enums (saved in enums.json) and places commas with a scanner
 * (scanner.cjs); any other use loads the real module on first access, and so does everything when
 * enums.json was saved for another @ts-morph/common than the one installed, or MARROWC_REAL_TYPESCRIPT=1.
 * cli/marrowc/bin.js (for the sources) and cli/marrowc/bundle.ts (for the bundle) resolve
 * @ts-morph/common's `./typescript` here.
 */
const { createRequire } = require("node:module");
const { dirname, join } = require("node:path");
const { createPlainTextScanner } = require("./scanner.cjs");

// Resolved from ts-morph, whose copy of @ts-morph/common is the one that loads this module.
const requireFromTsMorph = createRequire(require.resolve("ts-morph"));
const commonMain = requireFromTsMorph.resolve("@ts-morph/common");
const requireFromCommon = createRequire(commonMain);
// By path: the specifier "./typescript" (even through require.resolve) would be resolved to this module.
const realPath = join(dirname(commonMain), "typescript.js");
const saved = require("./enums.json");

let real;
function loadReal() {
  real ??= require(realPath);
  return real;
}

function createScanner(...args) {
  return createPlainTextScanner(() => loadReal().createScanner(...args), saved.values.SyntaxKind);
}

const standIn = new Proxy(
  {},
  {
    get(_, key) {
      // `default` makes the interop helper of @ts-morph/common use this object as is, not a copy.
      if (key === "default") return standIn;
      if (real) return real[key];
      if (Object.hasOwn(saved.values, key)) return saved.values[key];
      if (key === "createScanner") return createScanner;
      return loadReal()[key];
    },
    has(_, key) {
      return key === "default" || key in loadReal();
    },
    ownKeys() {
      return Reflect.ownKeys(loadReal());
    },
    getOwnPropertyDescriptor(_, key) {
      const descriptor = Reflect.getOwnPropertyDescriptor(loadReal(), key);
      if (descriptor) descriptor.configurable = true; // a proxy may not report a non-configurable property
      return descriptor;
    },
  },
);

const installed = requireFromCommon("../package.json").version;
const usable = saved.commonVersion === installed && process.env.MARROWC_REAL_TYPESCRIPT !== "1";
module.exports = usable ? standIn : loadReal();
