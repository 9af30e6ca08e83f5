import type { Expr, Ident, Param, StringValue, TypeExpr, Value } from "../ast.ts";

/**
 * One-line renderings used by the formatter (`compiler/print.ts`): strings, types, parameters,
 * constraint expressions and values that fit on one line. Pure functions of the AST.
 */

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** True when `name` can be written bare (an identifier); otherwise it is written as a string. */
export function isIdentifier(name: string): boolean {
  return IDENT.test(name);
}

/** A name, quoted when it is not an identifier (enum members written as strings). */
export function printName(id: Ident): string {
  return isIdentifier(id.name) ? id.name : JSON.stringify(id.name);
}

/** A `"…"` string with JSON escapes that decodes back to `value`. */
export function plainString(value: string): string {
  return JSON.stringify(value);
}

/**
 * True when `value` can be written as a triple-quoted block at any indentation and read back
 * unchanged: no `"""` or CR inside, and either every line is empty or some non-blank line starts
 * without whitespace (the dedent then removes exactly the indentation the printer adds).
 */
export function canTripleBlock(value: string): boolean {
  if (value.includes('"""') || value.includes("\r")) return false;
  const lines = value.split("\n");
  if (lines.every((l) => l === "")) return true;
  return lines.some((l) => /^[^ \t]/.test(l));
}

/** True when `value` can be written as `"""value"""` on one line. */
function canTripleInline(value: string): boolean {
  return !value.includes('"""') && !/[\r\n]/.test(value) && !value.endsWith('"');
}

/** A string on one line, or undefined when it must be printed as a triple-quoted block. */
export function inlineString(s: StringValue): string | undefined {
  if (!s.triple) return plainString(s.value);
  if (canTripleBlock(s.value)) return undefined;
  return canTripleInline(s.value) ? `"""${s.value}"""` : plainString(s.value);
}

/** A string inside a type or an expression: always one line. */
function oneLineString(s: StringValue): string {
  if (s.triple && canTripleInline(s.value)) return `"""${s.value}"""`;
  return plainString(s.value);
}

/** `string`, `list<File>`, `T?`, `enum<["a", "b"]>` */
export function printType(t: TypeExpr): string {
  let out = t.name.name;
  if (t.tuple) out = `(${t.args.map(printType).join(", ")})`;
  else if (t.labels) out += `<[${t.labels.map(oneLineString).join(", ")}]>`;
  else if (t.args.length > 0) out += `<${t.args.map(printType).join(", ")}>`;
  return t.nullable ? `${out}?` : out;
}

/** `name: type` */
export function printParam(p: Param): string {
  return `${p.name.name}: ${printType(p.type)}`;
}

const precedence: Record<string, number> = {
  or: 1,
  and: 2,
  not: 3,
  compare: 4,
  range: 5,
  additive: 6,
  multiplicative: 7,
  neg: 8,
  leaf: 9,
};

function precOf(e: Expr): number {
  if (e.kind === "Binary") {
    if (e.op === "or" || e.op === "and") return precedence[e.op]!;
    if (e.op === "..") return precedence.range!;
    if (e.op === "+" || e.op === "-") return precedence.additive!;
    if (e.op === "*" || e.op === "/" || e.op === "%") return precedence.multiplicative!;
    return precedence.compare!;
  }
  if (e.kind === "Not") return precedence.not!;
  if (e.kind === "Neg") return precedence.neg!;
  return precedence.leaf!;
}

/** A constraint expression with the fewest parentheses that keep its structure. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case "Binary": {
      const p = precOf(e);
      // Comparisons and ranges do not associate; the others associate to the left.
      const nonAssoc = p === precedence.compare || p === precedence.range;
      const left = wrap(e.left, nonAssoc ? precOf(e.left) <= p : precOf(e.left) < p);
      const right = wrap(e.right, precOf(e.right) <= p);
      return e.op === ".." ? `${left}..${right}` : `${left} ${e.op} ${right}`;
    }
    case "Not":
      return `not ${wrap(e.operand, precOf(e.operand) < precedence.not!)}`;
    case "Neg":
      // `- -x`, not `--x`, and never `-1` glued into a negative number literal.
      return `-${e.operand.kind === "Neg" || e.operand.kind === "Number" ? " " : ""}${wrap(e.operand, precOf(e.operand) < precedence.neg!)}`;
    case "CallExpr":
      return `${printExpr(e.callee)}(${e.args.map(printExpr).join(", ")})`;
    case "ListExpr":
      return `[${e.items.map(printExpr).join(", ")}]`;
    case "String":
      return oneLineString(e);
    case "Number":
    case "Duration":
      return e.raw;
    case "Bool":
      return String(e.value);
    case "Path":
      return e.parts.map((p) => p.name).join(".");
  }
}

function wrap(e: Expr, parens: boolean): string {
  const s = printExpr(e);
  return parens ? `(${s})` : s;
}

/** A value on one line, or undefined when some part of it needs several lines (a triple-quoted block). */
export function inlineValue(v: Value): string | undefined {
  switch (v.kind) {
    case "String":
      return inlineString(v);
    case "Number":
    case "Duration":
      return v.raw;
    case "Bool":
      return String(v.value);
    case "Path":
      return v.parts.map((p) => p.name).join(".");
    case "Rate":
      return `${v.count.raw} per ${v.per.raw}`;
    case "TypeValue":
      return printType(v.type);
    case "Call":
      return joined(v.args, (a) => inlineValue(a), `${v.callee.name}(`, ")");
    case "Tagged": {
      const inner = inlineValue(v.value);
      return inner === undefined ? undefined : `${v.tag.name}: ${inner}`;
    }
    case "List":
      return joined(v.items, (a) => inlineValue(a), "[", "]");
    case "Object":
      if (v.fields.length === 0) return "{}";
      return joined(v.fields, (f) => inlineValue(f.value)?.replace(/^/, `${f.key.name}: `), "{ ", " }");
    case "ConstraintList":
      return `[${v.items.map(printExpr).join(", ")}]`;
    case "ParamList":
      return `[${v.params.map(printParam).join(", ")}]`;
    case "Verbatim":
      return v.text;
  }
}

function joined<T>(
  items: readonly T[],
  render: (item: T) => string | undefined,
  open: string,
  close: string,
) {
  const parts: string[] = [];
  for (const item of items) {
    const s = render(item);
    if (s === undefined) return undefined;
    parts.push(s);
  }
  return `${open}${parts.join(", ")}${close}`;
}
