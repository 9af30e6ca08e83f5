import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { remember } from "../../cli/smallcode/memory/index.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir, writeFile } from "../cli/smallcode/helpers.ts";
import { script, userEnv } from "./helpers.ts";

/** `smallcode doctor` says what a run would know: notes, skills (and their problems), memory stores. */

let model: ScriptedServer;
beforeAll(async () => {
  model = await startScriptedServer(script([{ content: "ok" }]));
});
afterAll(async () => {
  await model.close();
  cleanup();
});

describe("doctor's knowledge section", () => {
  it("lists the notes, the skills, the memory stores and what is wrong", async () => {
    const env = userEnv();
    writeFile(
      env.XDG_CONFIG_HOME!,
      "smallcode/skills/mine/SKILL.md",
      "---\nname: mine\ndescription: the user's\n---\n",
    );
    const dir = tempDir({
      "AGENTS.md": "Run npm test.\n",
      ".claude/skills/lint/SKILL.md": "---\nname: lint\ndescription: run the linter\n---\nbody\n",
      ".claude/skills/broken/SKILL.md": "no front matter\n",
    });
    remember({ cwd: dir }, "project", "convention", "tabs, not spaces");
    writeFile(env.XDG_DATA_HOME!, "smallcode/memory.db", "garbage");
    const r = await run(dir, ["doctor", "--base-url", model.url, "--model", "scripted-model"], { env });
    expect(r.stdout).toContain("Knowledge\n  notes   AGENTS.md (4 tokens)\n  skills  2: mine, lint\n");
    expect(r.stdout).toContain("  memory  .smallcode/memory.db: 1 facts\n");
    expect(r.stdout).toMatch(/ {2}memory {2}\S+\/smallcode\/memory\.db: MEMORY_CORRUPT /);
    expect(r.stdout).toContain("  · .claude/skills/broken/SKILL.md:1: has no front matter");
    const json = await run(dir, ["doctor", "--json", "--base-url", model.url, "--model", "scripted-model"], {
      env,
    });
    expect(JSON.parse(json.stdout).knowledge).toMatchObject({
      notes: [{ file: "AGENTS.md", tokens: 4 }],
      skills: [
        { name: "mine", scope: "user" },
        { name: "lint", scope: "project", file: ".claude/skills/lint/SKILL.md" },
      ],
    });
  });
});
