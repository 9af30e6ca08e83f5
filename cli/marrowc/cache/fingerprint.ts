import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
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

/**
 * The fingerprint of the running compiler (computed once per process). Hashing the code takes
 * longer than a no-change build may, so the last hash is kept in `memoFile` with the paths, sizes and
 * modification times it was computed from, and computed again only when one of those changed.
 */
export function compilerFingerprint(memoFile?: string): string {
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
  const stamp = hash(
    [
      ...parts,
      ...files.map((f) => {
        const st = statSync(f);
        return `${f} ${st.size} ${st.mtimeMs}`;
      }),
    ].join("\n"),
  );
  if (memoFile) {
    try {
      const saved = JSON.parse(readFileSync(memoFile, "utf8")) as { stamp?: unknown; fingerprint?: unknown };
      if (saved.stamp === stamp && typeof saved.fingerprint === "string") {
        memo = saved.fingerprint;
        return memo;
      }
    } catch {
      // No memo yet, or a damaged one: compute.
    }
  }
  for (const file of files) parts.push(`${file.slice(root.length)} ${hash(readFileSync(file, "utf8"))}`);
  memo = hash(parts.join("\n"));
  if (memoFile) {
    try {
      mkdirSync(dirname(memoFile), { recursive: true });
      const tmp = `${memoFile}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify({ stamp, fingerprint: memo }));
      renameSync(tmp, memoFile);
    } catch {
      // Unwritable: computed again next time.
    }
  }
  return memo;
}
