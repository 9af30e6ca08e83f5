import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";
import { home, runTask } from "../security/undo-support.ts";
import { agentScript, hermes } from "../support/agent-script.ts";

/**
 * The checks before the task: a project whose `npm test` checks `value.txt` (and counts its runs in
 * a log outside the project). The verdict must say whether a failure was there before the task
 * ("still failing as before"), came with it ("newly failing"), or went away ("now passing"), and a
 * task that only reads must not pay for a baseline.
 */

let server: ScriptedServer;
const logs = mkdtempSync(join(tmpdir(), "smallcode-baseline-"));
beforeAll(async () => {
  server = await startScriptedServer({ models: ["scripted-model"] });
});
afterAll(async () => {
  await server.close();
  cleanup();
  rmSync(logs, { recursive: true, force: true });
});

/** A project whose tests pass when value.txt says "ok"; each test run appends a line to `log`. */
function project(value: string, log: string): string {
  const test = [
    'const fs = require("node:fs");',
    `fs.appendFileSync(${JSON.stringify(log)}, fs.readFileSync("value.txt", "utf8"));`,
    'if (fs.readFileSync("value.txt", "utf8").trim() !== "ok") { console.error("FAIL value is not ok"); process.exit(1); }',
    'console.log("1 passed");',
  ].join("\n");
  return tempDir({
    "package.json": JSON.stringify({ name: "p", scripts: { test: "node test.js" } }),
    "test.js": `${test}\n`,
    "value.txt": `${value}\n`,
    "src/a.js": "export const a = 1;\n",
  });
}

/** A coding task that reads `path`, writes `content` to it, then says "Done.". */
async function task(cwd: string, path: string, content: string, text = "update the project") {
  server.setScript({
    models: ["scripted-model"],
    ...agentScript({
      classify: { content: "coding" },
      act: [hermes("read_file", { path }), hermes("write_file", { path, content }), "Done."],
    }),
  });
  const r = await runTask(server, cwd, home({ sandbox: false }), text);
  return JSON.parse(r.stdout);
}

const runs = (log: string) => (existsSync(log) ? readFileSync(log, "utf8").trim().split("\n") : []);

describe("the checks before the task", () => {
  it("newly failing: the tests passed before the task and fail after it", async () => {
    const log = join(logs, "new.log");
    const cwd = project("ok", log);
    const result = await task(cwd, "value.txt", "broken\n");
    expect(result.success).toBe(false);
    expect(result.evidence.verdict).toContain("is newly failing: it passed before the task");
    expect(result.evidence.checks[0].baseline).toEqual({ ok: true, sameFailure: false });
    expect(runs(log)[0]).toBe("ok"); // the baseline ran before the write
  });

  it("still failing as before: an unrelated change leaves the same failure", async () => {
    const log = join(logs, "still.log");
    const cwd = project("bad", log);
    const result = await task(cwd, "src/a.js", "export const a = 2;\n");
    expect(result.success).toBe(false);
    expect(result.evidence.verdict).toContain("is still failing as before the task, with the same failures");
    expect(result.evidence.checks[0].baseline).toEqual({ ok: false, sameFailure: true });
  });

  it("now passing: the tests failed before the task and pass after it", async () => {
    const log = join(logs, "fixed.log");
    const cwd = project("bad", log);
    const result = await task(cwd, "value.txt", "ok\n", "fix value.txt so the test passes");
    expect(result.success).toBe(true);
    expect(result.evidence.verdict).toContain("is now passing: it failed before the task");
    expect(runs(log)[0]).toBe("bad");
  });

  it("a task that only reads runs no baseline", async () => {
    const log = join(logs, "read.log");
    const cwd = project("ok", log);
    server.setScript({
      models: ["scripted-model"],
      ...agentScript({
        classify: { content: "explain" },
        act: [hermes("read_file", { path: "src/a.js" }), hermes("bash", { command: "ls" }), "It exports a."],
      }),
    });
    const r = await runTask(server, cwd, home({ sandbox: false }), "what does src/a.js export?");
    expect(JSON.parse(r.stdout).success).toBe(true);
    expect(runs(log)).toEqual([]);
  });
});
