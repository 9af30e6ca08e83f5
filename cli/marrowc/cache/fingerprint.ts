import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PACKAGE_ROOT, runsFromSources } from "../../shared/entry.js";
import { hash } from "./codec.ts";

/**
 * The identity of the compiler for the build cache: the package version, Node's version, the
 * versions of the libraries that shape the output, and a hash of the compiler's own code: the
 * sources of `compiler/` and `cli/marrowc/` in a checkout, the compiled `dist/` in an installed
 * package. Any edit to the compiler (another helper's included) therefore starts a fresh cache.
 */

/** Libraries whose version can change what a build writes. */
const LIBRARIES = ["ts-morph", "@ts-morph/common", "chevrotain", "handlebars", "code-block-writer"];

function filesUnder(dir: string, out: string[]): void {
  let entries: import("node:fs").Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "types" && entry.name !== "node_modules") filesUnder(full, out);
    } else if (/\.(ts|js|cjs|mjs|json)$/.test(entry.name)) out.push(full);
  }
}

/** The version of an installed library, looked up like Node does: node_modules folders upwards. */
function libraryVersion(root: string, name: string): string {
  for (let dir = root; ; dir = dirname(dir)) {
    try {
      const text = readFileSync(join(dir, "node_modules", name, "package.json"), "utf8");
      return (JSON.parse(text) as { version: string }).version;
    } catch {
      if (dirname(dir) === dir) return "?";
    }
  }
}

let memo: string | undefined;

/** The fingerprint of the running compiler (computed once per process). */
export function compilerFingerprint(): string {
  if (memo !== undefined) return memo;
  const root = fileURLToPath(PACKAGE_ROOT);
  const dirs = runsFromSources() ? ["compiler", "cli/marrowc", "cli/shared"] : ["dist"];
  const files: string[] = [];
  for (const dir of dirs) filesUnder(join(root, dir), files);
  const parts = [`node ${process.version}`];
  try {
    parts.push(
      `version ${(JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string }).version}`,
    );
  } catch {
    parts.push("version ?");
  }
  for (const name of LIBRARIES) parts.push(`${name} ${libraryVersion(root, name)}`);
  for (const file of files) parts.push(`${file.slice(root.length)} ${hash(readFileSync(file, "utf8"))}`);
  memo = hash(parts.join("\n"));
  return memo;
}
