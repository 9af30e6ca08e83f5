import { afterEach, describe, expect, test } from "vitest";
import { toolsFor } from "../../../cli/smallcode/agent/route.ts";
import { type AgentHarness, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

const toolNames = (request: { body: { tools?: { function: { name: string } }[] } }) =>
  (request.body.tools ?? []).map((t) => t.function.name);

describe("end to end: routing", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("two-stage: only the picked categories' tools are offered; a tool outside them is still honoured", async () => {
    h = await startAgent(
      agentScript({
        pick: { content: '["search"]' },
        act: [hermes("read_file", { path: "math.js" }), "It adds, wrongly."],
      }),
    );
    const result = await h.agent.run("where is add defined?");
    const offered = toolNames(h.actRequests()[0]!);
    expect(offered.sort()).toEqual(toolsFor(["search"]).sort());
    expect(result.toolCalls).toEqual([expect.objectContaining({ name: "read_file", ok: true })]);
    expect(h.events.find((e) => e.type === "classified")).toMatchObject({
      categories: ["search"],
      model: "DefaultCoder",
      fallback: false,
    });
  });

  test('routing "all": every tool offered, no category call', async () => {
    h = await startAgent(agentScript({ act: ["Nothing to do."] }), { routing: "all" });
    await h.agent.run("explain math.js");
    expect(toolNames(h.actRequests()[0]!).sort()).toEqual([
      "bash",
      "find_files",
      "memory",
      "patch",
      "read_and_patch",
      "read_file",
      "run_tests",
      "search",
      "search_and_read",
      "symbols",
      "write_file",
    ]);
    expect(h.server.chatRequests("pick_tool_categories")).toHaveLength(0);
  });

  test.each(["two-stage", "all"] as const)(
    "the fixed prompt of the first request (%s) is measured and under 2,000 tokens",
    async (routing) => {
      h = await startAgent(agentScript({ act: ["Nothing to do."] }), { routing });
      await h.agent.run("fix the failing test in math.test.js");
      const fixed = h.agent.lastRun!.fixedPrompt!;
      const body = h.actRequests()[0]!.body;
      const wire = Math.ceil(
        (body.messages[0].content.length +
          body.messages[1].content.length +
          (body.tools ? JSON.stringify(body.tools).length : 0)) /
          4,
      );
      console.log(
        `fixed prompt on the wire, routing ${routing}: system ${fixed.system} + task ${fixed.task} + tools ${fixed.tools} = ${fixed.total} tokens (wire estimate ${wire})`,
      );
      expect(Math.abs(fixed.total - 8 - wire)).toBeLessThanOrEqual(3);
      expect(fixed.system + fixed.tools).toBeLessThan(2000);
    },
  );

  test("repeated failures escalate the act turn to the strong model", async () => {
    const badPatch = hermes("patch", { path: "math.js", old_str: "no such text", new_str: "x" });
    h = await startAgent(agentScript({ act: [badPatch, badPatch, badPatch, "I could not fix it."] }), {
      modelStrong: "strong-model",
    });
    await h.agent.run("fix the failing test");
    expect(h.actRequests().map((r) => r.body.model)).toEqual([
      "scripted-model",
      "scripted-model",
      "scripted-model",
      "strong-model",
    ]);
  });

  test("reply tokens stream as token events", async () => {
    h = await startAgent(agentScript({ act: ["The function add subtracts its arguments."] }));
    await h.agent.run("explain math.js");
    const streamed = h.events.flatMap((e) => (e.type === "token" ? [e.text] : [])).join("");
    expect(streamed).toBe("The function add subtracts its arguments.");
    expect(h.actRequests()[0]!.body.stream).toBe(true);
  });
});
