#!/usr/bin/env node
// The `marrowc` executable. Plain JavaScript so that it runs on any Node and can say clearly when the
// version is too old. It runs the TypeScript sources in a source checkout and the compiled dist/ in an
// installed package (../shared/entry.js).
import { exitUnlessSupportedNode } from "../shared/node-version.js";

exitUnlessSupportedNode("marrowc");
const { enableCompileCache } = await import("node:module");
// Cache V8's compiled code on disk (in the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off):
// later runs start two to three times faster, which matters for a command run on every save.
enableCompileCache?.();
const { entryUrl } = await import("../shared/entry.js");
const { main } = await import(entryUrl("marrowc", "cli/marrowc/main.ts", "marrowc/main.js"));
process.exitCode = await main(process.argv.slice(2));
