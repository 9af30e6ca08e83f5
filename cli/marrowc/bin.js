#!/usr/bin/env node
// The `marrowc` executable. Plain JavaScript so that it runs on any Node and can say clearly when the
// version is too old: the compiler is TypeScript, run directly through Node's type stripping, or
// bundled into dist/marrowc/ by `npm run build` (which `npm ci` runs).
import { exitUnlessNodeRunsTypeScript } from "../shared/node-version.js";

exitUnlessNodeRunsTypeScript("marrowc");
const { enableCompileCache, registerHooks } = await import("node:module");
// Cache V8's compiled code on disk (in the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off):
// later runs start two to three times faster, which matters for a command run on every save.
enableCompileCache?.();
const { fileURLToPath } = await import("node:url");
const { freshBundle } = await import("./launch.js");
const root = fileURLToPath(new URL("../../", import.meta.url));
// The bundle when it is up to date with the sources (MARROWC_FROM_SOURCE=1 skips it), else the sources.
const bundle = process.env.MARROWC_FROM_SOURCE === "1" ? undefined : freshBundle(root, `${root}dist/marrowc`);
if (!bundle) {
  // Code generation only prints ts-morph structures: a stand-in keeps the TypeScript compiler that
  // ts-morph bundles from loading (100–200 ms) unless something needs it (the bundle has it built in).
  const standIn = new URL("../../compiler/codegen/typescript-standin/index.cjs", import.meta.url).href;
  registerHooks({
    resolve(specifier, context, next) {
      if (specifier === "./typescript" && context.parentURL?.includes("/@ts-morph/common/dist/")) {
        return { url: standIn, format: "commonjs", shortCircuit: true };
      }
      return next(specifier, context);
    },
  });
}
const { main } = await import(bundle ?? "./main.ts");
process.exitCode = await main(process.argv.slice(2));
