import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { SmallCode } from "../../../cli/smallcode/api.ts";
import type { Guard } from "../../../cli/smallcode/contract/index.ts";
import { loadSession, sessionsDir } from "../../../cli/smallcode/sessions/index.ts";
import { type AgentHarness, historyOf, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

describe("end to end: sessions", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("the session is saved after every step, and at the end with the result", async () => {
    const steps: number[] = [];
    let root = "";
    const guard: Guard = {
      name: "peek",
      beforeTool: (_call, ctx) => {
        const dir = sessionsDir(ctx.cwd);
        root = ctx.cwd;
        if (existsSync(dir)) {
          const [file] = readdirSync(dir);
          steps.push(JSON.parse(readFileSync(join(dir, file!), "utf8")).step);
        } else steps.push(0);
        return { action: "allow" };
      },
    };
    h = await startAgent(
      agentScript({
        act: [
          hermes("read_file", { path: "math.js" }),
          hermes("read_file", { path: "math.test.js" }),
          "Read both.",
        ],
      }),
      { guards: [guard] },
    );
    const result = await h.agent.run("explain the tests");
    expect(steps).toEqual([0, 1]);
    const saved = await loadSession(root, h.agent.sessionId!);
    expect(saved).toMatchObject({ version: 1, tasks: ["explain the tests"], step: 3, taskType: "debugging" });
    expect(saved.result).toEqual(result);
    expect(saved.history).toEqual(h.agent.history);
  });

  test("resume continues a saved session with a new task", async () => {
    h = await startAgent(agentScript({ act: [hermes("read_file", { path: "math.js" }), "add subtracts."] }));
    await h.agent.run("what does add do?");
    const id = h.agent.sessionId!;
    const before = h.agent.history.length;
    h.server.setScript(
      agentScript({
        act: [hermes("patch", { path: "math.js", old_str: "a - b", new_str: "a + b" }), "Fixed."],
      }),
    );
    const resumed = new SmallCode(
      { cwd: h.project.root, baseUrl: h.server.url, model: "scripted-model", resume: id },
      { builtinGuards: false },
    );
    const result = await resumed.run("now fix it");
    expect(result.stopReason).toBe("done");
    expect(resumed.sessionId).toBe(id);
    const first = historyOf(h.server.chatRequests("act").at(-2)!);
    // On the wire a tool-call-only turn has content "" where the saved history keeps null.
    const wire = h.agent.history.map((m) =>
      m.role === "assistant" && m.content === null ? { ...m, content: "" } : m,
    );
    expect(first.slice(0, before)).toEqual(wire);
    expect(first[before]).toEqual({ role: "user", content: "New task: now fix it" });
    expect(first[0]!.tool_calls?.[0]?.function.name).toBe("read_file");
    const saved = await loadSession(h.project.root, id);
    expect(saved.tasks).toEqual(["what does add do?", "now fix it"]);
    expect(h.project.read("math.js")).toContain("a + b");
  });

  test("a second run on the same instance continues the same session", async () => {
    h = await startAgent(agentScript({ act: ["First answer.", "Second answer."] }));
    await h.agent.run("first question");
    const id = h.agent.sessionId;
    await h.agent.run("first question");
    expect(h.agent.sessionId).toBe(id);
    expect(historyOf(h.actRequests()[1]!)).toEqual([
      { role: "assistant", content: "First answer." },
      { role: "user", content: "Continue the task: first question" },
    ]);
    h.agent.newSession();
    await h.agent.run("third");
    expect(h.agent.sessionId).not.toBe(id);
    expect(historyOf(h.actRequests()[2]!)).toEqual([]);
  });

  test("resuming an unknown session fails with a clear message", async () => {
    h = await startAgent(agentScript({ act: ["x"] }), { resume: "no-such-session" });
    const result = await h.agent.run("go on");
    expect(result).toMatchObject({ success: false, stopReason: "error" });
    expect(result.response).toMatch(/cannot resume: no session `no-such-session`/);
    expect(h.actRequests()).toHaveLength(0);
  });
});
