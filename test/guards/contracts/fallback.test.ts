import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { contractsGuard } from "../../../cli/smallcode/contracts/guard.ts";
import { TaskState } from "../../../cli/smallcode/guard-kit/task.ts";
import { THRESHOLDS, type Thresholds, thresholds } from "../../../cli/smallcode/guard-kit/thresholds.ts";
import { fallbackCheck, withFallbackCheck } from "../../../cli/smallcode/guards/done-fallback.ts";
import { createGuards } from "../../../cli/smallcode/guards/index.ts";
import { createToolSession } from "../../../cli/smallcode/toolbox/index.ts";
import { call, cleanupProjects, Driver, makeProject } from "../helpers.ts";

/**
 * The definition of done when none was declared: a change task's first final answer is refused, and a
 * check of SmallCode's own (tests, else syntax checks of the changed files) refuses failing work.
 */

const roots: string[] = [];
afterAll(() => cleanupProjects(roots));

const TASK = "Rename the function get_name to get_display_name in every file that uses it.";

async function setup(files: Record<string, string>, t: Thresholds = THRESHOLDS, task = TASK) {
  const cwd = makeProject(files);
  roots.push(cwd);
  const session = createToolSession({ cwd });
  const shell = () => session.shell;
  // the contract logic is under test; the opaque-command policy (no sandbox) is in test/security
  const safety = { sandboxed: () => true };
  const guard = withFallbackCheck(contractsGuard(t, new TaskState(), { shell, safety }), t, shell);
  const d = new Driver(guard, { cwd, task, taskType: "refactor" });
  await d.start();
  return { cwd, d, guard, session };
}

/** Writes `content` to `path` and records a (scripted) patch of it. */
async function edit(d: Driver, cwd: string, path: string, content: string) {
  writeFileSync(join(cwd, path), content);
  await d.tool(call("patch", { path, old_str: "x", new_str: "y" }), { changed: [path] });
}

const PASSING_NODE_TESTS = {
  "package.json": '{ "name": "demo", "type": "module" }\n',
  "name.js": "export function getName(u) {\n  return u.name;\n}\n",
  "name.test.js":
    'import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { getName } from "./name.js";\ntest("getName reads the name", () => assert.equal(getName({ name: "Ada" }), "Ada"));\n',
};

