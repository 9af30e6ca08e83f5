import type { Run } from "./state.ts";

/**
 * The `task` the act prompt shows. A run that continues a session (a later task in the REPL, or
 * `--resume`) carries the earlier turns in its history, but those turns are the model's answers and
 * tool results: the questions they answered were only ever in the prompt's `Task:` line. So the line
 * names the earlier tasks too, under the current one; it is never compressed away, unlike the history.
 */

/** Earlier tasks named at most, the newest kept. */
const MAX_EARLIER = 8;
/** Characters of one earlier task kept. */
const MAX_CHARS = 400;

const clip = (text: string): string => (text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS - 1)}…` : text);

/** The current task, followed by the session's earlier tasks when it has any. Pure. */
export function actTask(run: Pick<Run, "task" | "session">): string {
  const earlier = run.session.tasks.slice(0, -1).filter((t, i, all) => t !== all[i - 1]);
  if (earlier.length === 0) return run.task;
  const shown = earlier.slice(-MAX_EARLIER);
  const left = earlier.length - shown.length;
  return [
    run.task,
    "",
    "Earlier tasks of this session, oldest first (the conversation below answers them, then this one):",
    ...(left > 0 ? [`(${left} older not shown)`] : []),
    ...shown.map((t, i) => `${left + i + 1}. ${clip(t.trim())}`),
  ].join("\n");
}
