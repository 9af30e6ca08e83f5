import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";
import { MODEL, taskScript, user } from "./config-support.ts";

/**
 * SmallCode's state folder holds saved sessions and traces (earlier conversations, tool outputs):
 * `search` and `find_files` never look into it, whatever the model asks. The tool results the
 * model receives are read from the real requests it was sent.
 */

const PLANTED = "PLANTED-in-an-old-session-7731";

let server: ScriptedServer;

beforeAll(async () => {
  server = await startScriptedServer(
    taskScript(
      [
        { toolCalls: [{ name: "search", arguments: { pattern: "PLANTED" } }] },
        { toolCalls: [{ name: "search", arguments: { pattern: "PLANTED", path: ".smallcode/sessions" } }] },
        { toolCalls: [{ name: "find_files", arguments: { pattern: "**/*.json" } }] },
        { toolCalls: [{ name: "find_files", arguments: { pattern: "*", path: "./.smallcode" } }] },
        "Done.",
      ],
      {},
      "search",
    ),
  );
});
afterAll(async () => {
  await server.close();
  cleanup();
});

describe("the search tools stay out of .smallcode/", () => {
  it("search and find_files neither list nor read saved sessions and traces", async () => {
    const cwd = tempDir({
      "src/app.json": '{"name": "app"}\n',
      "src/notes.txt": "PLANTED is mentioned here too\n",
      ".smallcode/sessions/old.json": `{"history": "${PLANTED}"}\n`,
      ".smallcode/traces/2026-01-01.jsonl": `{"output": "${PLANTED}"}\n`,
    });
    const r = await run(
      cwd,
      ["run", "where is PLANTED mentioned?", "--json", "--base-url", server.url, "--model", MODEL],
      {
        env: user(),
      },
    );
    const calls = JSON.parse(r.stdout).toolCalls as { name: string; ok: boolean }[];
    expect(calls.map((c) => [c.name, c.ok])).toEqual([
      ["search", true],
      ["search", false],
      ["find_files", true],
      ["find_files", false],
    ]);
    const results = server.requests
      .filter((q) => q.headers["x-marrow-prompt"] === "act")
      .at(-1)!
      .body.messages.filter((m: { role: string }) => m.role === "tool")
      .map((m: { content: string }) => m.content) as string[];
    expect(results).toHaveLength(4);
    expect(results[0]).toContain("src/notes.txt");
    expect(results[2]).toContain("src/app.json");
    for (const text of results) {
      expect(text).not.toContain(PLANTED);
      expect(text).not.toMatch(/\.smallcode\/(sessions|traces)/);
    }
    expect(results[1]).toContain("`.smallcode/` is SmallCode's own state");
    expect(results[3]).toContain("`.smallcode/` is SmallCode's own state");
  });
});
