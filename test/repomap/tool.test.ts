import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../cli/smallcode/contract/index.ts";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run } from "../cli/smallcode/helpers.ts";
import { cleanupFixtures, fixtureRepo, tempOutside } from "./fixture.ts";

/**
 * `symbols` through the real CLI: a scripted model calls it (with the argument names small models
 * use), and the tool result the model gets back is checked.
 */

let server: ScriptedServer;

function script(args: Record<string, unknown>) {
  return {
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: "search" }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["search"]' }] },
      {
        prompt: "act",
        replies: [{ toolCalls: [{ name: "symbols", arguments: args }] }, { content: "Found it." }],
      },
    ],
    fallback: { content: "ok" },
  };
}

/** Runs a question task in `dir` with the model calling `symbols(args)`; returns the tool result text. */
async function ask(
  dir: string,
  args: Record<string, unknown>,
): Promise<{ result: RunResult; output: string }> {
  server.setScript(script(args));
  const r = await run(
    dir,
    ["run", "where is it defined?", "--json", "--base-url", server.url, "--model", "scripted-model"],
    {
      env: cleanEnv(),
    },
  );
  const result = JSON.parse(r.stdout) as RunResult;
  const last = server.chatRequests("act").at(-1)!;
  const messages = (last.body as { messages: { role: string; content: string }[] }).messages;
  return { result, output: messages.filter((m) => m.role === "tool").at(-1)?.content ?? "" };
}

beforeAll(async () => {
  server = await startScriptedServer(script({}));
});
afterAll(async () => {
  await server.close();
  cleanup();
  cleanupFixtures();
});

describe("the symbols tool, driven by a model through the CLI", () => {
  it("finds a definition and its users (`symbol` is an alias of `name`)", async () => {
    const { result, output } = await ask(fixtureRepo(), { symbol: "NewServer" });
    expect(result.toolCalls).toEqual([expect.objectContaining({ name: "symbols", ok: true })]);
    expect(output).toContain("server/server.go:7 function func NewServer(port int) *Server");
    expect(output).toContain("`NewServer` is used in: server/main.go (1)");
  });

  it("falls back to case-insensitive and partial names", async () => {
    const { output } = await ask(fixtureRepo(), { name: "openstore" });
    expect(output).toContain("ignoring case");
    expect(output).toContain("web/src/store.ts:11 function function openStore(path: string): Store");
  });

  it("reads qualified names (`Store.get`) by their last part, in the qualifier's files", async () => {
    const { output } = await ask(fixtureRepo(), { name: "Store.get" });
    expect(output.split("\n")[0]).toBe("web/src/store.ts:4 method get(key: string): string | undefined");
  });

  it("outlines one file, and refuses a path outside the project", async () => {
    const dir = fixtureRepo();
    const { output } = await ask(dir, { path: "billing/invoice.py" });
    expect(output.split("\n")).toEqual([
      "billing/invoice.py",
      "  1│ class Invoice:",
      "    2│ def __init__(self, lines):",
      "    5│ def total_amount(self) -> float:",
      "  9│ def tax_rate(region: str) -> float:",
    ]);
    const outside = tempOutside({ "secret.py": "def secret_thing():\n    pass\n" });
    const refused = await ask(dir, { path: `${outside}/secret.py` });
    expect(refused.result.toolCalls).toEqual([expect.objectContaining({ name: "symbols", ok: false })]);
    expect(refused.output).not.toContain("secret_thing");
  });
});
