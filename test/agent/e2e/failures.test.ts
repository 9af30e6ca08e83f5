import { createServer } from "node:net";
import { afterEach, describe, expect, test } from "vitest";
import { SmallCode } from "../../../cli/smallcode/api.ts";
import { serve } from "../../../cli/testkit/make-spec.ts";
import { tempProject } from "../../support/agent-project.ts";
import { type AgentHarness, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("end to end: failures and limits", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("the classifier answering 500s falls back to keyword rules and the run goes on", async () => {
    h = await startAgent(
      agentScript({
        classify: { status: 500, errorMessage: "model crashed" },
        pick: { status: 500 },
        act: [hermes("patch", { file_path: "math.js", old: "a - b", new: "a + b" }), "Fixed."],
      }),
    );
    const result = await h.agent.run("fix the failing test in math.test.js");
    expect(result).toMatchObject({ success: true, stopReason: "done", filesEdited: ["math.js"] });
    const classified = h.events.find((e) => e.type === "classified");
    expect(classified).toMatchObject({
      taskType: "debugging",
      fallback: true,
      categories: ["read", "write", "search", "run"],
    });
    const notices = h.events
      .filter((e) => e.type === "notice")
      .map((e) => (e.type === "notice" ? e.source : ""));
    expect(notices).toEqual(expect.arrayContaining(["classify", "route"]));
    expect(h.server.chatRequests("classify_task_type")).toHaveLength(2);
    expect(h.agent.lastRun?.taskType).toBe("debugging");
  });

  test("an endpoint that is down ends the run quickly with a clear reason and message", async () => {
    const server = await serve({});
    await server.close();
    const port = await closedPort();
    const project = tempProject();
    const errors: string[] = [];
    const agent = new SmallCode({ cwd: project.root, baseUrl: `http://127.0.0.1:${port}/v1`, model: "m" });
    agent.on("error", (e) => errors.push(e.error.code));
    const started = Date.now();
    const result = await agent.run("fix the failing test");
    project.cleanup();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(result.success).toBe(false);
    expect(result.stopReason).toBe("endpoint");
    expect(result.response).toContain(`127.0.0.1:${port}`);
    expect(result.response).toMatch(/^the model endpoint failed: .*server is running/);
    expect(result.response.match(/server is running/g)).toHaveLength(1);
    expect(errors).toEqual(["ENDPOINT_ERROR"]);
    expect(result.usage.calls).toBe(0);
  });

  test("max steps stops a model that never finishes, after exactly that many turns", async () => {
    const reads = Array.from({ length: 10 }, (_, i) =>
      hermes("read_file", { path: "math.js", start_line: 1, end_line: i + 1 }),
    );
    h = await startAgent(agentScript({ act: reads }), { maxSteps: 3 });
    const result = await h.agent.run("explain math.js");
    expect(result).toMatchObject({ success: false, stopReason: "max_steps" });
    expect(result.response).toMatch(/3 steps/);
    expect(h.actRequests()).toHaveLength(3);
    expect(result.toolCalls).toHaveLength(3);
    expect(h.orderingProblems()).toEqual([]);
  });

  test("max tokens stops the run before a call would pass the budget", async () => {
    h = await startAgent(
      agentScript({
        act: [
          {
            content: hermes("read_file", { path: "math.js" }),
            usage: { prompt_tokens: 900, completion_tokens: 100 },
          },
        ],
      }),
      { maxTokens: 8000 },
    );
    const result = await h.agent.run("explain math.js");
    expect(result.stopReason).toBe("max_tokens");
    expect(result.response).toMatch(/the run's token budget is used up: \d+ of 8000 tokens used/);
    expect(h.actRequests().length).toBeGreaterThan(0);
    // checked before each call is sent: the run never passes its budget
    expect(result.usage.promptTokens + result.usage.completionTokens).toBeLessThanOrEqual(8000);
    expect(result.usage.maxTokens).toBe(8000);
  });

  test("the token budget covers every prompt of the run: classify's tokens leave none for the act turn", async () => {
    h = await startAgent(
      agentScript({
        classify: { content: "explain", usage: { prompt_tokens: 2900, completion_tokens: 100 } },
        act: ["It adds."],
      }),
      { maxTokens: 3000 },
    );
    const result = await h.agent.run("explain math.js");
    expect(result).toMatchObject({ success: false, stopReason: "max_tokens" });
    expect(h.server.chatRequests("classify_task_type")).toHaveLength(1);
    expect(h.server.chatRequests("pick_tool_categories")).toHaveLength(0);
    expect(h.actRequests()).toHaveLength(0);
  });

  test("without maxTokens a run has the marrow policy's per-session budget", async () => {
    h = await startAgent(agentScript({ act: ["Nothing to change."] }));
    const result = await h.agent.run("explain math.js");
    expect(result.usage.maxTokens).toBe(500_000);
  });

  test("the wall-time limit aborts a hanging model call", async () => {
    h = await startAgent(agentScript({ act: [{ fault: "hang" }] }), { maxTimeMs: 1500 });
    const started = Date.now();
    const result = await h.agent.run("explain math.js");
    expect(result.stopReason).toBe("max_time");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test("the caller's signal cancels the run", async () => {
    const controller = new AbortController();
    h = await startAgent(agentScript({ act: [{ content: "thinking", delayMs: 5000 }] }), {
      signal: controller.signal,
    });
    setTimeout(() => controller.abort(), 300);
    const result = await h.agent.run("explain math.js");
    expect(result.stopReason).toBe("cancelled");
  });

  test("a reply that tries a tool call and cannot be read is explained to the model", async () => {
    h = await startAgent(
      agentScript({
        act: [
          '<tool_call>\n{"name": "bogus_tool", "arguments": {"path": "math.js"}}\n</tool_call>',
          "Nothing to do.",
        ],
        rules: [{ prompt: "repair_tool_call", replies: [{ status: 500 }] }],
      }),
    );
    const result = await h.agent.run("explain math.js");
    expect(result.stopReason).toBe("done");
    const second = h.actRequests()[1]!;
    const last = second.body.messages.at(-1);
    expect(last.role).toBe("user");
    expect(last.content).toMatch(/unknown tool `bogus_tool`/);
  });

  test("repair_tool_call rescues a call the parser cannot read", async () => {
    h = await startAgent(
      agentScript({
        act: ["<tool_call>\n{name: patch, args: (math.js, a - b, a + b)\n", "Patched."],
        rules: [
          {
            prompt: "repair_tool_call",
            replies: [
              {
                content:
                  '{"name": "patch", "arguments": {"file_path": "math.js", "old": "a - b", "new": "a + b"}}',
              },
            ],
          },
        ],
      }),
    );
    const result = await h.agent.run("fix math.js");
    expect(result.toolCalls).toEqual([
      expect.objectContaining({
        name: "patch",
        arguments: { path: "math.js", old_str: "a - b", new_str: "a + b" },
        ok: true,
      }),
    ]);
    expect(result.filesEdited).toEqual(["math.js"]);
    expect(h.server.chatRequests("repair_tool_call")).toHaveLength(1);
  });

  test("an empty reply is not taken as the answer", async () => {
    h = await startAgent(agentScript({ act: ["", "Done: nothing to change."] }));
    const result = await h.agent.run("explain math.js");
    expect(result).toMatchObject({ stopReason: "done", response: "Done: nothing to change." });
    expect(h.actRequests()[1]!.body.messages.at(-1).content).toMatch(/empty/);
  });
});
