import type { Param, PromptDecl, TypeExpr, Value } from "../ast.ts";
import { ORIGINAL_JSON_GENERICS, ORIGINAL_LIST_TYPES, ORIGINAL_SCALARS } from "../type-aliases.ts";
import type { Symbols } from "./symbols.ts";
import { fieldValue, typeExprOf } from "./values.ts";

/**
 * Semantic types, resolved from type expressions. `unknown` stands for a type that could not be
 * resolved (already reported by KnownTypes); checks treat it as "anything" to avoid cascades.
 */
export type Ty =
  | { readonly k: "string" | "int" | "float" | "bool" | "json" | "file" | "chat" | "turn" | "unknown" }
  | { readonly k: "enum"; readonly name?: string; readonly labels: readonly string[] }
  | { readonly k: "entity"; readonly name: string; readonly fields: readonly Param[] }
  | { readonly k: "list"; readonly elem: Ty }
  | { readonly k: "optional"; readonly inner: Ty };

/** Type names built into the language, and how many type arguments each takes. */
export const BUILTIN_TYPES: Readonly<Record<string, number>> = {
  string: 0,
  int: 0,
  float: 0,
  bool: 0,
  json: 0,
  File: 0,
  chat: 0,
  turn: 0,
  list: 1,
  optional: 1,
  uint: 0,
  timestamp: 0,
  uuid: 0,
  bytes: 0,
  set: 1,
  ...ORIGINAL_JSON_GENERICS,
};

const SCALARS: Readonly<Record<string, Ty["k"]>> = {
  string: "string",
  int: "int",
  float: "float",
  bool: "bool",
  json: "json",
  File: "file",
  chat: "chat",
  turn: "turn",
  ...ORIGINAL_SCALARS,
};

const UNKNOWN: Ty = { k: "unknown" };

/** Resolves a type expression against the symbols; never reports (KnownTypes does). */
export function resolveType(symbols: Symbols, type: TypeExpr): Ty {
  const ty = resolveBase(symbols, type);
  return type.nullable ? { k: "optional", inner: ty } : ty;
}

function resolveBase(symbols: Symbols, type: TypeExpr): Ty {
  if (type.labels !== undefined) return { k: "enum", labels: type.labels.map((l) => l.value) };
  if (type.tuple) return { k: "json" };
  const name = type.name.name;
  const scalar = SCALARS[name];
  if (scalar && type.args.length === 0) return { k: scalar } as Ty;
  if ((name === "list" || name === "optional" || ORIGINAL_LIST_TYPES.has(name)) && type.args.length === 1) {
    const arg = resolveType(symbols, type.args[0]!);
    return name !== "optional" ? { k: "list", elem: arg } : { k: "optional", inner: arg };
  }
  if (Object.hasOwn(ORIGINAL_JSON_GENERICS, name)) return { k: "json" };
  if (type.args.length > 0) return UNKNOWN;
  const en = symbols.byKind.enum.get(name);
  if (en) return { k: "enum", name, labels: en.decl.members.map((m) => m.name) };
  const entity = symbols.byKind.entity.get(name);
  if (entity) {
    const owns = fieldValue(entity.decl.fields, "owns");
    return { k: "entity", name, fields: owns?.kind === "ParamList" ? owns.params : [] };
  }
  return UNKNOWN;
}

/** The output type of a prompt: its `returns:` type, `string` when absent, `unknown` when malformed. */
export function promptOutputType(symbols: Symbols, prompt: PromptDecl): Ty {
  const value = fieldValue(prompt.fields, "returns");
  if (!value) return { k: "string" };
  const type = typeExprOf(value);
  return type ? resolveType(symbols, type) : UNKNOWN;
}

/** A type without its `optional` wrappers. */
export function unwrapOptional(ty: Ty): Ty {
  return ty.k === "optional" ? unwrapOptional(ty.inner) : ty;
}

/** How a message names a type (without backticks): `string`, `list<int>`, `TaskType`. */
export function tyText(ty: Ty): string {
  switch (ty.k) {
    case "enum":
      return ty.name ?? `enum<[${ty.labels.map((l) => JSON.stringify(l)).join(", ")}]>`;
    case "entity":
      return ty.name;
    case "list":
      return `list<${tyText(ty.elem)}>`;
    case "optional":
      return `optional<${tyText(ty.inner)}>`;
    case "file":
      return "File";
    default:
      return ty.k;
  }
}

/** A field of an entity type, resolved. */
export function entityField(symbols: Symbols, ty: Ty & { k: "entity" }, name: string): Ty | undefined {
  const param = ty.fields.find((p) => p.name.name === name);
  return param ? resolveType(symbols, param.type) : undefined;
}

/** Why a literal value does not fit a type, or undefined when it fits.  */
export function misfit(symbols: Symbols, value: Value, ty: Ty): string | undefined {
  switch (ty.k) {
    case "unknown":
    case "json":
    case "turn":
      return undefined;
    case "optional":
      return misfit(symbols, value, ty.inner);
    case "string":
    case "file":
      return value.kind === "String" ? undefined : `expected a string, found ${valueWord(value)}`;
    case "enum":
      if (value.kind !== "String") return `expected a label of \`${tyText(ty)}\`, found ${valueWord(value)}`;
      return ty.labels.includes(value.value)
        ? undefined
        : `\`${value.value}\` is not a label of \`${tyText(ty)}\``;
    case "int":
      return value.kind === "Number" && Number.isInteger(value.value)
        ? undefined
        : `expected an integer, found ${valueWord(value)}`;
    case "float":
      return value.kind === "Number" ? undefined : `expected a number, found ${valueWord(value)}`;
    case "bool":
      return value.kind === "Bool" ? undefined : `expected \`true\` or \`false\`, found ${valueWord(value)}`;
    case "chat":
      return value.kind === "List"
        ? undefined
        : `expected a list of chat messages, found ${valueWord(value)}`;
    case "list": {
      if (value.kind !== "List") return `expected a list, found ${valueWord(value)}`;
      for (const item of value.items) {
        const why = misfit(symbols, item, ty.elem);
        if (why) return why;
      }
      return undefined;
    }
    case "entity": {
      if (value.kind !== "Object")
        return `expected an object of type \`${ty.name}\`, found ${valueWord(value)}`;
      for (const f of value.fields) {
        const fieldTy = entityField(symbols, ty, f.key.name);
        if (!fieldTy) return `\`${ty.name}\` has no field \`${f.key.name}\``;
        const why = misfit(symbols, f.value, fieldTy);
        if (why) return why;
      }
      return undefined;
    }
  }
}

function valueWord(value: Value): string {
  switch (value.kind) {
    case "String":
      return "a string";
    case "Number":
      return Number.isInteger(value.value) ? "an integer" : "a number";
    case "Bool":
      return "a boolean";
    case "List":
      return "a list";
    case "Object":
      return "an object";
    case "Duration":
      return "a duration";
    default:
      return "a name";
  }
}

/** True for `int` and `float` (and `json`/unknown, which might be numbers). */
export function isNumeric(ty: Ty): boolean {
  const t = unwrapOptional(ty);
  return t.k === "int" || t.k === "float" || t.k === "json" || t.k === "unknown";
}
