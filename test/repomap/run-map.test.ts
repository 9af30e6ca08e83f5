import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countTokens } from "../../cli/smallcode/context/tokens.ts";
import { MAP_HEADING } from "../../cli/smallcode/repomap/render.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run } from "../cli/smallcode/helpers.ts";
import { cleanupFixtures, fixtureRepo } from "./fixture.ts";

/**
 * The repo map in the act prompt, through the real CLI: on with `--repo-map` (or `repo_map = true`),
 * ranked towards the file the task names, sized by the window, refreshed after an edit.
 */

let server: ScriptedServer;

const SCRIPT = {
  models: ["scripted-model"],
  rules: [
    { prompt: "classify_task_type", replies: [{ content: "coding" }] },
    { prompt: "pick_tool_categories", replies: [{ content: '["read", "write"]' }] },
    {
      prompt: "act",
      replies: [
        {
          toolCalls: [
            {
              name: "patch",
              arguments: {
                path: "server/main.go",
                old_str: "func Run() error {",
                new_str: "func RunAll() error {",
              },
            },
          ],
        },
        { content: "Renamed." },
      ],
    },
  ],
  fallback: { content: "ok" },
};

/** The system message of every act request after the first `skip`. */
function systems(skip: number): string[] {
  return server
    .chatRequests("act")
    .slice(skip)
    .map((r) => {
      const messages = (r.body as { messages: { role: string; content: string }[] }).messages;
      return messages.find((m) => m.role === "system")?.content ?? "";
    });
}

/** The map part of a system message. */
const mapIn = (system: string) => system.slice(system.indexOf(MAP_HEADING));

/** Runs the rename task in `dir`; returns the system messages of its act requests. */
async function runTask(dir: string, extra: string[], env: Record<string, string> = {}): Promise<string[]> {
  server.setScript(SCRIPT);
  const before = server.chatRequests("act").length;
  const task = "rename Run in server/main.go to RunAll";
  await run(dir, ["run", task, "--base-url", server.url, "--model", "scripted-model", "--yes", ...extra], {
    env: cleanEnv(env),
  });
  return systems(before);
}

beforeAll(async () => {
  server = await startScriptedServer(SCRIPT);
});
afterAll(async () => {
  await server.close();
  cleanup();
  cleanupFixtures();
});

describe("the repo map in the act prompt", () => {
  it("is absent unless asked for", async () => {
    const sent = await runTask(fixtureRepo(), []);
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.some((s) => s.includes(MAP_HEADING))).toBe(false);
  });

  it("with --repo-map, shows the named file first and is rebuilt after the edit", async () => {
    const [first, second] = await runTask(fixtureRepo(), ["--repo-map", "--context-window", "32768"]);
    expect(first).toContain(MAP_HEADING);
    const lines = mapIn(first!).split("\n");
    expect(lines[1]).toBe("server/main.go");
    expect(lines).toContain("  3│ func Run() error");
    expect(lines).toContain("geo/src/geometry.rs");
    expect(mapIn(second!).split("\n")).toContain("  3│ func RunAll() error");
  });

  it("a 4k window gets a tiny map; SMALLCODE_REPO_MAP=true turns it on too", async () => {
    const sent = await runTask(fixtureRepo(), ["--context-window", "4096"], { SMALLCODE_REPO_MAP: "true" });
    const map = mapIn(sent[0]!);
    expect(map).toContain("server/main.go");
    expect(countTokens(map)).toBeLessThanOrEqual(128);
  });
});
