import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFacts, remember } from "../../cli/smallcode/memory/index.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";
import { call, script, userEnv } from "../knowledge/helpers.ts";
import { BUGGY_PROJECT } from "../support/agent-project.ts";

/**
 * An honest outcome for a memory task: "remember that this project uses pnpm" is labelled coding by
 * the classifier, so the verdict expected a file change and the run ended `no_changes` although the
 * fact was stored. A remember or forget the store confirms is now the task's evidence (the verdict
 * names the fact), while a task that plainly asks for a file change still needs one, and a memory
 * call that stored nothing (a recall, a refused remember) proves nothing. The real CLI with `--json`
 * against a scripted model; the store read afterwards.
 */

let model: ScriptedServer;
beforeAll(async () => {
  model = await startScriptedServer(script([{ content: "ok" }]));
});
afterAll(async () => {
  await model.close();
  cleanup();
});

const PNPM = "This project uses pnpm, not npm";

/** `smallcode run TASK --json` in `dir` with the act replies given; the parsed result. */
async function runJson(dir: string, task: string, act: Parameters<typeof script>[0]) {
  model.setScript(script(act, '["read"]', "coding"));
  const r = await run(dir, ["run", task, "--json", "--base-url", model.url, "--model", "scripted-model"], {
    env: userEnv(),
  });
  return JSON.parse(r.stdout) as {
    success: boolean;
    stopReason: string;
    evidence: { verdict: string; changes: string[] };
  };
}

describe("a memory task's outcome", () => {
  it("remember: done, with the stored fact (checked in the store) as evidence", async () => {
    const dir = tempDir({ "README.md": "# x\n" });
    const result = await runJson(dir, "remember that this project uses pnpm", [
      call("memory", { action: "remember", text: PNPM, type: "convention" }),
      { content: "Noted." },
    ]);
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    expect(result.evidence.verdict).toBe(
      `the task's work is in project memory, checked in the store: remembered p1 [convention] ${PNPM}`,
    );
    expect(result.evidence.changes).toEqual([]);
    expect(listFacts({ cwd: dir }, 10, ["convention"]).items.map((f) => f.text)).toEqual([PNPM]);
  });

  it("forget (by a synonym): done, naming the fact that is gone", async () => {
    const dir = tempDir({ "README.md": "# x\n" });
    remember({ cwd: dir }, "project", "convention", PNPM);
    const result = await runJson(dir, "forget the pnpm convention", [
      call("memory", { action: "delete", id: "p1" }),
      { content: "Forgotten." },
    ]);
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    expect(result.evidence.verdict).toContain(`forgot p1 [convention] ${PNPM}`);
    expect(listFacts({ cwd: dir }, 10, ["convention"]).items).toEqual([]);
  });

  it("a fact remembered and forgotten again in the run is no evidence of a remember", async () => {
    const dir = tempDir({ "README.md": "# x\n" });
    const result = await runJson(dir, "remember that this project uses pnpm", [
      call("memory", { action: "remember", text: PNPM, type: "convention" }),
      call("memory", { action: "forget", id: "p1" }),
      { content: "Noted." },
    ]);
    // the forget is what the store shows, and the verdict says so (not "remembered")
    expect(result.evidence.verdict).not.toContain("remembered p1");
    expect(result.evidence.verdict).toContain("forgot p1");
  });

  it("a task that asks for a file change still needs one: memory alone is no_changes, and the verdict says so", async () => {
    const dir = tempDir({ "README.md": "# x\n" });
    const result = await runJson(dir, "update README.md to say we use pnpm, and remember that too", [
      call("memory", { action: "remember", text: PNPM, type: "convention" }),
      { content: "Done." },
    ]);
    expect(result).toMatchObject({ success: false, stopReason: "no_changes" });
    expect(result.evidence.verdict).toContain("it only changed project memory: remembered p1");
  });

  it("memory calls that stored nothing (a recall, a refused remember) prove nothing: no_changes", async () => {
    const dir = tempDir({ "README.md": "# x\n" });
    const result = await runJson(dir, "remember that this project uses pnpm", [
      call("memory", { action: "recall", text: "pnpm" }),
      call("memory", { action: "remember", text: PNPM, type: "toString" }),
      call("memory", { action: "constructor", text: PNPM }),
      { content: "Noted." },
    ]);
    expect(result).toMatchObject({ success: false, stopReason: "no_changes" });
    expect(listFacts({ cwd: dir }, 10, ["convention"]).items).toEqual([]);
  });

  it("in a project with (failing) tests: no tests run for a memory task, and it ends done", async () => {
    const dir = tempDir(BUGGY_PROJECT);
    model.setScript(
      script(
        [call("memory", { action: "remember", text: PNPM, type: "convention" }), { content: "Noted." }],
        '["read"]',
        "coding",
      ),
    );
    const task = "remember that this project uses pnpm";
    const r = await run(dir, ["run", task, "--base-url", model.url, "--model", "scripted-model"], {
      env: userEnv(),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain("✓ done");
    // the memory call changes no project file: the baseline guard does not run the project's tests
    expect(r.stderr).not.toContain("⚙");
  });
});
