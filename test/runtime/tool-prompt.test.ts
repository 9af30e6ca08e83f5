import { describe, expect, it } from "vitest";
import { makeTool } from "../../cli/testkit/make-spec.ts";
import type { ChatMessage } from "../../runtime/chat.ts";
import {
  nativeTools,
  offeredTools,
  renderCall,
  textualHistory,
  toolsPrompt,
} from "../../runtime/tool-prompt.ts";

const tools = [
  makeTool("read_file"),
  makeTool("patch", { path: "string", old_str: "string", new_str: "string" }),
];

describe("offering tools", () => {
  it("offers the subset the caller names, in the spec's order; all when none are named", () => {
    expect(offeredTools(tools, ["patch"]).map((t) => t.name)).toEqual(["patch"]);
    expect(offeredTools(tools, ["patch", "read_file", "unknown"]).map((t) => t.name)).toEqual([
      "read_file",
      "patch",
    ]);
    expect(offeredTools(tools, undefined)).toHaveLength(2);
    expect(offeredTools(tools, [])).toEqual([]);
  });

  it("builds native tool entries", () => {
    expect(nativeTools([tools[0]!])).toEqual([
      {
        type: "function",
        function: {
          name: "read_file",
          description: "The read_file tool.",
          parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
        },
      },
    ]);
  });

  it("writes schemas into the system message for each text format", () => {
    expect(toolsPrompt(tools, "native")).toBe("");
    const hermes = toolsPrompt(tools, "hermes");
    expect(hermes).toContain('<tools>\n{"type":"function","function":{"name":"read_file"');
    expect(hermes).toContain(
      '<tool_call>\n{"name": <function-name>, "arguments": <args-json-object>}\n</tool_call>',
    );
    expect(toolsPrompt(tools, "json")).toMatch(/reply with only a JSON object: \{"name": "<tool name>"/);
    const xml = toolsPrompt(tools, "xml");
    expect(xml).toContain("## patch\nThe patch tool.\nParameters:\n- path (string, required)");
    expect(toolsPrompt(tools, "pythonic")).toContain("def patch(path, old_str, new_str):");
  });
});

describe("history for text formats", () => {
  const history: ChatMessage[] = [
    { role: "user", content: "show a.ts" },
    {
      role: "assistant",
      content: null,
      tool_calls: [
        { id: "c1", type: "function", function: { name: "read_file", arguments: '{"path":"a.ts"}' } },
      ],
    },
    { role: "tool", content: "export {}", tool_call_id: "c1" },
  ];

  it("writes calls and results as text in the model's format", () => {
    expect(textualHistory(history, "hermes").slice(1)).toEqual([
      {
        role: "assistant",
        content: '<tool_call>\n{"name":"read_file","arguments":{"path":"a.ts"}}\n</tool_call>',
      },
      { role: "user", content: "<tool_response>\nexport {}\n</tool_response>" },
    ]);
    expect(textualHistory(history, "xml")[2]).toEqual({
      role: "user",
      content: "Result of read_file:\nexport {}",
    });
  });

  it("renders one call per format", () => {
    expect(renderCall("read_file", '{"path":"a.ts"}', "xml")).toBe(
      "<read_file>\n<path>a.ts</path>\n</read_file>",
    );
    expect(renderCall("read_file", '{"path":"a.ts"}', "pythonic")).toBe('[read_file(path="a.ts")]');
    expect(renderCall("read_file", '{"path":"a.ts"}', "json")).toBe(
      '{"name":"read_file","arguments":{"path":"a.ts"}}',
    );
  });
});
