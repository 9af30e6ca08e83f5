import type { Comment, Field, TypeExpr, Value } from "../ast.ts";
import type { LiteralIR, TypeIR } from "../ir.ts";
import { lineColOf, type Source, type Span } from "../source.ts";
import { ORIGINAL_JSON_GENERICS, ORIGINAL_LIST_TYPES, ORIGINAL_SCALARS } from "../type-aliases.ts";

/**
 * Small readers that turn AST values into plain data for `lower()`. Each one returns `undefined` for a
 * value of the wrong shape instead of throwing: lowering runs after the checks, and a value the checks
 * let through but these readers do not understand simply falls back to the language default.
 */

/** The value of the first field with this key. */
export function field(fields: readonly Field[], key: string): Value | undefined {
  return fields.find((f) => f.key.name === key)?.value;
}

/** A bare name (`escalate`) or a string (`"escalate"`). */
export function nameOf(value: Value | undefined): string | undefined {
  if (!value) return undefined;
  if (value.kind === "Path") return value.parts.map((p) => p.name).join(".");
  if (value.kind === "String") return value.value;
  return undefined;
}

/** A string value. */
export function stringOf(value: Value | undefined): string | undefined {
  return value?.kind === "String" ? value.value : undefined;
}

/** A finite number value. */
export function numberOf(value: Value | undefined): number | undefined {
  return value?.kind === "Number" && Number.isFinite(value.value) ? value.value : undefined;
}

/** A boolean value. */
export function boolOf(value: Value | undefined): boolean | undefined {
  return value?.kind === "Bool" ? value.value : undefined;
}

/** A duration in milliseconds; a bare number counts as milliseconds. */
export function msOf(value: Value | undefined): number | undefined {
  if (value?.kind === "Duration" && Number.isFinite(value.ms)) return value.ms;
  return numberOf(value);
}

/** One of the allowed names, or undefined. */
export function oneOf<T extends string>(value: Value | undefined, names: readonly T[]): T | undefined {
  const name = nameOf(value);
  return name !== undefined && (names as readonly string[]).includes(name) ? (name as T) : undefined;
}

/** A list of names or strings (`[read_file, patch]`, `["\n"]`). */
export function namesOf(value: Value | undefined): string[] | undefined {
  if (value?.kind !== "List") return undefined;
  const out: string[] = [];
  for (const item of value.items) {
    const name = nameOf(item);
    if (name !== undefined) out.push(name);
  }
  return out;
}

/** A type expression from `returns:` (a TypeValue, or a bare name). */
export function typeExprOf(value: Value | undefined): TypeExpr | undefined {
  if (!value) return undefined;
  if (value.kind === "TypeValue") return value.type;
  if (value.kind === "Path" && value.parts.length === 1) {
    return { kind: "Type", name: value.parts[0]!, args: [], nullable: false, span: value.span };
  }
  return undefined;
}

