import type { NativeTool } from "../client.ts";

/**
 * The act-turn format of embedded models: one JSON object, `{"answer": TEXT}` or
 * `{"tool": NAME, "arguments": {…}}`, as a JSON schema node-llama-cpp compiles into a decode-time
 * grammar. Its schema compiler emits every listed property and turns unknown keywords into "any
 * JSON" silently (docs/models.md, section 3), so tool schemas are normalised first.
 */

type Schema = Record<string, unknown>;

/** Keywords the grammar cannot enforce: dropped (the tool's own validation still checks them). */
const DROPPED = new Set([
  "pattern",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "default",
  "examples",
  "$schema",
  "title",
  "multipleOf",
  "format",
]);

function isObject(value: unknown): value is Schema {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Merges `allOf` members that are object schemas into one. */
function mergeAllOf(parts: readonly unknown[]): Schema {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const part of parts) {
    if (!isObject(part)) continue;
    Object.assign(properties, isObject(part.properties) ? part.properties : {});
    if (Array.isArray(part.required)) required.push(...part.required.filter((r) => typeof r === "string"));
  }
  return { type: "object", properties, required };
}

/**
 * A tool's JSON schema in the subset the grammar compiler honours: `anyOf` → `oneOf`, `allOf` of
 * objects merged, objects without `type` typed, unsupported keywords dropped, and optional
 * properties made nullable (every listed property is emitted; `dropNulls` removes them again).
 */
export function normaliseSchema(schema: unknown): Schema {
  if (!isObject(schema)) return {};
  let s: Schema = { ...schema };
  if (Array.isArray(s.allOf)) {
    const { allOf, ...rest } = s;
    s = { ...rest, ...mergeAllOf(allOf as unknown[]) };
  }
  if (Array.isArray(s.anyOf)) {
    const { anyOf, ...rest } = s;
    s = { ...rest, oneOf: anyOf };
  }
  for (const key of DROPPED) delete s[key];
  if (Array.isArray(s.oneOf)) s.oneOf = s.oneOf.map(normaliseSchema);
  if (s.type === undefined && (isObject(s.properties) || s.additionalProperties !== undefined))
    s.type = "object";
  if (isObject(s.items)) s.items = normaliseSchema(s.items);
  if (isObject(s.additionalProperties)) s.additionalProperties = normaliseSchema(s.additionalProperties);
  if (isObject(s.properties)) {
    const required = new Set(Array.isArray(s.required) ? s.required : []);
    const properties: Record<string, unknown> = {};
    for (const [name, child] of Object.entries(s.properties)) {
      const normal = normaliseSchema(child);
      properties[name] = required.has(name) ? normal : { oneOf: [normal, { type: "null" }] };
    }
    s.properties = properties;
  }
  // `required` is ignored by the compiler (everything listed is emitted); kept for readers only.
  return s;
}

const ANSWER: Schema = {
  type: "object",
  properties: { answer: { type: "string" } },
  required: ["answer"],
  additionalProperties: false,
};

/**
 * The act-turn schema: an answer, or exactly one call of one of `tools`; with `required` (a turn
 * whose `tool_choice` is `required`) only the calls, so the model cannot answer instead of acting.
 */
export function actSchema(tools: readonly NativeTool[], required = false): Schema {
  return {
    oneOf: [
      ...(required ? [] : [ANSWER]),
      ...tools.map((t) => ({
        type: "object",
        properties: {
          tool: { const: t.function.name },
          arguments: { type: "object", ...normaliseSchema(t.function.parameters) },
        },
        required: ["tool", "arguments"],
        additionalProperties: false,
      })),
    ],
  };
}

/** The system-prompt section that tells the model the tools and the reply format the grammar enforces. */
export function actInstructions(tools: readonly NativeTool[]): string {
  return [
    "# Tools",
    "",
    "You can call these tools (JSON schemas):",
    JSON.stringify(tools.map((t) => t.function)),
    "",
    'Reply with only one JSON object. To call a tool: {"tool": "<tool name>", "arguments": {<arguments>}}. When you need no tool, or the task is done: {"answer": "<your answer>"}.',
  ].join("\n");
}

/** A call or an answer read from an act-turn reply. */
export type ActReply =
  | { readonly kind: "call"; readonly name: string; readonly arguments: Record<string, unknown> }
  | { readonly kind: "answer"; readonly text: string };

/** Removes null values of keys the tool's schema does not require (the grammar emitted them). */
export function dropNulls(
  args: Record<string, unknown>,
  tool: NativeTool | undefined,
): Record<string, unknown> {
  const required = new Set(tool?.function.parameters.required ?? []);
  return Object.fromEntries(Object.entries(args).filter(([k, v]) => v !== null || required.has(k)));
}

/**
 * Reads an act-turn reply: `{answer}` or `{tool, arguments}` naming an offered tool; undefined when
 * the text is not such an object (a reply cut short, or free text with the grammar off).
 */
export function parseAct(text: string, tools: readonly NativeTool[]): ActReply | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text.trim());
  } catch {
    return undefined;
  }
  if (!isObject(value)) return undefined;
  if (typeof value.answer === "string" && value.tool === undefined)
    return { kind: "answer", text: value.answer };
  if (typeof value.tool !== "string" || !isObject(value.arguments)) return undefined;
  const tool = tools.find((t) => t.function.name === value.tool);
  if (!tool) return undefined;
  return { kind: "call", name: tool.function.name, arguments: dropNulls(value.arguments, tool) };
}

/**
 * The grammar text with JSON's optional line breaks and indentation removed: node-llama-cpp's
 * whitespace rules let a model pretty-print, which costs small models a token per line and indent
 * (a 20-token call became 41) and brings a `max_output` cut sooner. One optional space is kept.
 */
export function compactGbnf(gbnf: string): string {
  return gbnf
    .split("\n")
    .map((line) => {
      const rule = /^((comma-)?whitespace-[\w-]*rule) ::= /.exec(line);
      if (!rule) return line;
      return `${rule[1]} ::= ${rule[2] ? '"," ' : ""}[ ]?`;
    })
    .join("\n");
}

/** The cache key of a tool set's grammar, with or without the answer branch. */
export function grammarKey(tools: readonly NativeTool[], required = false): string {
  return JSON.stringify([required, tools.map((t) => [t.function.name, t.function.parameters])]);
}
