import { afterEach, describe, expect, test } from "vitest";
import { type AgentHarness, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

/**
 * A task that names the value it wants needs a changed file that contains it. Measured on a real 0.5B
 * model: "In config.js, change MAX_USERS from 10 to 25." got `MAX_USERS = 30`, `node --check` passed,
 * and the verdict said done. Scripted models over real HTTP write the wrong value, the right one, a
 * longer number, or leave a rename undone; the verdict is read from the run's result and the files on
 * disk. Passing project tests still win over the heuristic. Guards on (the product) and off (the loop).
 */

const CONFIG = {
  "config.js":
    "const MAX_USERS = 10;\nconst TIMEOUT_MS = 5000;\n\nmodule.exports = { MAX_USERS, TIMEOUT_MS };\n",
};
const TASK = "In config.js, change MAX_USERS from 10 to 25.";
const setUsers = (to: string) =>
  hermes("patch", { path: "config.js", old_str: "MAX_USERS = 10", new_str: `MAX_USERS = ${to}` });

const AREA = { "area.py": "w = 3\nh = 4\narea = w * h\nprint(area)\n" };
const RENAME =
  "In area.py, rename the variable w to width everywhere in the file. Do not change anything else.";

const MODES = [
  ["with the built-in guards", true],
  ["with the loop alone", false],
] as const;

describe.each(MODES)("end to end: the value the task names is the evidence (%s)", (_name, builtinGuards) => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = (act: string[], files: Record<string, string>) =>
    startAgent(agentScript({ act }), {}, files, { builtinGuards });

  test("the wrong value written (30 for 25): unverified, and the verdict names 25 and the changed file", async () => {
    h = await start([setUsers("30"), "Done: MAX_USERS is now 25."], CONFIG);
    const result = await h.agent.run(TASK);
    expect(h.project.read("config.js")).toContain("MAX_USERS = 30;");
    expect(result).toMatchObject({ success: false, stopReason: "unverified", filesEdited: ["config.js"] });
    // the syntax check passed: it is the missing value that keeps the run from success
    expect(result.evidence?.checks).toMatchObject([{ source: "syntax", ok: true }]);
    expect(result.evidence?.verdict).toBe(
      "the model said it was done, but the task asks for 25 and no changed file contains it (the run changed config.js)",
    );
    // with the guards the model is told before its answer stands (guards/done-fallback.ts)
    const told = JSON.stringify(h.actRequests().map((r) => r.body)).includes(
      "The task asks for 25, and no changed file contains it yet (changed: config.js).",
    );
    expect(told).toBe(builtinGuards);
  });

  test("the right value written: done", async () => {
    h = await start([setUsers("25"), "Done: MAX_USERS is now 25."], CONFIG);
    const result = await h.agent.run(TASK);
    expect(h.project.read("config.js")).toContain("MAX_USERS = 25;");
    expect(result).toMatchObject({ success: true, stopReason: "done" });
  });

  test("a longer number that contains it (250 for 25) does not count", async () => {
    h = await start([setUsers("250"), "Done."], CONFIG);
    const result = await h.agent.run(TASK);
    expect(h.project.read("config.js")).toContain("MAX_USERS = 250;");
    expect(result).toMatchObject({ success: false, stopReason: "unverified" });
    expect(result.evidence?.verdict).toMatch(/asks for 25 and no changed file contains it/);
  });

  test("a quoted value: another string written is unverified, naming the wanted one", async () => {
    const files = { "settings.json": '{ "theme": "light", "lang": "en" }\n' };
    const set = (v: string) =>
      hermes("patch", { path: "settings.json", old_str: '"light"', new_str: `"${v}"` });
    h = await start([set("blue"), "Done."], files);
    const result = await h.agent.run('In settings.json, change "theme" from "light" to "dark".');
    expect(JSON.parse(h.project.read("settings.json"))).toMatchObject({ theme: "blue" });
    expect(result).toMatchObject({ success: false, stopReason: "unverified" });
    expect(result.evidence?.verdict).toMatch(/the task asks for "dark" and no changed file contains it/);
  });

  test("a rename with the new name written: done", async () => {
    // read first: the guards refuse to overwrite a file the model has not read
    const read = hermes("read_file", { path: "area.py" });
    const renamed = "width = 3\nh = 4\narea = width * h\nprint(area)\n";
    h = await start(
      [read, hermes("write_file", { path: "area.py", content: renamed }), "Renamed w to width."],
      AREA,
    );
    const result = await h.agent.run(RENAME);
    expect(h.project.read("area.py")).toBe(renamed);
    expect(result).toMatchObject({ success: true, stopReason: "done" });
  });

  test("a rename left undone (w still there, width nowhere): unverified, naming width", async () => {
    const fix = hermes("patch", { path: "area.py", old_str: "area = w * h", new_str: "area = h * w" });
    h = await start([fix, "Renamed w to width."], AREA);
    const result = await h.agent.run(RENAME);
    expect(h.project.read("area.py")).not.toContain("width");
    expect(result).toMatchObject({ success: false, stopReason: "unverified" });
    expect(result.evidence?.verdict).toMatch(/the task asks for "width" and no changed file contains it/);
  });

  test("a task that names no value keeps the verdict it had: a passing syntax check is done", async () => {
    h = await start([setUsers("30"), "Done: tripled."], CONFIG);
    const result = await h.agent.run("In config.js, triple MAX_USERS.");
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    expect(result.evidence?.verdict).toMatch(/`node --check config\.js` passed after the last change/);
  });

  test("the project's tests passing after the change win over the missing literal (25 written as 5 * 5)", async () => {
    const files = {
      "package.json": `${JSON.stringify({ name: "demo", type: "module" })}\n`,
      "config.js": "export const MAX_USERS = 10;\n",
      "config.test.js": [
        'import { test } from "node:test";',
        'import assert from "node:assert/strict";',
        'import { MAX_USERS } from "./config.js";',
        'test("room for the team", () => assert.equal(MAX_USERS, 5 * 5));',
        "",
      ].join("\n"),
    };
    const compute = hermes("patch", { path: "config.js", old_str: "= 10", new_str: "= 5 * 5" });
    h = await start([compute, "Done."], files);
    const result = await h.agent.run(TASK);
    expect(h.project.read("config.js")).toBe("export const MAX_USERS = 5 * 5;\n");
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    expect(result.evidence?.checks).toMatchObject([{ source: "tests", command: "node --test", ok: true }]);
  });
});
