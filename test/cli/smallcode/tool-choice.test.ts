import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../../cli/smallcode/contract/index.ts";
import {
  type Script,
  type ScriptedReply,
  type ScriptedServer,
  startScriptedServer,
} from "../../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir, userEnv } from "./helpers.ts";

/**
 * The forced tool call: an act turn of a task that asks for a change, while the run has made none,
 * carries `tool_choice: required` (the embedded provider then compiles its grammar without the answer
 * branch; test/runtime/embedded/). A question, and every turn after the change, leave the model free.
 * The HTTP route does not send it (no measurement has shown it helps): the wire carries no `tool_choice`.
 * What each act call carried is read from the run's trace spans.
 */

function script(label: string, act: readonly ScriptedReply[]): Script {
  return {
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: label }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["read", "write"]' }] },
      { prompt: "act", replies: act },
    ],
    fallback: { content: "ok" },
  };
}

const PNPM = "This project uses pnpm, not npm";

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(script("coding", [{ content: "Done." }]));
});
afterAll(async () => {
  await server.close();
  cleanup();
});

const flags = () => ["--base-url", server.url, "--model", "scripted-model", "--json"];

/** The `tool_choice` of each act attempt of the run in `dir`, in order ("auto" when absent). */
function actChoices(dir: string): string[] {
  const traces = join(dir, ".smallcode", "traces");
  const spans = readdirSync(traces)
    .flatMap((f) => readFileSync(join(traces, f), "utf8").split("\n"))
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((s) => s.kind === "attempt" && s.prompt === "act")
    .sort((a, b) => String(a.started_at).localeCompare(String(b.started_at)));
  return spans.map((s) => (typeof s.tool_choice === "string" ? s.tool_choice : "auto"));
}

describe("smallcode run: the forced tool call", () => {
  it("requires a call until the change is made, then lets the model answer", async () => {
    server.setScript(
      script("coding", [
        { toolCalls: [{ name: "read_file", arguments: { path: "README.md" } }] },
        { toolCalls: [{ name: "write_file", arguments: { path: "greeting.txt", content: "Hello\n" } }] },
        { content: "Created greeting.txt." },
      ]),
    );
    const dir = tempDir({ "README.md": "# demo\n" });
    const r = await run(dir, ["run", "Create a file greeting.txt containing Hello", ...flags()]);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    expect(readFileSync(join(dir, "greeting.txt"), "utf8")).toBe("Hello\n");
    // read (no change yet: forced), write (still none before it: forced), then free: the answer and
    // whatever turns the guards' checks of that answer ask for
    const choices = actChoices(dir);
    expect(choices.slice(0, 3)).toEqual(["required", "required", "auto"]);
    expect(choices.slice(2).every((c) => c === "auto")).toBe(true);
    // the HTTP route keeps today's request: no tool_choice on the wire
    for (const req of server.chatRequests("act")) expect(req.body.tool_choice).toBeUndefined();
  });

  it("leaves a question free: the model may answer on its first turn", async () => {
    server.setScript(script("explain", [{ content: "It prints a greeting." }]));
    const dir = tempDir({ "main.py": "print('hi')\n" });
    const r = await run(dir, ["run", "What does main.py do?", ...flags()]);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result).toMatchObject({ success: true, stopReason: "done", response: "It prints a greeting." });
    expect(actChoices(dir)).toEqual(["auto"]);
  });

  it("lifts it after memory work that is the task's evidence (a remember task), not before", async () => {
    server.setScript(
      script("coding", [
        {
          toolCalls: [{ name: "memory", arguments: { action: "remember", text: PNPM, type: "convention" } }],
        },
        { content: "Noted." },
      ]),
    );
    const dir = tempDir({ "README.md": "# x\n" });
    const r = await run(dir, ["run", "remember that this project uses pnpm", ...flags()], { env: userEnv() });
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    // forced while nothing was done; free once the store holds the fact (else it could never answer)
    const choices = actChoices(dir);
    expect(choices.slice(0, 2)).toEqual(["required", "auto"]);
    expect(choices.slice(1).every((c) => c === "auto")).toBe(true);
  });

  it("an answer on a forced turn (a server that ignores it) is still judged: no change, not done", async () => {
    server.setScript(script("coding", [{ content: "Created greeting.txt with Hello." }]));
    const dir = tempDir({ "README.md": "# demo\n" });
    const r = await run(dir, ["run", "Create a file greeting.txt containing Hello", ...flags()]);
    const result = JSON.parse(r.stdout) as RunResult;
    expect(result.success).toBe(false);
    expect(existsSync(join(dir, "greeting.txt"))).toBe(false);
    const choices = actChoices(dir);
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.every((c) => c === "required")).toBe(true);
  });
});
