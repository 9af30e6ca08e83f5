import { DEFAULT_LIMITS } from "../agent/state.ts";
import { GUARD_NAMES } from "../guards/index.ts";
import { expectation, type KeyDef, SCALAR_KEYS, SHELL_KEYS, TRUST_KEYS } from "./keys.ts";
import { SERVER_KEY_DOCS, SERVER_KEYS } from "./mcp.ts";
import { DEFAULT_BASE_URL } from "./resolve.ts";
import { STATE_PATH_VARS } from "./state-paths.ts";
import { SAFETY_GUARDS } from "./weakening.ts";

/**
 * `docs/configuration.md` and `smallcode.example.toml`, written from the key table (`keys.ts`) and
 * the guard list, so the documentation cannot drift from what the configuration accepts: a test
 * compares both files with what these functions return (`node cli/smallcode/config/write-docs.ts`
 * rewrites them). Pure.
 */

/** The files this module writes, relative to the repository root. */
export const DOC_FILES = {
  doc: "docs/configuration.md",
  example: "smallcode.example.toml",
} as const;

/** What a key is when nothing sets it. */
const DEFAULTS: Readonly<Record<string, string>> = {
  base_url: `\`${DEFAULT_BASE_URL}\` (Ollama)`,
  model: "the server's only model, when it lists exactly one",
  model_strong: "the same as `model`",
  max_steps: String(DEFAULT_LIMITS.maxSteps),
  max_time: `\`"${DEFAULT_LIMITS.maxTimeMs / 60_000}m"\``,
  max_tokens: Number.isFinite(DEFAULT_LIMITS.maxTokens)
    ? `${DEFAULT_LIMITS.maxTokens} (the \`cognition_limits\` policy's per-session cap)`
    : "no limit",
  routing: '`"two-stage"`',
  yes: "`false`",
  context_window: "the server's window",
  repo_map: "`false`",
  memory: "`true`",
  skills: "`true`",
  sandbox: "`true`",
  allow_network: "`false`",
  allow_destructive: "`[]`",
  pass_env: "`[]`",
};

/** One line per built-in guard, for `[guards]`. A test checks that every guard has one. */
export const GUARD_DESCRIPTIONS: Readonly<Record<string, string>> = {
  snapshots: "records the files each task changes, so `/undo` can restore them",
  safety: "asks before destructive commands and keeps commands inside the project",
  quality: "corrects empty turns, unknown tool names and repeated replies",
  "read-before-write": "refuses to overwrite a file the model has not read",
  contracts: "runs the task's definition of done before an answer is accepted",
  planning: "plans long tasks as a checklist in `.smallcode/TODO.md`",
  "early-stop": "stops loops that burn steps without progress",
  dedup: "answers repeated read-only calls from the earlier result",
  "tool-trust": "stops offering a tool that keeps failing",
  "retry-temperature": "samples hotter after repeated failed edits of one file",
};

const cell = (text: string): string => text.replace(/\|/g, "\\|");

function scalarRow(def: KeyDef): string {
  const flag = def.flag ? `\`--${def.flag}\`` : "";
  const value = def.secret ? `${expectation(def.kind)} (secret)` : expectation(def.kind);
  return `| \`${def.key}\` | \`${def.env}\` | ${flag} | ${cell(value)} | ${cell(DEFAULTS[def.key] ?? "not set")} | ${cell(def.description)} |`;
}

