/**
 * Identifier casing and escaping for generated code. Declared names stay as written in strings and
 * registry keys; identifiers follow TypeScript conventions: values camelCase, types PascalCase.
 */

/** Words of a name: split at underscores and at lower→upper and acronym→word case changes. */
export function words(name: string): string[] {
  // snake_case of lower-case letters and digits (most names): each chunk is one word, as below.
  if (/^[a-z0-9_]*$/.test(name)) return name.split("_").filter((w) => w !== "");
  const out: string[] = [];
  for (const chunk of name.split(/_+/)) {
    if (chunk === "") continue;
    const parts = chunk.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z0-9]+|[0-9]+|[A-Z]/g);
    if (parts) out.push(...parts);
  }
  return out;
}

function upperFirst(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/**
 * `classify_task_type` → `classifyTaskType`, `TinyClassifier` → `tinyClassifier`, `HTTPModel` →
 * `httpModel`; a name that is already camelCase stays as written.
 */
export function camelCase(name: string): string {
  if (/^[a-z][A-Za-z0-9]*$/.test(name)) return name;
  const ws = words(name);
  if (ws.length === 0) return name;
  const [first, ...rest] = ws;
  const head = /^[A-Z]+$|^[A-Z][a-z0-9]*$/.test(first!) ? first!.toLowerCase() : first!;
  const result = head + rest.map(upperFirst).join("");
  return /^[0-9]/.test(result) ? `_${result}` : result;
}

/** `task_type` → `TaskType`, `taskType` → `TaskType`; a name that is already PascalCase stays as written. */
export function pascalCase(name: string): string {
  if (/^[A-Z][A-Za-z0-9]*$/.test(name)) return name;
  if (/^[a-z][A-Za-z0-9]*$/.test(name)) return upperFirst(name);
  const ws = words(name);
  if (ws.length === 0) return name;
  const result = ws.map(upperFirst).join("");
  return /^[0-9]/.test(result) ? `_${result}` : result;
}

/** Words JavaScript and TypeScript reserve, in modules (strict mode) and in type positions. */
const RESERVED_WORDS = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for " +
    "function if import in instanceof new null return super switch this throw true try typeof var void while with " +
    "yield let static implements interface package private protected public await arguments eval undefined NaN " +
    "Infinity any unknown never object string number boolean symbol bigint type as satisfies keyof readonly infer"
  ).split(" "),
);

/**
 * Names generated modules use themselves: globals, the runtime's exports, the registries of
 * `index.ts`, and the parameter names of generated functions. A declaration that would become one of
 * them gets a trailing underscore instead.
 */
const TAKEN_NAMES = new Set(
  (
    "Object Number String Boolean Array Promise Error RegExp JSON Math Date Map Set Symbol Readonly Record " +
    "Partial Required Pick Omit Exclude Extract ReturnType Parameters globalThis " +
    "z callPrompt template ChatMessage extensionPointNotImplemented PromptSpec ModelSpec RouterSpec ToolSpec " +
    "PolicySpec EvaluationSpec CallOptions AgentTurn TemplateFn ToolCategory " +
    "prompts models routers tools toolCategories evaluations policies ToolName ToolImplementations " +
    "input output options context value args"
  ).split(" "),
);

/** Appends `_` to a name that is reserved or already used by generated code. */
export function escapeIdentifier(name: string): string {
  return RESERVED_WORDS.has(name) || TAKEN_NAMES.has(name) ? `${name}_` : name;
}

/** `camelCase(name)` plus `suffix`, unless the name already ends with it (`search_tool` → `searchTool`). */
function withSuffix(name: string, suffix: string): string {
  const camel = camelCase(name);
  return camel.toLowerCase().endsWith(suffix.toLowerCase()) && camel.length > suffix.length
    ? camel
    : camel + suffix;
}

/** The identifiers a declaration becomes. Each result is escaped. */
export const ident = {
  /** Enum and entity: a zod schema const and a type of the same name. */
  type: (name: string) => escapeIdentifier(pascalCase(name)),
  model: (name: string) => escapeIdentifier(camelCase(name)),
  router: (name: string) => escapeIdentifier(camelCase(name)),
  route: (name: string) => escapeIdentifier(`route${pascalCase(name)}`),
  tool: (name: string) => escapeIdentifier(withSuffix(name, "Tool")),
  toolArgs: (name: string) => escapeIdentifier(`${pascalCase(name)}Args`),
  toolParams: (name: string) => escapeIdentifier(withSuffix(name, "Params")),
  policy: (name: string) => escapeIdentifier(withSuffix(name, "Policy")),
  evaluation: (name: string) => escapeIdentifier(withSuffix(name, "Evaluation")),
  prompt: (name: string) => escapeIdentifier(camelCase(name)),
  promptSpec: (name: string) => escapeIdentifier(`${camelCase(name)}Spec`),
  promptInput: (name: string) => escapeIdentifier(`${pascalCase(name)}Input`),
  template: (prompt: string, which: "system" | "user") =>
    escapeIdentifier(`${camelCase(prompt)}${which === "system" ? "System" : "User"}`),
  extension: (name: string) => escapeIdentifier(camelCase(name)),
} as const;
