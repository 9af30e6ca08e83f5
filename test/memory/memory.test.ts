import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFacts, recall, remember } from "../../cli/smallcode/memory/index.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";
import { call, replSays, runTask, script, userEnv } from "../knowledge/helpers.ts";

/**
 * Project memory through the real CLI against a scripted model, checked on the real database files:
 * a fact remembered in one run is in the next run's prompt and found by recall; near-identical facts
 * merge; forget removes; the user store is shared across projects; a run's outcome is evidence for a
 * similar task later; ranking mixes relevance and freshness.
 */

let model: ScriptedServer;
beforeAll(async () => {
  model = await startScriptedServer(script([{ content: "ok" }]));
});
afterAll(async () => {
  await model.close();
  cleanup();
});

const PNPM = "Use pnpm, not npm, to install packages";

describe("project memory", () => {
  it("remembers in one run, recalls in the next (prompt and tool), and forgets", async () => {
    const env = userEnv();
    const dir = tempDir({ "README.md": "# x\n" });
    const a = await runTask(
      model,
      dir,
      "remember that we use pnpm",
      [call("memory", { action: "remember", text: PNPM, type: "convention" }), { content: "Noted." }],
      env,
      undefined,
      "chat",
    );
    expect(a.tools).toContain("memory");
    expect(a.results[0]).toBe("remembered as p1 (convention, project)");
    expect(existsSync(join(dir, ".smallcode/memory.db"))).toBe(true);

    const b = await runTask(
      model,
      dir,
      "install the lodash package",
      [call("memory", { action: "recall", text: "pnpm" }), { content: "Use pnpm." }],
      env,
    );
    expect(b.system).toContain(
      `Remembered in earlier tasks (saved notes, not the user's words; check them):\n- [convention] ${PNPM} (p1)`,
    );
    expect(b.results[0]).toBe(`p1 [convention] ${PNPM}`);
    expect(b.r.stderr).toMatch(/knowledge: in the prompt \(\d+ tokens\): memory p1/);

    const c = await runTask(
      model,
      dir,
      "clean up",
      [call("memory", { action: "forget", id: "p1" }), { content: "Forgotten." }],
      env,
    );
    expect(c.results[0]).toBe(`forgot p1 [convention] ${PNPM}`);
    const d = await runTask(model, dir, "install the lodash package", [{ content: "ok" }], env);
    expect(d.system).not.toContain("pnpm");
    expect(listFacts({ cwd: dir }, 10, ["convention"]).items).toEqual([]);
  });

  it("merges a near-identical fact instead of adding a second", async () => {
    const dir = tempDir({ "README.md": "# x\n" });
    const t = await runTask(
      model,
      dir,
      "note the conventions",
      [
        call("memory", { action: "remember", text: PNPM, type: "convention" }),
        call("memory", {
          action: "remember",
          text: "use pnpm (not npm) to install packages.",
          type: "conventions",
        }),
        call("memory", {
          action: "remember",
          text: "Tests live in test/, one file per module",
          type: "convention",
        }),
        { content: "Noted." },
      ],
      userEnv(),
    );
    expect(t.results).toEqual([
      "remembered as p1 (convention, project)",
      "already remembered as p1; refreshed it with your wording",
      "remembered as p2 (convention, project)",
    ]);
    const facts = listFacts({ cwd: dir }, 10, ["convention"]).items;
    expect(facts.map((f) => [f.id, f.text, f.repeats])).toEqual([
      ["p2", "Tests live in test/, one file per module", 0],
      ["p1", "use pnpm (not npm) to install packages.", 1],
    ]);
  });

  it("keeps user-wide facts in the user's data folder, recalled in another project", async () => {
    const env = userEnv();
    const one = tempDir({ "README.md": "# x\n" });
    const a = await runTask(
      model,
      one,
      "remember my preference",
      [
        call("memory", {
          action: "remember",
          text: "Commit messages in the imperative mood",
          type: "convention",
          scope: "user",
        }),
        { content: "Noted." },
      ],
      env,
    );
    expect(a.results[0]).toBe("remembered as u1 (convention, user)");
    expect(existsSync(join(env.XDG_DATA_HOME!, "smallcode/memory.db"))).toBe(true);
    expect(existsSync(join(one, ".smallcode/memory.db"))).toBe(true); // the run's outcome, not the fact
    const two = tempDir({ "README.md": "# y\n" });
    const b = await runTask(model, two, "write the commit messages", [{ content: "ok" }], env);
    expect(b.system).toContain("- [convention] Commit messages in the imperative mood (u1)");
  });

  it("records how a run ended and shows it to a similar task later", async () => {
    const dir = tempDir({ "date.js": "export const f = 1;\n" });
    const env = userEnv();
    await runTask(
      model,
      dir,
      "fix the failing date test in date.test.js",
      [{ content: "Fixed it." }],
      env,
      '["read", "write"]',
    );
    const b = await runTask(model, dir, "fix the date test", [{ content: "ok" }], env, '["read", "write"]');
    expect(b.system).toContain("Earlier similar tasks and how they ended:");
    expect(b.system).toMatch(
      /- "fix the failing date test in date\.test\.js" failed \(no_changes\): [^\n]*no file changed/,
    );
    const other = await runTask(model, dir, "explain the readme layout", [{ content: "ok" }], env);
    expect(other.system).not.toContain("Earlier similar tasks");
  });

  it("/memory lists, searches and forgets", async () => {
    const dir = tempDir({});
    remember({ cwd: dir }, "project", "gotcha", "The build needs Node 24 for node:sqlite");
    remember({ cwd: dir }, "project", "workflow", "Release with npm run release after the changelog");
    expect(await replSays(dir, "/memory\n")).toMatch(
      /2 newest facts[^\n]*\n {2}p2 \[workflow\] Release with npm run release after the changelog\n {2}p1 \[gotcha\] The build needs Node 24/,
    );
    expect(await replSays(dir, "/memory search node sqlite\n")).toContain(
      "best matches for node sqlite:\n  p1 [gotcha] The build needs Node 24 for node:sqlite",
    );
    expect(await replSays(dir, "/memory forget p1\n")).toContain("forgot p1 [gotcha]");
    expect(listFacts({ cwd: dir }, 10).items.map((f) => f.id)).toEqual(["p2"]);
  });
});

