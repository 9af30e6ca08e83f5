import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../../cli/smallcode/contract/index.ts";
import { probeBwrap } from "../../../cli/smallcode/tools/sandbox.ts";
import {
  type Script,
  type ScriptedServer,
  startScriptedServer,
} from "../../../cli/testkit/scripted-server.ts";
import { BUGGY_PROJECT } from "../../support/agent-project.ts";
import { cleanEnv, cleanup, run, tempDir } from "./helpers.ts";

/**
 * Issue 12 at the command line: `smallcode run` exits 0 and says "✓ done" only with evidence. A model
 * that claims a fix while the tests fail, or that cannot write at all (a read-only project), gets exit
 * 1, the stop reason, and the evidence in the human output and in `--json`.
 */

const TASK = "fix the failing test in math.test.js";

/** A model that patches math.js with `fix` and then says `answer`, however often it is asked. */
function script(fix: string, answer: string): Script {
  return {
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: "debugging" }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["read", "write", "run"]' }] },
      {
        prompt: "act",
        replies: [
          { toolCalls: [{ name: "read_file", arguments: { path: "math.js" } }] },
          { toolCalls: [{ name: "patch", arguments: { path: "math.js", old_str: "a - b", new_str: fix } }] },
          { content: answer },
        ],
      },
    ],
    fallback: { content: "ok" },
  };
}

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(script("a + b", "Fixed."));
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const flags = () => ["--base-url", server.url, "--model", "scripted-model"];

describe("smallcode run: honest outcomes", () => {
  it("a model that says Fixed while the tests fail: exit 1, not done (checks_failing), the failing output", async () => {
    server.setScript(script("a * b", "Fixed."));
    const dir = tempDir(BUGGY_PROJECT);
    const r = await run(dir, ["run", TASK, ...flags()]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("Fixed.\n");
    expect(r.stderr).toContain("✗ not done (checks_failing)");
    expect(r.stderr).not.toContain("✓ done");
    expect(r.stderr).toContain("the model said it was done, but the project's checks fail");
    expect(r.stderr).toContain("$ node --test");
    expect(r.stderr).toContain("add adds");
    expect(readFileSync(join(dir, "math.js"), "utf8")).toContain("a * b");
  });

  it("--json carries the same verdict and the evidence", async () => {
    server.setScript(script("a * b", "Fixed."));
    const dir = tempDir(BUGGY_PROJECT);
    const r = await run(dir, ["run", TASK, "--json", ...flags()]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result).toMatchObject({ success: false, stopReason: "checks_failing", response: "Fixed." });
    expect(result.evidence).toMatchObject({
      checks: [{ source: "tests", command: "node --test", ok: false }],
      changes: ["math.js"],
      failedWrites: [],
    });
    expect(result.evidence?.checks[0]?.output).toContain("add adds");
  });

  it("an honest fix: exit 0, ✓ done, and the passing check", async () => {
    server.setScript(script("a + b", "Fixed: add adds now."));
    const dir = tempDir(BUGGY_PROJECT);
    const r = await run(dir, ["run", TASK, ...flags()], { env: cleanEnv() });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("✓ done");
    expect(r.stderr).toContain("checked: `node --test` passed");
  });

  it("the interactive session says the same: not done (checks_failing) with the failing output", async () => {
    server.setScript(script("a * b", "Fixed."));
    const dir = tempDir(BUGGY_PROJECT);
    const r = await run(dir, [...flags(), "--no-color"], { stdin: `${TASK}\n` });
    expect(r.stdout).toContain("Fixed.");
    expect(r.stdout).toContain("✗ not done (checks_failing)");
    expect(r.stdout).toContain("$ node --test");
    expect(r.stdout).toContain("add adds");
    expect(r.stdout).not.toContain("✓ done");
  });

  it("a wrong value written where the task names the value (30 for 25): exit 1, not done (unverified), naming 25", async () => {
    server.setScript({
      models: ["scripted-model"],
      rules: [
        { prompt: "classify_task_type", replies: [{ content: "editing" }] },
        { prompt: "pick_tool_categories", replies: [{ content: '["read", "write"]' }] },
        {
          prompt: "act",
          replies: [
            { toolCalls: [{ name: "read_file", arguments: { path: "config.js" } }] },
            {
              toolCalls: [
                { name: "patch", arguments: { path: "config.js", old_str: "= 10", new_str: "= 30" } },
              ],
            },
            { content: "MAX_USERS is now 25." },
          ],
        },
      ],
      fallback: { content: "ok" },
    });
    const dir = tempDir({ "config.js": "const MAX_USERS = 10;\nmodule.exports = { MAX_USERS };\n" });
    const r = await run(dir, ["run", "In config.js, change MAX_USERS from 10 to 25.", ...flags()]);
    expect(readFileSync(join(dir, "config.js"), "utf8")).toContain("MAX_USERS = 30;");
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("✗ not done (unverified)");
    expect(r.stderr).toContain("the task asks for 25 and no changed file contains it");
    expect(r.stderr).not.toContain("✓ done");
  });

  const probe = probeBwrap();
  it.skipIf(!probe.ok)(
    "in a read-only project (a read-only bind mount, which stops root too): exit 1, write_failed",
    async () => {
      server.setScript(script("a + b", "Fixed."));
      const dir = tempDir(BUGGY_PROJECT);
      const bin = join(import.meta.dirname, "../../../cli/smallcode/bin.js");
      const args = [
        ...["--dev-bind", "/", "/", "--ro-bind", dir, dir, "--chdir", dir],
        ...[process.execPath, bin, "run", TASK, "--json", ...flags()],
      ];
      // spawned, not spawnSync: the scripted server answers from this process
      const child = spawn("bwrap", args, { env: { ...process.env, ...cleanEnv() } });
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => (stderr += d));
      const status = await new Promise<number | null>((resolve) => child.on("close", resolve));
      expect(status, stderr).toBe(1);
      const result = JSON.parse(stdout) as RunResult;
      expect(result).toMatchObject({ success: false, stopReason: "write_failed", filesEdited: [] });
      expect(result.evidence?.failedWrites[0]).toMatchObject({ tool: "patch", path: "math.js" });
      expect(result.evidence?.failedWrites[0]?.error).toMatch(/read-only file system|EROFS/i);
      expect(readFileSync(join(dir, "math.js"), "utf8")).toContain("a - b");
    },
  );
});
