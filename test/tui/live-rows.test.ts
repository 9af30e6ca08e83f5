import { render } from "ink-testing-library";
import React from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadAgentFactory } from "../../cli/smallcode/commands/agent.ts";
import { SessionCore } from "../../cli/smallcode/repl/core.ts";
import { App } from "../../cli/smallcode/tui/app.ts";
import { Controller } from "../../cli/smallcode/tui/controller.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, tempDir } from "../cli/smallcode/helpers.ts";
import { BUGGY_PROJECT } from "../support/agent-project.ts";
import { agentScript } from "../support/agent-script.ts";

/**
 * The fullscreen face (ink-testing-library) over the real agent and the scripted server: the checks
 * the agent runs show as live ⚙ rows (the baseline, the fallback check), and the status line shows
 * the last act turn's context use as the server counted it, in the model's window.
 */

let server: ScriptedServer;
let unmount: (() => void) | undefined;
beforeAll(async () => {
  server = await startScriptedServer({ models: ["small-coder"], ...agentScript({ act: ["ok"] }) });
});
afterEach(() => {
  unmount?.();
  unmount = undefined;
});
afterAll(async () => {
  await server.close();
  cleanup();
});

describe("the fullscreen face over the real agent", () => {
  it("shows each check as a ⚙ row and the exact context use in the status line", async () => {
    server.setScript({
      models: ["small-coder"],
      ...agentScript({
        act: [
          {
            toolCalls: [
              { name: "patch", arguments: { path: "math.js", old_str: "a - b", new_str: "a + b" } },
            ],
          },
          { content: "Fixed.", usage: { prompt_tokens: 3000, completion_tokens: 12 } },
        ],
      }),
    });
    const cwd = tempDir(BUGGY_PROJECT);
    const core = new SessionCore({
      options: { cwd, model: "small-coder", baseUrl: server.url },
      factory: await loadAgentFactory(),
      color: false,
      env: cleanEnv(),
    });
    const controller = new Controller(core, { color: false, onExit: () => {} });
    const app = render(React.createElement(App, { controller }));
    Object.defineProperty(app.stdout, "rows", { value: 60, configurable: true });
    app.stdout.emit("resize");
    unmount = app.unmount;
    for (const ch of "fix the failing test in math.test.js\r") {
      app.stdin.write(ch);
      await new Promise((r) => setImmediate(r));
    }
    let frame = "";
    for (let i = 0; i < 1000 && !/✓ done|✗ not done/.test(frame); i++) {
      await new Promise((r) => setTimeout(r, 20));
      frame = app.lastFrame() ?? "";
    }
    expect(frame).toContain("✓ done");
    expect(frame).toMatch(
      /⚙ before the task: `node --test` failed \(\d+(\.\d)? m?s\): FAILED: 1 failed, 1 passed/,
    );
    expect(frame).toMatch(/⚙ `node --test` passed \(\d+(\.\d)? m?s\)/);
    // the last act turn as counted by the server (3,000 + 12), in DefaultCoder's window: no estimate
    expect(frame).toMatch(/small-coder · 127\.0\.0\.1:\d+ · ctx [█░]{10} 3\.0k\/16\.4k · step \d/);
  });
});
