import type { AgentFactory } from "../contract/index.ts";

/**
 * The agent as the CLI uses it: `new SmallCode(options).run(task)` from `cli/smallcode/api.ts`,
 * imported only when a task runs (so `--help`, `doctor` and `sessions` never load the agent).
 */

export type { AgentFactory, AgentInstance } from "../contract/index.ts";

/** The real agent: `SmallCode` from `api.ts`, loaded on first use. */
export async function loadAgentFactory(): Promise<AgentFactory> {
  const { SmallCode } = await import("../api.ts");
  return (options) => new SmallCode(options);
}
