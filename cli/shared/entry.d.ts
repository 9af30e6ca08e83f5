/** The package root: cli/shared/ lies two folders below it. */
export declare const PACKAGE_ROOT: URL;

/**
 * True when the bins run the sources: they are present and outside node_modules, and
 * SMALLCODE_FROM_DIST=1 (to try the build in a checkout) is not set.
 */
export declare function runsFromSources(env?: Readonly<Record<string, string | undefined>>): boolean;

/**
 * The URL of the module a bin imports: `source` (relative to the package root) from the sources, else
 * `compiled` (relative to dist/). Exits with code 2 and the fix when the compiled file is missing.
 */
export declare function entryUrl(tool: string, source: string, compiled: string): string;
