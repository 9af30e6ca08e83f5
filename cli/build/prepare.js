// npm's `prepare` script: builds dist/ (build.ts) before `npm pack` and `npm publish`, and when npm
// installs SmallCode from a git URL (npm runs only `prepare` there, not `prepack`); `npm ci` in a
// checkout runs it too. On a Node.js too old to run the build it skips with a message instead of
// failing the install: the bins then tell that Node how to run them.
import { MINIMUM_NODE, supportsNode } from "../shared/node-version.js";

if (supportsNode()) {
  const { buildCommand } = await import("./build.ts");
  process.exitCode = await buildCommand([]);
} else {
  process.stderr.write(
    `build: skipped (Node.js ${process.versions.node} cannot run it; SmallCode needs ${MINIMUM_NODE} or newer)\n`,
  );
}
