/**
 * The floor under a cold one-edit rebuild (section 6 of the compile benchmark): what any fresh
 * `marrowc build` process must do before it can check or generate anything, and the same rebuild in
 * a process that is already running. Each mode is run as its own process by `compile-loop.ts`:
 *
 * - `parse FILE`: start Node, load the compiler as installed (dist/, V8's compile cache on), which
 *   builds Chevrotain's lexer and parser, and parse the one edited file; no cache, no checks, no
 *   generation. A cold rebuild cannot cost less while the parser is Chevrotain.
 * - `warm DIR FILE A B N`: `marrowc build` in DIR once, then N times: edit FILE (A becomes B, or B
 *   A), build in the same process (what `marrowc build --watch` does per save, without its 100 ms
 *   debounce); prints the median wall time in ms.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { enableCompileCache } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { median, root } from "./compile-util.ts";

const [mode, ...args] = process.argv.slice(2);
const dist = (path: string) => pathToFileURL(join(root, "dist", path)).href;

if (mode === "parse") {
  enableCompileCache?.();
  const file = args[0]!;
  const { parse } = (await import(dist("compiler/index.js"))) as typeof import("../compiler/index.ts");
  const { diagnostics } = parse({ path: file, text: readFileSync(file, "utf8") });
  if (diagnostics.some((d) => d.severity === "error")) throw new Error(`${file} does not parse`);
} else if (mode === "warm") {
  enableCompileCache?.();
  const [dir, file, a, b, runs] = args as [string, string, string, string, string];
  process.chdir(dir);
  const { main } = (await import(dist("marrowc/main.js"))) as typeof import("../cli/marrowc/main.ts");
  const build = async () => {
    const code = await main(["build"]);
    if (code !== 0) throw new Error(`marrowc build exited ${code}`);
  };
  await build();
  const times: number[] = [];
  for (let i = 0; i < Number(runs); i++) {
    const text = readFileSync(file, "utf8");
    writeFileSync(file, text.includes(a) ? text.replace(a, b) : text.replace(b, a));
    const start = performance.now();
    await build();
    times.push(performance.now() - start);
  }
  console.log(median(times).toFixed(1));
} else {
  throw new Error("usage: compile-floor.ts parse FILE | warm DIR FILE A B RUNS");
}