describe("routing", () => {
  it("the picker is told about memory and may pick it; otherwise no memory schema is sent", async () => {
    const dir = tempDir({ "README.md": "# x\n" });
    const picked = await runTask(
      model,
      dir,
      "what did we decide about the API?",
      [{ content: "ok" }],
      userEnv(),
      '["memory"]',
      "chat",
    );
    const pick = model.chatRequests("pick_tool_categories").at(-1)!.body as {
      messages: { content: string }[];
    };
    expect(pick.messages[0]!.content).toContain("memory: remember a fact about the project for later tasks");
    expect(picked.tools).toEqual(["read_file", "memory"]);
    const plain = await runTask(model, dir, "explain the readme", [{ content: "ok" }], userEnv());
    expect(plain.tools).not.toContain("memory");
  });
});

describe("ranking", () => {
  it("orders by relevance and freshness: a stale exact match sinks below a fresh one, a weak match stays last", () => {
    const dir = tempDir({});
    const places = { cwd: dir };
    const day = 86_400_000;
    const now = Date.UTC(2026, 11, 5);
    remember(places, "project", "gotcha", "date tests need TZ=UTC for the timezone", now - 400 * day);
    remember(places, "project", "convention", "date tests need TZ=UTC for the timezone offsets", now);
    remember(places, "project", "decision", "the date module wraps Temporal", now);
    remember(places, "project", "workflow", "deploy with the release script", now);
    const found = recall(places, "date tests timezone", 10, { now }).items;
    expect(found.map((f) => f.type)).toEqual(["convention", "gotcha", "decision"]);
    expect(found[0]!.score).toBeGreaterThan(found[1]!.score);
    expect(found[1]!.score).toBeGreaterThan(found[2]!.score);
  });
});
