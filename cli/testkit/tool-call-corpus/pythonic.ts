/** Pythonic call lists (Llama 3.2/4 `pythonic`, ToolACE) and LFM2's `<|tool_call_start|>` tokens. */
import { WEATHER_TOOLS } from "./tools.ts";
import type { CorpusCase } from "./types.ts";

export const PYTHONIC_CASES: CorpusCase[] = [
  {
    id: "pythonic-single",
    format: "pythonic",
    kind: "positive",
    input: '[read_file(path="src/index.ts")]',
    expect: { calls: [{ name: "read_file", arguments: { path: "src/index.ts" } }], text: "" },
  },
  {
    id: "pythonic-two-calls",
    format: "pythonic",
    kind: "positive",
    input:
      '[get_weather(location="San Francisco, CA", unit="fahrenheit"), get_time(timezone="America/Los_Angeles")]',
    tools: WEATHER_TOOLS,
    expect: {
      calls: [
        { name: "get_weather", arguments: { location: "San Francisco, CA", unit: "fahrenheit" } },
        { name: "get_time", arguments: { timezone: "America/Los_Angeles" } },
      ],
    },
  },
  {
    id: "pythonic-single-quotes-ints",
    format: "pythonic",
    kind: "positive",
    input: "[read_file(path='lib/cache.py', offset=40, limit=25)]",
    expect: { calls: [{ name: "read_file", arguments: { path: "lib/cache.py", offset: 40, limit: 25 } }] },
  },
  {
    id: "pythonic-bare-call-whole-reply",
    format: "pythonic",
    kind: "messy",
    input: 'grep(pattern="def handle_", path="app")',
    expect: { calls: [{ name: "grep", arguments: { pattern: "def handle_", path: "app" } }] },
  },
  {
    id: "pythonic-python-true",
    format: "pythonic",
    kind: "positive",
    input: '[list_files(path="src", recursive=True)]',
    expect: { calls: [{ name: "list_files", arguments: { path: "src", recursive: true } }] },
  },
  {
    id: "pythonic-after-prose-line",
    format: "pythonic",
    kind: "positive",
    input: 'Let me look at the Vite config first.\n[read_file(path="vite.config.ts")]',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "vite.config.ts" } }],
      text: "Let me look at the Vite config first.",
    },
  },
  {
    id: "pythonic-positional",
    format: "pythonic",
    kind: "messy",
    input: '[read_file("src/routes/index.tsx")]',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/routes/index.tsx" } }],
      issues: ["positional_arguments"],
    },
  },
  {
    id: "pythonic-list-of-dicts",
    format: "pythonic",
    kind: "positive",
    input:
      '[todo_write(todos=[{"content": "Write failing test", "status": "completed"}, {"content": "Fix parser", "status": "in_progress"}])]',
    expect: {
      calls: [
        {
          name: "todo_write",
          arguments: {
            todos: [
              { content: "Write failing test", status: "completed" },
              { content: "Fix parser", status: "in_progress" },
            ],
          },
        },
      ],
    },
  },
  {
    id: "pythonic-triple-quoted",
    format: "pythonic",
    kind: "positive",
    input: '[write_file(path="greet.py", content="""def greet(name):\n    return f"hi {name}"\n""")]',
    expect: {
      calls: [
        {
          name: "write_file",
          arguments: { path: "greet.py", content: 'def greet(name):\n    return f"hi {name}"\n' },
        },
      ],
    },
  },
  {
    id: "lfm2-model-card",
    format: "lfm2",
    kind: "positive",
    input:
      '<|tool_call_start|>[read_file(path="src/server.ts")]<|tool_call_end|>Reading the server entry point.',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/server.ts" } }],
      text: "Reading the server entry point.",
    },
  },
  {
    id: "lfm2-two-calls",
    format: "lfm2",
    kind: "positive",
    input:
      '<|tool_call_start|>[get_weather(location="Tokyo"), get_time(timezone="Asia/Tokyo")]<|tool_call_end|>Checking the weather and local time in Tokyo.',
    tools: WEATHER_TOOLS,
    expect: {
      calls: [
        { name: "get_weather", arguments: { location: "Tokyo" } },
        { name: "get_time", arguments: { timezone: "Asia/Tokyo" } },
      ],
    },
  },
  {
    id: "lfm2-json-mode",
    format: "lfm2",
    kind: "positive",
    input:
      '<|tool_call_start|>[{"name": "bash", "arguments": {"command": "npm run build"}}]<|tool_call_end|>',
    expect: { calls: [{ name: "bash", arguments: { command: "npm run build" } }], text: "" },
  },
  {
    id: "lfm2-missing-end",
    format: "lfm2",
    kind: "messy",
    input: '<|tool_call_start|>[list_files(path="public")]',
    expect: { calls: [{ name: "list_files", arguments: { path: "public" } }], issues: ["unclosed_block"] },
  },
  {
    id: "lfm2-unquoted-enum",
    format: "lfm2",
    kind: "messy",
    input: '<|tool_call_start|>[get_weather(location="Oslo", unit=Celsius)]<|tool_call_end|>',
    tools: WEATHER_TOOLS,
    expect: { calls: [{ name: "get_weather", arguments: { location: "Oslo", unit: "celsius" } }] },
  },
  {
    id: "lfm2-im-end",
    format: "lfm2",
    kind: "positive",
    input: '<|tool_call_start|>[web_search(query="pnpm workspace protocol")]<|tool_call_end|><|im_end|>',
    expect: { calls: [{ name: "web_search", arguments: { query: "pnpm workspace protocol" } }] },
  },
];
