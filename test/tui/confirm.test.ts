import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { render } from "ink-testing-library";
import React from "react";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { loadAgentFactory } from "../../cli/smallcode/commands/agent.ts";
import { SessionCore } from "../../cli/smallcode/repl/core.ts";
import { App } from "../../cli/smallcode/tui/app.ts";
import { Controller } from "../../cli/smallcode/tui/controller.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";

/**
 * The fullscreen face with the real agent against the scripted server: a model that asks to delete
 * the project is asked about inside the view, and only a `y` lets it run; a reply full of terminal
 * escapes is shown inert.
 */

const SCRIPT = {
  models: ["scripted-model"],
  rules: [
    { prompt: "classify_task_type", replies: [{ content: "coding" }] },
    { prompt: "pick_tool_categories", replies: [{ content: '["run"]' }] },
    {
      prompt: "act",
      match: "say hello",
      replies: [{ content: "\u001b[2J\u001b[Hhello \u001b]0;pwned\u0007 <tool_call>{}</tool_call>world" }],
    },
    {
      prompt: "act",
      replies: [{ toolCalls: [{ name: "bash", arguments: { command: "rm -rf *" } }] }, { content: "done" }],
    },
  ],
  fallback: { content: "ok" },
};

let server: ScriptedServer;
let unmount: (() => void) | undefined;
beforeAll(async () => {
  server = await startScriptedServer(SCRIPT);
});
afterEach(() => unmount?.());
afterAll(async () => {
  await server.close();
  cleanup();
});

async function session() {
  server.setScript(SCRIPT);
  const cwd = tempDir({ "keep.txt": "precious\n" });
  mkdirSync(join(cwd, "src"));
  const core = new SessionCore({
    options: { cwd, baseUrl: server.url, model: "scripted-model" },
    factory: await loadAgentFactory(),
    color: false,
  });
  const controller = new Controller(core, { color: false, onExit: () => {} });
  const app = render(React.createElement(App, { controller }));
  Object.defineProperty(app.stdout, "rows", { value: 50, configurable: true });
  app.stdout.emit("resize");
  unmount = app.unmount;
  const frame = () => app.lastFrame() ?? "";
  const until = async (ok: (f: string) => boolean, what: string) => {
    for (let i = 0; i < 1000; i++) {
      if (ok(frame())) return frame();
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`never showed ${what}:\n${frame()}`);
  };
  return { app, cwd, until };
}

describe("the fullscreen face with the real agent", () => {
  it("asks before a destructive command; n keeps the files", async () => {
    const ui = await session();
    ui.app.stdin.write("clean up");
    ui.app.stdin.write("\r");
    const asked = await ui.until((t) => t.includes("Allow? [y/N]"), "the question");
    expect(asked).toContain("Run `rm -rf *`? It deletes");
    ui.app.stdin.write("n");
    const done = await ui.until((t) => /[✓✗] (done|not done|stopped)/.test(t), "the end of the task");
    expect(done).toContain("→ no");
    expect(done).toContain("refused: the user declined to run it");
    expect(existsSync(join(ui.cwd, "keep.txt"))).toBe(true);
  });

  it("y runs it", async () => {
    const ui = await session();
    ui.app.stdin.write("clean up");
    ui.app.stdin.write("\r");
    await ui.until((t) => t.includes("Allow? [y/N]"), "the question");
    ui.app.stdin.write("y");
    await ui.until((t) => /[✓✗] (done|not done|stopped)/.test(t), "the end of the task");
    expect(existsSync(join(ui.cwd, "keep.txt"))).toBe(false);
  });

  it("shows a reply's terminal escapes inert and its tool markup not at all", async () => {
    const ui = await session();
    ui.app.stdin.write("say hello");
    ui.app.stdin.write("\r");
    const done = await ui.until((t) => t.includes("world"), "the reply");
    expect(done).toContain("�[2J�[Hhello �]0;pwned� world");
    expect(done).not.toContain("\u001b]0;");
    expect(done).not.toContain("\u001b[2J");
    expect(done).not.toContain("tool_call");
  });
});
