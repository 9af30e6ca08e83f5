import { readdirSync, readFileSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIRST_REQUEST_TOKENS } from "../../cli/smallcode/agent/route.ts";
import { countTokens } from "../../cli/smallcode/context/tokens.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir, writeFile } from "../cli/smallcode/helpers.ts";
import { runTask, script, userEnv } from "./helpers.ts";

/**
 * Knowledge notes through the real CLI: AGENTS.md and SMALLCODE.md (and the user's own AGENTS.md) go
 * into the system prompt within a cap, a long one cut with a marker, and the run says what went in;
 * with skills, notes and memory all at their largest the first request stays under 2,000 tokens.
 */

let model: ScriptedServer;
beforeAll(async () => {
  model = await startScriptedServer(script([{ content: "ok" }]));
});
afterAll(async () => {
  await model.close();
  cleanup();
});

/** The fixed part of a request as the test reads it off the wire: system, task and tool schemas. */
function wireTokens(body: { messages: { content: string }[]; tools?: unknown[] }): number {
  const [system, task] = body.messages;
  return (
    countTokens(system!.content) + countTokens(task!.content) + countTokens(JSON.stringify(body.tools ?? []))
  );
}

describe("knowledge notes", () => {
  it("injects AGENTS.md, SMALLCODE.md and the user's AGENTS.md, and says so", async () => {
    const env = userEnv();
    writeFile(env.XDG_CONFIG_HOME!, "smallcode/AGENTS.md", "Answer in British English.\n");
    const dir = tempDir({
      "AGENTS.md": "# Agents\nRun the tests with `npm test`.\n",
      "SMALLCODE.md": "Never edit generated/ by hand.\n",
    });
    const t = await runTask(model, dir, "explain the project", [{ content: "It is small." }], env);
    expect(t.system).toContain("## AGENTS.md\n# Agents\nRun the tests with `npm test`.");
    expect(t.system).toContain("## SMALLCODE.md\nNever edit generated/ by hand.");
    expect(t.system).toContain("Answer in British English.");
    expect(t.r.stderr).toMatch(
      /knowledge: in the prompt \(\d+ tokens\): .*AGENTS\.md \(\d+ tokens\); AGENTS\.md \(\d+ tokens\); SMALLCODE\.md/,
    );
    // and in the run's trace, as a `knowledge` span
    const traces = join(dir, ".smallcode/traces");
    const spans = readdirSync(traces)
      .flatMap((f) => readFileSync(join(traces, f), "utf8").split("\n"))
      .filter((l) => l.includes('"kind":"knowledge"'))
      .map((l) => JSON.parse(l) as { output: string; tokens: number; status: string });
    expect(spans).toHaveLength(1);
    expect(spans[0]).toMatchObject({ status: "ok", output: expect.stringContaining("SMALLCODE.md (") });
  });

  it("cuts a long AGENTS.md at its cap with a marker, and keeps the first request under 2,000 tokens with skills and memory", async () => {
    const lines = Array.from({ length: 800 }, (_, i) => `- rule ${i}: keep functions short and named well`);
    const skills: Record<string, string> = {};
    for (let i = 0; i < 60; i++)
      skills[`.smallcode/skills/s${i}/SKILL.md`] =
        `---\nname: skill-${i}\ndescription: ${"does a useful thing ".repeat(8)}\n---\nbody\n`;
    const dir = tempDir({ "AGENTS.md": `${lines.join("\n")}\nLAST-LINE\n`, ...skills });
    const t = await runTask(
      model,
      dir,
      "tidy the code",
      [{ content: "Done." }],
      userEnv(),
      '["read", "write", "search", "run"]',
    );
    expect(t.system).toContain("- rule 0: keep functions short");
    expect(t.system).not.toContain("LAST-LINE");
    expect(t.system).toMatch(
      /\[… AGENTS\.md cut here: [\d,]+ more tokens; read_file AGENTS\.md for the rest\]/,
    );
    expect(t.system).toMatch(/\(\d+ more; skill with a wrong name lists them all\)/);
    expect(t.r.stderr).toMatch(/AGENTS\.md \(\d+ of [\d,]+ tokens, cut\)/);
    expect(t.r.stderr).toMatch(/\d+ of 60 skills listed/);
    const total = wireTokens(t.bodies[0]!);
    console.log(`first request with a 10,000-token AGENTS.md and 60 skills: ${total} tokens`);
    expect(total).toBeLessThan(FIRST_REQUEST_TOKENS);
  });

  it("does not read an AGENTS.md that links out of the project", async () => {
    const outside = tempDir({ "secret.md": "OUTSIDE-SECRET-TEXT\n" });
    const dir = tempDir({ "README.md": "# x\n" });
    symlinkSync(join(outside, "secret.md"), join(dir, "AGENTS.md"));
    const t = await runTask(model, dir, "explain the project", [{ content: "ok" }], userEnv());
    expect(t.wire).not.toContain("OUTSIDE-SECRET-TEXT");
    expect(t.r.stderr).toMatch(/knowledge: AGENTS\.md:1: is a link to .*outside/);
  });
});
