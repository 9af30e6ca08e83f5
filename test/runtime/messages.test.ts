import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { labelSpec, makeModel, makeSpec, makeTool, serve } from "../../cli/testkit/make-spec.ts";
import type { ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { type AgentTurn, ChatMessage, callPrompt, InvalidInputError } from "../../runtime/index.ts";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const tools = [
  makeTool("read_file"),
  makeTool("patch", { path: "string", old_str: "string", new_str: "string" }),
];

/** An agent prompt: `returns: turn`, a chat parameter, tools. */
function agentSpec(toolFormat: "native" | "hermes" = "native") {
  return makeSpec<AgentTurn>({
    name: "act",
    input: z.object({ text: z.string(), history: z.array(ChatMessage) }) as never,
    output: { kind: "turn" },
    schema: z.any(),
    model: makeModel({ toolFormat }),
    system: () => "You are a coding agent.",
    template: (ctx) => `Task: ${String(ctx.text)}`,
    chatParam: "history",
    tools,
  });
}

const history: ChatMessage[] = [
  {
    role: "assistant",
    content: null,
    tool_calls: [
      { id: "c1", type: "function", function: { name: "read_file", arguments: '{"path":"a.ts"}' } },
    ],
  },
  { role: "tool", content: "export {}", tool_call_id: "c1" },
];

describe("messages", () => {
  it("sends system, then the template as the user message, then the chat history", async () => {
    server = await serve({ fallback: { content: "done" } });
    await callPrompt(agentSpec(), { text: "fix it", history });
    expect(server.chatRequests()[0]!.body.messages).toEqual([
      { role: "system", content: "You are a coding agent." },
      { role: "user", content: "Task: fix it" },
      // A tool-call-only turn goes out with content "" (llama-cpp-python's server answers null with a 500).
      { ...history[0], content: "" },
      history[1],
    ]);
  });

  it("gives templates the output labels as `categories` and `labels`", async () => {
    server = await serve({ fallback: { content: "coding" } });
    const spec = labelSpec(["coding", "editing"], {
      template: (ctx) =>
        `${String(ctx.text)}: ${(ctx.categories as string[]).join("|")} ${(ctx.labels as string[]).length}`,
    });
    await callPrompt(spec, { text: "q" });
    expect(server.chatRequests()[0]!.body.messages[0].content).toBe("q: coding|editing 2");
  });

  it("rejects a chat parameter that is not a list of chat messages", async () => {
    server = await serve({ fallback: { content: "done" } });
    const spec = makeSpec({ ...agentSpec(), input: z.any() as never });
    await expect(
      callPrompt(spec, { text: "x", history: [{ role: "robot", content: 1 }] }),
    ).rejects.toBeInstanceOf(InvalidInputError);
  });
});

describe("agent turns", () => {
  it("offers the caller's subset of tools natively and returns the whole reply", async () => {
    server = await serve({
      fallback: {
        content: "<think>read it first</think>Let me look.",
        toolCalls: [{ id: "t1", name: "read_file", arguments: { path: "b.ts" } }],
        usage: { prompt_tokens: 30, completion_tokens: 8 },
      },
    });
    const turn = await callPrompt(agentSpec(), { text: "fix", history: [] }, { tools: ["read_file"] });
    expect(turn).toEqual({
      text: "Let me look.",
      toolCalls: [{ id: "t1", name: "read_file", arguments: '{"path":"b.ts"}' }],
      finishReason: "tool_calls",
      usage: { promptTokens: 30, completionTokens: 8, estimated: false },
      reasoning: "read it first",
    });
    const body = server.chatRequests()[0]!.body;
    expect(body.tools.map((t: { function: { name: string } }) => t.function.name)).toEqual(["read_file"]);
  });

  it("assembles streamed tool calls and keeps the server's reasoning field", async () => {
    server = await serve({
      fallback: {
        content: "",
        reasoning: "thinking aloud",
        toolCalls: [
          { id: "t1", name: "patch", arguments: { path: "a.ts", old_str: "a", new_str: "b" } },
          { id: "t2", name: "read_file", arguments: { path: "c.ts" } },
        ],
      },
    });
    const tokens: string[] = [];
    const turn = await callPrompt(
      agentSpec(),
      { text: "fix", history: [] },
      { onToken: (t) => tokens.push(t) },
    );
    expect(turn.toolCalls).toEqual([
      { id: "t1", name: "patch", arguments: '{"path":"a.ts","old_str":"a","new_str":"b"}' },
      { id: "t2", name: "read_file", arguments: '{"path":"c.ts"}' },
    ]);
    expect(turn.reasoning).toBe("thinking aloud");
    expect(turn.text).toBe("");
    expect(tokens).toEqual([]);
  });

  it("writes tools into the system message for text formats and sends no native tools", async () => {
    server = await serve({
      fallback: { content: '<tool_call>\n{"name": "patch", "arguments": {}}\n</tool_call>' },
    });
    const turn = await callPrompt(agentSpec("hermes"), { text: "fix", history });
    expect(turn.text).toContain("<tool_call>");
    expect(turn.toolCalls).toEqual([]);
    const body = server.chatRequests()[0]!.body;
    expect(body.tools).toBeUndefined();
    expect(body.messages[0].content).toMatch(/^You are a coding agent\.\n\n# Tools\n/);
    expect(body.messages[0].content).toContain('"name":"patch"');
    expect(body.messages.slice(2)).toEqual([
      {
        role: "assistant",
        content: '<tool_call>\n{"name":"read_file","arguments":{"path":"a.ts"}}\n</tool_call>',
      },
      { role: "user", content: "<tool_response>\nexport {}\n</tool_response>" },
    ]);
  });

  it("offers tools natively on Ollama's route too", async () => {
    server = await serve({
      ollama: {},
      fallback: { content: "", toolCalls: [{ name: "read_file", arguments: { path: "x" } }] },
    });
    const spec = makeSpec<AgentTurn>({ ...agentSpec(), model: makeModel({ provider: "ollama" }) });
    const turn = await callPrompt(spec, { text: "fix", history }, { tools: ["read_file"] });
    expect(turn.toolCalls).toEqual([{ id: "call_0", name: "read_file", arguments: '{"path":"x"}' }]);
    const body = server.chatRequests()[0]!.body;
    expect(body.tools).toHaveLength(1);
    expect(body.messages[2]).toEqual({
      role: "assistant",
      content: "",
      tool_calls: [{ function: { name: "read_file", arguments: { path: "a.ts" } } }],
    });
  });
});

describe("structured outputs with enums", () => {
  it("lists a list<Enum>'s members as `categories` and matches them forgivingly", async () => {
    server = await serve({ fallback: { content: 'Sure: ["Read", "search"]' } });
    const Group = z.enum(["read", "write", "search"]);
    const spec = makeSpec<("read" | "write" | "search")[]>({
      output: { kind: "json" },
      schema: z.array(Group),
      template: (ctx) => `Pick from: ${(ctx.categories as string[]).join(" ")}`,
      constraints: [{ source: "output.length >= 1", check: (o) => o.length >= 1 }],
    });
    expect(await callPrompt(spec, { text: "x" })).toEqual(["read", "search"]);
    expect(server.chatRequests()[0]!.body.messages[0].content).toBe("Pick from: read write search");
  });
});
