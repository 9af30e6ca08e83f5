/** Native `tool_calls` (OpenAI shape from vLLM/llama.cpp/LM Studio, object arguments from Ollama). */
import type { CorpusCase } from "./types.ts";

export const NATIVE_CASES: CorpusCase[] = [
  {
    id: "native-openai-clean",
    format: "native",
    kind: "positive",
    input: "",
    native: [
      {
        id: "call_8f2a1c",
        type: "function",
        function: { name: "read_file", arguments: '{"path": "src/index.ts"}' },
      },
    ],
    expect: { calls: [{ name: "read_file", arguments: { path: "src/index.ts" } }], text: "" },
  },
  {
    id: "native-parallel-with-content",
    format: "native",
    kind: "positive",
    input: "I'll look at the package manifest and the test setup.",
    native: [
      {
        id: "call_1",
        type: "function",
        function: { name: "read_file", arguments: '{"path":"package.json"}' },
      },
      {
        id: "call_2",
        type: "function",
        function: { name: "read_file", arguments: '{"path":"vitest.config.ts"}' },
      },
    ],
    expect: {
      calls: [
        { name: "read_file", arguments: { path: "package.json" } },
        { name: "read_file", arguments: { path: "vitest.config.ts" } },
      ],
      text: "I'll look at the package manifest and the test setup.",
    },
  },
  {
    id: "native-ollama-object-arguments",
    format: "native",
    kind: "positive",
    input: "",
    native: [{ function: { name: "bash", arguments: { command: "npm test -- --run" } } }],
    expect: { calls: [{ name: "bash", arguments: { command: "npm test -- --run" } }] },
  },
  {
    id: "native-trailing-comma",
    format: "native",
    kind: "messy",
    input: "",
    native: [
      {
        id: "call_x",
        type: "function",
        function: { name: "grep", arguments: '{"pattern": "TODO", "path": "src",}' },
      },
    ],
    expect: {
      calls: [{ name: "grep", arguments: { pattern: "TODO", path: "src" } }],
      issues: ["json_repaired"],
    },
  },
  {
    id: "native-python-dict-arguments",
    format: "native",
    kind: "messy",
    input: "",
    native: [
      {
        id: "call_q",
        type: "function",
        function: { name: "list_files", arguments: "{'path': 'src/components', 'recursive': True}" },
      },
    ],
    expect: { calls: [{ name: "list_files", arguments: { path: "src/components", recursive: true } }] },
  },
  {
    id: "native-double-encoded",
    format: "native",
    kind: "messy",
    input: "",
    native: [
      {
        id: "call_d",
        type: "function",
        function: { name: "bash", arguments: '"{\\"command\\": \\"git status\\"}"' },
      },
    ],
    expect: {
      calls: [{ name: "bash", arguments: { command: "git status" } }],
      issues: ["arguments_as_string"],
    },
  },
  {
    id: "native-missing-closer",
    format: "native",
    kind: "messy",
    input: "",
    native: [
      {
        id: "call_t",
        type: "function",
        function: { name: "read_file", arguments: '{"path": "README.md", "limit": 40' },
      },
    ],
    expect: {
      calls: [{ name: "read_file", arguments: { path: "README.md", limit: 40 } }],
      issues: ["json_repaired"],
    },
  },
  {
    id: "native-empty-arguments",
    format: "native",
    kind: "positive",
    input: "",
    native: [{ id: "call_e", type: "function", function: { name: "list_files", arguments: "" } }],
    expect: { calls: [{ name: "list_files", arguments: {} }] },
  },
  {
    id: "native-string-numbers",
    format: "native",
    kind: "messy",
    input: "",
    native: [
      {
        id: "call_n",
        type: "function",
        function: { name: "bash", arguments: '{"command": "npm run build", "timeout": "120"}' },
      },
    ],
    expect: {
      calls: [{ name: "bash", arguments: { command: "npm run build", timeout: 120 } }],
      issues: ["value_coerced"],
    },
  },
  {
    id: "native-camelcase-name",
    format: "native",
    kind: "messy",
    input: "",
    native: [
      {
        id: "call_c",
        type: "function",
        function: { name: "readFile", arguments: '{"filePath": "src/app.ts"}' },
      },
    ],
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/app.ts" } }],
      issues: ["tool_name_corrected", "parameter_renamed"],
    },
  },
  {
    id: "native-truncated-in-string",
    format: "native",
    kind: "negative",
    input: "",
    native: [
      {
        id: "call_w",
        type: "function",
        function: {
          name: "write_file",
          arguments:
            '{"path": "src/util.ts", "content": "export function clamp(n: number, lo: number, hi: number) {\\n  return Math.min(',
        },
      },
    ],
    expect: { calls: [], issues: ["truncated_call"] },
  },
  {
    id: "native-no-name",
    format: "native",
    kind: "negative",
    input: "",
    native: [{ id: "call_0", type: "function", function: { arguments: '{"path": "a.ts"}' } }],
    expect: { calls: [], issues: ["invalid_native_call"] },
  },
  {
    id: "native-duplicated-in-content",
    format: "native",
    kind: "messy",
    input: '<tool_call>\n{"name": "read_file", "arguments": {"path": "src/main.py"}}\n</tool_call>',
    native: [
      {
        id: "call_m",
        type: "function",
        function: { name: "read_file", arguments: '{"path": "src/main.py"}' },
      },
    ],
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/main.py" } }],
      issues: ["duplicate_call"],
      text: "",
    },
  },
];
