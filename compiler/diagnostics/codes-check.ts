import { defineCodes } from "./catalog.ts";

/** MRW2xxx: semantic checks (compiler/check). Each code is reported by one rule in compiler/check/rules. */
export const checkCodes = defineCodes({
  MRW2001: {
    severity: "error",
    title: "duplicate declaration",
    explanation: `Names are unique per kind across all files compiled together: two models, two prompts or
two tools may not share a name, and enums and entities share one namespace of type names. Generated
code exports one constant per declaration, so a second declaration would silently shadow the first.

Example:
  model Tiny { endpoint: "\${URL}", name: "a" }
  model Tiny { endpoint: "\${URL}", name: "b" }   // error: \`Tiny\` is declared twice

Fix: rename one of the declarations (and its references), or delete the copy. The diagnostic points
at the second declaration and labels the first one "first declared here".`,
  },
  MRW2002: {
    severity: "error",
    title: "unknown reference",
    explanation: `A name used where a declaration is expected — a prompt's \`model:\` or \`router:\`, a tier
target, \`fallback:\`, an entry of \`tools:\`, \`validate: custom: NAME\`, \`metric: custom: NAME\`,
\`template: "extension_point:NAME"\`, an evaluation's \`prompt:\` or a \`per_prompt:\` budget scope — does
not name any declaration of that kind in the files compiled together.

Example:
  prompt classify(text: string) {
    model: TinyClasifier      // error: unknown model \`TinyClasifier\`
    template: "{{text}}"
  }

Fix: correct the spelling (the hint lists up to three close names and where the first is declared),
declare the missing item, or add the file that declares it to the compilation.`,
  },
  MRW2003: {
    severity: "error",
    title: "unknown template variable",
    explanation: `Every \`{{name}}\` in a prompt's \`template:\` or \`system:\` must be a parameter of the prompt,
a variable introduced by a block (\`this\`, \`@index\`, \`@key\`, \`@first\`, \`@last\`, \`as |item|\`
block parameters, fields of the items of \`{{#each}}\`), \`@root.NAME\`, or the built-ins \`categories\`
and \`labels\` (the members of the output enum, only when \`returns\` is an enum). Parameters are bound by
name, so a misspelt name would otherwise render as an empty string and the model would never see the
input. Inside \`{{#each xs}}\` the context is the current item: reach a parameter with \`{{@root.name}}\`.

Example:
  prompt classify_task_type(user_message: string) {
    template: "Request: {{usr_message}}"   // error: unknown template variable \`usr_message\`
  }

Fix: use the parameter's exact name, or declare the parameter.`,
  },
  MRW2004: {
    severity: "warning",
    title: "unused parameter",
    explanation: `A parameter that no template references is never shown to the model: the caller passes it
and it is dropped. Parameters of type \`chat\` (appended as messages), parameters named in the cache key,
in the router's \`by:\` path or in constraints count as used. Prompts whose template is an extension
point are not checked, since the TypeScript function receives the whole input.

Example:
  prompt summarize(text: string, language: string) {
    template: "Summarize: {{text}}"      // warning: parameter \`language\` is never used
  }

Fix: reference the parameter in the template (\`in {{language}}\`) or remove it.`,
  },
  MRW2005: {
    severity: "error",
    title: "invalid template",
    explanation: `A \`template:\` or \`system:\` string is not valid Handlebars, or uses a construct templates do
not support (partials \`{{> name}}\` and decorators). Templates are precompiled at build time, so a
syntax error would otherwise surface only when the prompt is first called.

Example:
  template: "Files: {{#each files}}{{this}}"    // error: unexpected end of template

Fix: close every \`{{\` with \`}}\` and every \`{{#block}}\` with a matching \`{{/block}}\`; write \`\\\\{{\`
(a backslash before the braces) for literal braces.`,
  },
  MRW2006: {
    severity: "error",
    title: "unknown template helper",
    explanation: `A template calls a helper (\`{{name arg}}\`, \`(name arg)\` or \`{{#name arg}}\`) that does not
exist. Templates may use Handlebars' built-in helpers \`if\`, \`unless\`, \`each\`, \`with\`, \`lookup\` and
\`log\`, and the runtime's \`json\` helper (\`{{json value}}\` renders a value as JSON).

Example:
  template: "Context: {{jsn files}}"     // error: unknown template helper \`jsn\`

Fix: use one of the helpers above, or compute the text in TypeScript and pass it as a parameter.`,
  },
  MRW2007: {
    severity: "error",
    title: "reference to the wrong kind of declaration",
    explanation: `A name refers to a declaration of another kind than the place requires: \`model:\` names a
router, \`router:\` names a model, a tier target names a router, \`tools:\` lists a prompt, and so on.

Example:
  router coding_router { by: input.complexity  tier all { -> Tiny } }
  prompt act(task: string, complexity: float) {
    model: coding_router        // error: \`coding_router\` is a router, not a model
  }

Fix: use the key that matches the declaration (\`router: coding_router\`), or name a declaration of the
expected kind.`,
  },
  MRW2010: {
    severity: "error",
    title: "unknown field",
    explanation: `A declaration (or a nested object such as \`retry:\`, \`cache:\` or a cost budget) has a key it
does not accept. Unknown keys are errors rather than being ignored, because a misspelt key
(\`temprature\`) would otherwise silently fall back to a default.

Example:
  model Tiny { endpoint: "\${URL}", name: "m", temprature: 0.2 }   // error: unknown field \`temprature\`

Fix: correct the key (the hint suggests the closest accepted keys) or remove it. \`marrowc explain\`
and docs/marrowscript.md list the keys each declaration accepts.`,
  },
  MRW2011: {
    severity: "error",
    title: "duplicate field",
    explanation: `A key appears twice in the same declaration or object. Only one value can take effect, and
which one was meant is ambiguous.

Example:
  prompt p(x: string) { template: "{{x}}"  timeout: 3s  timeout: 5s }   // error

Fix: keep one of the two fields.`,
  },
  MRW2012: {
    severity: "error",
    title: "missing required field",
    explanation: `A declaration lacks a field it cannot do without. Required fields: \`router\`: \`by\` (and at
least one tier); \`prompt\`: \`template\` (and one of \`model\`/\`router\`, MRW2018); \`entity\`: \`owns\`; \`tool\`:
\`description\` and \`category\`; \`evaluation\`: \`prompt\` and \`cases\`; \`retry\`: \`max_attempts\`; a cost
budget: \`scope\` and \`window\`; \`on_exceeded\`: \`action\`; an evaluation case: \`input\` and \`expect\`.

Example:
  prompt summarize(text: string) { model: Tiny }     // error: prompt \`summarize\` has no \`template\`

Fix: add the field.`,
  },
  MRW2013: {
    severity: "error",
    title: "value of the wrong kind",
    explanation: `A field's value is not the kind of value the field takes: a number where a duration is
expected (\`timeout: 3\`), a string where a name is expected (\`provider: "ollama"\`), a list where an
object is expected, and so on. A value that does not parse is an error, never a silent default.

Example:
  prompt p(x: string) { template: "{{x}}"  timeout: 3 }    // error: \`timeout\` must be a duration

Fix: write the value in the expected form: durations carry a unit (\`3s\`, \`100ms\`, \`10m\`), names are
written without quotes, strings with quotes.`,
  },
  MRW2014: {
    severity: "error",
    title: "value out of range",
    explanation: `A number is outside the range its field allows: \`temperature\` in [0, 2], \`top_p\` in (0, 1],
\`confidence_threshold\` and \`baseline\` in [0, 1], \`context_window\`, \`max_output\`, \`max_attempts\`,
\`cap_tokens\` and \`cap_calls\` positive integers, \`cap_usd\` positive, and durations such as \`timeout\`,
\`ttl\`, \`window\` and \`retry_after\` greater than zero.

Example:
  model Tiny { endpoint: "\${URL}", name: "m", temperature: 3 }   // error: must be between 0 and 2

Fix: use a value within the range.`,
  },
  MRW2015: {
    severity: "error",
    title: "value not among the allowed names",
    explanation: `A field that takes one of a fixed set of names has another name: \`provider\`, \`cost_class\`,
\`latency_class\`, \`tool_format\`, \`on_low_confidence\`, \`validate\`, \`on_invalid\`, \`backoff\`,
\`category\`, \`metric\`, a budget \`scope\` or \`action\`.

Example:
  retry: { max_attempts: 3, backoff: exponentail }   // error: did you mean \`exponential\`?

Fix: use one of the names the message lists.`,
  },
  MRW2016: {
    severity: "error",
    title: "malformed environment reference",
    explanation: `\`endpoint\`, \`name\` and \`api_key\` may hold environment references, resolved at run time:
\`\${NAME}\` or \`\${NAME:-default}\`, where NAME is a letter or underscore followed by letters, digits or
underscores. A \`\${\` that does not form such a reference would reach the server as literal text.

Example:
  endpoint: "\${SMALLCODE_BASE_URL"       // error: unterminated environment reference

Fix: close the reference with \`}\` and use a valid variable name.`,
  },
  MRW2017: {
    severity: "warning",
    title: "unknown system field",
    explanation: `A \`system\` block has a \`key: value\` line other than \`domain\`, \`version\` or
\`description\`. System fields are informational, so an unknown one is ignored with this warning.

Example:
  system Cognition { domian: coding }     // warning: did you mean \`domain\`?

Fix: correct or remove the field.`,
  },
  MRW2018: {
    severity: "error",
    title: "prompt needs exactly one of model and router",
    explanation: `A prompt is sent either to one model (\`model: Name\`) or through a router that picks a model
per call (\`router: name\`). It must declare exactly one of the two.

Example:
  prompt p(x: string) { template: "{{x}}" }             // error: no \`model\` or \`router\`
  prompt q(x: string) { model: A  router: r  template: "{{x}}" }   // error: both

Fix: keep exactly one of \`model:\` and \`router:\`.`,
  },
  MRW2019: {
    severity: "error",
    title: "max_output does not fit the context window",
    explanation: `A model's \`max_output\` (or a prompt's, which overrides it) must be smaller than the model's
\`context_window\` (8192 when not declared), since the reply shares the window with the prompt.

Example:
  model Tiny { endpoint: "\${URL}", name: "m", context_window: 4096, max_output: 8192 }   // error

Fix: lower \`max_output\` or declare the real \`context_window\`.`,
  },
  MRW2020: {
    severity: "error",
    title: "unknown type",
    explanation: `A type name in a parameter, a \`returns:\` or an entity field is neither a built-in type
(\`string int float bool json File chat turn list<T> optional<T> T? enum<["a", "b"]>\`) nor a declared
enum or entity.

Example:
  prompt p(count: integer) { … }      // error: unknown type \`integer\`; did you mean \`int\`?

Fix: use a built-in type, or declare the enum or entity.`,
  },
  MRW2021: {
    severity: "error",
    title: "type used where it is not allowed",
    explanation: `A type is well-known but misused: \`list\` and \`optional\` take exactly one type argument and
other types none; \`turn\` is only a prompt's \`returns:\`, never a parameter or field; \`chat\` is only
a parameter type of a prompt or extension point; an inline \`enum<[…]>\` needs at least one label; and
a prompt may declare at most one \`chat\` parameter.

Example:
  prompt p(history: turn) { … }        // error: \`turn\` is only valid as a prompt's \`returns\`

Fix: use the type in a place that allows it.`,
  },
  MRW2022: {
    severity: "error",
    title: "duplicate enum member",
    explanation: `An enum (or an inline \`enum<[…]>\`) lists the same label twice. Labels are matched to model
output, so each must be distinct.

Example:
  enum TaskType { coding, editing, coding }     // error

Fix: remove the repeated label.`,
  },
  MRW2023: {
    severity: "error",
    title: "duplicate parameter or field",
    explanation: `A prompt, tool or extension point declares two parameters with the same name, or an entity
declares two fields with the same name. Inputs are bound by name, so names must be unique.

Example:
  prompt p(text: string, text: string) { … }     // error

Fix: rename or remove one of them.`,
  },
  MRW2024: {
    severity: "error",
    title: "server field on an embedded model",
    explanation: `A model with \`provider: embedded\` runs in process from a GGUF file: there is no server to
reach, so \`endpoint\` and \`api_key\` mean nothing and are rejected rather than silently ignored.

Example:
  model Local { provider: embedded, model_file: "\${SMALLCODE_MODEL_FILE}", endpoint: "http://x" }   // error

Fix: remove the field, or use a server provider (\`openai_compat\`, \`ollama\`, …) to reach a model
over HTTP.`,
  },
  MRW2025: {
    severity: "error",
    title: "embedded model needs exactly one of model_file and source",
    explanation: `An embedded model names its weights once: \`model_file\` (a local GGUF path, may hold
\`\${VAR}\` references) or \`source\` (\`hf:OWNER/REPO/FILE.gguf\`, downloaded on first use). With neither
there is nothing to load; with both it is unclear which one wins.

Example:
  model Local { provider: embedded }      // error: names no weights

Fix: keep exactly one of the two.`,
  },
  MRW2026: {
    severity: "error",
    title: "malformed model source",
    explanation: `\`source:\` names a GGUF file on the Hugging Face hub as \`hf:OWNER/REPO/FILE.gguf\` (the file
may be in a folder of the repository: \`hf:OWNER/REPO/DIR/FILE.gguf\`).

Example:
  source: "Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF"      // error: no hf: prefix, no file

Fix: write the full reference, or use \`model_file:\` for a local file.`,
  },
  MRW2027: {
    severity: "error",
    title: "embedded field on a server model",
    explanation: `\`model_file\`, \`source\`, \`threads\`, \`gpu_layers\` and \`grammar\` describe a model SmallCode
runs in process; a model reached over HTTP is loaded and run by its server, which these fields cannot
change.

Example:
  model Remote { provider: ollama, name: "qwen2.5-coder:7b", threads: 4 }    // error

Fix: remove the field, or declare \`provider: embedded\`.`,
  },
  MRW2030: {
    severity: "error",
    title: "router without tiers",
    explanation: `A router picks a model by testing its tiers in order; a router with no \`tier\` has nothing to
pick from.

Example:
  router r { by: input.complexity }     // error

Fix: add at least one tier, the last one without \`max\`: \`tier all { -> Tiny }\`.`,
  },
  MRW2031: {
    severity: "error",
    title: "misplaced tier max",
    explanation: `Every tier but the last needs \`max: N\` (the inclusive upper bound of the routed value), and
the last tier has no \`max\`: it takes every value above the others, and values that are missing or not
numbers.

Example:
  tier trivial { -> Tiny }                 // error: a tier before the last needs \`max\`
  tier complex { max: 1.0 -> Medium }      // error: the last tier takes no \`max\`

Fix: give each earlier tier a \`max\`, and remove it from the last.`,
  },
  MRW2032: {
    severity: "error",
    title: "tier maxes not increasing",
    explanation: `Tiers are tested in order with \`value <= max\`, so a tier whose \`max\` is not strictly greater
than the one before can never be chosen.

Example:
  tier simple  { max: 0.6 -> Small }
  tier trivial { max: 0.3 -> Tiny }      // error: 0.3 is not greater than 0.6

Fix: order the tiers by increasing \`max\`.`,
  },
  MRW2033: {
    severity: "error",
    title: "invalid router input",
    explanation: `A router's \`by:\` is a path into the prompt's input that starts with \`input.\`
(\`by: input.complexity\`), and that parameter of every prompt that uses the router is a number (\`int\` or
\`float\`): a non-numeric value would always take the last tier. (A prompt without the parameter at all,
which the original grammar allowed, is the warning MRW2101.)

Example:
  router r { by: input.complexity  tier all { -> Tiny } }
  prompt p(task: string, complexity: string) { router: r  template: "{{task}}" }   // error: not a number

Fix: declare the parameter as \`float\` or \`int\`, or change \`by:\`.`,
  },
  MRW2034: {
    severity: "error",
    title: "tier without a model",
    explanation: `A tier must name the model it routes to with \`-> Model\`.

Example:
  tier trivial { max: 0.3 }              // error

Fix: add the target: \`tier trivial { max: 0.3 -> Tiny }\`.`,
  },
  MRW2035: {
    severity: "error",
    title: "duplicate tier",
    explanation: `Two tiers of one router have the same name; tier names appear in traces and must be unique
within a router.

Fix: rename one of the tiers.`,
  },
  MRW2040: {
    severity: "error",
    title: "extension point does not match the prompt",
    explanation: `\`template: "extension_point:NAME"\` renders the prompt with a TypeScript function. The
extension point receives the prompt's input, so each of its parameters must be a parameter of the prompt
with the same type (in any order), and it must return \`string\` when it declares \`returns\`. (A prompt
parameter the extension point does not declare, which the original grammar allowed, is the warning MRW2102.)

Example:
  extension_point render(task: int, files: list<string>) { returns: string }
  prompt p(task: string, files: list<string>) {
    model: Tiny
    template: "extension_point:render"    // error: \`task\` is \`string\` here but \`int\` in \`render\`
  }

Fix: make the two parameter lists agree.`,
  },
  MRW2041: {
    severity: "error",
    title: "tools on a prompt that is not an agent turn",
    explanation: `Only agent prompts (\`returns: turn\`) may offer tools: other prompts return a validated value
and never read tool calls from the reply.

Example:
  prompt p(x: string) { model: Tiny  template: "{{x}}"  tools: [read_file] }   // error

Fix: declare \`returns: turn\`, or remove \`tools:\`.`,
  },
  MRW2050: {
    severity: "error",
    title: "constraint type error",
    explanation: `Constraints are boolean expressions over \`output\` and the parameters (\`NAME\` or
\`input.NAME\`), type-checked at compile
time: \`and\`/\`or\`/\`not\` take booleans, \`< <= > >=\` numbers, \`==\`/\`!=\` values of the same type,
\`in\`/\`not in\` a value and a list of values of its type, \`matches\` a string and a regex string, and
\`.length\` applies to strings and lists. Agent turns (\`returns: turn\`) are unvalidated and take no
constraints.

Example:
  returns: int
  constraints: [ output matches "^[0-9]+$" ]     // error: \`matches\` needs a string

Fix: rewrite the constraint so the types agree.`,
  },
  MRW2051: {
    severity: "error",
    title: "label is not a member of the enum",
    explanation: `A string compared with an enum value (in a constraint's \`in [...]\` or \`==\`, or an
evaluation's \`expect\`) is not one of the enum's labels, so the comparison can never be true.

Example:
  enum TaskType { coding, editing }
  constraints: [ output in ["coding", "debuging"] ]    // error: did you mean \`debugging\`?

Fix: use one of the enum's labels, or add the label to the enum.`,
  },
  MRW2052: {
    severity: "error",
    title: "invalid regular expression",
    explanation: `The pattern after \`matches\` must be a string holding a valid JavaScript regular
expression; it is compiled once when the generated module loads.

Example:
  constraints: [ output matches "([a-z]+" ]     // error: unterminated group

Fix: correct the pattern (remember that a backslash is written \`\\\\\` inside a string).`,
  },
  MRW2053: {
    severity: "error",
    title: "unknown name in a constraint",
    explanation: `A constraint names something that does not exist: a name that is neither \`output\` nor a
parameter of the prompt (an enum label is written as a string: \`output == "coding"\`), an unknown
parameter after \`input.\`, or a field the output entity does not have.

Example:
  returns: Plan          // entity Plan { owns: [steps: list<string>] }
  constraints: [ output.step.length <= 5 ]    // error: \`Plan\` has no field \`step\`

Fix: correct the path.`,
  },
  MRW2060: {
    severity: "error",
    title: "cost budget needs exactly one cap",
    explanation: `A cost budget limits exactly one quantity: \`cap_tokens\`, \`cap_calls\` or \`cap_usd\`. With
none it limits nothing; with several it is unclear which one the scope and window apply to.

Example:
  { scope: per_session, window: 1h, cap_tokens: 1000, cap_calls: 10 }    // error

Fix: split it into one budget per cap, or keep one cap.`,
  },
  MRW2061: {
    severity: "error",
    title: "inconsistent on_exceeded",
    explanation: `\`on_exceeded\` says what happens when a budget is exhausted: \`action: error\` (with an
optional \`code\`), \`action: throttle\` (which needs \`retry_after: DURATION\`) or \`action: warn\`.
\`retry_after\` only applies to throttle and \`code\` only to error.

Example:
  on_exceeded: { action: throttle }     // error: throttle needs \`retry_after\`

Fix: add or remove the field as the message says.`,
  },
  MRW2070: {
    severity: "error",
    title: "alias for an unknown tool parameter",
    explanation: `A tool's \`aliases\` maps each parameter to the wrong names small models use for it; every
key must be a parameter of the tool.

Example:
  tool patch(path: string) { …  aliases: { pth: [file_path] } }    // error: did you mean \`path\`?

Fix: use the parameter's name as the key.`,
  },
  MRW2071: {
    severity: "error",
    title: "ambiguous tool alias",
    explanation: `An alias must identify one parameter: it may not be the name of a parameter of the tool,
nor be listed for two parameters, or the forgiving parser could not tell which one the model meant.

Example:
  tool patch(path: string, file: string) { …  aliases: { path: [file] } }    // error

Fix: remove the alias.`,
  },
  MRW2072: {
    severity: "error",
    title: "may_be_empty names no required string parameter",
    explanation: `A tool's required \`string\` parameters must not be empty, unless \`may_be_empty\` lists them
(file content, replacement text). Each name there must be a required \`string\` parameter of the tool.

Example:
  tool write_file(path: string, content: string) { …  may_be_empty: [contents] }    // error

Fix: list the parameter by its name, and only required strings.`,
  },
  MRW2080: {
    severity: "error",
    title: "evaluation input does not match the prompt",
    explanation: `Each evaluation case's \`input\` must supply the prompt's parameters by name: no unknown keys,
every parameter that is not optional, and values of the parameter's type.

Example:
  prompt classify(user_message: string) { … }
  cases: [ { input: { message: "fix it" }, expect: "debugging" } ]   // error: unknown input \`message\`

Fix: use the prompt's parameter names and types.`,
  },
  MRW2081: {
    severity: "error",
    title: "expected value does not fit the output type",
    explanation: `An evaluation case's \`expect\` must be a value of the prompt's output type (an enum label, a
string, a number, an object of an entity's fields, …); with \`metric: in_set\` it is a list of such
values, and with \`metric: contains\` a string.

Example:
  returns: TaskType
  cases: [ { input: { … }, expect: "debuging" } ]    // error: not a label of \`TaskType\`

Fix: correct the expected value.`,
  },
  MRW2082: {
    severity: "error",
    title: "evaluation of an agent turn",
    explanation: `An agent turn (\`returns: turn\`) is the model's raw reply with tool calls; it has no value
to compare with \`expect\` except through a custom metric.

Fix: use \`metric: custom: my_metric\` with an extension point, or evaluate a prompt with a typed output.`,
  },
  MRW2090: {
    severity: "error",
    title: "invalid cache key",
    explanation: `\`cache: { key: … }\` is \`hash(a, b, …)\` or a single path; every argument is a path whose
first name is a parameter of the prompt (a leading \`input.\` is allowed). The prompt's content hash
and the resolved model are always part of the key, so they are not written in it.

Example:
  cache: { key: hash(user_mesage), ttl: 10m }     // error: \`user_mesage\` is not a parameter

Fix: name parameters of the prompt.`,
  },
  MRW2096: {
    severity: "error",
    title: "import of a file that is not compiled",
    explanation: `\`import Name from "path.marrow"\` names a file (relative to the importing file) that is not
among the files compiled together, so its declarations are unavailable.

Example:
  import Models from "./modles.marrow"      // error

Fix: correct the path, or add the file to the compilation (\`marrowc build\` compiles every .marrow file
under the source directory).`,
  },
  MRW2099: {
    severity: "error",
    title: "too many errors",
    explanation: `After 50 errors in one file the checker stops reporting further errors for that file, since
later ones are usually consequences of earlier ones.

Fix: fix the reported errors and run the check again.`,
  },
});
