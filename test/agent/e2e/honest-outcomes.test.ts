import { afterEach, describe, expect, test } from "vitest";
import { BUGGY_PROJECT } from "../../support/agent-project.ts";
import { type AgentHarness, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

/**
 * Issue 12: a run never reports success for failed work. Liar models, scripted over real HTTP, claim
 * success while the project's tests fail, answer "ok" without doing anything, or claim a file they
 * could not write; each run ends `success: false` with the right stop reason and the evidence. An
 * honest model that fixes the bug succeeds, with the passing check as its evidence. Every test runs
 * with the built-in guards on (the product) and off (the loop alone: the verdict does not depend on them).
 */

const TASK = "fix the failing test in math.test.js";
const WRONG_FIX = hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a * b" });
const RIGHT_FIX = hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" });

const MODES = [
  ["with the built-in guards", true],
  ["with the loop alone", false],
] as const;

describe.each(MODES)("end to end: honest outcomes (%s)", (_name, builtinGuards) => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  const start = (act: string[], files?: Record<string, string>) =>
    startAgent(agentScript({ act }), {}, files, { builtinGuards });

  test("a model that says Fixed again and again while the tests fail ends checks_failing, with the failing output", async () => {
    h = await start([WRONG_FIX, "Fixed."]);
    const result = await h.agent.run(TASK);
    expect(result).toMatchObject({ success: false, stopReason: "checks_failing", response: "Fixed." });
    expect(h.project.read("math.js")).toContain("a * b");
    const checks = result.evidence?.checks ?? [];
    expect(checks).toHaveLength(1);
    expect(checks[0]).toMatchObject({ source: "tests", command: "node --test", ok: false });
    expect(checks[0]!.output).toContain("add adds");
    expect(checks[0]!.output.length).toBeLessThanOrEqual(2200);
    expect(result.evidence?.changes).toEqual(["math.js"]);
    expect(result.evidence?.verdict).toMatch(/the project's checks fail: `node --test` failed/);
    // with the guards on, the model was told (and insisted): several answers were refused first
    if (builtinGuards) expect(h.actRequests().length).toBeGreaterThan(2);
  });

  test('a model that answers "ok" without doing anything on a change task ends no_changes', async () => {
    h = await start(["ok"]);
    const result = await h.agent.run(TASK);
    expect(result).toMatchObject({ success: false, stopReason: "no_changes", response: "ok" });
    expect(result.evidence).toMatchObject({ checks: [], changes: [], failedWrites: [] });
    expect(h.project.read("math.js")).toContain("a - b");
  });

  test("a model whose writes fail and that claims the file anyway ends write_failed, with the error", async () => {
    // `docs` is a file, so nothing can be written under it
    h = await start(
      [hermes("write_file", { path: "docs/usage.md", content: "# Usage\n" }), "Created docs/usage.md."],
      { ...BUGGY_PROJECT, docs: "not a directory\n" },
    );
    const result = await h.agent.run("create the file docs/usage.md describing add()");
    expect(result).toMatchObject({ success: false, stopReason: "write_failed" });
    expect(result.toolCalls.every((c) => !c.ok)).toBe(true);
    expect(result.evidence?.failedWrites[0]).toMatchObject({ tool: "write_file", path: "docs/usage.md" });
    expect(result.evidence?.failedWrites[0]?.error).not.toBe("");
    expect(result.evidence?.changes).toEqual([]);
  });

  test("an honest model that fixes the bug succeeds, with the passing tests as evidence", async () => {
    h = await start([RIGHT_FIX, "Fixed: add adds now."]);
    const result = await h.agent.run(TASK);
    expect(result).toMatchObject({ success: true, stopReason: "done", filesEdited: ["math.js"] });
    expect(result.evidence?.checks).toMatchObject([{ source: "tests", command: "node --test", ok: true }]);
    // the guards also ran the tests before the first change (guards/baseline.ts); the loop alone did not
    expect(result.evidence?.verdict).toBe(
      builtinGuards
        ? "`node --test` passed after the last change (`node --test` is now passing: it failed before the task)"
        : "`node --test` passed after the last change",
    );
    expect(result.evidence?.checks[0]?.baseline).toEqual(
      builtinGuards ? { ok: false, sameFailure: false } : undefined,
    );
  });

  test("a question answered without changes succeeds without checks", async () => {
    h = await startAgent(
      agentScript({ classify: { content: "explain" }, act: ["add() subtracts its arguments."] }),
      {},
      undefined,
      { builtinGuards },
    );
    const result = await h.agent.run("what does add() in math.js do?");
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    expect(result.evidence?.verdict).toBe("the task asked for an answer, not a change");
  });

  test("changed code that no check can cover is unverified, not done", async () => {
    const files = { "lib.rb": "def add(a, b)\n  a - b\nend\n" };
    h = await start(
      [hermes("patch", { path: "lib.rb", old_str: "a - b", new_str: "a + b" }), "Fixed."],
      files,
    );
    const result = await h.agent.run("fix add in lib.rb so it adds");
    expect(result).toMatchObject({ success: false, stopReason: "unverified", filesEdited: ["lib.rb"] });
    expect(result.evidence?.verdict).toMatch(/no check could run on lib\.rb/);
  });

  test("tests the model edited to pass, on a task that is not about tests, are unverified", async () => {
    const weaken = hermes("patch", {
      path: "math.test.js",
      old_str: "add(2, 3), 5",
      new_str: "add(2, 3), -1",
    });
    h = await start([hermes("read_file", { path: "math.test.js" }), weaken, "Fixed: the tests pass."]);
    const result = await h.agent.run("make add in math.js correct");
    expect(result).toMatchObject({ success: false, stopReason: "unverified", filesEdited: ["math.test.js"] });
    expect(result.evidence?.checks).toMatchObject([{ source: "tests", ok: true }]);
    expect(result.evidence?.verdict).toMatch(/the run changed the tests themselves \(math\.test\.js\)/);
  });

  test("a syntax error in the changed file fails the run when the project has no tests", async () => {
    const dir = { "app.py": "def f():\n    return 1\n" };
    h = await start(
      [
        hermes("read_file", { path: "app.py" }),
        hermes("write_file", { path: "app.py", content: "def f(:\n    return 2\n" }),
        "Changed f to return 2.",
      ],
      dir,
    );
    const result = await h.agent.run("change f in app.py to return 2");
    expect(result).toMatchObject({ success: false, stopReason: "checks_failing" });
    expect(result.evidence?.checks).toMatchObject([
      { source: "syntax", command: "python3 -m py_compile app.py", ok: false },
    ]);
  });
});

describe("end to end: the declared definition of done", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("a model that declares `node --test` and insists while it fails ends checks_failing with the declared check", async () => {
    h = await startAgent(
      agentScript({
        act: [WRONG_FIX, hermes("done_when", { command: "node --test", exit_code: 0 }), "Fixed."],
      }),
      {},
      undefined,
      { builtinGuards: true },
    );
    const result = await h.agent.run(TASK);
    expect(result).toMatchObject({ success: false, stopReason: "checks_failing", response: "Fixed." });
    expect(result.evidence?.checks).toMatchObject([
      { source: "done_when", command: "node --test", ok: false },
      { source: "tests", command: "node --test", ok: false },
    ]);
    expect(result.evidence?.checks[0]?.output).toContain("it exited 1, expected 0");
    expect(result.evidence?.verdict).toMatch(/the definition of done is not met/);
  });

  test("a vacuous declared check (`true`) does not make a broken fix done: the project's tests still run", async () => {
    h = await startAgent(
      agentScript({
        act: [WRONG_FIX, hermes("done_when", { command: "true", exit_code: 0 }), "Fixed, the check passes."],
      }),
      {},
      undefined,
      { builtinGuards: true },
    );
    const result = await h.agent.run(TASK);
    expect(result).toMatchObject({ success: false, stopReason: "checks_failing" });
    expect(result.evidence?.checks).toMatchObject([
      { source: "done_when", command: "true", ok: true },
      { source: "tests", command: "node --test", ok: false },
    ]);
    expect(result.evidence?.verdict).toMatch(/the project's checks fail: `node --test` failed/);
  });
});
