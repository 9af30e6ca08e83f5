import { describe, expect, it } from "vitest";
import { embeddedArgs } from "../../bench/harness/agents.ts";
import type { Task } from "../../bench/harness/task.ts";
import { parseArgs } from "../../cli/smallcode/args.ts";

/**
 * The embedded route's `smallcode run` gets the attempt's time limit, so the CLI stops itself with
 * `max_time` (its result printed, its cognition log kept) before the harness has to kill it.
 */
describe("embeddedArgs", () => {
  it("passes the attempt's limits as flags the real CLI parser accepts", () => {
    const task = { prompt: "fix the clamp bug" } as Task;
    const args = embeddedArgs({ task, maxSteps: 12, maxTimeMs: 240_000 }, { modelFile: "/m/q.gguf" });
    const parsed = parseArgs(args);
    expect(parsed).toMatchObject({
      ok: true,
      value: {
        command: "run",
        task: "fix the clamp bug",
        json: true,
        flags: { modelFile: "/m/q.gguf", yes: true, maxSteps: 12, maxTimeMs: 240_000 },
      },
    });
  });
});