const SCALARS: Readonly<Record<string, TypeIR["kind"]>> = {
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

/** Resolves a type expression; enum names get their labels, entity names stay names. */
export function lowerType(
  type: TypeExpr,
  lookup: { enumLabels(name: string): readonly string[] | undefined; isEntity(name: string): boolean },
): TypeIR {
  const base = lowerBase(type, lookup);
  return type.nullable && base.kind !== "optional" ? { kind: "optional", item: base } : base;
}

function lowerBase(
  type: TypeExpr,
  lookup: { enumLabels(name: string): readonly string[] | undefined; isEntity(name: string): boolean },
): TypeIR {
  if (type.labels !== undefined) return { kind: "enum", labels: type.labels.map((l) => l.value) };
  if (type.tuple) return { kind: "json" };
  const name = type.name.name;
  const arg = type.args[0];
  if (
    (name === "list" || name === "optional" || ORIGINAL_LIST_TYPES.has(name)) &&
    arg &&
    type.args.length === 1
  ) {
    const item = lowerType(arg, lookup);
    if (name !== "optional") return { kind: "list", item };
    return item.kind === "optional" ? item : { kind: "optional", item };
  }
  if (Object.hasOwn(ORIGINAL_JSON_GENERICS, name)) return { kind: "json" };
  if (type.args.length > 0) return { kind: "unknown" };
  const scalar = SCALARS[name];
  if (scalar) return { kind: scalar } as TypeIR;
  const labels = lookup.enumLabels(name);
  if (labels) return { kind: "enum", name, labels };
  if (lookup.isEntity(name)) return { kind: "entity", name };
  return { kind: "unknown" };
}

/** Converts a literal value (evaluation inputs and expectations) to plain data. */
export function literalOf(value: Value): LiteralIR {
  switch (value.kind) {
    case "String":
      return value.value;
    case "Number":
      return value.value;
    case "Duration":
      return value.ms;
    case "Bool":
      return value.value;
    case "Path": {
      const text = value.parts.map((p) => p.name).join(".");
      return text === "null" ? null : text;
    }
    case "List":
      return value.items.map(literalOf);
    case "Object": {
      const out: Record<string, LiteralIR> = {};
      for (const f of value.fields) if (!Object.hasOwn(out, f.key.name)) out[f.key.name] = literalOf(f.value);
      return out;
    }
    case "Tagged":
      return { [value.tag.name]: literalOf(value.value) };
    case "Call":
      return `${value.callee.name}(…)`;
    case "Rate":
      return { count: value.count.value, perMs: value.per.ms };
    default:
      return null;
  }
}

/** Looks up sources by path: 1-based lines, text slices and the `//` comments above a declaration. */
export class SourceIndex {
  readonly #sources = new Map<string, Source>();

  constructor(sources: readonly Source[]) {
    for (const s of sources) if (!this.#sources.has(s.path)) this.#sources.set(s.path, s);
  }

  get(path: string): Source | undefined {
    return this.#sources.get(path);
  }

  /** 1-based line of a span's start; 0 when the source is unknown. */
  line(span: Span): number {
    const source = this.#sources.get(span.file);
    return source ? lineColOf(source, span.start).line : 0;
  }

  /** The source text of a span, when known. */
  text(span: Span): string | undefined {
    return this.#sources.get(span.file)?.text.slice(span.start, span.end);
  }

  /**
   * The source text of an expression, widened over the parentheses its span leaves out
   * (`not (a == b)` whose span ends before the `)`).
   */
  balancedText(span: Span): string | undefined {
    const text = this.#sources.get(span.file)?.text;
    if (text === undefined) return undefined;
    let start = span.start;
    let end = span.end;
    let depth = parenDepth(text.slice(start, end));
    while (depth > 0) {
      let j = end;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] !== ")") break;
      end = j + 1;
      depth--;
    }
    while (depth < 0) {
      let j = start - 1;
      while (j >= 0 && /\s/.test(text[j]!)) j--;
      if (text[j] !== "(") break;
      start = j;
      depth++;
    }
    return text.slice(start, end);
  }

  /**
   * The text of the line comments directly above `start` (no blank line between them and the
   * declaration, each on a line of its own), without the `//` markers; undefined when there are none.
   */
  docAbove(comments: readonly Comment[], start: number, file: string): string | undefined {
    const text = this.#sources.get(file)?.text;
    if (!text) return undefined;
    let i = lastCommentBefore(comments, start);
    let until = start;
    const lines: string[] = [];
    while (i >= 0) {
      const c = comments[i]!;
      if (!c.text.startsWith("//")) break;
      const gap = text.slice(c.span.end, until);
      if (!/^[ \t]*\r?\n[ \t]*$/.test(gap)) break;
      const lineStart = text.lastIndexOf("\n", c.span.start - 1) + 1;
      if (text.slice(lineStart, c.span.start).trim() !== "") break;
      lines.unshift(c.text.replace(/^\/\/+ ?/, "").trimEnd());
      until = lineStart;
      i--;
    }
    const doc = lines.join("\n").trim();
    return doc === "" ? undefined : doc;
  }
}

/** Open minus closed parentheses outside string literals. */
function parenDepth(text: string): number {
  let depth = 0;
  let quote = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === '"') quote = false;
    } else if (ch === '"') quote = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
  }
  return depth;
}

function lastCommentBefore(comments: readonly Comment[], offset: number): number {
  let lo = 0;
  let hi = comments.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid]!.span.end <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
