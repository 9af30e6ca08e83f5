import type { AgentEvent, RunResult } from "../contract/index.ts";

/**
 * What the interactive session has done so far, for `/tokens` and `/stats`: each task's model,
 * steps and result. Fed from the same agent events the renderer gets.
 */

/** One finished task. */
export interface TaskRecord {
  readonly task: string;
  /** The model the router picked (`classified`), else the session's model. */
  readonly model: string;
  readonly steps: number;
  readonly result: RunResult;
}

/** The session's record of tasks. */
export class SessionLedger {
  readonly tasks: TaskRecord[] = [];
  #model: string | undefined;
  #steps = 0;

  /** Notes what a running task's events say (its model and steps). */
  observe(event: AgentEvent): void {
    if (event.type === "classified") this.#model = event.model;
    if (event.type === "step") this.#steps = Math.max(this.#steps, event.step);
  }

  /** Records a finished task and starts counting the next. */
  finish(task: string, fallbackModel: string | undefined, result: RunResult): void {
    this.tasks.push({ task, model: this.#model ?? fallbackModel ?? "(unknown)", steps: this.#steps, result });
    this.#model = undefined;
    this.#steps = 0;
  }

  /** Forgets every task (`/clear`). */
  reset(): void {
    this.tasks.length = 0;
  }
}
