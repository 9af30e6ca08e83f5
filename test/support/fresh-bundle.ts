import { ensureFreshBundle } from "../../cli/marrowc/bundle.ts";

/**
 * Vitest global setup: rebuilds dist/marrowc when it is missing or older than the sources (as
 * `npm run build` would), so the tests that spawn cli/marrowc/bin.js run the bundle users get.
 */
export default async function setup(): Promise<void> {
  await ensureFreshBundle();
}
