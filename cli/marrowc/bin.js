#!/usr/bin/env node
// The `marrowc` executable. Plain JavaScript so that it runs on any Node and can say clearly when the
// version is too old. It runs the TypeScript sources in a source checkout and the compiled dist/ in an
// installed package (../shared/entry.js).
import { exitUnlessSupportedNode } from "../shared/node-version.js";

exitUnlessSupportedNode("marrowc");
const { enableCompileCache, registerHooks } = await import("node:module");
// Cache V8's compiled code on disk (in the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off):
// later runs start two to three times faster, which matters for a command run on every save.
enableCompileCache?.();
const { entryUrl, PACKAGE_ROOT, runsFromSources } = await import("../shared/entry.js");
// Code generation only prints ts-morph structures: a stand-in keeps the TypeScript compiler that
// ts-morph bundles from loading (100–200 ms) unless something needs it.
const standIn = new URL(
  runsFromSources() ? "compiler/codegen/typescript-standin/index.cjs" : "dist/typescript-standin/index.cjs",
  PACKAGE_ROOT,
).href;
registerHooks({
  resolve(specifier, context, next) {
    if (specifier === "./typescript" && context.parentURL?.includes("/@ts-morph/common/dist/")) {
      return { url: standIn, format: "commonjs", shortCircuit: true };
    }
    return next(specifier, context);
  },
});
const { main } = await import(entryUrl("marrowc", "cli/marrowc/main.ts", "marrowc/main.js"));
process.exitCode = await main(process.argv.slice(2));
