/** Mistral `[TOOL_CALLS]`: the old JSON array (v2–v7) and the new `name[ARGS]{…}` form (v11+). */
import { WEATHER_TOOLS } from "./tools.ts";
import type { CorpusCase } from "./types.ts";

export const MISTRAL_CASES: CorpusCase[] = [
  {
    id: "mistral-v3-array",
    format: "mistral",
    kind: "positive",
    input: '[TOOL_CALLS] [{"name": "read_file", "arguments": {"path": "app/models.py"}}]',
    expect: { calls: [{ name: "read_file", arguments: { path: "app/models.py" } }], text: "" },
  },
  {
    id: "mistral-v7-array-with-id",
    format: "mistral",
    kind: "positive",
    input:
      '[TOOL_CALLS][{"name": "bash", "arguments": {"command": "pytest -q tests/test_api.py"}, "id": "a1B2c3D4e"}]</s>',
    expect: { calls: [{ name: "bash", arguments: { command: "pytest -q tests/test_api.py" } }] },
  },
  {
    id: "mistral-array-parallel",
    format: "mistral",
    kind: "positive",
    input:
      '[TOOL_CALLS] [{"name": "get_weather", "arguments": {"location": "Paris", "unit": "celsius"}}, {"name": "get_time", "arguments": {"timezone": "Europe/Paris"}}]',
    tools: WEATHER_TOOLS,
    expect: {
      calls: [
        { name: "get_weather", arguments: { location: "Paris", unit: "celsius" } },
        { name: "get_time", arguments: { timezone: "Europe/Paris" } },
      ],
    },
  },
  {
    id: "mistral-v11-args",
    format: "mistral",
    kind: "positive",
    input: '[TOOL_CALLS]read_file[ARGS]{"path": "src/lib.rs"}',
    expect: { calls: [{ name: "read_file", arguments: { path: "src/lib.rs" } }], text: "" },
  },
  {
    id: "mistral-v11-two-calls",
    format: "mistral",
    kind: "positive",
    input:
      '[TOOL_CALLS]grep[ARGS]{"pattern": "unwrap\\\\(\\\\)", "path": "src"}[TOOL_CALLS]read_file[ARGS]{"path": "src/main.rs"}',
    expect: {
      calls: [
        { name: "grep", arguments: { pattern: "unwrap\\(\\)", path: "src" } },
        { name: "read_file", arguments: { path: "src/main.rs" } },
      ],
    },
  },
  {
    id: "mistral-devstral-name-json",
    format: "mistral",
    kind: "positive",
    input: '[TOOL_CALLS]list_files{"path": "crates", "recursive": false}',
    expect: { calls: [{ name: "list_files", arguments: { path: "crates", recursive: false } }] },
  },
  {
    id: "mistral-call-id",
    format: "mistral",
    kind: "positive",
    input: '[TOOL_CALLS]bash[CALL_ID]x7Yq2LmN9[ARGS]{"command": "cargo build --release"}',
    expect: { calls: [{ name: "bash", arguments: { command: "cargo build --release" } }] },
  },
  {
    id: "mistral-content-then-call",
    format: "mistral",
    kind: "positive",
    input: 'I\'ll check which tests are failing first.[TOOL_CALLS]bash[ARGS]{"command": "npm test"}',
    expect: {
      calls: [{ name: "bash", arguments: { command: "npm test" } }],
      text: "I'll check which tests are failing first.",
    },
  },
  {
    id: "mistral-single-quotes",
    format: "mistral",
    kind: "messy",
    input: "[TOOL_CALLS]read_file[ARGS]{'path': 'setup.cfg'}",
    expect: { calls: [{ name: "read_file", arguments: { path: "setup.cfg" } }], issues: ["json_repaired"] },
  },
  {
    id: "mistral-string-numbers",
    format: "mistral",
    kind: "messy",
    input: '[TOOL_CALLS]read_file[ARGS]{"path": "src/parser.c", "offset": "310", "limit": "45"}',
    expect: {
      calls: [{ name: "read_file", arguments: { path: "src/parser.c", offset: 310, limit: 45 } }],
      issues: ["value_coerced"],
    },
  },
  {
    id: "mistral-truncated",
    format: "mistral",
    kind: "negative",
    input:
      '[TOOL_CALLS]write_file[ARGS]{"path": "cli.py", "content": "import argparse\\n\\ndef main():\\n    parser = argparse.ArgumentParser(',
    expect: { calls: [], issues: ["truncated_call"] },
  },
  {
    id: "mistral-bare-token-at-end",
    format: "mistral",
    kind: "negative",
    input: "Let me look at the logs.[TOOL_CALLS]",
    expect: { calls: [], issues: ["malformed_call"] },
  },
  {
    id: "mistral-old-single-object",
    format: "mistral",
    kind: "messy",
    input: '[TOOL_CALLS] {"name": "web_search", "arguments": {"query": "rust borrow checker E0502"}}',
    expect: { calls: [{ name: "web_search", arguments: { query: "rust borrow checker E0502" } }] },
  },
];
