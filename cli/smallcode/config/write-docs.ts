/**
 * Rewrites `docs/configuration.md` and `smallcode.example.toml` from the key table:
 *
 *   node cli/smallcode/config/write-docs.ts          write both files
 *   node cli/smallcode/config/write-docs.ts --check  exit 1 when either differs from the table
 */
import { readFileSync, writeFileSync } from "node:fs";
import { configurationDoc, DOC_FILES, exampleToml } from "./docs.ts";

const root = new URL("../../../", import.meta.url);
const check = process.argv.includes("--check");
let stale = 0;
for (const [path, text] of [
  [DOC_FILES.doc, configurationDoc()],
  [DOC_FILES.example, exampleToml()],
] as const) {
  const file = new URL(path, root);
  let current: string | undefined;
  try {
    current = readFileSync(file, "utf8");
  } catch {
    current = undefined;
  }
  if (current === text) continue;
  if (check) {
    process.stderr.write(`${path} is out of date: run \`node cli/smallcode/config/write-docs.ts\`\n`);
    stale++;
  } else {
    writeFileSync(file, text);
    process.stdout.write(`wrote ${path}\n`);
  }
}
process.exitCode = stale > 0 ? 1 : 0;
