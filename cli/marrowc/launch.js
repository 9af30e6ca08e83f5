// Chooses what `marrowc` runs: the esbuild bundle in dist/marrowc/ (fast start) when it was built from
// exactly the files on disk, the TypeScript sources otherwise. Plain JavaScript with no dependencies:
// it runs before either is loaded, and importing a first .ts file would start Node's type stripper.
// Types: launch.d.ts.
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** The bundle's record of what it was built from, next to its entry. */
export const MANIFEST = "manifest.json";

/**
 * The file URL of the bundle's entry when `bundleDir` holds a bundle whose inputs under `root` are all
 * unchanged (same size and modification time); undefined when there is none, it is unreadable, or any
 * input changed or disappeared.
 */
export function freshBundle(root, bundleDir) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(bundleDir, MANIFEST), "utf8"));
  } catch {
    return undefined;
  }
  if (typeof manifest?.entry !== "string" || typeof manifest.inputs !== "object") return undefined;
  for (const [path, stamp] of Object.entries(manifest.inputs)) {
    const stat = statSync(join(root, path), { throwIfNoEntry: false });
    if (!stat || stat.size !== stamp?.size || stat.mtimeMs !== stamp.mtimeMs) return undefined;
  }
  return pathToFileURL(join(bundleDir, manifest.entry)).href;
}
