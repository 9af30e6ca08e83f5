/** The bundle's record of what it was built from, next to its entry. */
export declare const MANIFEST: "manifest.json";

/** What dist/marrowc/manifest.json holds. */
export interface Manifest {
  /** The entry module, relative to the bundle folder. */
  readonly entry: string;
  /** Every input file (path relative to the package root) with its size and modification time. */
  readonly inputs: Readonly<Record<string, { readonly size: number; readonly mtimeMs: number }>>;
}

/**
 * The file URL of the bundle's entry when `bundleDir` holds a bundle whose inputs under `root` are all
 * unchanged (same size and modification time); undefined when there is none, it is unreadable, or any
 * input changed or disappeared.
 */
export declare function freshBundle(root: string, bundleDir: string): string | undefined;
