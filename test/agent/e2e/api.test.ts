import { afterEach, describe, expect, test } from "vitest";
import { SmallCode } from "../../../cli/smallcode/api.ts";
import type { AgentEvent } from "../../../cli/smallcode/contract/index.ts";
import { startScriptedServer } from "../../../cli/testkit/scripted-server.ts";
import { tempProject } from "../../support/agent-project.ts";
import { type AgentHarness, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

const FIX = [
  hermes("read_file", { file_path: "math.js" }),
  hermes("patch", { file_path: "math.js", old: "a - b", new: "a + b" }),
  hermes("run_tests", {}),
  "Fixed add.",
];

describe("SmallCode API", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("events arrive in order: classified, steps with tokens and tools, done", async () => {
    h = await startAgent(agentScript({ act: FIX }));
    const typed: AgentEvent[] = [];
    const off = h.agent.on("tool_start", (e) => typed.push(e));
    h.agent.on("tool_end", (e) => typed.push(e));
    h.agent.on("done", (e) => typed.push(e));
    h.agent.on("token", () => {
      throw new Error("a broken listener");
    });
    const result = await h.agent.run("fix the failing test in math.test.js");
    off();
    // usage events (one per model request) are checked in usage-events.test.ts: here, one per act turn
    const acts = h.events.filter((e) => e.type === "usage" && e.prompt === "act");
    expect(acts).toHaveLength(h.events.filter((e) => e.type === "step").length);
    const kinds = h.events.map((e) => e.type).filter((t) => t !== "token" && t !== "notice" && t !== "usage");
    expect(kinds).toEqual([
      "classified",
      "step",
      "tool_start",
      "tool_end",
      "step",
      "tool_start",
      "tool_end",
      "step",
      "tool_start",
      "tool_end",
      "step",
      "done",
    ]);
    expect(h.events.some((e) => e.type === "token")).toBe(true);
    const starts = typed.filter((e) => e.type === "tool_start");
    const ends = typed.filter((e) => e.type === "tool_end");
    expect(starts.map((e) => e.id)).toEqual(ends.map((e) => e.id));
    expect(ends.map((e) => (e.type === "tool_end" ? e.name : ""))).toEqual([
      "read_file",
      "patch",
      "run_tests",
    ]);
    expect(typed.at(-1)).toEqual({ type: "done", result });
    expect(result.success).toBe(true);
  });

  test("listeners can be removed with off", async () => {
    h = await startAgent(agentScript({ act: ["Nothing to do."] }));
    const seen: string[] = [];
    const listener = () => seen.push("step");
    h.agent.on("step", listener);
    h.agent.off("step", listener);
    await h.agent.run("explain");
    expect(seen).toEqual([]);
  });

  test("an empty task is a usage error", () => {
    expect(() => new SmallCode().run("  ")).toThrow(TypeError);
  });

  test("runs on one instance are queued, not interleaved", async () => {
    h = await startAgent(agentScript({ act: [{ content: "one", delayMs: 100 }, "two"] }));
    const [a, b] = await Promise.all([h.agent.run("first"), h.agent.run("second")]);
    expect([a.response, b.response]).toEqual(["one", "two"]);
  });

  test("two instances with different endpoints and models never see each other's settings", async () => {
    const one = await startScriptedServer(agentScript({ act: ["from one"] }));
    const two = await startScriptedServer(agentScript({ act: ["from two"] }));
    const p = tempProject();
    try {
      const a = new SmallCode({ cwd: p.root, baseUrl: one.url, model: "model-a" }, { builtinGuards: false });
      const b = new SmallCode({ cwd: p.root, baseUrl: two.url, model: "model-b" }, { builtinGuards: false });
      const results = await Promise.all([a.run("hi"), b.run("hi"), a.run("again")]);
      expect(results.map((r) => r.response)).toEqual(["from one", "from two", "from one"]);
      expect(new Set(one.chatRequests().map((r) => r.body.model))).toEqual(new Set(["model-a"]));
      expect(new Set(two.chatRequests().map((r) => r.body.model))).toEqual(new Set(["model-b"]));
    } finally {
      await one.close();
      await two.close();
      p.cleanup();
    }
  });

  test("with the built-in guards on, the same task still succeeds", async () => {
    h = await startAgent(agentScript({ act: FIX }), {}, undefined, {});
    const result = await h.agent.run("fix the failing test in math.test.js");
    const notices = h.events.filter((e) => e.type === "notice");
    expect(result, JSON.stringify(notices)).toMatchObject({
      success: true,
      stopReason: "done",
      filesEdited: ["math.js"],
    });
    expect(h.project.read("math.js")).toContain("a + b");
    expect(h.orderingProblems()).toEqual([]);
  });

  test("confirm and the shell policy reach the built-in guards and the session shell", async () => {
    const questions: string[] = [];
    h = await startAgent(
      agentScript({ act: [hermes("bash", { command: "git reset --hard" }), "Left it alone."] }),
      {
        shell: { sandbox: false },
        confirm: async (question) => {
          questions.push(question);
          return false;
        },
      },
      undefined,
      {},
    );
    const result = await h.agent.run("throw my changes away");
    expect(questions).toHaveLength(1);
    expect(questions[0]).toBe("Run `git reset --hard`? It discards all uncommitted changes.");
    expect(result.toolCalls).toEqual([expect.objectContaining({ name: "bash", ok: false })]);
    expect(h.agent.history.find((m) => m.role === "tool")?.content).toMatch(/declined/);
  });
});
