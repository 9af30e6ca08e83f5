// Chooses what a bin runs: the TypeScript sources in a source checkout, the JavaScript that
// `npm run build` (npm's prepare) compiled into dist/ in an installed package, where Node strips no
// types (ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING). Plain JavaScript with no dependencies: it runs
// before either is loaded. Types: entry.d.ts.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The package root: cli/shared/ lies two folders below it. */
export const PACKAGE_ROOT = new URL("../../", import.meta.url);

/**
 * True when the bins run the sources: they are present and outside node_modules, and
 * SMALLCODE_FROM_DIST=1 (to try the build in a checkout) is not set.
 */
export function runsFromSources(env = process.env) {
  const root = fileURLToPath(PACKAGE_ROOT);
  if (env.SMALLCODE_FROM_DIST === "1" || /[\\/]node_modules[\\/]/.test(root)) return false;
  return existsSync(new URL("cli/smallcode/main.ts", PACKAGE_ROOT));
}

/**
 * The URL of the module a bin imports: `source` (relative to the package root) from the sources, else
 * `compiled` (relative to dist/). Exits with code 2 and the fix when the compiled file is missing.
 */
export function entryUrl(tool, source, compiled) {
  if (runsFromSources()) return new URL(source, PACKAGE_ROOT).href;
  const url = new URL(`dist/${compiled}`, PACKAGE_ROOT);
  if (existsSync(url)) return url.href;
  process.stderr.write(
    `${tool}: ${fileURLToPath(url)} is missing: this copy of SmallCode was installed without its build. ` +
      "Install it from a packed tarball (`npm run package` in a source checkout), or from a git URL, which builds it; " +
      "in a source checkout run `npm run build` first.\n",
  );
  process.exit(2);
}
