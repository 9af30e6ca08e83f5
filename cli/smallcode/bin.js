#!/usr/bin/env node
// The `smallcode` executable. Plain JavaScript so that it runs on any Node and can say clearly when the
// version is too old. It runs the TypeScript sources in a source checkout and the compiled dist/ in an
// installed package (../shared/entry.js).
import { exitUnlessSupportedNode } from "../shared/node-version.js";

exitUnlessSupportedNode("smallcode");
// Cache V8's compiled code on disk (in the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off):
// later runs start two to three times faster.
const { enableCompileCache } = await import("node:module");
enableCompileCache?.();
const { entryUrl } = await import("../shared/entry.js");
const { main } = await import(entryUrl("smallcode", "cli/smallcode/main.ts", "smallcode/main.js"));
process.exitCode = await main(process.argv.slice(2));
