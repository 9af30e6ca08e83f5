/**
 * The contracts between the agent loop, its guards, the CLI, the programmatic API and the benchmark.
 * Owned by the lead: additive changes only.
 */

export * from "./guard.ts";
export * from "./options.ts";
export * from "./result.ts";
export * from "./tool.ts";
export * from "./tree.ts";
