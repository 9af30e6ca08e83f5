// Preloaded with `node --import ./bench/compile-loads.mjs …`: records every module the process
// loads and, at exit, prints to stderr whether the TypeScript compiler (the `typescript` package or
// the copy bundled in @ts-morph/common) and ts-morph were among them, and whether marrowc ran from
// the package's compiled dist/ or its sources, and how much of Handlebars loaded (`parser`: its
// parser alone, which checking templates needs; `yes`: the whole package, which precompiling them
// needs). Used by the compile benchmark and the tests to keep TypeScript off the start-up path, and
// out of `marrowc build`, and Handlebars' compiler out of a rebuild that compiles no new template.
import { registerHooks } from "node:module";

let typescript = false;
let tsMorph = false;
let dist = false;
let handlebars = "no";
registerHooks({
  load(url, context, next) {
    const result = next(url, context);
    if (/\/node_modules\/typescript\/|\/@ts-morph\/common\/dist\/typescript\.js$/.test(url)) {
      typescript = true;
    }
    if (/\/node_modules\/ts-morph\//.test(url)) tsMorph = true;
    if (/\/dist\/marrowc\//.test(url)) dist = true;
    if (/\/node_modules\/handlebars\/(lib\/index\.js|dist\/cjs\/handlebars\.js)$/.test(url))
      handlebars = "yes";
    else if (handlebars === "no" && /\/node_modules\/handlebars\//.test(url)) handlebars = "parser";
    return result;
  },
});
process.on("exit", () => {
  const yes = (loaded) => (loaded ? "yes" : "no");
  process.stderr.write(
    `\n[loads] typescript=${yes(typescript)} ts-morph=${yes(tsMorph)} marrowc=${dist ? "dist" : "source"} ` +
      `handlebars=${handlebars}\n`,
  );
});
