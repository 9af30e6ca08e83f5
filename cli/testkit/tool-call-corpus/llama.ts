/** Llama 3.x JSON (`parameters`), `<|python_tag|>`, built-in `.call(...)`, and Llama 4 `<|python_start|>`. */
import { LLAMA_BUILTIN_TOOLS } from "./tools.ts";
import type { CorpusCase } from "./types.ts";

export const LLAMA_CASES: CorpusCase[] = [
  {
    id: "llama31-json-parameters",
    format: "llama",
    kind: "positive",
    input: '{"name": "read_file", "parameters": {"path": "src/index.js"}}',
    expect: { calls: [{ name: "read_file", arguments: { path: "src/index.js" } }], text: "" },
  },
  {
    id: "llama31-python-tag-json",
    format: "llama",
    kind: "positive",
    input: '<|python_tag|>{"name": "bash", "parameters": {"command": "ls -la src"}}<|eom_id|>',
    expect: { calls: [{ name: "bash", arguments: { command: "ls -la src" } }], text: "" },
  },
  {
    id: "llama31-builtin-brave",
    format: "llama",
    kind: "positive",
    input: '<|python_tag|>brave_search.call(query="node 22 LTS end of life date")<|eom_id|>',
    tools: LLAMA_BUILTIN_TOOLS,
    expect: { calls: [{ name: "brave_search", arguments: { query: "node 22 LTS end of life date" } }] },
  },
  {
    id: "llama32-type-function",
    format: "llama",
    kind: "positive",
    input: '{"type": "function", "name": "grep", "parameters": {"pattern": "process.env", "path": "src"}}',
    expect: { calls: [{ name: "grep", arguments: { pattern: "process.env", path: "src" } }] },
  },
  {
    id: "llama33-semicolon-calls",
    format: "llama",
    kind: "positive",
    input:
      '<|python_tag|>{"name": "read_file", "parameters": {"path": "package.json"}}; {"name": "read_file", "parameters": {"path": "tsconfig.json"}}<|eom_id|>',
    expect: {
      calls: [
        { name: "read_file", arguments: { path: "package.json" } },
        { name: "read_file", arguments: { path: "tsconfig.json" } },
      ],
    },
  },
  {
    id: "llama32-string-numbers",
    format: "llama",
    kind: "messy",
    input: '{"name": "read_file", "parameters": {"path": "src/db.ts", "offset": "1", "limit": "120"}}',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/db.ts", offset: 1, limit: 120 } }],
      issues: ["value_coerced"],
    },
  },
  {
    id: "llama32-parameters-as-string",
    format: "llama",
    kind: "messy",
    input: '{"name": "web_search", "parameters": "{\\"query\\": \\"vitest mock esm module\\"}"}',
    expect: {
      calls: [{ name: "web_search", arguments: { query: "vitest mock esm module" } }],
      issues: ["arguments_as_string"],
    },
  },
  {
    id: "llama4-python-start",
    format: "llama",
    kind: "positive",
    input:
      '<|python_start|>[read_file(path="src/app.ts"), grep(pattern="useEffect", path="src")]<|python_end|>',
    expect: {
      calls: [
        { name: "read_file", arguments: { path: "src/app.ts" } },
        { name: "grep", arguments: { pattern: "useEffect", path: "src" } },
      ],
      text: "",
    },
  },
  {
    id: "llama31-eot-and-prose",
    format: "llama",
    kind: "positive",
    input:
      'Sure, let me check the file.\n\n{"name": "read_file", "parameters": {"path": "docs/api.md"}}<|eot_id|>',
    expect: { calls: [{ name: "read_file", arguments: { path: "docs/api.md" } }] },
  },
  {
    id: "llama32-python-tag-single-quotes",
    format: "llama",
    kind: "messy",
    input: "<|python_tag|>{'name': 'list_files', 'parameters': {'path': 'tests', 'recursive': True}}",
    expect: { calls: [{ name: "list_files", arguments: { path: "tests", recursive: true } }] },
  },
  {
    id: "llama31-code-interpreter",
    format: "llama",
    kind: "positive",
    input: "<|python_tag|>import math\nprint(math.factorial(20))<|eom_id|>",
    tools: LLAMA_BUILTIN_TOOLS,
    expect: {
      calls: [{ name: "code_interpreter", arguments: { code: "import math\nprint(math.factorial(20))" } }],
    },
  },
  {
    id: "llama31-code-interpreter-not-offered",
    format: "llama",
    kind: "negative",
    input: "<|python_tag|>import os\nprint(os.listdir('.'))<|eom_id|>",
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "llama31-python-tag-unknown-builtin",
    format: "llama",
    kind: "negative",
    input: '<|python_tag|>wolfram_alpha.call(query="integrate x^2")<|eom_id|>',
    expect: { calls: [], issues: ["unknown_tool"] },
  },
];
