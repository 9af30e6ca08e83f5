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

/** How full the context was at the last act turn: its request and reply, in its window. */
export interface ContextUse {
  readonly tokens: number;
  readonly window: number;
  /** The server reported no usage: the tokens are estimated from characters. */
  readonly estimated: boolean;
}

/** The session's record of tasks. */
export class SessionLedger {
  readonly tasks: TaskRecord[] = [];
  /** The last act turn's context use (`usage` events), for `/tokens`; undefined before the first. */
  context: ContextUse | undefined;
  #model: string | undefined;
  #steps = 0;

  /** Notes what a running task's events say (its model, steps and context use). */
  observe(event: AgentEvent): void {
    if (event.type === "classified") this.#model = event.model;
    if (event.type === "step") this.#steps = Math.max(this.#steps, event.step);
    if (event.type === "usage" && event.contextWindow !== undefined)
      this.context = {
        tokens: event.promptTokens + event.completionTokens,
        window: event.contextWindow,
        estimated: event.estimated,
      };
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
    this.context = undefined;
  }
}
