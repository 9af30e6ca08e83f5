import { THRESHOLDS, type Thresholds } from "../guard-kit/thresholds.ts";
import type { Check } from "./validate.ts";

/**
 * Planning settings per project root, set by the planning guard at the start of a task and read by
 * the `todo` and `note` tools (which only get a `ToolContext`). Defaults apply where nothing was set.
 */

/** What the planning tools need to know. */
export interface PlanningSettings {
  readonly thresholds: Pick<
    Thresholds,
    | "planMaxSteps"
    | "stepValidationAttempts"
    | "stepValidationTimeoutS"
    | "maxNotes"
    | "contractEvidenceChars"
  >;
  /** Checks that validate a step; undefined: detected from the project's files. */
  readonly checks?: readonly Check[];
  /** The task, written at the top of TODO.md. */
  readonly task: string;
}

const byRoot = new Map<string, PlanningSettings>();

/** Sets the planning settings of project `cwd`. */
export function configurePlanning(cwd: string, settings: PlanningSettings): void {
  byRoot.set(cwd, settings);
}

/** The planning settings of project `cwd` (defaults when none were set). */
export function planningSettings(cwd: string): PlanningSettings {
  return byRoot.get(cwd) ?? { thresholds: THRESHOLDS, task: "" };
}
