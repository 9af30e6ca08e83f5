import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Script,
  type ScriptedReply,
  type ScriptedServer,
  startScriptedServer,
} from "../../../cli/testkit/scripted-server.ts";
import { BUGGY_PROJECT } from "../../support/agent-project.ts";
import { cleanEnv, cleanup, run, tempDir } from "./helpers.ts";

/**
 * Live verification rows: each check SmallCode runs itself — the baseline before the first change
 * (guards/baseline.ts), the definition-of-done fallback when the model answers, a declared
 * `done_when`, and the final verdict's own check when the guards are off — shows as a ⚙ row while the
 * run goes on: "`cmd` passed|failed (time)[: first line]". The real CLI (the classic interactive face
 * and `smallcode run`) against a scripted model, on a project whose tests really run.
 */

const TASK = "fix the failing test in math.test.js";

/** A model that patches math.js with `fix` (after `before` calls) and then says `answer`. */
function script(fix: string, answer: string, before: readonly ScriptedReply[] = []): Script {
  return {
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: "debugging" }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["read", "write", "run"]' }] },
      {
        prompt: "act",
        replies: [
          ...before,
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
const TOOK = String.raw`\(\d+(\.\d)? m?s\)`;

describe("live verification rows", () => {
  it("classic face: the baseline before the patch, then the fallback check failing with its first line", async () => {
    server.setScript(script("a * b", "Fixed."));
    const dir = tempDir(BUGGY_PROJECT);
    const r = await run(dir, [...flags(), "--no-color"], { stdin: `${TASK}\n` });
    const out = r.stdout;
    const before = new RegExp(`⚙ before the task: \`node --test\` failed ${TOOK}: \\S`);
    const after = new RegExp(`^⚙ \`node --test\` failed ${TOOK}: \\S`, "m");
    expect(out).toMatch(before);
    expect(out).toMatch(after);
    expect(out).toContain("⚙ `node --test` failed (");
    expect(out).toContain("): FAILED: 1 failed, 1 passed");
    // live: the baseline row comes before the patch has run, the check after it and before the verdict
    expect(out.search(before)).toBeLessThan(out.indexOf("✓ patch"));
    expect(out.search(after)).toBeGreaterThan(out.indexOf("✓ patch"));
    expect(out.search(after)).toBeLessThan(out.indexOf("✗ not done (checks_failing)"));
  });

  it("smallcode run: a declared done_when and the project's tests, each a row that says passed", async () => {
    const declare = {
      toolCalls: [{ name: "done_when", arguments: { command: "node --test", exit_code: 0 } }],
    };
    server.setScript(script("a + b", "Fixed: add adds now.", [declare]));
    const dir = tempDir(BUGGY_PROJECT);
    const r = await run(dir, ["run", TASK, ...flags()], { env: cleanEnv() });
    expect(r.code).toBe(0);
    const rows = r.stderr.split("\n").filter((l) => l.startsWith("⚙"));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows.slice(1)) expect(row).toMatch(new RegExp(`^⚙ \`node --test\` passed ${TOOK}$`));
    expect(rows[0]).toMatch(/^⚙ before the task: `node --test` failed/);
  });

  it("guards off: the final verification's own check is a row too", async () => {
    server.setScript(script("a + b", "Fixed."));
    const dir = tempDir({ ...BUGGY_PROJECT, "smallcode.toml": "[guards]\ncontracts = false\n" });
    const r = await run(dir, ["run", TASK, ...flags()], { env: cleanEnv() });
    expect(r.code).toBe(0);
    const rows = r.stderr.split("\n").filter((l) => l.startsWith("⚙"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(new RegExp(`^⚙ \`node --test\` passed ${TOOK}$`));
  });

  it("hostile output: a check's first line that carries terminal control codes is shown inert", async () => {
    // JSON.parse quotes the bad text in its error: the model's file reaches the row's first line
    const hostile = "\u001b]0;pwned\u0007\u001b[2J{ not json";
    server.setScript({
      models: ["scripted-model"],
      rules: [
        { prompt: "classify_task_type", replies: [{ content: "coding" }] },
        { prompt: "pick_tool_categories", replies: [{ content: '["read", "write"]' }] },
        {
          prompt: "act",
          replies: [
            { toolCalls: [{ name: "write_file", arguments: { path: "config.json", content: hostile } }] },
            { content: "Done." },
          ],
        },
      ],
      fallback: { content: "ok" },
    });
    const dir = tempDir({ "README.md": "# x\n" });
    const r = await run(dir, [...flags(), "--no-color"], { stdin: "create the file config.json\n" });
    const rows = r.stdout.split("\n").filter((l) => l.startsWith("⚙"));
    expect(rows[0]).toMatch(/^⚙ `JSON\.parse\(config\.json\)` failed \(\d+ ms\): config\.json: /);
    expect(rows[0]).toContain("�]0;pwned�"); // the escape and the bell, replaced
    for (const row of rows) expect(row).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });
});
