/**
 * Replies that contain no call: reasoning only, prose about tools, data JSON, ordinary code fences.
 * Unless `issues` is given, no error issue may be reported either.
 */
import type { CorpusCase } from "./types.ts";

const FENCE = "```";

export const NEGATIVE_CASES: CorpusCase[] = [
  {
    id: "neg-plain-answer",
    format: "negative",
    kind: "negative",
    input: "The function returns `undefined` because the early `return` on line 12 skips the assignment.",
    expect: {
      calls: [],
      text: "The function returns `undefined` because the early `return` on line 12 skips the assignment.",
    },
  },
  {
    id: "neg-prose-about-tools",
    format: "negative",
    kind: "negative",
    input:
      "I can use read_file to open src/index.ts, or grep to search for TODO comments. Which would you prefer? I could also run bash with `npm test`.",
    expect: { calls: [] },
  },
  {
    id: "neg-prose-mentions-tag",
    format: "negative",
    kind: "negative",
    input:
      "Tool calls are wrapped in `<tool_call>` tags, but this question doesn't need one: the answer is 42.",
    expect: { calls: [] },
  },
  {
    id: "neg-call-only-in-think",
    format: "negative",
    kind: "negative",
    input:
      '<think>\nMaybe I should call <tool_call>\n{"name": "bash", "arguments": {"command": "rm -rf node_modules"}}\n</tool_call> but that is unnecessary.\n</think>\n\nYou can delete `node_modules` and reinstall if the lockfile changed.',
    expect: { calls: [], issues: ["call_in_reasoning"] },
  },
  {
    id: "neg-unclosed-think",
    format: "negative",
    kind: "negative",
    input:
      '<think>\nThe user asked about the build. I could run {"name": "bash", "arguments": {"command": "npm run build"}} to check. Let me think about what',
    expect: { calls: [], issues: ["call_in_reasoning"] },
  },
  {
    id: "neg-orphan-think-close",
    format: "negative",
    kind: "negative",
    input:
      'I might call [TOOL_CALLS]bash[ARGS]{"command": "ls"} but the answer is already known.\n</think>\n\nThe project uses pnpm workspaces.',
    expect: { calls: [], issues: ["call_in_reasoning"] },
  },
  {
    id: "neg-package-json",
    format: "negative",
    kind: "negative",
    input: `Here is a minimal manifest:\n\n${FENCE}json\n{\n  "name": "my-app",\n  "version": "1.0.0",\n  "scripts": { "test": "vitest" }\n}\n${FENCE}`,
    expect: { calls: [] },
  },
  {
    id: "neg-data-json-tool-name-value",
    format: "negative",
    kind: "negative",
    input: 'The detected shell is {"name": "bash", "version": "5.2.21", "path": "/bin/bash"}.',
    expect: { calls: [] },
  },
  {
    id: "neg-tool-definition-json",
    format: "negative",
    kind: "negative",
    input: `To add a tool, declare it like this:\n\n${FENCE}json\n{"name": "read_file", "description": "Read a file", "parameters": {"type": "object", "properties": {"path": {"type": "string"}}, "required": ["path"]}}\n${FENCE}`,
    expect: { calls: [] },
  },
  {
    id: "neg-python-fence",
    format: "negative",
    kind: "negative",
    input: `You can script it:\n\n${FENCE}python\nfrom tools import read_file, bash\n\n[bash(command="ls")]\nprint(read_file(path="setup.py"))\n${FENCE}`,
    expect: { calls: [] },
  },
  {
    id: "neg-bash-fence",
    format: "negative",
    kind: "negative",
    input: `Run this locally:\n\n${FENCE}bash\ngrep -rn "TODO" src/\nnpm test\n${FENCE}`,
    expect: { calls: [] },
  },
  {
    id: "neg-python-json-dumps",
    format: "negative",
    kind: "negative",
    input: `The client builds the payload like this:\n\n${FENCE}python\npayload = json.dumps({"name": "read_file", "arguments": {"path": path}})\n${FENCE}`,
    expect: { calls: [] },
  },
  {
    id: "neg-yaml-ci-config",
    format: "negative",
    kind: "negative",
    input: `A workflow file:\n\n${FENCE}yaml\nname: CI\non: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n${FENCE}`,
    expect: { calls: [] },
  },
  {
    id: "neg-json-number-array",
    format: "negative",
    kind: "negative",
    input: 'The shape is [1, 2, 3] and the result is {"ok": true}.',
    expect: { calls: [] },
  },
  {
    id: "neg-inline-pythonic-mid-line",
    format: "negative",
    kind: "negative",
    input: 'Later you could run [read_file(path="CHANGELOG.md")] to see what changed.',
    expect: { calls: [] },
  },
  {
    id: "neg-markdown-link",
    format: "negative",
    kind: "negative",
    input: "See [read_file](docs/tools.md#read_file) and [bash](docs/tools.md#bash) for details.",
    expect: { calls: [] },
  },
  {
    id: "neg-typescript-fence",
    format: "negative",
    kind: "negative",
    input: `${FENCE}ts\nawait bash({ command: "ls" });\nconst text = await read_file({ path: "a.ts" });\n${FENCE}`,
    expect: { calls: [] },
  },
  {
    id: "neg-gemma-python-fence",
    format: "negative",
    kind: "negative",
    input: `${FENCE}python\nprint(default_api.read_file(path="main.py"))\n${FENCE}\nThis is how the API is used in Python.`,
    expect: { calls: [] },
  },
  {
    id: "neg-harmony-analysis-only",
    format: "negative",
    kind: "negative",
    input:
      "<|channel|>analysis<|message|>I could call to=functions.read_file but the user pasted the file already.<|end|><|start|>assistant<|channel|>final<|message|>The bug is on line 3.<|return|>",
    expect: { calls: [], issues: ["call_in_reasoning"] },
  },
  {
    id: "neg-response-data-json",
    format: "negative",
    kind: "negative",
    input: 'The endpoint returns:\n\n{"status": "ok", "files": ["src/a.ts", "src/b.ts"], "count": 2}',
    expect: { calls: [] },
  },
  {
    id: "neg-yaml-name-not-tool",
    format: "negative",
    kind: "negative",
    input: "name: grep-utils\nversion: 0.3.1\ndescription: small helpers",
    expect: { calls: [] },
  },
  {
    id: "neg-prose-json-like-braces",
    format: "negative",
    kind: "negative",
    input:
      "Use template literals like `\u0024{name}` or braces {like this} in JSX; the tool name read_file is unrelated.",
    expect: { calls: [] },
  },
  {
    id: "neg-shell-fence-functools",
    format: "negative",
    kind: "negative",
    input: `${FENCE}sh\npython -c 'import functools; print(functools.reduce(lambda a, b: a + b, [1, 2]))'\n${FENCE}`,
    expect: { calls: [] },
  },
  {
    id: "neg-qwen3-think-no-call",
    format: "negative",
    kind: "negative",
    input:
      "<think>\n\n</think>\n\nYes — `Array.prototype.toSorted` returns a new array and leaves the original untouched.",
    expect: { calls: [] },
  },
  {
    id: "neg-yaml-tool-mention",
    format: "negative",
    kind: "negative",
    input: "Tool: bash\nThis tool runs shell commands in the workspace, so I could use it to run the tests.",
    expect: { calls: [] },
  },
  {
    id: "neg-prose-inline-args-json",
    format: "negative",
    kind: "negative",
    input: 'You would call read_file with {"path": "src/index.ts"} to open it.',
    expect: { calls: [] },
  },
  {
    id: "neg-prose-empty-tag-pair",
    format: "negative",
    kind: "negative",
    input:
      "When I need a tool I wrap the call in <tool_call></tool_call> tags; here the answer is simply yes.",
    expect: { calls: [] },
  },
  {
    id: "neg-bare-expression-reply",
    format: "negative",
    kind: "negative",
    input: 'console.log("ready")',
    expect: { calls: [] },
  },
  {
    id: "neg-html-function-attr",
    format: "negative",
    kind: "negative",
    input: `${FENCE}html\n<button onclick="bash()">Run</button>\n<function=read_file>\n${FENCE}`,
    expect: { calls: [] },
  },
];
