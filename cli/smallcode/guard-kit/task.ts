import { randomBytes } from "node:crypto";

/**
 * The current task's id, shared by the guards of one `createGuards` set so that its snapshot and its
 * definition-of-done evidence carry the same id. Every guard's `start` calls `begin(name)` and every
 * `finish` calls `end()`. A task opens at the first `begin` after an `end` — or when a guard begins
 * twice (a new task whose predecessor never finished) — and its id stays readable until the next one.
 */
export class TaskState {
  #id: string | null = null;
  #open = false;
  #started = new Set<string>();

  /** Called by guard `who` at the start of a task; returns the task's id. */
  begin(who: string): string {
    if (!this.#open || this.#id === null || this.#started.has(who)) {
      this.#id = newTaskId();
      this.#open = true;
      this.#started = new Set();
    }
    this.#started.add(who);
    return this.#id;
  }

  /** Marks the current task finished (its id stays readable until the next task begins). */
  end(): void {
    this.#open = false;
  }

  /** The current (or last) task id; opens one when none was begun. */
  get id(): string {
    return this.#id ?? this.begin("");
  }
}

/** A new task id: sortable by time (`20250101T120000123-ab12cd`). */
export function newTaskId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, "").replace(".", "").replace("Z", "");
  return `${stamp}-${randomBytes(3).toString("hex")}`;
}
