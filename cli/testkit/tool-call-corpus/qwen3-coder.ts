/** Qwen3-Coder XML (`<function=…><parameter=…>`), Llama 3.1 `<function=…>{json}`, MiniMax-M2 `<invoke>`. */
import type { CorpusCase } from "./types.ts";

export const QWEN3_CODER_CASES: CorpusCase[] = [
  {
    id: "qwen3coder-single",
    format: "qwen3-coder",
    kind: "positive",
    input:
      "<tool_call>\n<function=read_file>\n<parameter=path>\nsrc/index.ts\n</parameter>\n</function>\n</tool_call>",
    expect: { calls: [{ name: "read_file", arguments: { path: "src/index.ts" } }], text: "" },
  },
  {
    id: "qwen3coder-preamble-and-ints",
    format: "qwen3-coder",
    kind: "positive",
    input:
      "Let me look at the handler around the failing line.\n\n<tool_call>\n<function=read_file>\n<parameter=path>\nsrc/api/handler.ts\n</parameter>\n<parameter=offset>\n80\n</parameter>\n<parameter=limit>\n40\n</parameter>\n</function>\n</tool_call>",
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/api/handler.ts", offset: 80, limit: 40 } }],
      text: "Let me look at the handler around the failing line.",
    },
  },
  {
    id: "qwen3coder-multiline-content",
    format: "qwen3-coder",
    kind: "positive",
    input:
      "<tool_call>\n<function=write_file>\n<parameter=path>\nsrc/math.ts\n</parameter>\n<parameter=content>\nexport function clamp(n: number, lo: number, hi: number): number {\n  return n < lo ? lo : n > hi ? hi : n;\n}\n\nexport const EPSILON = 1e-9;\n</parameter>\n</function>\n</tool_call>",
    expect: {
      calls: [
        {
          name: "write_file",
          arguments: {
            path: "src/math.ts",
            content:
              "export function clamp(n: number, lo: number, hi: number): number {\n  return n < lo ? lo : n > hi ? hi : n;\n}\n\nexport const EPSILON = 1e-9;",
          },
        },
      ],
    },
  },
  {
    id: "qwen3coder-two-calls",
    format: "qwen3-coder",
    kind: "positive",
    input:
      "<tool_call>\n<function=grep>\n<parameter=pattern>\nTODO|FIXME\n</parameter>\n<parameter=path>\nsrc\n</parameter>\n</function>\n</tool_call>\n<tool_call>\n<function=list_files>\n<parameter=path>\nsrc\n</parameter>\n<parameter=recursive>\ntrue\n</parameter>\n</function>\n</tool_call>",
    expect: {
      calls: [
        { name: "grep", arguments: { pattern: "TODO|FIXME", path: "src" } },
        { name: "list_files", arguments: { path: "src", recursive: true } },
      ],
      text: "",
    },
  },
  {
    id: "qwen3coder-edit-with-markdown-fence",
    format: "qwen3-coder",
    kind: "positive",
    input:
      '<tool_call>\n<function=edit_file>\n<parameter=path>\nREADME.md\n</parameter>\n<parameter=old_string>\n## Usage\n</parameter>\n<parameter=new_string>\n## Usage\n\n```bash\nnpx smallcode run "fix the tests"\n```\n</parameter>\n</function>\n</tool_call>',
    expect: {
      calls: [
        {
          name: "edit_file",
          arguments: {
            path: "README.md",
            old_string: "## Usage",
            new_string: '## Usage\n\n```bash\nnpx smallcode run "fix the tests"\n```',
          },
        },
      ],
    },
  },
  {
    id: "qwen3coder-array-parameter",
    format: "qwen3-coder",
    kind: "positive",
    input:
      '<tool_call>\n<function=todo_write>\n<parameter=todos>\n[{"content": "Reproduce the crash", "status": "in_progress"}, {"content": "Add a regression test", "status": "pending"}]\n</parameter>\n</function>\n</tool_call>',
    expect: {
      calls: [
        {
          name: "todo_write",
          arguments: {
            todos: [
              { content: "Reproduce the crash", status: "in_progress" },
              { content: "Add a regression test", status: "pending" },
            ],
          },
        },
      ],
    },
  },
  {
    id: "qwen3coder-missing-parameter-closers",
    format: "qwen3-coder",
    kind: "messy",
    input:
      "<tool_call>\n<function=read_file>\n<parameter=path>\nlib/parser.js\n<parameter=limit>\n50\n</function>\n</tool_call>",
    expect: { calls: [{ name: "read_file", arguments: { path: "lib/parser.js", limit: 50 } }] },
  },
  {
    id: "qwen3coder-cut-at-end",
    format: "qwen3-coder",
    kind: "messy",
    input: "<tool_call>\n<function=bash>\n<parameter=command>\ncargo test --all\n</parameter>\n",
    expect: {
      calls: [{ name: "bash", arguments: { command: "cargo test --all" } }],
      issues: ["unclosed_block"],
    },
  },
  {
    id: "qwen3coder-no-wrapper",
    format: "qwen3-coder",
    kind: "messy",
    input: "<function=list_files>\n<parameter=path>\npackages/core\n</parameter>\n</function>",
    expect: { calls: [{ name: "list_files", arguments: { path: "packages/core" } }], text: "" },
  },
  {
    id: "qwen3coder-alias-parameter",
    format: "qwen3-coder",
    kind: "messy",
    input:
      "<tool_call>\n<function=bash>\n<parameter=cmd>\ngo vet ./...\n</parameter>\n</function>\n</tool_call>",
    expect: {
      calls: [{ name: "bash", arguments: { command: "go vet ./..." } }],
      issues: ["parameter_renamed"],
    },
  },
  {
    id: "qwen3coder-boolean-string",
    format: "qwen3-coder",
    kind: "positive",
    input:
      "<tool_call>\n<function=edit_file>\n<parameter=path>\nsrc/log.ts\n</parameter>\n<parameter=old_string>\nconsole.log(\n</parameter>\n<parameter=new_string>\nlogger.debug(\n</parameter>\n<parameter=replace_all>\nTrue\n</parameter>\n</function>\n</tool_call>",
    expect: {
      calls: [
        {
          name: "edit_file",
          arguments: {
            path: "src/log.ts",
            old_string: "console.log(",
            new_string: "logger.debug(",
            replace_all: true,
          },
        },
      ],
    },
  },
  {
    id: "qwen3coder-numeric-string-param-kept",
    format: "qwen3-coder",
    kind: "positive",
    input: "<tool_call>\n<function=grep>\n<parameter=pattern>\n404\n</parameter>\n</function>\n</tool_call>",
    expect: { calls: [{ name: "grep", arguments: { pattern: "404" } }] },
  },
  {
    id: "qwen3coder-in-xml-fence",
    format: "qwen3-coder",
    kind: "messy",
    input:
      "```xml\n<tool_call>\n<function=bash>\n<parameter=command>\ngit status --short\n</parameter>\n</function>\n</tool_call>\n```",
    expect: { calls: [{ name: "bash", arguments: { command: "git status --short" } }], text: "" },
  },
  {
    id: "qwen3coder-unknown-function",
    format: "qwen3-coder",
    kind: "negative",
    input:
      "<tool_call>\n<function=str_replace_editor>\n<parameter=command>\nview\n</parameter>\n<parameter=path>\n/repo/setup.py\n</parameter>\n</function>\n</tool_call>",
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "llama31-function-tag-json",
    format: "llama",
    kind: "positive",
    input: '<function=web_search>{"query": "typescript 5.8 erasableSyntaxOnly"}</function>',
    expect: {
      calls: [{ name: "web_search", arguments: { query: "typescript 5.8 erasableSyntaxOnly" } }],
      text: "",
    },
  },
  {
    id: "minimax-m2-invoke",
    format: "xml-invoke",
    kind: "positive",
    input:
      '<minimax:tool_call>\n<invoke name="read_file">\n<parameter name="path">src/app.tsx</parameter>\n<parameter name="limit">100</parameter>\n</invoke>\n</minimax:tool_call>',
    expect: { calls: [{ name: "read_file", arguments: { path: "src/app.tsx", limit: 100 } }], text: "" },
  },
  {
    id: "xml-invoke-function-calls",
    format: "xml-invoke",
    kind: "positive",
    input:
      'Searching first.\n<function_calls>\n<invoke name="grep">\n<parameter name="pattern">export default</parameter>\n<parameter name="include">*.tsx</parameter>\n</invoke>\n</function_calls>',
    expect: {
      calls: [{ name: "grep", arguments: { pattern: "export default", include: "*.tsx" } }],
      text: "Searching first.",
    },
  },
];
