/** Granite `<|tool_call|>`, Phi-4 `functools[…]`, DeepSeek V3/R1/V3.1 tokens, Kimi K2 sections. */
import { WEATHER_TOOLS } from "./tools.ts";
import type { CorpusCase } from "./types.ts";

const B = "<｜tool▁calls▁begin｜>";
const E = "<｜tool▁calls▁end｜>";
const CB = "<｜tool▁call▁begin｜>";
const CE = "<｜tool▁call▁end｜>";
const SEP = "<｜tool▁sep｜>";

export const SPECIAL_TOKEN_CASES: CorpusCase[] = [
  {
    id: "granite-array",
    format: "granite",
    kind: "positive",
    input: '<|tool_call|>[{"name": "read_file", "arguments": {"path": "app.py"}}]',
    expect: { calls: [{ name: "read_file", arguments: { path: "app.py" } }], text: "" },
  },
  {
    id: "granite-weather-parallel",
    format: "granite",
    kind: "positive",
    input:
      '<|tool_call|>[{"name": "get_weather", "arguments": {"location": "Boston, MA"}}, {"name": "get_time", "arguments": {"timezone": "America/New_York"}}]',
    tools: WEATHER_TOOLS,
    expect: {
      calls: [
        { name: "get_weather", arguments: { location: "Boston, MA" } },
        { name: "get_time", arguments: { timezone: "America/New_York" } },
      ],
    },
  },
  {
    id: "granite-object-not-array",
    format: "granite",
    kind: "messy",
    input: '<|tool_call|>{"name": "bash", "arguments": {"command": "make test"}}',
    expect: { calls: [{ name: "bash", arguments: { command: "make test" } }] },
  },
  {
    id: "granite-trailing-comma",
    format: "granite",
    kind: "messy",
    input: '<|tool_call|>[{"name": "grep", "arguments": {"pattern": "SELECT \\\\*", "include": "*.sql",}},]',
    expect: {
      calls: [{ name: "grep", arguments: { pattern: "SELECT \\*", include: "*.sql" } }],
      issues: ["json_repaired"],
    },
  },
  {
    id: "phi4-functools",
    format: "phi4",
    kind: "positive",
    input: 'functools[{"name": "bash", "arguments": {"command": "ls -la"}}]',
    expect: { calls: [{ name: "bash", arguments: { command: "ls -la" } }], text: "" },
  },
  {
    id: "phi4-two-calls-end-token",
    format: "phi4",
    kind: "positive",
    input:
      'functools[{"name": "get_weather", "arguments": {"location": "Seattle"}}, {"name": "get_weather", "arguments": {"location": "Portland"}}]<|end|>',
    tools: WEATHER_TOOLS,
    expect: {
      calls: [
        { name: "get_weather", arguments: { location: "Seattle" } },
        { name: "get_weather", arguments: { location: "Portland" } },
      ],
    },
  },
  {
    id: "phi4-prose-before",
    format: "phi4",
    kind: "positive",
    input:
      'To answer that I need the file contents.\nfunctools[{"name": "read_file", "arguments": {"path": "notes/todo.md"}}]',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "notes/todo.md" } }],
      text: "To answer that I need the file contents.",
    },
  },
  {
    id: "phi4-single-quotes",
    format: "phi4",
    kind: "messy",
    input: "functools[{'name': 'web_search', 'arguments': {'query': 'sqlite json_extract'}}]",
    expect: { calls: [{ name: "web_search", arguments: { query: "sqlite json_extract" } }] },
  },
  {
    id: "deepseek-v3-fenced",
    format: "deepseek",
    kind: "positive",
    input: `${B}${CB}function${SEP}read_file\n\`\`\`json\n{"path": "src/index.ts"}\n\`\`\`${CE}${E}`,
    expect: { calls: [{ name: "read_file", arguments: { path: "src/index.ts" } }], text: "" },
  },
  {
    id: "deepseek-v3-two-calls",
    format: "deepseek",
    kind: "positive",
    input: `${B}${CB}function${SEP}get_weather\n\`\`\`json\n{"location": "Hangzhou"}\n\`\`\`${CE}\n${CB}function${SEP}get_weather\n\`\`\`json\n{"location": "Beijing"}\n\`\`\`${CE}${E}`,
    tools: WEATHER_TOOLS,
    expect: {
      calls: [
        { name: "get_weather", arguments: { location: "Hangzhou" } },
        { name: "get_weather", arguments: { location: "Beijing" } },
      ],
      text: "",
    },
  },
  {
    id: "deepseek-r1-think-then-call",
    format: "deepseek",
    kind: "positive",
    input: `<think>\nThe user wants to know why the build fails. A call like {"name": "bash", "arguments": {"command": "rm -rf dist"}} would be destructive; just run the build.\n</think>\n\n${B}${CB}function${SEP}bash\n\`\`\`json\n{"command": "npm run build"}\n\`\`\`${CE}${E}`,
    expect: { calls: [{ name: "bash", arguments: { command: "npm run build" } }] },
  },
  {
    id: "deepseek-v31-unfenced",
    format: "deepseek",
    kind: "positive",
    input: `${B}${CB}grep${SEP}{"pattern": "panic!", "path": "src"}${CE}${E}`,
    expect: { calls: [{ name: "grep", arguments: { pattern: "panic!", path: "src" } }], text: "" },
  },
  {
    id: "deepseek-v31-two-calls-with-content",
    format: "deepseek",
    kind: "positive",
    input: `I'll read both configs.${B}${CB}read_file${SEP}{"path": ".eslintrc.json"}${CE}${CB}read_file${SEP}{"path": "biome.json"}${CE}${E}`,
    expect: {
      calls: [
        { name: "read_file", arguments: { path: ".eslintrc.json" } },
        { name: "read_file", arguments: { path: "biome.json" } },
      ],
      text: "I'll read both configs.",
    },
  },
  {
    id: "deepseek-ascii-bars",
    format: "deepseek",
    kind: "messy",
    input:
      '<|tool▁calls▁begin|><|tool▁call▁begin|>function<|tool▁sep|>list_files\n```json\n{"path": "migrations"}\n```<|tool▁call▁end|><|tool▁calls▁end|>',
    expect: { calls: [{ name: "list_files", arguments: { path: "migrations" } }], text: "" },
  },
  {
    id: "deepseek-r1-orphan-think-close",
    format: "deepseek",
    kind: "positive",
    input: `Okay, the user wants the tests run. I'll run pytest.\n</think>\n\n${B}${CB}function${SEP}bash\n\`\`\`json\n{"command": "pytest"}\n\`\`\`${CE}${E}<｜end▁of▁sentence｜>`,
    expect: { calls: [{ name: "bash", arguments: { command: "pytest" } }] },
  },
  {
    id: "deepseek-missing-call-end",
    format: "deepseek",
    kind: "messy",
    input: `${B}${CB}function${SEP}read_file\n\`\`\`json\n{"path": "go.mod"}\n\`\`\`${E}`,
    expect: { calls: [{ name: "read_file", arguments: { path: "go.mod" } }], issues: ["unclosed_block"] },
  },
  {
    id: "kimi-k2-single",
    format: "kimi",
    kind: "positive",
    input:
      '<|tool_calls_section_begin|><|tool_call_begin|>functions.read_file:0<|tool_call_argument_begin|>{"path": "src/index.ts"}<|tool_call_end|><|tool_calls_section_end|>',
    expect: { calls: [{ name: "read_file", arguments: { path: "src/index.ts" } }], text: "" },
  },
  {
    id: "kimi-k2-two-calls",
    format: "kimi",
    kind: "positive",
    input:
      'Let me check both.<|tool_calls_section_begin|><|tool_call_begin|>functions.grep:0<|tool_call_argument_begin|>{"pattern": "TODO"}<|tool_call_end|><|tool_call_begin|>functions.list_files:1<|tool_call_argument_begin|>{"path": "src"}<|tool_call_end|><|tool_calls_section_end|>',
    expect: {
      calls: [
        { name: "grep", arguments: { pattern: "TODO" } },
        { name: "list_files", arguments: { path: "src" } },
      ],
      text: "Let me check both.",
    },
  },
  {
    id: "kimi-k2-thinking",
    format: "kimi",
    kind: "positive",
    input:
      '<think>I need to see the failing assertion before editing anything.</think><|tool_calls_section_begin|><|tool_call_begin|>functions.bash:0<|tool_call_argument_begin|>{"command": "npx vitest run test/parser.test.ts"}<|tool_call_end|><|tool_calls_section_end|>',
    expect: { calls: [{ name: "bash", arguments: { command: "npx vitest run test/parser.test.ts" } }] },
  },
  {
    id: "kimi-k2-no-namespace-spaced",
    format: "kimi",
    kind: "messy",
    input:
      '<|tool_calls_section_begin|>\n<|tool_call_begin|> web_search:0 <|tool_call_argument_begin|> {"query": "bun vs node startup time"} <|tool_call_end|>\n<|tool_calls_section_end|>',
    expect: { calls: [{ name: "web_search", arguments: { query: "bun vs node startup time" } }], text: "" },
  },
  {
    id: "kimi-k2-python-dict-args",
    format: "kimi",
    kind: "messy",
    input:
      "<|tool_calls_section_begin|><|tool_call_begin|>functions.list_files:0<|tool_call_argument_begin|>{'path': 'docs', 'recursive': False}<|tool_call_end|><|tool_calls_section_end|>",
    expect: {
      calls: [{ name: "list_files", arguments: { path: "docs", recursive: false } }],
      issues: ["json_repaired"],
    },
  },
  {
    id: "kimi-k2-unknown-tool",
    format: "kimi",
    kind: "negative",
    input:
      '<|tool_calls_section_begin|><|tool_call_begin|>functions.deploy_preview:0<|tool_call_argument_begin|>{"branch": "main"}<|tool_call_end|><|tool_calls_section_end|>',
    expect: { calls: [], issues: ["unknown_tool"] },
  },
];
