import { fileURLToPath } from "node:url";
import { bundle } from "../../cli/marrowc/bundle.ts";
import { freshBundle } from "../../cli/marrowc/launch.js";

/**
 * Vitest global setup: rebuilds dist/marrowc when it is missing or older than the sources (as
 * `npm run build` would), so the tests that spawn cli/marrowc/bin.js run the bundle users get.
 */
export default async function setup(): Promise<void> {
  const root = fileURLToPath(new URL("../../", import.meta.url));
  if (freshBundle(root, `${root}dist/marrowc`) === undefined) await bundle();
}
