/** YAML-ish `tool:`/`name:` blocks and ReAct `Action:`/`Action Input:`. */
import type { CorpusCase } from "./types.ts";

const FENCE = "```";

export const YAML_CASES: CorpusCase[] = [
  {
    id: "yaml-tool-key",
    format: "yaml",
    kind: "positive",
    input: "tool: bash\ncommand: npm test -- --watch=false",
    expect: { calls: [{ name: "bash", arguments: { command: "npm test -- --watch=false" } }], text: "" },
  },
  {
    id: "yaml-name-arguments-fenced",
    format: "yaml",
    kind: "positive",
    input: `Next I'll read the file.\n\n${FENCE}yaml\nname: read_file\narguments:\n  path: src/store.ts\n  limit: 50\n${FENCE}`,
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/store.ts", limit: 50 } }],
      text: "Next I'll read the file.",
    },
  },
  {
    id: "yaml-react",
    format: "yaml",
    kind: "positive",
    input:
      'Thought: I need to find where the config is loaded.\nAction: grep\nAction Input: {"pattern": "loadConfig", "path": "src"}',
    expect: {
      calls: [{ name: "grep", arguments: { pattern: "loadConfig", path: "src" } }],
      text: "Thought: I need to find where the config is loaded.",
    },
  },
  {
    id: "yaml-block-scalar",
    format: "yaml",
    kind: "positive",
    input:
      "tool: write_file\npath: scripts/clean.sh\ncontent: |\n  #!/bin/sh\n  rm -rf dist\n  echo cleaned\n",
    expect: {
      calls: [
        {
          name: "write_file",
          arguments: { path: "scripts/clean.sh", content: "#!/bin/sh\nrm -rf dist\necho cleaned\n" },
        },
      ],
    },
  },
  {
    id: "yaml-quoted-values",
    format: "yaml",
    kind: "positive",
    input: `${FENCE}yaml\ntool: edit_file\npath: "src/app.ts"\nold_string: 'const port = 3000'\nnew_string: "const port = Number(process.env.PORT ?? 3000)"\n${FENCE}`,
    expect: {
      calls: [
        {
          name: "edit_file",
          arguments: {
            path: "src/app.ts",
            old_string: "const port = 3000",
            new_string: "const port = Number(process.env.PORT ?? 3000)",
          },
        },
      ],
    },
  },
  {
    id: "yaml-alias-and-bool",
    format: "yaml",
    kind: "messy",
    input: "tool: grep\nquery: TODO\npath: src\nignore_case: yes",
    expect: {
      calls: [{ name: "grep", arguments: { pattern: "TODO", path: "src", case_insensitive: true } }],
      issues: ["parameter_renamed"],
    },
  },
  {
    id: "yaml-react-string-input",
    format: "yaml",
    kind: "messy",
    input:
      "Thought: Let me search the web.\nAction: web_search\nAction Input: how to pin a node version with volta",
    expect: {
      calls: [{ name: "web_search", arguments: { query: "how to pin a node version with volta" } }],
      issues: ["arguments_wrapped"],
    },
  },
];
