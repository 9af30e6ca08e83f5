import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { THRESHOLDS } from "../../../cli/smallcode/guard-kit/thresholds.ts";
import { countAsks, isLongTask, planningGuard } from "../../../cli/smallcode/planning/guard.ts";
import { createToolSession, runTool } from "../../../cli/smallcode/toolbox/index.ts";
import { cleanupProjects, Driver, makeProject } from "../helpers.ts";

const roots: string[] = [];
afterAll(() => cleanupProjects(roots));

const LONG =
  "Add a --json flag to the CLI. Then print the result as JSON when it is set. Also add a test for the flag, " +
  "and update the README with an example.";

describe("planning guard", () => {
  it("asks for a plan on a long task, then shows the plan and the notes every turn within the budget", async () => {
    const cwd = makeProject({});
    roots.push(cwd);
    const guard = planningGuard(THRESHOLDS);
    const d = new Driver(guard, { cwd, task: LONG, taskType: "coding" });
    await d.start();
    expect(guard.notes!(d.ctx, 200)).toMatch(
      /^This task has several parts\. First call todo\(steps=\.\.\.\)/,
    );

    const s = createToolSession({ cwd });
    await runTool("todo", { steps: "Add the flag\nPrint JSON\nTest it\nUpdate README" }, s);
    await runTool("note", { text: "the CLI entry point is bin/cli.js" }, s);
    const notes = guard.notes!(d.ctx, 200);
    expect(notes).toContain("[ ] 1. Add the flag  <- current step");
    expect(notes).toContain(
      "Your notes (scratchpad; add with note(text)):\n- the CLI entry point is bin/cli.js",
    );
    expect(notes.length).toBeLessThanOrEqual(800);
    expect(guard.notes!(d.ctx, 40).length).toBeLessThanOrEqual(160);
    await s.close();

    // a new task starts without the old plan and notes
    await d.start("fix the typo in README.md");
    expect(existsSync(join(cwd, ".smallcode/TODO.md"))).toBe(false);
    expect(guard.notes!(d.ctx, 200)).toBe("");
  });

  it("refuses once a final answer while plan steps are open", async () => {
    const cwd = makeProject({});
    roots.push(cwd);
    const guard = planningGuard(THRESHOLDS);
    const d = new Driver(guard, { cwd, task: LONG, taskType: "coding" });
    await d.start();
    expect((await d.answer("done")).action).toBe("allow");
    const s = createToolSession({ cwd });
    await runTool("todo", { steps: "Add the flag\nTest it" }, s);
    await runTool("todo", { done: 1 }, s);
    await s.close();
    const v = await d.answer("done");
    expect(v.action === "steer" && v.message).toBe(
      "Your plan still has open steps: 2. Test it. Finish them and close each with todo(done=N) — or, if a step is not needed, say so in your answer.",
    );
    expect((await d.answer("step 2 was not needed")).action).toBe("allow");
  });

  it("stays silent on short tasks and reading tasks", async () => {
    const cwd = makeProject({});
    roots.push(cwd);
    const guard = planningGuard(THRESHOLDS);
    const d = new Driver(guard, { cwd, task: "rename foo to bar in src/a.ts" });
    await d.start();
    expect(guard.notes!(d.ctx, 200)).toBe("");
    const e = new Driver(guard, { cwd, task: LONG.replace("Add", "Explain"), taskType: "explain" });
    await e.start();
    expect(guard.notes!(e.ctx, 200)).toBe("");
  });

  it("validates the whole project through the session shell", async () => {
    const cwd = makeProject({
      "package.json": JSON.stringify({ scripts: { test: "node --test" } }),
      "a.test.js": "require('node:test')('t', () => {});\n",
    });
    roots.push(cwd);
    const s = createToolSession({ cwd });
    const guard = planningGuard(THRESHOLDS, { shell: () => s.shell });
    const d = new Driver(guard, { cwd });
    expect(await guard.validateProject(d.ctx)).toBe(true);
    writeFileSync(join(cwd, "a.test.js"), "require('node:test')('t', () => { throw new Error('x') });\n");
    expect(await guard.validateProject(d.ctx)).toBe(false);
    await s.close();
  });

  it("tells long tasks from short ones", () => {
    expect(countAsks(LONG)).toBeGreaterThanOrEqual(3);
    expect(isLongTask(LONG, THRESHOLDS)).toBe(true);
    expect(isLongTask("fix the failing test in date.test.ts", THRESHOLDS)).toBe(false);
    expect(isLongTask("- add a flag for json\n- print json output\n- write a test for it", THRESHOLDS)).toBe(
      true,
    );
  });
});
