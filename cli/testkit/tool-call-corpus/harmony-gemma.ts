/** gpt-oss harmony (`to=functions.x`), Gemma `tool_code` fences and FunctionGemma tokens. */
import { WEATHER_TOOLS } from "./tools.ts";
import type { CorpusCase } from "./types.ts";

const FENCE = "```";

export const HARMONY_GEMMA_CASES: CorpusCase[] = [
  {
    id: "harmony-commentary-constrain",
    format: "harmony",
    kind: "positive",
    input:
      '<|channel|>analysis<|message|>Need to inspect the config file first.<|end|><|start|>assistant<|channel|>commentary to=functions.read_file <|constrain|>json<|message|>{"path":"tsconfig.json"}<|call|>',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "tsconfig.json" } }],
      text: "<|channel|>analysis<|message|>Need to inspect the config file first.",
    },
  },
  {
    id: "harmony-recipient-in-role",
    format: "harmony",
    kind: "positive",
    input:
      '<|start|>assistant to=functions.bash<|channel|>commentary json<|message|>{"command":"git log --oneline -5"}<|call|>',
    expect: { calls: [{ name: "bash", arguments: { command: "git log --oneline -5" } }], text: "" },
  },
  {
    id: "harmony-no-constrain",
    format: "harmony",
    kind: "positive",
    input: '<|channel|>commentary to=functions.get_weather<|message|>{"location":"Tokyo, JP"}<|call|>',
    tools: WEATHER_TOOLS,
    expect: { calls: [{ name: "get_weather", arguments: { location: "Tokyo, JP" } }] },
  },
  {
    id: "harmony-edit-multikey",
    format: "harmony",
    kind: "positive",
    input:
      '<|channel|>analysis<|message|>The bug is the off-by-one in the loop bound. Replace `<=` with `<`.<|end|><|start|>assistant<|channel|>commentary to=functions.edit_file <|constrain|>json<|message|>{"path":"src/range.ts","old_string":"i <= items.length","new_string":"i < items.length"}<|call|>',
    expect: {
      calls: [
        {
          name: "edit_file",
          arguments: {
            path: "src/range.ts",
            old_string: "i <= items.length",
            new_string: "i < items.length",
          },
        },
      ],
    },
  },
  {
    id: "harmony-tokens-stripped",
    format: "harmony",
    kind: "messy",
    input:
      'analysisNeed to read the README.assistantcommentary to=functions.read_file json{"path":"README.md"}',
    expect: { calls: [{ name: "read_file", arguments: { path: "README.md" } }] },
  },
  {
    id: "harmony-missing-call-token",
    format: "harmony",
    kind: "messy",
    input:
      '<|start|>assistant<|channel|>commentary to=functions.list_files <|constrain|>json<|message|>{"path":"src","recursive":true}',
    expect: { calls: [{ name: "list_files", arguments: { path: "src", recursive: true } }], text: "" },
  },
  {
    id: "harmony-two-calls",
    format: "harmony",
    kind: "positive",
    input:
      '<|start|>assistant<|channel|>commentary to=functions.read_file <|constrain|>json<|message|>{"path":"src/a.rs"}<|call|><|start|>assistant<|channel|>commentary to=functions.read_file <|constrain|>json<|message|>{"path":"src/b.rs"}<|call|>',
    expect: {
      calls: [
        { name: "read_file", arguments: { path: "src/a.rs" } },
        { name: "read_file", arguments: { path: "src/b.rs" } },
      ],
      text: "",
    },
  },
  {
    id: "harmony-builtin-browser",
    format: "harmony",
    kind: "negative",
    input:
      '<|channel|>analysis<|message|>Search the docs.<|end|><|start|>assistant<|channel|>commentary to=browser.search <|constrain|>json<|message|>{"query":"vite ssr externals"}<|call|>',
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "harmony-final-only",
    format: "harmony",
    kind: "negative",
    input:
      "<|channel|>analysis<|message|>Simple question, no tools needed.<|end|><|start|>assistant<|channel|>final<|message|>Use `npm ci` in CI for reproducible installs.<|return|>",
    expect: { calls: [] },
  },
  {
    id: "gemma-tool-code-print",
    format: "gemma",
    kind: "positive",
    input: `${FENCE}tool_code\nprint(default_api.read_file(path="src/main.go"))\n${FENCE}`,
    expect: { calls: [{ name: "read_file", arguments: { path: "src/main.go" } }], text: "" },
  },
  {
    id: "gemma-tool-code-bare",
    format: "gemma",
    kind: "positive",
    input: `${FENCE}tool_code\nget_weather(location="London", unit="celsius")\n${FENCE}`,
    tools: WEATHER_TOOLS,
    expect: { calls: [{ name: "get_weather", arguments: { location: "London", unit: "celsius" } }] },
  },
  {
    id: "gemma-two-calls",
    format: "gemma",
    kind: "positive",
    input: `${FENCE}tool_code\nprint(default_api.grep(pattern="TODO", path="cmd"))\nprint(default_api.list_files(path="cmd"))\n${FENCE}`,
    expect: {
      calls: [
        { name: "grep", arguments: { pattern: "TODO", path: "cmd" } },
        { name: "list_files", arguments: { path: "cmd" } },
      ],
    },
  },
  {
    id: "gemma-prose-around",
    format: "gemma",
    kind: "positive",
    input: `I'll search for the failing import first.\n\n${FENCE}tool_code\nprint(default_api.grep(pattern="from utils import", include="*.py"))\n${FENCE}`,
    expect: {
      calls: [{ name: "grep", arguments: { pattern: "from utils import", include: "*.py" } }],
      text: "I'll search for the failing import first.",
    },
  },
  {
    id: "gemma-tool-code-broken",
    format: "gemma",
    kind: "negative",
    input: `${FENCE}tool_code\nfor f in files:\n    print(default_api.read_file(path=f))\n${FENCE}`,
    expect: { calls: [], issues: ["malformed_call"] },
  },
  {
    id: "functiongemma-escape",
    format: "gemma",
    kind: "positive",
    input:
      "<start_function_call>call:get_weather{location:<escape>London, UK<escape>,unit:<escape>celsius<escape>}<end_function_call>",
    tools: WEATHER_TOOLS,
    expect: {
      calls: [{ name: "get_weather", arguments: { location: "London, UK", unit: "celsius" } }],
      text: "",
    },
  },
  {
    id: "gemma-tool-code-int-string",
    format: "gemma",
    kind: "messy",
    input: `${FENCE}tool_code\nprint(default_api.read_file(path="index.html", limit="30"))\n${FENCE}`,
    expect: {
      calls: [{ name: "read_file", arguments: { path: "index.html", limit: 30 } }],
      issues: ["value_coerced"],
    },
  },
];