/** The text of `docs/configuration.md`. */
export function configurationDoc(): string {
  return `# Configuration

<!-- Written by \`node cli/smallcode/config/write-docs.ts\` from cli/smallcode/config/keys.ts: edit the
key table there, not this file (a test fails when they differ). -->

SmallCode reads its settings from these places; the first one that sets a key wins:

1. command-line flags (\`--model\`, \`--base-url\`, …);
2. environment variables (\`SMALLCODE_MODEL\`, …);
3. the project's \`.env\` file;
4. the project's \`smallcode.toml\`;
5. your user configuration, \`$XDG_CONFIG_HOME/smallcode/config.toml\` (default \`~/.config/smallcode/config.toml\`);
6. the defaults below.

\`smallcode doctor\` prints every value with the place it came from. A commented example of every key
is in [\`smallcode.example.toml\`](../smallcode.example.toml): copy it to \`smallcode.toml\` in your
project, or to your user configuration.

## The project root

The project is found the way git finds a repository: from the working directory upwards, the nearest
directory holding \`smallcode.toml\`, else the repository root (the nearest \`.git\`), else the working
directory itself. \`--cwd DIR\` names the root outright. The root holds \`smallcode.toml\`, \`.env\` and
\`.smallcode/\` (sessions, traces, snapshots; it ignores itself with its own \`.gitignore\`).
\`smallcode doctor\` says which root is used and why.

## Keys

| Key | Environment | Flag | Value | Default | What it does |
|---|---|---|---|---|---|
${SCALAR_KEYS.map(scalarRow).join("\n")}

Environment variables and \`.env\` take text: \`true\`/\`false\` (also \`1\`/\`0\`, \`yes\`/\`no\`, \`on\`/\`off\`)
for switches, digits for numbers. In TOML, write values with their type: \`max_steps = 30\`, \`yes = true\`.
Keep API keys out of project files: name the variable with \`api_key_env\` instead.

## \`[shell]\`

How the agent's shell commands run.

| Key | Value | Default | What it does |
|---|---|---|---|
${SHELL_KEYS.map((k) => `| \`${k.key}\` | ${cell(expectation(k.kind))} | ${cell(DEFAULTS[k.key] ?? "not set")} | ${cell(k.description)} |`).join("\n")}

## \`[guards]\`

Each built-in guard can be switched off with \`name = false\` (all are on by default):

| Guard | What it does |
|---|---|
${GUARD_NAMES.map((g) => `| \`${g}\` | ${cell(GUARD_DESCRIPTIONS[g] ?? "")} |`).join("\n")}

## \`[trust]\` (user configuration only)

| Key | Value | What it does |
|---|---|---|
${TRUST_KEYS.map((k) => `| \`${k.key}\` | ${cell(expectation(k.kind))} | ${cell(k.description)} |`).join("\n")}

A cloned repository's \`smallcode.toml\` and \`.env\` are not yours: unless you list the project under
\`[trust] projects\`, they may choose a model or a step limit but not weaken safety — \`yes\`, a weaker
\`[shell]\`, switching off ${SAFETY_GUARDS.map((g) => `\`${g}\``).join(" or ")}, a \`base_url\` that would take your API key
along, state paths outside \`.smallcode/\`, or an MCP server (a command that would run outside the sandbox).
Such a setting is refused with the file, the line and the fix.

## \`[mcp.servers.NAME]\`

MCP servers whose tools the agent may use: a command started over stdio, or a streamable-HTTP URL.
Their tools form the \`mcp\` tool category: the category picker sees one short line naming the
servers, and only when it picks \`mcp\` are their schemas offered (those that fit, the first request
staying under 2,000 tokens), named \`NAME__tool\` (the bare tool name works too). Results are capped like
the built-in tools'; a server that fails to start is reported and the run goes on without it. In the
interactive session, \`/mcp\` lists the servers, their state and their tools. Declare servers in your
user configuration: a project file may declare them only when you trust the project.

| Key | What it does |
|---|---|
${SERVER_KEYS.map((k) => `| \`${k}\` | ${cell(SERVER_KEY_DOCS[k])} |`).join("\n")}

