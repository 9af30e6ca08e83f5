import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { THRESHOLDS } from "../../../cli/smallcode/guard-kit/thresholds.ts";
import { configurePlanning } from "../../../cli/smallcode/planning/settings.ts";
import { detectChecks } from "../../../cli/smallcode/planning/validate.ts";
import { createToolSession, runTool, type ToolSession } from "../../../cli/smallcode/toolbox/index.ts";
import { cleanupProjects, makeProject } from "../helpers.ts";

const roots: string[] = [];
const sessions: ToolSession[] = [];
afterAll(async () => {
  await Promise.all(sessions.map((s) => s.close()));
  cleanupProjects(roots);
});

function project(files: Record<string, string>) {
  const cwd = makeProject(files);
  roots.push(cwd);
  const s = createToolSession({ cwd });
  sessions.push(s);
  return { cwd, s };
}

const TESTED = {
  "package.json": JSON.stringify({ scripts: { test: "node --test" } }),
  "math.js": "exports.double = (x) => x * 2;\n",
  "math.test.js":
    "const test = require('node:test'); const assert = require('node:assert');\n" +
    "test('double', () => assert.strictEqual(require('./math.js').double(2), 4));\n",
};

describe("the todo tool", () => {
  it("saves a plan, validates a step with the project's tests before closing it", async () => {
    const { cwd, s } = project(TESTED);
    configurePlanning(cwd, { thresholds: THRESHOLDS, task: "double things" });
    const saved = await runTool("todo", { steps: "1. Break double\n2. Fix double" }, s);
    expect(saved.output).toBe("plan saved:\n[ ] 1. Break double\n[ ] 2. Fix double\nWork on step 1 now.");
    expect(readFileSync(join(cwd, ".smallcode/TODO.md"), "utf8")).toContain("Task: double things");

    writeFileSync(join(cwd, "math.js"), "exports.double = (x) => x * 3;\n");
    const failing = await runTool("todo", { done: 1 }, s);
    expect(failing.ok).toBe(false);
    expect(failing.output).toMatch(/^step 1 is not done: `npm test --silent` \(tests\) exited 1:/);
    expect(failing.output).toContain("Fix it, then call todo(done=1) again.");

    writeFileSync(join(cwd, "math.js"), "exports.double = (x) => x * 2;\n");
    const ok = await runTool("todo", { done: 1 }, s);
    expect(ok).toMatchObject({
      ok: true,
      output: "step 1 done; checks pass (tests). Next: step 2: Fix double",
    });
    expect(readFileSync(join(cwd, ".smallcode/TODO.md"), "utf8")).toContain(
      "- [x] 1. Break double <!-- attempts: 1 -->",
    );
  });

  it("closes a step marked failing after too many failed validations", async () => {
    const { cwd, s } = project({ ...TESTED, "math.js": "exports.double = (x) => x;\n" });
    configurePlanning(cwd, { thresholds: THRESHOLDS, task: "" });
    await runTool("todo", { steps: "only step" }, s);
    expect((await runTool("todo", { done: 1 }, s)).ok).toBe(false);
    const closed = await runTool("todo", { done: 1 }, s);
    expect(closed.ok).toBe(true);
    expect(closed.output).toMatch(/^step 1 closed, but its checks still fail/);
    expect(closed.output).toContain("All steps are closed");
  });

  it("closes steps directly where the project has no checks, and explains misuse", async () => {
    const { s } = project({ "README.md": "hi\n" });
    expect((await runTool("todo", { done: 1 }, s)).output).toBe(
      "there is no plan yet; call todo(steps=...) with one step per line first",
    );
    await runTool("todo", { steps: "write docs" }, s);
    expect((await runTool("todo", { done: 4 }, s)).output).toBe("there is no step 4; the plan has steps 1–1");
    expect((await runTool("todo", { done: 1 }, s)).output).toBe(
      "step 1 done (this project has no checks to run). All steps are closed: check the whole task, then answer.",
    );
    expect((await runTool("todo", {}, s)).output).toBe(
      "[x] 1. write docs\nAll steps are closed: check the whole task, then answer.",
    );
  });
});

describe("the note tool", () => {
  it("keeps the newest notes", async () => {
    const { cwd, s } = project({});
    configurePlanning(cwd, { thresholds: { ...THRESHOLDS, maxNotes: 2 }, task: "" });
    expect((await runTool("note", { text: "config lives in src/config.ts" }, s)).output).toBe(
      "noted (1 note in your scratchpad)",
    );
    await runTool("note", { text: "tests use vitest" }, s);
    await runTool("note", { text: "do not touch   generated/" }, s);
    expect(readFileSync(join(cwd, ".smallcode/notes.md"), "utf8")).toBe(
      "# Notes\n\n- tests use vitest\n- do not touch generated/\n",
    );
  });
});

describe("detectChecks", () => {
  it("finds type-check, lint and tests from the project's files", () => {
    const { cwd } = project({
      "package.json": JSON.stringify({
        scripts: { typecheck: "tsc", lint: "biome check", test: "vitest run" },
      }),
    });
    expect(detectChecks(cwd)).toEqual([
      { name: "typecheck", command: "npm run --silent typecheck" },
      { name: "lint", command: "npm run --silent lint" },
      { name: "tests", command: "npm test --silent" },
    ]);
    expect(detectChecks(project({ "go.mod": "module x\n" }).cwd).map((c) => c.command)).toEqual([
      "go vet ./...",
      "go test -v ./...",
    ]);
  });
});
