"use strict";
/**
 * Stands in for the TypeScript compiler bundled in @ts-morph/common (9 MB, 100–200 ms to load) while
 * marrowc prints ts-morph structures, which never parses or type-checks anything. At load time and
 * while printing, ts-morph reads a few enums (saved in enums.json) and places commas with a scanner
 * (scanner.cjs); any other use loads the real module on first access, and so does everything when
 * enums.json was saved for another compiler than the one installed, or MARROWC_REAL_TYPESCRIPT=1.
 * cli/marrowc/bin.js resolves @ts-morph/common's `./typescript` here (the installed package runs a
 * copy in dist/typescript-standin/, made by cli/build/build.ts).
 */
const { createRequire } = require("node:module");
const { statSync } = require("node:fs");
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

// The same @ts-morph/common, or another release bundling the same compiler file (an installed
// SmallCode may resolve a newer patch than the one enums.json was saved from).
const installed = requireFromCommon("../package.json").version;
const sameCompiler = () => statSync(realPath, { throwIfNoEntry: false })?.size === saved.typescriptBytes;
const usable =
  (saved.commonVersion === installed || sameCompiler()) && process.env.MARROWC_REAL_TYPESCRIPT !== "1";
module.exports = usable ? standIn : loadReal();
