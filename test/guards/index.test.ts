import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GuardRunner } from "../../cli/smallcode/agent/guards.ts";
import { createGuards, GUARD_NAMES, type GuardSet } from "../../cli/smallcode/guards/index.ts";
import { undoLastTask } from "../../cli/smallcode/snapshots/undo.ts";
import { createToolSession } from "../../cli/smallcode/toolbox/index.ts";
import { call, cleanupProjects, Driver, makeProject } from "./helpers.ts";

const roots: string[] = [];
afterAll(() => cleanupProjects(roots));

const TASK = "fix add() in math.js so that it returns the sum";
const FILES = {
  "package.json": JSON.stringify({ scripts: { test: "node --test" } }),
  "math.js": "exports.add = (a, b) => a - b;\n",
  "math.test.js":
    "const test = require('node:test'); const assert = require('node:assert');\n" +
    "test('add', () => assert.strictEqual(require('./math.js').add(2, 3), 5));\n",
};

/** The loop's runner over a guard set: it combines the guards' per-turn answers. */
const runner = (set: GuardSet) => new GuardRunner(set.guards, () => {});

describe("createGuards", () => {
  it("builds every guard by default, in order, and leaves out the ones switched off", () => {
    // the baseline of the project's checks comes first, before the snapshot guard records a call
    expect(createGuards().guards.map((g) => g.name)).toEqual(["contracts-baseline", ...GUARD_NAMES]);
    expect(createGuards({ contracts: false }).guards.map((g) => g.name)).not.toContain("contracts-baseline");
    const some = createGuards({ "read-before-write": false, dedup: false });
    expect(some.guards.map((g) => g.name)).not.toContain("read-before-write");
    expect(some.switches).toMatchObject({ "read-before-write": false, dedup: false, safety: true });
    expect(GUARD_NAMES).toEqual([
      "snapshots",
      "safety",
      "quality",
      "read-before-write",
      "contracts",
      "planning",
      "early-stop",
      "dedup",
      "tool-trust",
      "retry-temperature",
    ]);
  });

  it("stays silent through a well-behaved run, with real tools, and its snapshot undoes it", async () => {
    const cwd = makeProject(FILES);
    roots.push(cwd);
    const session = createToolSession({ cwd });
    const guards = createGuards({}, { shell: session.shell, registerSecrets: false });
    const d = new Driver(guards, { cwd, task: TASK, taskType: "debugging" });
    d.session = session;
    await d.start();
    const verdicts: string[] = [];
    const step = async (text: string, c: ReturnType<typeof call>) => {
      verdicts.push((await d.reply(text, [c])).action);
      const r = await d.tool(c);
      verdicts.push(r.before.action, r.after.action);
      return r;
    };
    await step("Let me run the tests first.", call("run_tests", {}));
    await step("Reading the implementation.", call("read_file", { path: "math.js" }));
    await step(
      "DONE WHEN:\n- `npm test` exits 0",
      call("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" }),
    );
    await step("Checking.", call("run_tests", {}));
    verdicts.push((await d.answer("Fixed add(): it now returns a + b; the tests pass.")).action);
    await d.finish();
    expect(verdicts.every((v) => v === "allow")).toBe(true);
    expect(readFileSync(join(cwd, "math.js"), "utf8")).toBe("exports.add = (a, b) => a + b;\n");
    expect((await undoLastTask(cwd)).restored).toEqual(["math.js"]);
    expect(readFileSync(join(cwd, "math.js"), "utf8")).toBe(FILES["math.js"]);
    await guards.close();
  });

  it("offers the guards' own tools where they help, minus distrusted tools", async () => {
    const guards = createGuards({}, { registerSecrets: false });
    const d = new Driver(guards, { task: TASK });
    const base = ["read_file", "patch", "write_file", "bash"];
    expect(runner(guards).offeredTools(base, d.ctx)).toEqual([...base, "done_when"]);
    const long = {
      ...d.ctx,
      task: "Add a --json flag. Then print JSON output. Also add a test for it and update the docs.",
    };
    expect(runner(guards).offeredTools(base, long)).toEqual([...base, "todo", "note", "done_when"]);
    const reading = { ...d.ctx, task: "explain what math.js does", taskType: "explain" };
    expect(runner(createGuards({}, {})).offeredTools(base, reading)).toEqual(base);
    expect(runner(createGuards({ contracts: false, planning: false })).offeredTools(base, long)).toEqual(
      base,
    );
  });

  it("answers temperatureFor and detectChanges, and nothing when those guards are off", async () => {
    const guards = createGuards({}, { registerSecrets: false });
    const d = new Driver(guards);
    await d.start();
    for (let i = 0; i < 3; i++)
      await d.tool(call("patch", { path: "a.ts", old_str: `x${i}`, new_str: "y" }), { ok: false });
    expect(runner(guards).temperatureFor(d.ctx)).toBe(0.65);
    const off = createGuards({ "retry-temperature": false, snapshots: false });
    expect(runner(off).temperatureFor(d.ctx)).toBeUndefined();
    expect(await runner(off).detectChanges("x")).toEqual({ created: [], modified: [] });
    const first = guards.taskId;
    expect(first).toMatch(/^\d{8}T\d{9}-[0-9a-f]{6}$/);
    await d.finish();
    await d.start("the next task");
    expect(guards.taskId).not.toBe(first);
  });

  it("starts its own shell for checks when the loop gives none", async () => {
    const cwd = makeProject({});
    roots.push(cwd);
    const guards = createGuards({}, { registerSecrets: false });
    const d = new Driver(guards, { cwd, task: "verify that ok.txt is present", taskType: "testing" });
    await d.start();
    await d.tool(call("done_when", { command: "test -f ok.txt" }));
    expect((await d.answer("done")).action).toBe("steer");
    writeFileSync(join(cwd, "ok.txt"), "");
    expect((await d.answer("done")).action).toBe("allow");
    await d.finish();
    await guards.close();
  });
});
