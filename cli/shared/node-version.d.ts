/** True when `version` (default: this process's) runs TypeScript through type stripping by default. */
export declare function runsTypeScript(version?: string): boolean;

/** Exits with code 2 and a clear message when this Node.js cannot run `tool`. */
export declare function exitUnlessNodeRunsTypeScript(tool: string): void;
