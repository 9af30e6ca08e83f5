/**
 * Messy text small models really write, in several wrappers: unescaped quotes of the same kind
 * inside strings, multi-line strings in pythonic calls, over-escaped arguments, a missing closing
 * tag or brace, two calls glued together. Then negatives that quote the newer syntaxes.
 */
import { bash, call, none, read } from "./build.ts";
import type { CorpusCase } from "./types.ts";

const F = "```";
const Q = '<|"|>';

export const WIDER_MESSY_CASES: CorpusCase[] = [
  call(
    "messy-unescaped-quotes-json",
    "messy-text",
    "messy",
    '<tool_call>\n{"name": "bash", "arguments": {"command": "echo "hello world""}}\n</tool_call>',
    [bash('echo "hello world"')],
  ),
  call(
    "messy-unescaped-quotes-edit",
    "messy-text",
    "messy",
    '<tool_call>{"name": "edit_file", "arguments": {"path": "a.ts", "old_string": "const s = "x";", "new_string": "const s = "y";"}}</tool_call>',
    [
      {
        name: "edit_file",
        arguments: { path: "a.ts", old_string: 'const s = "x";', new_string: 'const s = "y";' },
      },
    ],
  ),
  call(
    "messy-unescaped-quotes-action",
    "messy-text",
    "messy",
    '<|START_ACTION|>[{"tool_name": "bash", "parameters": {"command": "git commit -m "fix: typo""}}]<|END_ACTION|>',
    [bash('git commit -m "fix: typo"')],
  ),
  call(
    "messy-unescaped-quotes-python",
    "messy-text",
    "messy",
    '[bash(command="grep -n "def main" app.py")]',
    [bash('grep -n "def main" app.py')],
  ),
  call(
    "messy-pythonic-multiline",
    "messy-text",
    "messy",
    '[write_file(path="a.py", content="def f():\n    return 1\n")]',
    [{ name: "write_file", arguments: { path: "a.py", content: "def f():\n    return 1\n" } }],
  ),
  call(
    "messy-pythonic-triple-quoted",
    "messy-text",
    "messy",
    '[write_file(path="b.py", content="""import os\nprint(os.getcwd())\n""")]',
    [{ name: "write_file", arguments: { path: "b.py", content: "import os\nprint(os.getcwd())\n" } }],
  ),
  call(
    "messy-pythonic-multiline-lfm2",
    "messy-text",
    "messy",
    "<|tool_call_start|>[edit_file(path='c.py', old_string='x = 1\ny = 2', new_string='x = 2\ny = 3')]<|tool_call_end|>",
    [
      {
        name: "edit_file",
        arguments: { path: "c.py", old_string: "x = 1\ny = 2", new_string: "x = 2\ny = 3" },
      },
    ],
  ),
  call(
    "messy-over-escaped-whole",
    "messy-text",
    "messy",
    '<tool_call>\n{\\"name\\": \\"read_file\\", \\"arguments\\": {\\"path\\": \\"src/x.ts\\"}}\n</tool_call>',
    [read("src/x.ts")],
  ),
  call(
    "messy-over-escaped-args-string",
    "messy-text",
    "messy",
    '<tool_call>{"name": "read_file", "arguments": "{\\"path\\": \\"src/y.ts\\"}"}</tool_call>',
    [read("src/y.ts")],
  ),
  call(
    "messy-over-escaped-twice",
    "messy-text",
    "messy",
    '<tool_call>{"name": "bash", "arguments": "\\"{\\\\\\"command\\\\\\": \\\\\\"ls\\\\\\"}\\""}</tool_call>',
    [bash("ls")],
  ),
  call(
    "messy-over-escaped-gemma4",
    "messy-text",
    "messy",
    `<|tool_call>call:bash{command:${Q}echo \\"hi\\"${Q}}<tool_call|>`,
    [bash('echo \\"hi\\"')],
  ),
  call(
    "messy-missing-brace",
    "messy-text",
    "messy",
    '<tool_call>\n{"name": "read_file", "arguments": {"path": "z.ts"}\n</tool_call>',
    [read("z.ts")],
  ),
  call(
    "messy-missing-close-tag-then-prose",
    "messy-text",
    "messy",
    '<tool_call>\n{"name": "bash", "arguments": {"command": "ls"}}\nI will look at the listing next.',
    [bash("ls")],
  ),
  call(
    "messy-missing-close-minimax",
    "messy-text",
    "messy",
    '<minimax:tool_call>\n<invoke name="bash">\n<parameter name="command">pwd</parameter>',
    [bash("pwd")],
  ),
  call(
    "messy-glued-tags",
    "messy-text",
    "messy",
    '<tool_call>{"name": "read_file", "arguments": {"path": "a"}}</tool_call><tool_call>{"name": "read_file", "arguments": {"path": "b"}}</tool_call>',
    [read("a"), read("b")],
  ),
  call(
    "messy-glued-objects",
    "messy-text",
    "messy",
    '<tool_call>{"name": "read_file", "arguments": {"path": "c"}}{"name": "read_file", "arguments": {"path": "d"}}</tool_call>',
    [read("c"), read("d")],
  ),
  call("messy-glued-pythonic", "messy-text", "messy", '[read_file(path="e")][read_file(path="f")]', [
    read("e"),
    read("f"),
  ]),
  call(
    "messy-glued-gemma4-shared-close",
    "messy-text",
    "messy",
    `<|tool_call>call:read_file{path:${Q}g${Q}}<|tool_call>call:read_file{path:${Q}h${Q}}<tool_call|>`,
    [read("g"), read("h")],
  ),
  call(
    "messy-glued-functionary",
    "messy-text",
    "messy",
    '<function=read_file>{"path": "i"}</function><function=read_file>{"path": "j"}</function>',
    [read("i"), read("j")],
  ),
  call(
    "messy-fenced-args-in-tag",
    "messy-text",
    "messy",
    `<function=bash>\n${F}json\n{"command": "ls"}\n${F}\n</function>`,
    [bash("ls")],
  ),
  call(
    "swap-lfm2-closed-by-hermes",
    "messy-text",
    "messy",
    '<|tool_call_start|>[read_file(path="s1")]</tool_call>',
    [read("s1")],
  ),
  call(
    "swap-hermes-closed-by-lfm2",
    "messy-text",
    "messy",
    '<tool_call>[read_file(path="s2")]<|tool_call_end|>',
    [read("s2")],
  ),
  call(
    "swap-gemma4-closed-by-functiongemma",
    "messy-text",
    "messy",
    `<|tool_call>call:bash{command:${Q}ls${Q}}<end_function_call>`,
    [bash("ls")],
    { text: "" },
  ),
  call(
    "swap-seed-closed-by-qwen",
    "messy-text",
    "messy",
    "<seed:tool_call>\n<function=read_file>\n<parameter=path>s3</parameter>\n</function>\n</tool_call>",
    [read("s3")],
  ),
  call(
    "swap-minimax-closed-by-tool-call",
    "messy-text",
    "messy",
    '<minimax:tool_call>\n<invoke name="read_file">\n<parameter name="path">s4</parameter>\n</invoke>\n</tool_call>',
    [read("s4")],
  ),
  call(
    "swap-nemotron-closed-by-tool-call",
    "messy-text",
    "messy",
    '<TOOLCALL>[{"name": "read_file", "arguments": {"path": "s5"}}]</tool_call>',
    [read("s5")],
  ),
  call(
    "swap-command-r-response-end",
    "messy-text",
    "messy",
    '<|START_ACTION|>[{"tool_name": "read_file", "parameters": {"path": "s6"}}]<|END_RESPONSE|>',
    [read("s6")],
  ),
  call(
    "swap-internlm-closed-by-im-end",
    "messy-text",
    "messy",
    '<|action_start|><|plugin|>{"name": "read_file", "parameters": {"path": "s7"}}<|im_end|>',
    [read("s7")],
  ),
  none(
    "neg-gemma4-jinja-doc",
    `The template renders a call like this:\n\n${F}jinja\n<|tool_call>call:{{ name }}{path:<|"|>{{ path }}<|"|>}<tool_call|>\n${F}`,
  ),
  none(
    "neg-gemma4-inline-quote",
    `Gemma 4 writes \`<|tool_call>call:read_file{path:${Q}a.ts${Q}}<tool_call|>\` for each call it makes; you do not need to.`,
  ),
  none(
    "neg-functiongemma-inline-quote",
    "FunctionGemma answers with `<start_function_call>call:bash{command:<escape>ls<escape>}<end_function_call>` when it wants a tool.",
  ),
  none(
    "neg-python-doctest",
    "An interactive session:\n\n>>> import os\n>>> os.getcwd()\n'/home/me'\n\nThat is the working directory.",
  ),
  none(
    "neg-merge-conflict",
    "The file still has conflict markers:\n\n<<<<<<< HEAD\nread_file\n=======\nbash\n>>>>>>> feature\n\nResolve them first.",
  ),
  none(
    "neg-functionary-marker-prose",
    "Functionary v3.2 marks each recipient with `>>>`, and `>>>all` means the text is for the user.",
  ),
  none(
    "neg-command-r-marker-prose",
    "Command-R7B opens a call with `<|START_ACTION|>` and closes it with `<|END_ACTION|>`; nothing else is needed.",
  ),
  none(
    "neg-tools-definitions-echo",
    '<tools>\n{"type": "function", "function": {"name": "read_file", "description": "Read a file", "parameters": {"type": "object", "properties": {"path": {"type": "string"}}}}}\n</tools>',
  ),
  none(
    "neg-functools-prose",
    'Use functools["partial"] only in Python 2 style code; functools.partial(f, 1) is what you want.',
  ),
  none(
    "neg-name-then-json-in-prose",
    'The log said read_file failed with\n{"error": "ENOENT", "code": 2}\nso the path is wrong.',
  ),
  none(
    "neg-action-markers-in-fence",
    `${F}python\nprompt = "<|action_start|><|plugin|>" + json.dumps({"name": "read_file", "parameters": {"path": p}}) + "<|action_end|>"\n${F}`,
  ),
  none(
    "neg-seed-doc-markdown-fence",
    `${F}markdown\n<seed:tool_call>\n<function=read_file>\n<parameter=path>a.txt</parameter>\n</function>\n</seed:tool_call>\n${F}`,
  ),
  none("neg-reply-starts-with-tool-word", 'bash\n{"version": "5.2.21", "arch": "x86_64"}'),
  none(
    "neg-email-quote-markers",
    'He wrote:\n>>>>>all\n>>>>>the muxed pins stay registered.\n>>>read_file\n>>>{"path": "x"}\nI agree with him.',
  ),
  none("neg-functionary-recipient-no-json", ">>>all\nThe tests pass; nothing else to do."),
];
