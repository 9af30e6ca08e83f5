/** JSON without special tokens: xLAM arrays, ```json fences, JSON in prose, OpenAI/ReAct shapes. */
import { WEATHER_TOOLS } from "./tools.ts";
import type { CorpusCase } from "./types.ts";

const FENCE = "```";

export const JSON_CASES: CorpusCase[] = [
  {
    id: "xlam-array",
    format: "xlam",
    kind: "positive",
    input: '[{"name": "get_weather", "arguments": {"location": "New York", "unit": "fahrenheit"}}]',
    tools: WEATHER_TOOLS,
    expect: {
      calls: [{ name: "get_weather", arguments: { location: "New York", unit: "fahrenheit" } }],
      text: "",
    },
  },
  {
    id: "xlam-parallel",
    format: "xlam",
    kind: "positive",
    input:
      '[{"name": "read_file", "arguments": {"path": "src/cli.ts"}}, {"name": "grep", "arguments": {"pattern": "parseArgs", "path": "src"}}]',
    expect: {
      calls: [
        { name: "read_file", arguments: { path: "src/cli.ts" } },
        { name: "grep", arguments: { pattern: "parseArgs", path: "src" } },
      ],
    },
  },
  {
    id: "xlam-v1-thought-tool-calls",
    format: "xlam",
    kind: "positive",
    input:
      '{"thought": "I need to look at the failing test file.", "tool_calls": [{"name": "read_file", "arguments": {"path": "tests/test_parser.py"}}]}',
    expect: { calls: [{ name: "read_file", arguments: { path: "tests/test_parser.py" } }] },
  },
  {
    id: "xlam-fenced",
    format: "xlam",
    kind: "positive",
    input: `${FENCE}json\n[{"name": "bash", "arguments": {"command": "docker compose ps"}}]\n${FENCE}`,
    expect: { calls: [{ name: "bash", arguments: { command: "docker compose ps" } }], text: "" },
  },
  {
    id: "xlam-string-numbers",
    format: "xlam",
    kind: "messy",
    input:
      '[{"name": "web_search", "arguments": {"query": "zod v4 discriminated union", "max_results": "5"}}]',
    expect: {
      calls: [{ name: "web_search", arguments: { query: "zod v4 discriminated union", max_results: 5 } }],
      issues: ["value_coerced"],
    },
  },
  {
    id: "json-fence-after-prose",
    format: "json",
    kind: "positive",
    input: `I'll open the entry point to see how the router is set up.\n\n${FENCE}json\n{\n  "name": "read_file",\n  "arguments": {\n    "path": "src/router/index.ts"\n  }\n}\n${FENCE}`,
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/router/index.ts" } }],
      text: "I'll open the entry point to see how the router is set up.",
    },
  },
  {
    id: "json-inline-prose",
    format: "json",
    kind: "messy",
    input: 'Calling {"name": "bash", "arguments": {"command": "ls"}} to see the files.',
    expect: { calls: [{ name: "bash", arguments: { command: "ls" } }], text: "Calling  to see the files." },
  },
  {
    id: "json-unlabeled-fence",
    format: "json",
    kind: "positive",
    input: `${FENCE}\n{"name": "list_files", "arguments": {"path": "src/components"}}\n${FENCE}`,
    expect: { calls: [{ name: "list_files", arguments: { path: "src/components" } }], text: "" },
  },
  {
    id: "json-openai-shape",
    format: "json",
    kind: "messy",
    input:
      '{"type": "function", "function": {"name": "grep", "arguments": "{\\"pattern\\": \\"console\\\\\\\\.log\\", \\"path\\": \\"src\\"}"}}',
    expect: { calls: [{ name: "grep", arguments: { pattern: "console\\.log", path: "src" } }] },
  },
  {
    id: "json-react-action",
    format: "json",
    kind: "positive",
    input: `${FENCE}json\n{"action": "web_search", "action_input": {"query": "postgres upsert returning"}}\n${FENCE}`,
    expect: { calls: [{ name: "web_search", arguments: { query: "postgres upsert returning" } }] },
  },
  {
    id: "json-single-quotes-fence",
    format: "json",
    kind: "messy",
    input: `${FENCE}json\n{'name': 'edit_file', 'arguments': {'path': 'app.py', 'old_string': 'DEBUG = True', 'new_string': 'DEBUG = False'}}\n${FENCE}`,
    expect: {
      calls: [
        {
          name: "edit_file",
          arguments: { path: "app.py", old_string: "DEBUG = True", new_string: "DEBUG = False" },
        },
      ],
      issues: ["json_repaired"],
    },
  },
  {
    id: "json-flat-whole-reply",
    format: "json",
    kind: "messy",
    input: '{"tool": "bash", "command": "npm install zod@4"}',
    expect: { calls: [{ name: "bash", arguments: { command: "npm install zod@4" } }] },
  },
  {
    id: "json-missing-closers",
    format: "json",
    kind: "messy",
    input: `${FENCE}json\n{"name": "read_file", "arguments": {"path": "server/index.js"\n${FENCE}`,
    expect: {
      calls: [{ name: "read_file", arguments: { path: "server/index.js" } }],
      issues: ["json_repaired"],
    },
  },
  {
    id: "json-near-miss-name",
    format: "json",
    kind: "messy",
    input: `${FENCE}json\n{"name": "ListFiles", "arguments": {"directory": "lib"}}\n${FENCE}`,
    expect: {
      calls: [{ name: "list_files", arguments: { path: "lib" } }],
      issues: ["tool_name_corrected", "parameter_renamed"],
    },
  },
  {
    id: "json-unknown-tool-fenced",
    format: "json",
    kind: "negative",
    input: `I'll deploy it now.\n${FENCE}json\n{"name": "deploy", "arguments": {"env": "staging"}}\n${FENCE}`,
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "json-tool-key-fence-with-prose",
    format: "json",
    kind: "positive",
    input:
      'Sure! Here is the call:\n\n```json\n{\n  "tool": "read_file",\n  "arguments": {\n    "path": "src/index.ts"\n  }\n}\n```\n\nLet me know if you need anything else.',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/index.ts" } }],
      text: "Sure! Here is the call:\n\nLet me know if you need anything else.",
    },
  },
  {
    id: "json-lines-two-calls",
    format: "json",
    kind: "messy",
    input:
      '{"name": "read_file", "arguments": {"path": "src/a.ts"}}\n{"name": "read_file", "arguments": {"path": "src/b.ts"}}',
    expect: {
      calls: [
        { name: "read_file", arguments: { path: "src/a.ts" } },
        { name: "read_file", arguments: { path: "src/b.ts" } },
      ],
      text: "",
    },
  },
  {
    id: "json-escaped-brace-in-string",
    format: "json",
    kind: "positive",
    input: `\`\`\`json\n{"name": "bash", "arguments": {"command": "awk '{print $1}' access.log | sort | uniq -c"}}\n\`\`\``,
    expect: {
      calls: [{ name: "bash", arguments: { command: "awk '{print $1}' access.log | sort | uniq -c" } }],
    },
  },
  {
    id: "json-nested-arguments-wrapper",
    format: "json",
    kind: "messy",
    input: '{"name": "bash", "arguments": {"arguments": {"command": "go test ./..."}}}',
    expect: { calls: [{ name: "bash", arguments: { command: "go test ./..." } }] },
  },
  {
    id: "json-bare-string-arguments",
    format: "json",
    kind: "messy",
    input: '{"name": "bash", "arguments": "ls -la ~/projects"}',
    expect: {
      calls: [{ name: "bash", arguments: { command: "ls -la ~/projects" } }],
      issues: ["arguments_wrapped"],
    },
  },
  {
    id: "json-content-object-stringified",
    format: "json",
    kind: "messy",
    input: `${FENCE}json\n{"name": "write_file", "arguments": {"path": ".prettierrc", "content": {"semi": false, "singleQuote": true}}}\n${FENCE}`,
    expect: {
      calls: [
        {
          name: "write_file",
          arguments: { path: ".prettierrc", content: '{\n  "semi": false,\n  "singleQuote": true\n}' },
        },
      ],
      issues: ["value_coerced"],
    },
  },
];
