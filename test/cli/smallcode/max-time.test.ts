import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../../cli/smallcode/contract/index.ts";
import {
  type Script,
  type ScriptedServer,
  startScriptedServer,
} from "../../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run, tempDir } from "./helpers.ts";

/**
 * `--max-time` (and `max_time` in smallcode.toml, `SMALLCODE_MAX_TIME`): the wall-clock limit of a run,
 * of each task in the interactive session. When it passes, the model call or the command running is
 * aborted through the run's signal and the run ends with `max_time`, its evidence and usage kept.
 */

/** An act turn that never answers a task containing "hang"; other tasks are answered at once. */
const HANG: Script = {
  models: ["scripted-model"],
  rules: [
    { prompt: "classify_task_type", replies: [{ content: "explain" }] },
    { prompt: "pick_tool_categories", replies: [{ content: '["read"]' }] },
    { prompt: "act", match: "hang", replies: [{ fault: "hang" }] },
    { prompt: "act", replies: [{ content: "It adds two numbers." }] },
  ],
  fallback: { content: "ok" },
};

/** A unique sleep, to find it among the machine's processes. */
const SLEEP = "sleep 29.713";

/** The model writes a file, runs a long command, then would write a marker file. */
const SLEEPER: Script = {
  models: ["scripted-model"],
  rules: [
    { prompt: "classify_task_type", replies: [{ content: "coding" }] },
    { prompt: "pick_tool_categories", replies: [{ content: '["read","write","run"]' }] },
    {
      prompt: "act",
      replies: [
        { toolCalls: [{ name: "write_file", arguments: { path: "notes.txt", content: "step one\n" } }] },
        { toolCalls: [{ name: "bash", arguments: { command: `${SLEEP} && echo late > late.txt` } }] },
        { content: "done" },
      ],
    },
  ],
  fallback: { content: "ok" },
};

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(HANG);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const base = () => ["--base-url", server.url, "--model", "scripted-model"];

/** Whether a process whose command line contains `text` is running. */
function running(text: string): boolean {
  const ps = execFileSync("ps", ["-eo", "args"], { encoding: "utf8" });
  return ps.split("\n").some((line) => line.includes(text) && !line.includes("ps -eo"));
}

describe("smallcode run --max-time", () => {
  it("aborts a model call that hangs past the limit: exit 1, stopReason max_time, usage kept", async () => {
    server.setScript(HANG);
    const before = server.chatRequests("act").length;
    const r = await run(tempDir(), ["run", "hang please", ...base(), "--json", "--max-time", "2s"]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result).toMatchObject({ success: false, stopReason: "max_time" });
    expect(result.usage.calls).toBeGreaterThanOrEqual(1); // the classifier's call before the hang
    expect(result.evidence?.verdict).toContain("raise it with --max-time");
    expect(server.chatRequests("act")).toHaveLength(before + 1);
  }, 30_000);

  it("kills a command the model runs when the limit passes, keeps no stray process, reports the earlier write", async () => {
    server.setScript(SLEEPER);
    const dir = tempDir();
    const r = await run(dir, ["run", "run the slow step", ...base(), "--json", "--yes", "--max-time", "3"]);
    expect(r.code).toBe(1);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result).toMatchObject({ success: false, stopReason: "max_time" });
    expect(result.toolCalls.map((c) => c.name)).toEqual(["write_file", "bash"]);
    expect(result.filesCreated).toEqual(["notes.txt"]);
    expect(result.evidence?.changes).toEqual(["notes.txt"]);
    expect(running(SLEEP)).toBe(false);
    expect(existsSync(join(dir, "late.txt"))).toBe(false);
  }, 30_000);

  it("takes max_time from smallcode.toml (seconds or a duration) and SMALLCODE_MAX_TIME", async () => {
    for (const toml of ["max_time = 2\n", 'max_time = "1500ms"\n']) {
      server.setScript(HANG);
      const r = await run(tempDir({ "smallcode.toml": toml }), ["run", "hang", ...base(), "--json"]);
      expect(JSON.parse(r.stdout)).toMatchObject({ stopReason: "max_time" });
    }
    server.setScript(HANG);
    const env = cleanEnv({ SMALLCODE_MAX_TIME: "2s" });
    const r = await run(tempDir(), ["-p", "hang", ...base(), "--json"], { env });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ stopReason: "max_time" });
  }, 30_000);

  it("rejects a limit that is not a positive duration, saying what to write", async () => {
    for (const bad of ["0", "abc", "-5s", "10x", "30d"]) {
      const r = await run(tempDir(), ["run", "explain x", ...base(), `--max-time=${bad}`]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toContain(`option \`--max-time\` needs a duration such as \`90s\``);
      expect(r.stderr).toContain(`got \`${bad}\``);
      expect(r.stderr).toContain("smallcode run --help");
    }
    const env = cleanEnv({ SMALLCODE_MAX_TIME: "soon" });
    const r = await run(tempDir(), ["run", "explain x", ...base()], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("SMALLCODE_MAX_TIME");
    expect(r.stderr).toContain("10m");
  });
});

describe("the interactive session", () => {
  it("applies --max-time to each task: a hanging task stops, the next one runs", async () => {
    // the first act call hangs, the next answers (a `match` would also catch the second task, whose
    // request repeats the first one's text)
    server.setScript({
      ...HANG,
      rules: [
        ...(HANG.rules ?? []).filter((rule) => rule.prompt !== "act"),
        { prompt: "act", replies: [{ fault: "hang" }, { content: "It adds two numbers." }] },
      ],
    });
    const before = server.chatRequests("act").length;
    const r = await run(tempDir(), [...base(), "--max-time", "2s"], {
      stdin: "explain sub\nexplain add\n",
    });
    expect(r.stdout).toContain("stopped (max_time)");
    expect(r.stdout).toContain("It adds two numbers.");
    expect(server.chatRequests("act")).toHaveLength(before + 2);
  }, 30_000);
});
