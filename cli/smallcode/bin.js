#!/usr/bin/env node
// The `smallcode` executable. Plain JavaScript so that it runs on any Node and can say clearly when the
// version is too old: SmallCode is TypeScript, run directly through Node's type stripping.
import { exitUnlessNodeRunsTypeScript } from "../shared/node-version.js";

exitUnlessNodeRunsTypeScript("smallcode");
// Cache V8's compiled code on disk (in the OS temp dir; NODE_DISABLE_COMPILE_CACHE=1 turns it off):
// later runs start two to three times faster.
const { enableCompileCache } = await import("node:module");
enableCompileCache?.();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2));
