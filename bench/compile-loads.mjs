// Preloaded with `node --import ./bench/compile-loads.mjs …`: records every module the process
// loads and, at exit, prints to stderr whether the TypeScript compiler (the `typescript` package or
// the copy bundled in @ts-morph/common) and ts-morph were among them. Used by the compile benchmark
// and the tests to keep TypeScript off the start-up path, and out of `marrowc build`.
import { registerHooks } from "node:module";

let typescript = false;
let tsMorph = false;
registerHooks({
  load(url, context, next) {
    if (/\/node_modules\/typescript\/|\/@ts-morph\/common\/dist\/typescript\.js$/.test(url))
      typescript = true;
    if (/\/node_modules\/ts-morph\//.test(url)) tsMorph = true;
    return next(url, context);
  },
});
process.on("exit", () => {
  process.stderr.write(
    `\n[loads] typescript=${typescript ? "yes" : "no"} ts-morph=${tsMorph ? "yes" : "no"}\n`,
  );
});
