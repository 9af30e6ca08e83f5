/** The oldest Node.js that runs SmallCode, as `major.minor`. */
export declare const MINIMUM_NODE: "22.18";

/** True when `version` (default: this process's) can run SmallCode. */
export declare function supportsNode(version?: string): boolean;

/**
 * The command that runs the same invocation (`argv`: node, script, args…) with Node.js 24 from the
 * npm registry, whatever Node is installed: npx puts that node first on PATH.
 */
export declare function retryCommand(argv?: readonly string[]): string;

/** Exits with code 2 and a message giving the exact command that fixes it when this Node.js cannot run `tool`. */
export declare function exitUnlessSupportedNode(tool: string): void;
