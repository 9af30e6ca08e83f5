/** GLM-4.5 / 4.6 / 4.7: `<tool_call>name<arg_key>…</arg_key><arg_value>…</arg_value></tool_call>`. */
import type { CorpusCase } from "./types.ts";

export const GLM_CASES: CorpusCase[] = [
  {
    id: "glm45-single",
    format: "glm",
    kind: "positive",
    input: "<tool_call>read_file\n<arg_key>path</arg_key>\n<arg_value>src/index.ts</arg_value>\n</tool_call>",
    expect: { calls: [{ name: "read_file", arguments: { path: "src/index.ts" } }], text: "" },
  },
  {
    id: "glm45-after-think",
    format: "glm",
    kind: "positive",
    input:
      "<think>The user wants the failing test fixed. First run the tests to see which one fails.</think>\nI'll run the test suite first.\n<tool_call>bash\n<arg_key>command</arg_key>\n<arg_value>npm test</arg_value>\n</tool_call>",
    expect: {
      calls: [{ name: "bash", arguments: { command: "npm test" } }],
      text: "<think>The user wants the failing test fixed. First run the tests to see which one fails.</think>\nI'll run the test suite first.",
    },
  },
  {
    id: "glm47-compact",
    format: "glm",
    kind: "positive",
    input:
      "<tool_call>grep<arg_key>pattern</arg_key><arg_value>class \\w+Service</arg_value><arg_key>path</arg_key><arg_value>src/services</arg_value></tool_call>",
    expect: { calls: [{ name: "grep", arguments: { pattern: "class \\w+Service", path: "src/services" } }] },
  },
  {
    id: "glm45-integer-values",
    format: "glm",
    kind: "positive",
    input:
      "<tool_call>read_file\n<arg_key>path</arg_key>\n<arg_value>server/routes.go</arg_value>\n<arg_key>offset</arg_key>\n<arg_value>200</arg_value>\n<arg_key>limit</arg_key>\n<arg_value>80</arg_value>\n</tool_call>",
    expect: {
      calls: [{ name: "read_file", arguments: { path: "server/routes.go", offset: 200, limit: 80 } }],
    },
  },
  {
    id: "glm45-json-array-value",
    format: "glm",
    kind: "positive",
    input:
      '<tool_call>todo_write\n<arg_key>todos</arg_key>\n<arg_value>[{"content": "Update the schema", "status": "completed"}, {"content": "Run migrations", "status": "pending"}]</arg_value>\n</tool_call>',
    expect: {
      calls: [
        {
          name: "todo_write",
          arguments: {
            todos: [
              { content: "Update the schema", status: "completed" },
              { content: "Run migrations", status: "pending" },
            ],
          },
        },
      ],
    },
  },
  {
    id: "glm45-two-calls",
    format: "glm",
    kind: "positive",
    input:
      "<tool_call>read_file\n<arg_key>path</arg_key>\n<arg_value>Cargo.toml</arg_value>\n</tool_call>\n<tool_call>list_files\n<arg_key>path</arg_key>\n<arg_value>src</arg_value>\n</tool_call>",
    expect: {
      calls: [
        { name: "read_file", arguments: { path: "Cargo.toml" } },
        { name: "list_files", arguments: { path: "src" } },
      ],
      text: "",
    },
  },
  {
    id: "glm45-air-camelcase-key",
    format: "glm",
    kind: "messy",
    input:
      "Let me search for configuration files in the backend directory: <tool_call>list_files <arg_key>dirPath</arg_key> <arg_value>backend</arg_value> </tool_call>",
    expect: {
      calls: [{ name: "list_files", arguments: { path: "backend" } }],
      issues: ["parameter_renamed"],
      text: "Let me search for configuration files in the backend directory:",
    },
  },
  {
    id: "glm45-unclosed",
    format: "glm",
    kind: "messy",
    input: "<tool_call>bash\n<arg_key>command</arg_key>\n<arg_value>make lint</arg_value>\n",
    expect: { calls: [{ name: "bash", arguments: { command: "make lint" } }], issues: ["unclosed_block"] },
  },
  {
    id: "glm45-multiline-value",
    format: "glm",
    kind: "positive",
    input:
      "<tool_call>write_file\n<arg_key>path</arg_key>\n<arg_value>.gitignore</arg_value>\n<arg_key>content</arg_key>\n<arg_value>node_modules/\ndist/\n.env\n</arg_value>\n</tool_call>",
    expect: {
      calls: [
        { name: "write_file", arguments: { path: ".gitignore", content: "node_modules/\ndist/\n.env\n" } },
      ],
    },
  },
];