\`smallcode mcp\` works the other way round: it serves SmallCode's own \`read_file\`, \`search\`, \`patch\` and
\`run_tests\` to another agent over stdio (register it there as \`command = "smallcode"\`,
\`args = ["mcp", "--cwd", "/path/to/project"]\`), through the safety and snapshot guards.

## \`[web]\` (your user configuration only)

\`web_fetch\` gives the model a web page as readable text (HTML converted, at most 40,000 characters,
robots.txt obeyed, text types only). It is off unless \`enabled = true\`, and is the \`web\` tool category.
It connects only to public addresses, checked after DNS resolution and again on every redirect;
\`allow_hosts\` lists hosts that may resolve to loopback, private or link-local addresses (a docs server
on your machine). A project file cannot set \`[web]\` at all, trusted or not: it is refused with the
file, the line and the key.

| Key | What it does |
|---|---|
| \`enabled\` | \`true\` turns \`web_fetch\` on (default \`false\`) |
| \`allow_hosts\` | host names or IP addresses that may be non-public, e.g. \`["localhost"]\` (default \`[]\`) |

## \`[escalation]\` (your user configuration only)

A stronger endpoint (local or cloud, OpenAI-compatible) that takes over one step when the usual model
has failed \`after_failures\` tool calls in a row. SmallCode asks first (\`--escalate\` allows it without
asking, for runs nobody can answer in), sends a bounded excerpt (the task and the most recent turns,
at most \`max_excerpt_tokens\`), runs the stronger model's calls through the same guards as any other,
escalates at most \`max_per_session\` times, and shows each escalation's tokens and cost. The key is read
from the variable \`api_key_env\` names and sent to \`base_url\` only. A project file cannot set
\`[escalation]\`, trusted or not: it is refused with the file, the line and the key.

| Key | What it does |
|---|---|
| \`base_url\` | the stronger endpoint, \`…/v1\` (required) |
| \`model\` | its model name (required) |
| \`api_key_env\` | the environment variable holding its key |
| \`after_failures\` | failed tool calls in a row before a step is escalated (default 3) |
| \`max_per_session\` | escalations per session at most (default 2) |
| \`max_excerpt_tokens\` | tokens of the excerpt sent at most (default 4000) |
| \`input_usd_per_mtok\`, \`output_usd_per_mtok\` | prices for the cost shown, dollars per million tokens (default 0) |

## \`[embedded]\` (your user configuration only)

With no \`base_url\` anywhere, SmallCode runs a GGUF model in process: \`--model-file PATH\`, or
\`SMALLCODE_MODEL_FILE\`, or \`model_file\` here, or else its default model (Qwen2.5-Coder-1.5B-Instruct
Q4_K_M), downloaded once into \`$XDG_CACHE_HOME/smallcode/models\` with your consent (the prompt,
\`--download-model\`, or \`smallcode models pull\`). A project file cannot set \`[embedded]\`, trusted or
not: it is refused with the file, the line and the key; \`SMALLCODE_MODEL_FILE\`,
\`SMALLCODE_MODEL_MIRROR\` and \`SMALLCODE_THREADS\` in a project's \`.env\` are ignored with a warning.

| Key | What it does |
|---|---|
| \`model_file\` | a GGUF file to run when no server is configured (\`~\` allowed; relative to your home) |
| \`mirror\` | a base URL that replaces \`https://huggingface.co\` for the download (same \`/{repo}/resolve/{revision}/{file}\` paths) |
| \`threads\` | CPU threads (default: the machine's math cores; \`SMALLCODE_THREADS\` wins) |

## Environment only

| Variable | What it does |
|---|---|
| \`SMALLCODE_PROVIDER\` | \`auto\` (default), \`ollama\` (Ollama's native API) or \`openai_compat\` |
| \`SMALLCODE_MODEL_FILE\` | a GGUF file to run in process (like \`--model-file\`; wins over a configured \`base_url\`) |
| \`SMALLCODE_MODEL_MIRROR\` | replaces \`https://huggingface.co\` for the default model's download |
| \`SMALLCODE_THREADS\` | CPU threads of the in-process model (1 is fastest when the cores are shared, e.g. by parallel tests) |
${STATE_PATH_VARS.map((v) => `| \`${v}\` | ${STATE_VAR_TEXT[v] ?? ""} |`).join("\n")}
| \`SMALLCODE_DEBUG\` | print the stack trace of an internal error |
| \`NO_COLOR\` | no colours in the output (also \`--no-color\`) |
`;
}

