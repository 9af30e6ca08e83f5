import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
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
