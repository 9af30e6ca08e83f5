import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { runAgent } from "../../../cli/smallcode/agent/loop.ts";
import type { AgentEvent, Guard } from "../../../cli/smallcode/contract/index.ts";
import { serve } from "../../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { tempProject } from "../../support/agent-project.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

/**
 * A guard that throws never counts as allow (issue 16): the real loop, a scripted model over HTTP, and
 * the project on disk show whether the call ran.
 */
describe("end to end: a failing guard", () => {
  let server: ScriptedServer | undefined;
  let project: ReturnType<typeof tempProject> | undefined;
  afterEach(async () => {
    await server?.close();
    project?.cleanup();
  });

  const WRITE = hermes("write_file", { path: "pwned.txt", content: "x" });
  const PATCH = hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" });

  async function run(act: string[], guards: Guard[]) {
    server = await serve(agentScript({ act }), { model: "scripted-model" });
    project = tempProject();
    const events: AgentEvent[] = [];
    const outcome = await runAgent({
      task: "fix the failing test",
      options: { cwd: project.root },
      guards,
      emit: (e) => events.push(e),
      sessionId: "guard-failures",
    });
    const results = outcome.history.filter((m) => m.role === "tool").map((m) => String(m.content));
    return { outcome, events, results };
  }

  test("a guard whose beforeTool throws refuses the call, and the model is told why", async () => {
    const { results, events } = await run(
      [WRITE, "Done."],
      [
        {
          name: "buggy",
          beforeTool() {
            throw new Error("boom");
          },
        },
      ],
    );
    expect(existsSync(join(project!.root, "pwned.txt"))).toBe(false);
    expect(results[0]).toContain("`write_file` was not run: the buggy guard failed (boom)");
    expect(events).toContainEqual(
      expect.objectContaining({
        type: "notice",
        source: "guard:buggy",
        message: expect.stringContaining("refused"),
      }),
    );
  });

  test("a fail-closed guard that failed once refuses every later call of the task", async () => {
    let calls = 0;
    const { results } = await run(
      [hermes("read_file", { path: "math.js" }), PATCH, "Done."],
      [
        {
          name: "safety-like",
          failClosed: true,
          afterTool() {
            calls++;
            throw new Error("cannot check");
          },
        },
      ],
    );
    expect(calls).toBe(1);
    // the read ran; the patch after the failure did not
    expect(results[0]).toContain("a - b");
    expect(results[1]).toContain(
      "`patch` was not run: the safety-like guard failed (afterTool failed: cannot check)",
    );
    expect(readFileSync(join(project!.root, "math.js"), "utf8")).toContain("a - b");
  });

  test("a guard that returns something that is not a verdict refuses the call too", async () => {
    const { results } = await run(
      [WRITE, "Done."],
      [{ name: "sloppy", beforeTool: () => ({ action: "maybe" }) as never }],
    );
    expect(existsSync(join(project!.root, "pwned.txt"))).toBe(false);
    expect(results[0]).toContain('returned {"action":"maybe"}, not a verdict');
  });
});
