import { classifyTaskType, TaskType } from "../../../generated/index.ts";
import type { CallOptions } from "../../../runtime/index.ts";
import { asksForChanges, fallbackTaskType } from "../guard-kit/keywords.ts";

/**
 * Stage one of a task: label it with a `TaskType` through the generated `classify_task_type` prompt
 * (tiny model, cached). When that call fails for any reason, deterministic keyword rules answer, so
 * the agent never stops here. A `chat` label is not trusted for a task that plainly asks for changes
 * (an imperative change verb and a file or code noun): the keyword rules relabel it.
 */

export { asksForChanges, fallbackTaskType } from "../guard-kit/keywords.ts";

/** A classification and where it came from. */
export interface Classification {
  readonly taskType: TaskType;
  /** True when the keyword rules answered because the model call failed. */
  readonly fallback: boolean;
  /** Why the model call failed, when it did. */
  readonly error?: string;
  /** The model's label when it was not trusted (a `chat` label on a task that asks for changes). */
  readonly relabeled?: TaskType;
}

/** Classifies `task` with the model, falling back to keyword rules on any failure (except cancellation). */
export async function classifyTask(task: string, options: CallOptions = {}): Promise<Classification> {
  try {
    const taskType = await classifyTaskType({ user_message: task }, options);
    if (taskType === "chat" && asksForChanges(task)) {
      const rule = fallbackTaskType(task);
      return { taskType: rule === "chat" ? "coding" : rule, fallback: false, relabeled: taskType };
    }
    return { taskType, fallback: false };
  } catch (error) {
    if (options.signal?.aborted) throw error;
    return { taskType: fallbackTaskType(task), fallback: true, error: (error as Error).message };
  }
}

/** Every task type. */
export const TASK_TYPES: readonly TaskType[] = TaskType.options;
