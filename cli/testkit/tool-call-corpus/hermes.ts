/** Hermes / Qwen 2.5–3 / Granite 4 / Nemotron: JSON inside `<tool_call>` tags. */
import { ALIASED_TOOLS } from "./tools.ts";
import type { CorpusCase } from "./types.ts";

export const HERMES_CASES: CorpusCase[] = [
  {
    id: "hermes-qwen25-with-preamble",
    format: "hermes",
    kind: "positive",
    input:
      'I\'ll start by reading the main module.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "src/main.py"}}\n</tool_call>',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/main.py" } }],
      text: "I'll start by reading the main module.",
    },
  },
  {
    id: "hermes-parallel-blocks",
    format: "hermes",
    kind: "positive",
    input:
      '<tool_call>\n{"name": "grep", "arguments": {"pattern": "def test_", "path": "tests"}}\n</tool_call>\n<tool_call>\n{"name": "read_file", "arguments": {"path": "pyproject.toml"}}\n</tool_call>',
    expect: {
      calls: [
        { name: "grep", arguments: { pattern: "def test_", path: "tests" } },
        { name: "read_file", arguments: { path: "pyproject.toml" } },
      ],
      text: "",
    },
  },
  {
    id: "hermes-qwen3-after-think",
    format: "hermes",
    kind: "positive",
    input:
      '<think>\nThe user says the build fails. I should run the build to see the error first.\n</think>\n\n<tool_call>\n{"name": "bash", "arguments": {"command": "npm run build"}}\n</tool_call>',
    expect: { calls: [{ name: "bash", arguments: { command: "npm run build" } }] },
  },
  {
    id: "hermes-unclosed-stop-sequence",
    format: "hermes",
    kind: "messy",
    input: '<tool_call>\n{"name": "bash", "arguments": {"command": "pytest -x -q"}}\n',
    expect: {
      calls: [{ name: "bash", arguments: { command: "pytest -x -q" } }],
      issues: ["unclosed_block"],
      text: "",
    },
  },
  {
    id: "hermes2pro-python-dict",
    format: "hermes",
    kind: "messy",
    input: "<tool_call>\n{'arguments': {'path': 'README.md'}, 'name': 'read_file'}\n</tool_call>",
    expect: { calls: [{ name: "read_file", arguments: { path: "README.md" } }], issues: ["json_repaired"] },
  },
  {
    id: "hermes-trailing-comma-python-true",
    format: "hermes",
    kind: "messy",
    input:
      '<tool_call>\n{"name": "list_files", "arguments": {"path": "src", "recursive": True,}}\n</tool_call>',
    expect: {
      calls: [{ name: "list_files", arguments: { path: "src", recursive: true } }],
      issues: ["json_repaired"],
    },
  },
  {
    id: "hermes-arguments-as-json-string",
    format: "hermes",
    kind: "messy",
    input:
      '<tool_call>\n{"name": "grep", "arguments": "{\\"pattern\\": \\"useState\\", \\"path\\": \\"src/components\\"}"}\n</tool_call>',
    expect: {
      calls: [{ name: "grep", arguments: { pattern: "useState", path: "src/components" } }],
      issues: ["arguments_as_string"],
    },
  },
  {
    id: "hermes-flat-arguments",
    format: "hermes",
    kind: "messy",
    input: '<tool_call>\n{"name": "bash", "command": "git diff --stat"}\n</tool_call>',
    expect: { calls: [{ name: "bash", arguments: { command: "git diff --stat" } }] },
  },
  {
    id: "hermes-unquoted-keys",
    format: "hermes",
    kind: "messy",
    input:
      '<tool_call>\n{name: "read_file", arguments: {path: "src/router.ts", offset: 120, limit: 60}}\n</tool_call>',
    expect: { calls: [{ name: "read_file", arguments: { path: "src/router.ts", offset: 120, limit: 60 } }] },
  },
  {
    id: "hermes-missing-closers",
    format: "hermes",
    kind: "messy",
    input:
      '<tool_call>\n{"name": "edit_file", "arguments": {"path": "src/config.ts", "old_string": "port: 3000", "new_string": "port: 8080"\n</tool_call>',
    expect: {
      calls: [
        {
          name: "edit_file",
          arguments: { path: "src/config.ts", old_string: "port: 3000", new_string: "port: 8080" },
        },
      ],
      issues: ["json_repaired"],
    },
  },
  {
    id: "hermes-two-objects-one-block",
    format: "hermes",
    kind: "messy",
    input:
      '<tool_call>\n{"name": "read_file", "arguments": {"path": "src/a.ts"}}\n{"name": "read_file", "arguments": {"path": "src/b.ts"}}\n</tool_call>',
    expect: {
      calls: [
        { name: "read_file", arguments: { path: "src/a.ts" } },
        { name: "read_file", arguments: { path: "src/b.ts" } },
      ],
    },
  },
  {
    id: "hermes-near-miss-name",
    format: "hermes",
    kind: "messy",
    input: '<tool_call>\n{"name": "read-file", "arguments": {"filename": "docs/setup.md"}}\n</tool_call>',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "docs/setup.md" } }],
      issues: ["tool_name_corrected", "parameter_renamed"],
    },
  },
  {
    id: "hermes-typo-name",
    format: "hermes",
    kind: "messy",
    input:
      '<tool_call>\n{"name": "wirte_file", "arguments": {"path": "notes.txt", "content": "done\\n"}}\n</tool_call>',
    expect: {
      calls: [{ name: "write_file", arguments: { path: "notes.txt", content: "done\n" } }],
      issues: ["tool_name_corrected"],
    },
  },
  {
    id: "hermes-unknown-tool",
    format: "hermes",
    kind: "negative",
    input:
      'Running the suite.\n<tool_call>\n{"name": "run_tests", "arguments": {"path": "tests/"}}\n</tool_call>',
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "hermes-beyond-repair",
    format: "hermes",
    kind: "negative",
    input:
      '<tool_call>\n{"name": "edit_file", "arguments": {"path": "src/a.ts", "old_string": <<<\n  const x = 1;\n>>>, "new_string": <<<\n  const x = 2;\n>>>}}\n</tool_call>',
    expect: { calls: [], issues: ["malformed_call"] },
  },
  {
    id: "hermes-truncated-content",
    format: "hermes",
    kind: "negative",
    input:
      '<tool_call>\n{"name": "write_file", "arguments": {"path": "src/server.ts", "content": "import express from \\"express\\";\\n\\nconst app = express();\\napp.get(\\"/\\", (req, res) => {',
    expect: { calls: [], issues: ["truncated_call"] },
  },
  {
    id: "hermes-glm4-name-then-json",
    format: "hermes",
    kind: "messy",
    input: '<tool_call>web_search\n{"query": "vite 6 migration guide"}\n</tool_call>',
    expect: { calls: [{ name: "web_search", arguments: { query: "vite 6 migration guide" } }] },
  },
  {
    id: "hermes-empty-block",
    format: "hermes",
    kind: "negative",
    input: "Let me check that.\n<tool_call>\n</tool_call>",
    expect: { calls: [], issues: ["malformed_call"] },
  },
  {
    id: "hermes-trailing-note-inside-block",
    format: "hermes",
    kind: "messy",
    input:
      '<tool_call>\n{"name": "read_file", "arguments": {"path": "src/db/schema.sql"}}\nI will wait for the result before continuing.\n</tool_call>',
    expect: { calls: [{ name: "read_file", arguments: { path: "src/db/schema.sql" } }] },
  },
  {
    id: "hermes-declared-alias",
    format: "hermes",
    kind: "messy",
    input:
      '<tool_call>\n{"name": "run_tests", "arguments": {"only": "parser handles unicode", "watch": "false"}}\n</tool_call>',
    tools: ALIASED_TOOLS,
    expect: {
      calls: [{ name: "run_tests", arguments: { filter: "parser handles unicode", watch: false } }],
      issues: ["parameter_renamed", "value_coerced"],
    },
  },
  {
    id: "hermes-parameters-key",
    format: "hermes",
    kind: "messy",
    input:
      '<tool_call>\n{"name": "grep", "parameters": {"pattern": "export function", "include": "*.ts"}}\n</tool_call>',
    expect: { calls: [{ name: "grep", arguments: { pattern: "export function", include: "*.ts" } }] },
  },
  {
    id: "hermes-closing-tag-inside-string",
    format: "hermes",
    kind: "positive",
    input:
      '<tool_call>\n{"name": "write_file", "arguments": {"path": "src/tags.ts", "content": "export const OPEN = \\"<tool_call>\\";\\nexport const CLOSE = \\"</tool_call>\\";\\n"}}\n</tool_call>',
    expect: {
      calls: [
        {
          name: "write_file",
          arguments: {
            path: "src/tags.ts",
            content: 'export const OPEN = "<tool_call>";\nexport const CLOSE = "</tool_call>";\n',
          },
        },
      ],
      text: "",
    },
  },
  {
    id: "nemotron-toolcall-array",
    format: "hermes",
    kind: "positive",
    input:
      '<TOOLCALL>[{"name": "list_files", "arguments": {"path": "."}}, {"name": "read_file", "arguments": {"path": "Makefile"}}]</TOOLCALL>',
    expect: {
      calls: [
        { name: "list_files", arguments: { path: "." } },
        { name: "read_file", arguments: { path: "Makefile" } },
      ],
      text: "",
    },
  },
  {
    id: "hermes-content-with-escapes",
    format: "hermes",
    kind: "positive",
    input:
      '<tool_call>\n{"name": "write_file", "arguments": {"path": "hello.py", "content": "def main():\\n    print(\\"hello, world\\")\\n\\nif __name__ == \\"__main__\\":\\n    main()\\n"}}\n</tool_call>',
    expect: {
      calls: [
        {
          name: "write_file",
          arguments: {
            path: "hello.py",
            content: 'def main():\n    print("hello, world")\n\nif __name__ == "__main__":\n    main()\n',
          },
        },
      ],
    },
  },
];
