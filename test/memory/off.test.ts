import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";
import { call, runTask, script, userEnv } from "../knowledge/helpers.ts";
import { type AgentHarness, historyOf, startAgent } from "../support/agent-run.ts";
import { agentScript, hermes } from "../support/agent-script.ts";

/** `knowledge: { memory: false }` through the programmatic API: no line for the picker, no tool, no database. */

describe("memory turned off", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("offers nothing, answers a call with why, and writes no memory.db", async () => {
    h = await startAgent(
      agentScript({
        classify: { content: "chat" },
        pick: { content: '["memory"]' },
        act: [hermes("memory", { action: "remember", text: "remember this" }), "ok"],
      }),
      { knowledge: { memory: false } },
    );
    await h.agent.run("remember that the API is versioned");
    const pick = h.server.chatRequests("pick_tool_categories")[0]!.body as {
      messages: { content: string }[];
    };
    expect(pick.messages[0]!.content).not.toContain("memory:");
    const tools = (h.actRequests()[0]!.body.tools ?? []).map(
      (t: { function: { name: string } }) => t.function.name,
    );
    expect(tools).not.toContain("memory");
    const result = historyOf(h.actRequests()[1]!).find((m) => m.role === "tool");
    expect(result?.content).toBe("project memory is turned off for this session");
    expect(existsSync(join(h.project.root, ".smallcode/memory.db"))).toBe(false);
  });

  it("is on by default through the API: the run's outcome is saved in the project", async () => {
    h = await startAgent(agentScript({ classify: { content: "chat" }, act: ["It adds."] }));
    await h.agent.run("what does math.js do?");
    expect(existsSync(join(h.project.root, ".smallcode/memory.db"))).toBe(true);
  });
});

describe("the memory and skills keys", () => {
  afterAll(cleanup);

  it("`memory = false` in smallcode.toml and SMALLCODE_SKILLS=0 turn them off for the CLI", async () => {
    const model = await startScriptedServer(script([{ content: "ok" }]));
    try {
      const dir = tempDir({
        "smallcode.toml": "memory = false\n",
        ".smallcode/skills/x/SKILL.md": "---\nname: x\ndescription: a skill\n---\nbody\n",
      });
      const t = await runTask(
        model,
        dir,
        "remember that we use tabs",
        [call("skill", { name: "x" }), { content: "ok" }],
        { ...userEnv(), SMALLCODE_SKILLS: "0" },
        '["memory"]',
        "chat",
      );
      expect(t.tools).toEqual(["read_file"]);
      expect(t.system).not.toContain("Skills (");
      expect(t.results[0]).toBe("skills are turned off for this session");
      expect(existsSync(join(dir, ".smallcode/memory.db"))).toBe(false);
    } finally {
      await model.close();
    }
  });
});