describe("fallback definition of done", () => {
  it("refuses the first answer of a change task that declared no check, then accepts a passing one", async () => {
    const { cwd, d, session } = await setup({ "users.py": "def get_name(u):\n    return u\n" });
    await edit(d, cwd, "users.py", "def get_display_name(u):\n    return u\n");
    const first = await d.answer("I have made the requested changes.");
    expect(first.action).toBe("steer");
    const message = first.action === "steer" ? first.message : "";
    expect(message).toContain("you declared no check");
    expect(message).toContain("py_compile");
    expect(message).toContain("it passes");
    expect(message).toMatch(/every place it touches/);
    expect((await d.answer("I have made the requested changes.")).action).toBe("allow");
    expect(existsSync(join(cwd, "__pycache__"))).toBe(false);
    await session.close();
  });

  it("refuses with the syntax error of a changed file, once per distinct failure", async () => {
    const { cwd, d, session } = await setup({ "users.py": "def get_name(u):\n    return u\n" });
    await edit(d, cwd, "users.py", "def get_display_name(u):\nreturn u\n");
    const first = await d.answer("Done.");
    expect(first.action === "steer" && first.message).toMatch(/FAILS:[\s\S]*IndentationError/);
    expect((await d.answer("Done.")).action).toBe("allow"); // the same failure: refused once
    await edit(d, cwd, "users.py", "def get_display_name(u):\n    return u +\n");
    const third = await d.answer("Done now.");
    expect(third.action === "steer" && third.message).toMatch(/^Not done yet\.[\s\S]*SyntaxError/);
    await edit(d, cwd, "users.py", "def get_display_name(u):\n    return u\n");
    expect((await d.answer("Done now.")).action).toBe("allow");
    await session.close();
  });

  it("runs the project's tests when the run_tests detection finds them", async () => {
    const { cwd, d, session } = await setup(
      PASSING_NODE_TESTS,
      THRESHOLDS,
      "Make getName return the upper-cased name.",
    );
    await edit(d, cwd, "name.js", "export function getName(u) {\n  return u.name.toUpperCase();\n}\n");
    const first = await d.answer("Done.");
    expect(first.action === "steer" && first.message).toMatch(
      /`node --test` and it FAILS:[\s\S]*getName reads the name/,
    );
    writeFileSync(join(cwd, "name.test.js"), PASSING_NODE_TESTS["name.test.js"].replace('"Ada")', '"ADA")'));
    expect((await d.answer("Done.")).action).toBe("allow");
    await session.close();
  });

  it("checks JSON, JavaScript and shell files", async () => {
    const cwd = makeProject({
      "a.json": '{"a": 1,}',
      "b.js": "let x = ;\n",
      "c.sh": "if then\n",
      "d.txt": "(",
    });
    roots.push(cwd);
    const session = createToolSession({ cwd });
    const check = (file: string) =>
      fallbackCheck({ cwd, filesChanged: new Set([file]) }, session.shell, THRESHOLDS);
    expect(await check("a.json")).toMatchObject({ passed: false, command: "JSON.parse(a.json)" });
    expect(await check("b.js")).toMatchObject({ passed: false, command: "node --check b.js" });
    expect(await check("c.sh")).toMatchObject({ passed: false, command: "bash -n c.sh" });
    expect(await check("d.txt")).toBeUndefined();
    writeFileSync(join(cwd, "b.js"), "let x = 1;\n");
    expect(await check("b.js")).toMatchObject({ passed: true });
    await session.close();
  });

  it("checks TypeScript, TOML and Makefiles without running them", async () => {
    const cwd = makeProject({
      "a.ts": "export const f = (x: number): number => ;\n",
      "ok.ts": "enum E { A }\nexport const f = (x: number): E => (x > 0 ? E.A : E.A);\n",
      "c.toml": "[a]\nb = \n",
      Makefile: "all:\n    echo spaces, not a tab\n",
      "ok.mk": "all: build\n\techo $(shell echo hi)\n",
    });
    roots.push(cwd);
    const session = createToolSession({ cwd });
    const check = (file: string) =>
      fallbackCheck({ cwd, filesChanged: new Set([file]) }, session.shell, THRESHOLDS);
    const ts = await check("a.ts");
    expect(ts).toMatchObject({ passed: false, kind: "syntax" });
    expect(ts?.output).toMatch(/a\.ts|Expression expected/);
    expect(await check("ok.ts")).toMatchObject({ passed: true });
    expect(await check("c.toml")).toMatchObject({ passed: false });
    const make = await check("Makefile");
    expect(make).toMatchObject({ passed: false, command: "make -n -f Makefile" });
    expect(make?.output).toContain("missing separator");
    // a target it does not know (`build`) is not a syntax error, and no recipe runs
    expect(await check("ok.mk")).toMatchObject({ passed: true, command: "make -n -f ok.mk" });
    await session.close();
  });

  it("stays out of the way: declared checks, reading tasks, no changes, the switch", async () => {
    const { cwd, d, session } = await setup({ "users.py": "def get_name(u):\n    return u\n" });
    await d.tool(call("done_when", { command: "python3 -c 'import users'", exit_code: 0 }));
    await edit(d, cwd, "users.py", "def get_display_name(u):\n    return u\n");
    expect((await d.answer("Done.")).action).toBe("allow");
    await session.close();

    const reading = await setup({ "a.py": "x = 1\n" }, THRESHOLDS, "what does a.py do?");
    reading.d.ctx = { ...reading.d.ctx, taskType: "explain" };
    expect((await reading.d.answer("It sets x.")).action).toBe("allow");
    await reading.session.close();

    const untouched = await setup({ "a.py": "x = 1\n" });
    expect((await untouched.d.answer("Nothing needed changing.")).action).toBe("allow");
    await untouched.session.close();

    const off = await setup({ "a.py": "x = 1\n" }, thresholds({ contractFallbackChecks: false }));
    await edit(off.d, off.cwd, "a.py", "x = (\n");
    expect((await off.d.answer("Done.")).action).toBe("allow");
    await off.session.close();
  });

  it("gives up after contractMaxRefusals refusals", async () => {
    const t = thresholds({ contractMaxRefusals: 2 });
    const { cwd, d, session } = await setup({ "a.py": "x = 1\n" }, t);
    await edit(d, cwd, "a.py", "x = (\n");
    expect((await d.answer("Done.")).action).toBe("steer");
    await edit(d, cwd, "a.py", "x = [\n");
    expect((await d.answer("Done.")).action).toBe("steer");
    await edit(d, cwd, "a.py", "x = {\n");
    expect((await d.answer("Done.")).action).toBe("allow");
    await session.close();
  });

  it("is part of the contracts guard, and the contracts-fallback switch turns it off", async () => {
    const cwd = makeProject({ "a.py": "x = 1\n" });
    roots.push(cwd);
    for (const [switches, expected] of [
      [{}, "steer"],
      [{ "contracts-fallback": false }, "allow"],
    ] as const) {
      const session = createToolSession({ cwd });
      const set = createGuards(switches, { shell: session.shell });
      const d = new Driver(set, { cwd, task: TASK, taskType: "refactor" });
      await d.start();
      await d.tool(call("patch", { path: "a.py", old_str: "1", new_str: "2" }), { changed: ["a.py"] });
      const contracts = set.guards.find((g) => g.name === "contracts")!;
      expect((await contracts.beforeFinish!("Done.", d.ctx)).action).toBe(expected);
      await session.close();
      await set.close();
    }
  });
});
