import { createToolSession, runTool, Shell } from "../../cli/smallcode/toolbox/index.ts";
import type { Task } from "./task.ts";
import { benchEnv } from "./workspace.ts";

/**
 * Replays a task's reference trajectory with the real tool implementations (the oracle sanity check,
 * and the `--reference` agent that shows what a perfect model scores).
 */

/** One replayed step. */
export interface ReplayedStep {
  readonly tool: string;
  readonly ok: boolean;
  /** The step's expectation held (ok for `ok` steps; anything for `any`). */
  readonly asExpected: boolean;
  readonly output: string;
}

/** Runs every step of the task's trajectory in `root`, in order, and reports each result. */
export async function replayTrajectory(task: Task, root: string): Promise<ReplayedStep[]> {
  const env = benchEnv();
  const session = createToolSession({ cwd: root, shell: new Shell({ cwd: root, env }) });
  const steps: ReplayedStep[] = [];
  try {
    for (const step of task.trajectory) {
      const result = await runTool(step.tool, step.args, session);
      const expect = step.expect ?? "ok";
      steps.push({
        tool: step.tool,
        ok: result.ok,
        asExpected: expect === "any" || result.ok,
        output: result.output,
      });
    }
  } finally {
    await session.close();
  }
  return steps;
}
