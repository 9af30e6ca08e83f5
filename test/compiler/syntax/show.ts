import type { Decl, Expr, Field, TypeExpr, Value } from "../../../compiler/ast.ts";

/**
 * A compact, position-free rendering of AST values for test expectations:
 * `Path(input.complexity)`, `List[Str("a"), Num(1)]`, `Obj{ a: Num(1) }`, `Type(list<File>?)`.
 */
export function show(v: Value | Expr): string {
  switch (v.kind) {
    case "String":
      return `${v.triple ? "Triple" : "Str"}(${JSON.stringify(v.value)})`;
    case "Number":
      return `Num(${v.raw})`;
    case "Duration":
      return `Dur(${v.raw}=${v.ms}ms)`;
    case "Bool":
      return `Bool(${v.value})`;
    case "Path":
      return `Path(${v.parts.map((p) => p.name).join(".")})`;
    case "Call":
      return `Call ${v.callee.name}(${v.args.map(show).join(", ")})`;
    case "Tagged":
      return `Tag ${v.tag.name}: ${show(v.value)}`;
    case "List":
      return `List[${v.items.map(show).join(", ")}]`;
    case "Object":
      return `Obj{ ${v.fields.map(showField).join(", ")} }`;
    case "Rate":
      return `Rate(${v.count.raw} per ${v.per.raw})`;
    case "TypeValue":
      return `Type(${showType(v.type)})`;
    case "ConstraintList":
      return `Constraints[${v.items.map(show).join(", ")}]`;
    case "ParamList":
      return `Params[${v.params.map((p) => `${p.name.name}: ${showType(p.type)}`).join(", ")}]`;
    case "Verbatim":
      return `Verbatim(${v.text})`;
    case "Binary":
      return `(${show(v.left)} ${v.op} ${show(v.right)})`;
    case "Not":
      return `(not ${show(v.operand)})`;
    case "Neg":
      return `(- ${show(v.operand)})`;
    case "CallExpr":
      return `Call ${show(v.callee)}(${v.args.map(show).join(", ")})`;
    case "ListExpr":
      return `[${v.items.map(show).join(", ")}]`;
  }
}

export function showField(f: Field): string {
  return `${f.key.name}: ${show(f.value)}`;
}

export function showType(t: TypeExpr): string {
  let s = t.name.name;
  if (t.tuple) s = `(${t.args.map(showType).join(", ")})`;
  else if (t.labels) s += `<[${t.labels.map((l) => JSON.stringify(l.value)).join(", ")}]>`;
  else if (t.args.length) s += `<${t.args.map(showType).join(", ")}>`;
  return t.nullable ? `${s}?` : s;
}

/** A declaration as one line: kind, name, params, and its fields. */
export function showDecl(d: Decl): string[] {
  switch (d.kind) {
    case "Import":
      return [`Import ${d.name.name} from ${JSON.stringify(d.from.value)}`];
    case "Skipped":
      return [`Skipped ${d.keyword.name}${d.name ? ` ${d.name.name}` : ""}`];
    case "Enum":
      return [`Enum ${d.name.name} { ${d.members.map((m) => m.name).join(", ")} }`];
    case "Router":
      return [
        `Router ${d.name.name}`,
        ...d.fields.map(showField),
        ...d.tiers.map(
          (t) =>
            `tier ${t.name.name} { ${t.fields.map(showField).join(", ")}${t.target ? ` -> ${t.target.name}` : ""} }`,
        ),
      ];
    case "Prompt":
    case "Tool":
    case "ExtensionPoint":
      return [
        `${d.kind} ${d.name.name}(${d.params.map((p) => `${p.name.name}: ${showType(p.type)}`).join(", ")})`,
        ...d.fields.map(showField),
      ];
    default:
      return [`${d.kind} ${d.name.name}`, ...d.fields.map(showField)];
  }
}
