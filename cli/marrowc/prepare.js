// npm's `prepare` script (run by `npm ci` and `npm install`): bundles marrowc (bundle.ts) when this
// Node.js can run the build script, and never fails the install: without a bundle, marrowc runs from
// its sources, and a Node.js that is too old gets bin.js's clear message when marrowc is run.
import { runsTypeScript } from "../shared/node-version.js";

if (runsTypeScript()) {
  const { bundleCommand } = await import("./bundle.ts");
  process.exitCode = await bundleCommand(["--optional"]);
} else {
  process.stderr.write(
    `marrowc bundle: skipped (Node.js ${process.versions.node} cannot run the build script; marrowc needs 22.18 or newer)\n`,
  );
}
