/**
 * Repo map benchmark (`node bench/repomap.bench.ts [FILES]`): prints figures, asserts nothing.
 *
 * Generates a repository of FILES source files (default 5,000) in TypeScript, JavaScript, Python, Go
 * and Rust, about 40 lines each, where every module defines a few functions and a type and uses
 * definitions of a handful of others. Then times, in this process:
 * 1. a cold build (no cache: every file parsed), 2. a warm build (every file from the cache),
 * 3. a build after one file changed (one parse), 4. ranking and rendering the map for a 4k, 8k and
 * 32k window, with and without a task that names a file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { countTokens } from "../cli/smallcode/context/tokens.ts";
import { buildRepoIndex, mapBudgetFor, mapOf } from "../cli/smallcode/repomap/index.ts";

const FILES = Number(process.argv[2] ?? 5000);
const LANGS = ["ts", "js", "py", "go", "rs"] as const;

/** Module `i`'s source in language `ext`, calling functions of modules `uses`. */
function moduleSource(ext: (typeof LANGS)[number], i: number, uses: readonly number[]): string {
  const calls = (fmt: (j: number) => string) => uses.map(fmt).join("\n");
  const body = (n: number) => `x${n} + ${n}`;
  switch (ext) {
    case "ts":
      return `import { ${uses.map((j) => `compute${j}`).join(", ")} } from "./deps";\nexport interface Record${i} { id: number; name: string }\n${[0, 1, 2].map((k) => `export function handle${i}_${k}(x${k}: number): number {\n  return ${body(k)};\n}`).join("\n")}\nexport function compute${i}(r: Record${i}): number {\n${calls((j) => `  handle${j}_0(compute${j}({ id: r.id, name: "" } as never));`)}\n  return r.id;\n}\n`;
    case "js":
      return `${[0, 1, 2].map((k) => `export function handle${i}_${k}(x${k}) {\n  return ${body(k)};\n}`).join("\n")}\nexport class Store${i} {\n  get(key) {\n    return key;\n  }\n}\nexport function compute${i}(r) {\n${calls((j) => `  handle${j}_0(compute${j}(r));`)}\n  return new Store${i}().get(r);\n}\n`;
    case "py":
      return `${[0, 1, 2].map((k) => `def handle${i}_${k}(x${k}: int) -> int:\n    return ${body(k)}\n`).join("\n")}\nclass Record${i}:\n    def total(self) -> int:\n        return 0\n\ndef compute${i}(r):\n${calls((j) => `    handle${j}_0(compute${j}(r))`)}\n    return Record${i}().total()\n`;
    case "go":
      return `package m\n\ntype Record${i} struct {\n\tID int\n}\n${[0, 1, 2].map((k) => `func Handle${i}_${k}(x${k} int) int {\n\treturn ${body(k)}\n}`).join("\n")}\nfunc Compute${i}(r Record${i}) int {\n${calls((j) => `\tHandle${j}_0(Compute${j}(Record${j}{}))`)}\n\treturn r.ID\n}\n`;
    case "rs":
      return `pub struct Record${i} {\n    pub id: i64,\n}\n${[0, 1, 2].map((k) => `pub fn handle${i}_${k}(x${k}: i64) -> i64 {\n    ${body(k)}\n}`).join("\n")}\npub fn compute${i}(r: &Record${i}) -> i64 {\n${calls((j) => `    handle${j}_0(compute${j}(&Record${j} { id: 0 }));`)}\n    r.id\n}\n`;
  }
}

/** Writes the generated repository; returns its root. */
function generate(files: number): string {
  const root = mkdtempSync(join(tmpdir(), "smallcode-repomap-bench-"));
  let seed = 42;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  for (let i = 0; i < files; i++) {
    const ext = LANGS[i % LANGS.length]!;
    // A few popular modules (low numbers) are used much more: a realistic, skewed reference graph.
    const uses = Array.from({ length: 4 }, () => Math.floor(random() ** 3 * files));
    const path = join(root, `pkg${Math.floor(i / 100)}`, `mod${i}.${ext}`);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, moduleSource(ext, i, uses));
  }
  return root;
}

const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
};
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

const [root, genMs] = await time(() => generate(FILES));
console.log(`repo map benchmark: ${FILES} files generated in ${s(genMs)} (${root})`);
try {
  const [cold, coldMs] = await time(() => buildRepoIndex(root));
  const defs = cold.files.reduce((n, f) => n + f.tags.definitions.length, 0);
  console.log(
    `cold build:   ${s(coldMs)}  (${cold.stats.parsed} files parsed, ${defs} definitions, ${(coldMs / cold.stats.parsed).toFixed(2)} ms/file)`,
  );
  const [warm, warmMs] = await time(() => buildRepoIndex(root));
  console.log(
    `warm build:   ${s(warmMs)}  (${warm.stats.cached} from the cache, ${warm.stats.parsed} parsed)`,
  );
  writeFileSync(join(root, "pkg0", "mod0.ts"), `${moduleSource("ts", 0, [1, 2])}export const extra = 1;\n`);
  const [one, oneMs] = await time(() => buildRepoIndex(root));
  console.log(`one changed:  ${s(oneMs)}  (${one.stats.parsed} parsed, ${one.stats.cached} from the cache)`);
  for (const window of [4096, 8192, 32768]) {
    for (const task of ["", "fix the bug in pkg7/mod712.py"]) {
      const [text, ms] = await time(() => mapOf(one, { task, budget: mapBudgetFor(window) }));
      const files = text.split("\n").filter((l) => !l.startsWith(" ")).length - 1;
      const label = task ? "task names a file" : "no task";
      const first = task ? `, first file ${text.split("\n")[1]}` : "";
      console.log(
        `map ${String(window).padStart(5)} window, ${label.padEnd(17)}: ${ms.toFixed(0).padStart(5)} ms, ${countTokens(text)} of ${mapBudgetFor(window)} tokens, ${files} files${first}`,
      );
    }
  }
} finally {
  rmSync(root, { recursive: true, force: true });
}
