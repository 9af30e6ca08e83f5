import { afterEach, describe, expect, it } from "vitest";
import { type AgentHarness, startAgent } from "../support/agent-run.ts";
import { agentScript, hermes } from "../support/agent-script.ts";

/**
 * The safety guard fails closed: a check that throws refuses the command, and when the built-in
 * guards cannot be made at all, no task runs (the model is never asked, nothing on disk changes).
 */

let h: AgentHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const wipe = hermes("bash", { command: "git reset --hard && rm -f math.js" });

describe("the guards fail closed", () => {
  it("refuses a command when the safety check throws", async () => {
    const broken = new Proxy([] as string[], {
      get() {
        throw new Error("allow list unreadable");
      },
    });
    h = await startAgent(agentScript({ act: [wipe, "Done."] }), {}, undefined, {
      builtinGuards: true,
      guardOptions: { allowDestructive: broken, registerSecrets: false },
    });
    const result = await h.agent.run("reset the project");
    expect(result.toolCalls.map((c) => [c.name, c.ok])).toEqual([["bash", false]]);
    expect(h.project.read("math.js")).toContain("a - b");
    const answer = h.events.find((e) => e.type === "tool_end");
    expect(answer).toMatchObject({
      output: expect.stringMatching(
        /^refused: the safety check of this command failed \(allow list unreadable\)/,
      ),
    });
  });

  it("runs nothing when the built-in guards cannot be made", async () => {
    const options = {
      get thresholds(): never {
        throw new Error("thresholds file corrupt");
      },
    };
    h = await startAgent(agentScript({ act: [wipe, "Done."] }), {}, undefined, {
      builtinGuards: true,
      guardOptions: options,
    });
    const result = await h.agent.run("reset the project");
    expect(result).toMatchObject({ success: false, stopReason: "error", toolCalls: [] });
    expect(result.response).toMatch(/^the built-in guards could not be loaded \(thresholds file corrupt\)/);
    expect(h.server.chatRequests()).toEqual([]);
    expect(h.project.read("math.js")).toContain("a - b");
  });
});
