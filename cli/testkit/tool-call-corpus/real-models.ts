/**
 * Replies recorded from real small models driving SmallCode's benchmark (`bench --suite micro`,
 * 2026-12-05), verbatim: Qwen2.5-Coder-0.5B-Instruct Q4_K_M and SmolLM2-135M-Instruct Q4_1 behind
 * llama-cpp-python 0.3.36's server, which renders the tools with the model's own template and returns
 * the model's call as text (never `tool_calls`) when `tool_choice` is auto. What they show: a 0.5B
 * model writes a well-shaped JSON call in a fence but names a file, a value or an invented verb as the
 * tool; echoes a tool's schema instead of calling it; and a 135M model answers with a script. The ids
 * name the model and the benchmark task the reply came from.
 */
import type { CorpusCase } from "./types.ts";

const FENCE = "```";

export const REAL_MODEL_CASES: CorpusCase[] = [
  {
    id: "real-qwen25coder05b-schema-shaped-call",
    format: "qwen2.5-coder",
    kind: "messy",
    // micro/sh-make-executable: the call written in the shape of the tool's declaration
    input:
      '{"name": "bash", "description": "Run a shell command in the project; cwd and env persist between calls.", "parameters": {"command": "chmod +x hello.sh", "timeout_s": 0}}',
    expect: { calls: [{ name: "bash", arguments: { command: "chmod +x hello.sh", timeout: 0 } }], text: "" },
  },
  {
    id: "real-qwen25coder05b-schema-echo",
    format: "negative",
    kind: "negative",
    // micro/sh-make-executable, the turn before: the declaration itself, no arguments to run
    input:
      '{"name": "bash", "description": "Run a shell command in the project; cwd and env persist between calls.", "parameters": {"type": "object", "properties": {"command": {"type": "string"}, "timeout_s": {"type": "integer"}}}, "required": ["command"]}}',
    expect: { calls: [] },
  },
  {
    id: "real-qwen25coder05b-file-as-tool-fenced",
    format: "qwen2.5-coder",
    kind: "negative",
    // micro/js-compare-bug: the file to fix as the tool's name, bash's parameters
    input: `${FENCE}json\n{\n  "name": "age.js",\n  "arguments": {\n    "command": "isAdult(18)",\n    "timeout_s": 0\n  }\n}\n${FENCE}`,
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "real-qwen25coder05b-file-as-tool-bare",
    format: "qwen2.5-coder",
    kind: "negative",
    // micro/py-add-bug
    input:
      '{\n  "name": "test_calc.py",\n  "arguments": {\n    "command": "add(2, 3)",\n    "timeout_s": 1\n  }\n}',
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "real-qwen25coder05b-invented-verb",
    format: "qwen2.5-coder",
    kind: "negative",
    // micro/run-report: the task's words as a tool name, the right command inside
    input: `${FENCE}json\n{\n  "name": "run_python3_secret.py",\n  "arguments": {\n    "command": "python3 secret.py"\n  }\n}\n${FENCE}`,
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "real-qwen25coder05b-invented-function",
    format: "qwen2.5-coder",
    kind: "negative",
    // micro/js-change-constant
    input: `${FENCE}json\n{\n  "name": "change_max_users",\n  "arguments": {\n    "MAX_USERS": 25\n  }\n}\n${FENCE}`,
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "real-qwen25coder05b-key-as-tool-one-line",
    format: "qwen2.5-coder",
    kind: "negative",
    // micro/json-set-value
    input: '{"name": "theme", "arguments": {"value": "dark"}}',
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "real-qwen25coder05b-desired-json-not-a-call",
    format: "negative",
    kind: "negative",
    // micro/json-add-key: the JSON it wants written, not a call (no arguments object)
    input: `${FENCE}json\n{\n  "name": "package.json",\n  "version": "1.0.0"\n}\n${FENCE}`,
    expect: { calls: [] },
  },
  {
    id: "real-qwen25coder05b-file-as-tool-content",
    format: "qwen2.5-coder",
    kind: "negative",
    // micro/txt-fix-typo
    input: `{"name": "notes.txt", "arguments": {"content": "The word 'recieve' should be 'receive'."}}`,
    expect: { calls: [], issues: ["unknown_tool"] },
  },
  {
    id: "real-smollm2-135m-script-instead-of-call",
    format: "negative",
    kind: "negative",
    // "Create a file named hi.txt containing the word hello": the template drops the tools, so a script
    input:
      '```\n#!/usr/bin/env python3\nimport os, re\nfrom subprocess import Popen, PIPE\ndef create_file(filename):\n    with open("hi.txt", "w") as file:\n        file.write("""\n            hello\n            """)\n\n\ncreate_file(\'hello\')\n```',
    expect: { calls: [] },
  },
];
