/**
 * The newer call formats through the real CLI (`smallcode run` in-process against the scripted
 * OpenAI-compatible server): a call written as text is executed on the file system, and the same
 * syntax quoted inside a sentence is not.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Script, type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";

const Q = '<|"|>';
let server: ScriptedServer;

/** The agent's model calls, with `reply` as the act step's text and a plain answer after it. */
function script(reply: string): Script {
  return {
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: "coding" }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["write"]' }] },
      { prompt: "act", replies: [{ content: reply }, { content: "Finished." }] },
    ],
    fallback: { content: "ok" },
  };
}

async function runWith(reply: string): Promise<string> {
  server.setScript(script(reply));
  const dir = tempDir({ "README.md": "# demo\n" });
  await run(dir, [
    "run",
    "write the file",
    "--json",
    "--base-url",
    server.url,
    "--model",
    "scripted-model",
    "--cwd",
    dir,
  ]);
  return dir;
}

beforeAll(async () => {
  server = await startScriptedServer(script("ok"));
});
afterAll(async () => {
  await server.close();
  cleanup();
});

describe("newer tool-call formats through smallcode run", () => {
  it.each([
    ["Gemma 4", `<|tool_call>call:write_file{path:${Q}out.txt${Q},content:${Q}say "hi"\n${Q}}<tool_call|>`],
    [
      "FunctionGemma",
      '<start_function_call>call:write_file{path:<escape>out.txt<escape>,content:<escape>say "hi"\n<escape>}<end_function_call>',
    ],
    [
      "Functionary v3.2",
      '>>>all\nWriting it.>>>write_file\n{"path": "out.txt", "content": "say \\"hi\\"\\n"}',
    ],
    [
      "Command-R7B",
      '<|START_ACTION|>[{"tool_call_id": "0", "tool_name": "write_file", "parameters": {"path": "out.txt", "content": "say \\"hi\\"\\n"}}]<|END_ACTION|>',
    ],
    [
      "InternLM2",
      '<|action_start|><|plugin|>\n{"name": "write_file", "parameters": {"path": "out.txt", "content": "say \\"hi\\"\\n"}}<|action_end|>',
    ],
  ])("%s: the call written as text creates the file", async (_format, reply) => {
    const dir = await runWith(reply);
    expect(readFileSync(join(dir, "out.txt"), "utf8")).toBe('say "hi"\n');
  });

  it.each([
    [
      "Gemma 4",
      `Gemma 4 writes \`<|tool_call>call:write_file{path:${Q}pwned.txt${Q},content:${Q}x${Q}}<tool_call|>\` for each call it makes.`,
    ],
    [
      "FunctionGemma",
      "FunctionGemma answers with `<start_function_call>call:write_file{path:<escape>pwned.txt<escape>,content:<escape>x<escape>}<end_function_call>` when it wants a tool.",
    ],
    [
      "Seed-OSS in a Markdown fence",
      "```markdown\n<seed:tool_call>\n<function=write_file>\n<parameter=path>pwned.txt</parameter>\n<parameter=content>x</parameter>\n</function>\n</seed:tool_call>\n```",
    ],
  ])("%s quoted as an example: nothing is written", async (_format, reply) => {
    const dir = await runWith(reply);
    expect(existsSync(join(dir, "pwned.txt"))).toBe(false);
  });
});
