import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { runAgent } from "../../../cli/smallcode/agent/loop.ts";
import type { AgentEvent, Guard } from "../../../cli/smallcode/contract/index.ts";
import { serve } from "../../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { tempProject } from "../../support/agent-project.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

/** The loop's per-turn questions, as optional methods of a guard (the built-in guards answer them in the product). */
describe("end to end: loop hooks", () => {
  let server: ScriptedServer | undefined;
  let project: ReturnType<typeof tempProject> | undefined;
  afterEach(async () => {
    await server?.close();
    project?.cleanup();
  });

  async function run(act: string[], hooks: Omit<Guard, "name">) {
    server = await serve(agentScript({ act }), { model: "scripted-model" });
    project = tempProject();
    const events: AgentEvent[] = [];
    const outcome = await runAgent({
      task: "fix the failing test",
      options: { cwd: project.root },
      guards: [{ name: "hooks", ...hooks }],
      emit: (e) => events.push(e),
      sessionId: "hooks-test",
    });
    return { outcome, events, requests: server.chatRequests("act") };
  }

  test("offeredTools decides each turn's tools; temperatureFor sets the act turn's temperature", async () => {
    let turn = 0;
    const { requests } = await run([hermes("note", { text: "add subtracts" }), "Done."], {
      offeredTools: (names) => (turn++ === 0 ? [...names, "note"] : names.filter((n) => n !== "bash")),
      temperatureFor: () => (turn > 1 ? 0.7 : undefined),
    });
    const names = (i: number) =>
      requests[i]!.body.tools.map((t: { function: { name: string } }) => t.function.name);
    expect(names(0)).toContain("note");
    expect(names(1)).not.toContain("bash");
    expect(requests[0]!.body.temperature).toBe(0.2);
    expect(requests[1]!.body.temperature).toBe(0.7);
  });

  test("detectChanges adds what the guards' scan saw; attach receives the tool session", async () => {
    let attached = false;
    const { outcome } = await run([hermes("read_file", { path: "math.js" }), "Done."], {
      attach: (tools) => {
        attached = typeof tools.shell.run === "function";
      },
      detectChanges: async () => {
        writeFileSync(join(project!.root, "generated.txt"), "x");
        return { created: ["generated.txt"], modified: ["math.js"] };
      },
    });
    expect(attached).toBe(true);
    expect(outcome.result.filesCreated).toEqual(["generated.txt"]);
    expect(outcome.result.filesEdited).toEqual(["math.js"]);
  });

  test("throwing hooks are ignored", async () => {
    const patch = hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" });
    const { outcome, requests } = await run([patch, "Done."], {
      offeredTools: () => {
        throw new Error("boom");
      },
      temperatureFor: () => {
        throw new Error("boom");
      },
      detectChanges: async () => {
        throw new Error("boom");
      },
      doneChecks: async () => {
        throw new Error("boom");
      },
    });
    // the verdict falls back to the project's own checks: the tests pass after the fix
    expect(outcome.result).toMatchObject({ success: true, stopReason: "done" });
    expect(outcome.result.evidence?.checks).toMatchObject([{ source: "tests", ok: true }]);
    expect(requests[0]!.body.tools.length).toBeGreaterThan(0);
  });

  test("bash changes are found by the loop's own tree scan", async () => {
    const { outcome } = await run(
      [hermes("bash", { command: "echo hi > new.txt && echo '// x' >> math.js" }), "Done."],
      {},
    );
    expect(outcome.result.filesCreated).toEqual(["new.txt"]);
    expect(outcome.result.filesEdited).toEqual(["math.js"]);
  });
});
