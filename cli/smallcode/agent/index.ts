/**
 * The agent: the classify → route → act loop (`runAgent`) and its parts. The programmatic API over it
 * is `SmallCode` in `../api.ts`.
 */

export * from "../contract/index.ts";
export { diffSnapshots, FileChanges, fileStamps } from "./changes.ts";
export { type Classification, classifyTask, fallbackTaskType, TASK_TYPES } from "./classify.ts";
export { type Connection, connectionPatch, connectionRuntime } from "./connection.ts";
export { executeCalls, SHELL_TOOLS } from "./execute.ts";
export { GuardRunner } from "./guards.ts";
export { NOTES_BUDGET, runAgent } from "./loop.ts";
export { CallIds, problemText, type ReadReply, readReply, toolDefinitions } from "./reply.ts";
export {
  BASE_COMPLEXITY,
  CATEGORY_FALLBACK,
  type CategoryPick,
  complexityOf,
  normaliseCategories,
  pickCategories,
  type RouteSignals,
  toolsFor,
} from "./route.ts";
export {
  type AgentOutcome,
  CORE_CATEGORIES,
  createRun,
  finishRun,
  prepare,
  type RunSetup,
  sandboxOf,
  saveRun,
} from "./setup.ts";
export { type AbortCause, StopRun, toStop } from "./signals.ts";
export { DEFAULT_LIMITS, guardContext, type Limits, projectPath, type Run } from "./state.ts";
export { startMeter, type Usage, type UsageMeter } from "./usage.ts";