const STATE_VAR_TEXT: Readonly<Record<string, string>> = {
  SMALLCODE_COGNITION_LOG: "a JSON-lines log of every model call (`stderr`, or a file path; `off`)",
  SMALLCODE_TRACE_DIR: "where traces go (default `.smallcode/traces`; `off`)",
  SMALLCODE_CACHE_DIR: "where the reply cache lives (default `.smallcode/cache`)",
};

/** A TOML example value as a comment-safe line. */
const commented = (key: string, example: string): string => `# ${key} = ${example}`;

/** The text of `smallcode.example.toml`: every key, commented out, with what it does. */
export function exampleToml(): string {
  const scalars = SCALAR_KEYS.filter((k) => !k.secret).flatMap((k) => [
    `# ${k.description}${DEFAULTS[k.key] ? ` (default: ${DEFAULTS[k.key]!.replace(/`/g, "")})` : ""}; also ${k.env}${k.flag ? ` or --${k.flag}` : ""}`,
    commented(k.key, k.example),
    "",
  ]);
  const secret = SCALAR_KEYS.filter((k) => k.secret).flatMap((k) => [
    `# ${k.description}: better not in a file at all (see api_key_env)`,
    commented(k.key, k.example),
    "",
  ]);
  return [
    "# smallcode.example.toml: every configuration key, commented out. Copy it to smallcode.toml in your",
    "# project (or to ~/.config/smallcode/config.toml) and uncomment what you need. docs/configuration.md",
    "# explains the order in which settings apply; `smallcode doctor` shows the result.",
    "# Written by `node cli/smallcode/config/write-docs.ts` from cli/smallcode/config/keys.ts.",
    "",
    ...scalars,
    ...secret,
    "[shell]",
    ...SHELL_KEYS.flatMap((k) => [`# ${k.description}`, commented(k.key, k.example)]),
    "",
    "[guards]",
    "# every built-in guard is on; `name = false` switches one off",
    ...GUARD_NAMES.map((g) => `${commented(g, "true")}  # ${GUARD_DESCRIPTIONS[g] ?? ""}`.replace(/`/g, "")),
    "",
    "# MCP servers: their tools become the `mcp` tool category. Declare them in your user configuration",
    "# (a project file may only when you trust the project). A stdio server:",
    "# [mcp.servers.files]",
    '# command = "npx"',
    '# args = ["@modelcontextprotocol/server-filesystem", "/home/me/notes"]',
    '# tools = ["read_text_file", "list_directory"]',
    '# description = "my notes"',
    "# a streamable-HTTP server:",
    "# [mcp.servers.docs]",
    '# url = "https://mcp.example.com/mcp"',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${VAR}` is the config syntax, not a template
    '# headers = { Authorization = "Bearer ${DOCS_TOKEN}" }',
    "",
    "# [web] belongs in your user configuration only: web_fetch, off by default",
    "# [web]",
    "# enabled = true",
    '# allow_hosts = ["localhost"]',
    "",
    "# [escalation] belongs in your user configuration only: a stronger model for stuck steps",
    "# [escalation]",
    '# base_url = "https://api.example.com/v1"',
    '# model = "big-coder"',
    '# api_key_env = "STRONG_API_KEY"',
    "# after_failures = 3",
    "# max_per_session = 2",
    "# max_excerpt_tokens = 4000",
    "# input_usd_per_mtok = 3.0",
    "# output_usd_per_mtok = 15.0",
    "",
    "# [embedded] belongs in your user configuration only: the model run in process when no base_url is set",
    "# [embedded]",
    '# model_file = "~/models/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"',
    '# mirror = "https://hf-mirror.com"',
    "# threads = 4",
    "",
    "# [trust] belongs in your user configuration only (a project file cannot trust itself):",
    "# [trust]",
    ...TRUST_KEYS.flatMap((k) => [`# ${k.description}`, commented(k.key, k.example)]),
    "",
  ].join("\n");
}
