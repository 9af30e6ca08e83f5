import type { Field, Ident, TypeExpr, Value } from "../ast.ts";
import type { Span } from "../source.ts";

/** The identifier of a bare one-part name (`escalate`, `TinyClassifier`); undefined for anything else. */
export function singleName(value: Value): Ident | undefined {
  return value.kind === "Path" && value.parts.length === 1 ? value.parts[0] : undefined;
}

/** The dotted text of a path value (`input.complexity`). */
export function pathText(value: Value): string | undefined {
  return value.kind === "Path" ? value.parts.map((p) => p.name).join(".") : undefined;
}

/** The value of the first field with this key. */
export function fieldValue(fields: readonly Field[], key: string): Value | undefined {
  return fields.find((f) => f.key.name === key)?.value;
}

/** The type expression a `returns:` (or similar) value stands for; a bare name counts as a type name. */
export function typeExprOf(value: Value): TypeExpr | undefined {
  if (value.kind === "TypeValue") return value.type;
  const name = singleName(value);
  if (!name) return undefined;
  return { kind: "Type", name, args: [], nullable: false, span: value.span };
}

/** Names a value for a message: "the number `3`", "a string", "a list". */
export function describeValue(value: Value): string {
  switch (value.kind) {
    case "String":
      return "a string";
    case "Number":
      return `the number \`${value.raw}\``;
    case "Duration":
      return `the duration \`${value.raw}\``;
    case "Bool":
      return `\`${value.value}\``;
    case "Path":
      return value.parts.length === 1
        ? `the name \`${value.parts[0]!.name}\``
        : `the path \`${pathText(value)}\``;
    case "Call":
      return `a call to \`${value.callee.name}\``;
    case "Tagged":
      return `\`${value.tag.name}: …\``;
    case "List":
      return "a list";
    case "Object":
      return "an object";
    case "Rate":
      return "a rate";
    case "TypeValue":
      return `the type \`${typeText(value.type)}\``;
    case "ConstraintList":
      return "a list of constraints";
    case "ParamList":
      return "a list of typed fields";
    case "Verbatim":
      return `\`${value.text}\``;
  }
}

/** Canonical text of a type: `list<string>`; `T?` prints as written. */
export function typeText(type: TypeExpr): string {
  const base = type.tuple
    ? `(${type.args.map(typeText).join(", ")})`
    : type.labels !== undefined
      ? `enum<[${type.labels.map((l) => JSON.stringify(l.value)).join(", ")}]>`
      : type.args.length > 0
        ? `${type.name.name}<${type.args.map(typeText).join(", ")}>`
        : type.name.name;
  return type.nullable ? `${base}?` : base;
}

/** Canonical text for comparing two types: `T?` and `optional<T>` are the same type. */
export function typeKey(type: TypeExpr): string {
  const base = type.tuple
    ? `(${type.args.map(typeKey).join(",")})`
    : type.labels !== undefined
      ? `enum<[${type.labels.map((l) => JSON.stringify(l.value)).join(",")}]>`
      : type.args.length > 0
        ? `${type.name.name}<${type.args.map(typeKey).join(",")}>`
        : type.name.name;
  return type.nullable ? `optional<${base}>` : base;
}

/** A span covering `from` to `to`. */
export function joinSpans(from: Span, to: Span): Span {
  return { file: from.file, start: from.start, end: to.end };
}
