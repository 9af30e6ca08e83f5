import { defineCodes } from "./catalog.ts";

/** MRW1xxx: lexical and syntax errors (reported by `compiler/syntax/parse.ts`). */
export const syntaxCodes = defineCodes({
  MRW1001: {
    severity: "error",
    title: "unexpected character",
    explanation: `A character that cannot start any MarrowScript token appeared outside a string or comment.
MarrowScript has no operators such as \`@\`, \`#\`, \`$\`, \`'\` or \`;\`; text belongs in double-quoted strings,
and comments start with \`//\` or \`/*\`.

Example:
    model Tiny { provider: @openai_compat }

Fix: remove the character, or put the text in a string:
    model Tiny { provider: openai_compat }
    name: "gpt-4o@2024"
Runs of unexpected characters (for example binary data) are reported once per run.`,
  },
  MRW1002: {
    severity: "error",
    title: "unterminated string",
    explanation: `A string literal was opened but never closed. A \`"…"\` string must end on the line where it
starts; a triple-quoted \`"""…"""\` string must be closed by another \`"""\`.

Example:
    description: "Replace one occurrence
    category: write

Fix: close the string on the same line, or use a triple-quoted string for text that spans lines:
    description: "Replace one occurrence"
    template: """
      Request: {{user_message}}
    """`,
  },
  MRW1003: {
    severity: "error",
    title: "invalid escape sequence in a string",
    explanation: `Strings use JSON escapes only: \`\\n \\t \\r \\b \\f \\" \\\\ \\/\` and \`\\uXXXX\` (four hex digits). Any
other backslash sequence is an error rather than being silently kept or dropped, because a pattern such as a
regular expression would otherwise change meaning without warning.

Example:
    constraints: [ output matches "\\.ts$" ]

Fix: write the backslash twice to mean a literal backslash:
    constraints: [ output matches "\\\\.ts$" ]
Triple-quoted strings are raw: backslashes in them are kept as written.`,
  },
  MRW1004: {
    severity: "error",
    title: "unterminated block comment",
    explanation: `A \`/*\` comment was never closed by \`*/\`, so everything up to the end of the file was read as a
comment. Block comments do not nest: the first \`*/\` closes the comment.

Example:
    /* temporary: disable this model
    model Tiny { provider: ollama }

Fix: add \`*/\` where the comment should end, or use \`//\` line comments.`,
  },
  MRW1005: {
    severity: "error",
    title: "invalid number or duration",
    explanation: `A number was immediately followed by letters that are not a duration unit. Durations are one
token: a number directly followed by \`ms\`, \`s\`, \`m\`, \`h\` or \`d\` (\`100ms\`, \`1.5s\`, \`10m\`, \`7d\`). A value that
does not parse is an error, never a silent default.

Example:
    timeout: 5x
    ttl: 10min

Fix: use one of the units, or separate the number from a name with a space:
    timeout: 5s
    ttl: 10m`,
  },
  MRW1010: {
    severity: "error",
    title: "unexpected token",
    explanation: `The parser found a token where the grammar does not allow it. The message says what was expected
and what was found. Inside declaration bodies every line is a field \`key: value\`; values are strings, numbers,
durations, booleans, names (\`a.b.c\`), calls (\`hash(x)\`), lists \`[a, b]\` and objects \`{ k: v }\`.

Example:
    prompt classify(user_message: string) {
      timeout = 3s
    }

Fix: write the construct the message asks for:
      timeout: 3s
The parser recovers after each error and reports the others in the same file; fix the first one first, since
a later error may be a consequence of it.`,
  },
  MRW1011: {
    severity: "error",
    title: "unclosed bracket",
    explanation: `An opening \`{\`, \`[\` or \`(\` has no matching closing bracket: the file ended, or a different closing
bracket came first. The diagnostic points where the closing bracket was expected and, as a related location, at
the bracket that was opened.

Example:
    model Tiny {
      stop: ["\\n"
    }

Fix: add the missing closing bracket:
      stop: ["\\n"]`,
  },
  MRW1012: {
    severity: "error",
    title: "unknown declaration keyword",
    explanation: `A \`system\` body holds fields (\`key: value\`) and declarations that start with a keyword: \`model\`,
\`router\`, \`prompt\`, \`enum\`, \`entity\`, \`tool\`, \`extension_point\`, \`policy\`, \`evaluation\`, \`import\` (and the skipped
backend constructs \`capability\`, \`flow\`, \`store\`, \`event\`, \`channel\`, \`constraint\`). At file level only \`system\` and
\`import\` may appear. A name followed by another name starts a declaration, so the first one must be a keyword.

Example:
    promtp classify(user_message: string) { … }

Fix: correct the keyword (the diagnostic suggests the closest ones):
    prompt classify(user_message: string) { … }`,
  },
  MRW1013: {
    severity: "error",
    title: "nesting too deep",
    explanation: `Brackets, type arguments, tagged values or constraint expressions are nested deeper than the compiler
accepts (64 levels of brackets, or an expression with more than 256 operators). Real cognition files never come
close; this limit protects the compiler from running out of stack on generated or corrupted input. The deeply
nested part is skipped.

Example:
    stop: [[[[[[[[ … ]]]]]]]]

Fix: flatten the value; split a very long constraint into several constraints in the list.`,
  },
  MRW1014: {
    severity: "error",
    title: "declaration outside a system",
    explanation: `Declarations live inside a \`system Name { … }\` block; only \`system\` blocks and \`import\` may appear at
the top level of a file.

Example:
    model Tiny { provider: ollama }

Fix: wrap the declarations in a system:
    system coding {
      model Tiny { provider: ollama }
    }`,
  },
  MRW1015: {
    severity: "warning",
    title: "backend construct skipped",
    explanation: `The older MarrowScript also described backends with \`capability\`, \`flow\`, \`store\`, \`event\`,
\`channel\` and \`constraint\` declarations. This compiler only generates the cognition layer, so these constructs
are parsed (their bodies only need balanced braces) and skipped. They never stop a build. A capability with
\`cognition: PRIMITIVE using { … }\` (a primitive of the original runtime, such as \`compress_context\`) is skipped
too, with a warning that names the primitive, which the syntax tree keeps.

Example:
    store sessions { kind: kv, ttl: 1d }

Fix: nothing is required. Remove the construct to silence the warning, or implement the backend piece by hand.`,
  },
  MRW1019: {
    severity: "error",
    title: "too many syntax errors",
    explanation: `The file has more syntax errors than are worth reporting (the limit is 50 per file); the rest are not
shown. This usually means the file is not MarrowScript at all (a binary file, or another language), or an early
error such as an unclosed string confused everything after it.

Fix: correct the first errors and compile again.`,
  },
});
