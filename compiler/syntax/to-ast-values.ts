import type { CstNode, IToken } from "chevrotain";
import type {
  CallValue,
  DurationValue,
  Field,
  Ident,
  ListValue,
  NumberValue,
  ObjectValue,
  Param,
  PathValue,
  StringValue,
  TaggedValue,
  TypeExpr,
  Value,
  VerbatimValue,
} from "../ast.ts";
import { syntaxCodes as C } from "../diagnostics/codes-syntax.ts";
import { diag } from "../diagnostics/diagnostic.ts";
import type {
  ConstraintListCstNode,
  FieldCstNode,
  ListCstNode,
  NameValueCstNode,
  ObjectCstNode,
  ParamCstNode,
  ParamListCstNode,
  TypeExprCstNode,
  ValueCstNode,
  VerbatimCstNode,
  VerbatimFieldCstNode,
} from "./cst.generated.d.ts";
import { parseDuration } from "./duration.ts";
import { decodeString } from "./strings.ts";
import { BuilderBase, ok } from "./to-ast-base.ts";
import * as T from "./tokens.ts";

/**
 * Shared state and the value half of the CST → AST builder (`to-ast.ts` adds declarations).
 * Every node gets an exact span; a CST node with a missing piece (from error recovery) yields
 * `undefined` and is skipped by its parent, since the parser has already reported it.
 */
export class ValueBuilder extends BuilderBase {
  string(t: IToken): StringValue {
    const decoded = decodeString(t.image, t.startOffset);
    for (const bad of decoded.badEscapes) {
      const fixed =
        t.image.slice(0, bad.start - t.startOffset) + "\\" + t.image.slice(bad.start - t.startOffset);
      const shown = fixed.length <= 60 ? `write \`${fixed}\`` : `write \`\\${bad.text}\``;
      this.diagnostics.push(
        diag(
          C.MRW1003,
          { file: this.file, start: bad.start, end: bad.end },
          `invalid escape \`${bad.text}\` in a string`,
          {
            label: "not a JSON escape",
            hint: `${shown} (a backslash in a string is written \`\\\\\`)`,
          },
        ),
      );
    }
    const triple = t.tokenType === T.TripleString || t.tokenType === T.UnterminatedTripleString;
    return {
      kind: "String",
      value: decoded.value,
      triple,
      contentStart: decoded.contentStart,
      span: this.cover(t),
    };
  }

  number(t: IToken): NumberValue | undefined {
    if (t.tokenType === T.BadNumber) return undefined; // reported by the lexer (MRW1005)
    return { kind: "Number", value: Number(t.image), raw: t.image, span: this.cover(t) };
  }

  duration(t: IToken): DurationValue | undefined {
    const ms = parseDuration(t.image);
    if (ms === undefined) return undefined;
    return { kind: "Duration", ms, raw: t.image, span: this.cover(t) };
  }

  /** value := StringLike | NumberLiteral ("per" Duration)? | Duration | bool | nameValue | list | object */
  value(node: ValueCstNode | undefined): Value | undefined {
    if (!node) return undefined;
    const c = node.children;
    if (ok(c.StringLike?.[0])) return this.string(c.StringLike[0]);
    if (ok(c.NumberLiteral?.[0])) {
      const count = this.number(c.NumberLiteral[0]);
      if (!count || !c.Kw_per) return count;
      const per = ok(c.perDuration?.[0]) ? this.duration(c.perDuration[0]) : undefined;
      return per ? { kind: "Rate", count, per, span: this.cover(count, per) } : undefined;
    }
    if (ok(c.Duration?.[0])) return this.duration(c.Duration[0]);
    if (ok(c.Kw_true?.[0])) return { kind: "Bool", value: true, span: this.cover(c.Kw_true[0]) };
    if (ok(c.Kw_false?.[0])) return { kind: "Bool", value: false, span: this.cover(c.Kw_false[0]) };
    if (c.nameValue?.[0]) return this.nameValue(c.nameValue[0]);
    if (c.list?.[0]) return this.list(c.list[0]);
    if (c.object?.[0]) return this.object(c.object[0]);
    return undefined;
  }

  nameValue(node: NameValueCstNode): CallValue | TaggedValue | PathValue | undefined {
    const c = node.children;
    const name = this.ident(c.name?.[0]);
    if (!name) return undefined;
    if (c.LParen) {
      this.strays(node, "args");
      this.separators(node, "args", "args");
      if (!ok(c.RParen?.[0])) return undefined;
      const args = this.some((c.args ?? []).map((a) => this.value(a)));
      return { kind: "Call", callee: name, args, span: this.cover(name, c.RParen[0]) };
    }
    if (c.Colon) {
      const value = this.value(c.tagged?.[0]);
      return value ? { kind: "Tagged", tag: name, value, span: this.cover(name, value) } : undefined;
    }
    return this.path(c.name, c.parts);
  }

  /** A dotted path from its first name and the names after each dot. */
  path(first: IToken[] | undefined, rest: IToken[] | undefined): PathValue | undefined {
    const parts: Ident[] = [];
    for (const t of [...(first ?? []), ...(rest ?? [])]) {
      const id = this.ident(t);
      if (!id) return undefined;
      parts.push(id);
    }
    if (parts.length === 0) return undefined;
    return { kind: "Path", parts, span: this.cover(parts[0], parts[parts.length - 1]) };
  }

  list(node: ListCstNode): ListValue | undefined {
    const c = node.children;
    this.strays(node, "list");
    this.separators(node, "items", "list");
    const items = this.some((c.items ?? []).map((v) => this.value(v)));
    if (!ok(c.RBracket?.[0])) return undefined;
    return { kind: "List", items, span: this.cover(c.LBracket?.[0], c.RBracket[0]) };
  }

  object(node: ObjectCstNode): ObjectValue | undefined {
    const c = node.children;
    this.strays(node, "body");
    const fields = this.fields(c.fields);
    if (!ok(c.LCurly?.[0]) || !ok(c.RCurly?.[0])) return undefined;
    return { kind: "Object", fields, span: this.cover(c.LCurly[0], c.RCurly[0]) };
  }

  /** The fields that are complete; the others were reported by the parser. */
  fields(nodes: (FieldCstNode | VerbatimFieldCstNode)[] | undefined): Field[] {
    const out: Field[] = [];
    for (const n of nodes ?? []) {
      const f = n.name === "verbatimField" ? this.verbatimField(n) : this.field(n);
      if (f) out.push(f);
    }
    return out;
  }

  field(node: FieldCstNode): Field | undefined {
    const c = node.children;
    const key = this.ident(c.key?.[0]);
    const fv = c.fieldValue?.[0]?.children;
    if (!key || !ok(c.Colon?.[0]) || !fv) return undefined;
    let value: Value | undefined;
    if (fv.typeExpr?.[0]) {
      const type = this.typeExpr(fv.typeExpr[0]);
      value = type && { kind: "TypeValue", type, span: type.span };
    } else if (fv.constraintList?.[0]) value = this.constraintList(fv.constraintList[0]);
    else if (fv.paramList?.[0]) value = this.paramList(fv.paramList[0]);
    else value = this.value(fv.value?.[0]);
    return value ? { kind: "Field", key, value, span: this.cover(key, value) } : undefined;
  }

  /** verbatimField := Identifier ":" verbatim */
  verbatimField(node: VerbatimFieldCstNode): Field | undefined {
    const c = node.children;
    const key = this.ident(c.key?.[0]);
    const value = c.verbatim?.[0] && this.verbatim(c.verbatim[0]);
    if (!key || !ok(c.Colon?.[0]) || !value) return undefined;
    return { kind: "Field", key, value, span: this.cover(key, value) };
  }

  typeExpr(node: TypeExprCstNode): TypeExpr | undefined {
    const c = node.children;
    if (c.LParen) return this.tupleType(node);
    const name = this.ident(c.name?.[0]);
    if (!name) return undefined;
    let args: TypeExpr[] = [];
    let labels: StringValue[] | undefined;
    if (c.Lt) {
      const ta = c.typeArgs?.[0]?.children;
      if (!ta || !ok(c.Gt?.[0])) return undefined;
      if (ta.LBracket) {
        if (!ok(ta.RBracket?.[0])) return undefined;
        labels = (ta.labels ?? []).filter(ok).map((t) => this.string(t));
      } else {
        const parsed = this.present((ta.args ?? []).map((a) => this.typeExpr(a)));
        if (!parsed || parsed.length === 0) return undefined;
        args = parsed;
      }
    }
    const question = ok(c.Question?.[0]) ? c.Question[0] : undefined;
    const end = question ?? (ok(c.Gt?.[0]) ? c.Gt[0] : name);
    const type: TypeExpr = {
      kind: "Type",
      name,
      args,
      nullable: question !== undefined,
      span: this.cover(name, end),
    };
    return labels ? { ...type, labels } : type;
  }

  /** `(A, B)`: a tuple of the original grammar, kept as the type `tuple` with the elements as arguments. */
  private tupleType(node: TypeExprCstNode): TypeExpr | undefined {
    const c = node.children;
    const [open, close] = [c.LParen?.[0], c.RParen?.[0]];
    if (!ok(open) || !ok(close)) return undefined;
    const args = this.present((c.elems ?? []).map((e) => this.typeExpr(e)));
    if (!args || args.length === 0) return undefined;
    const question = ok(c.Question?.[0]) ? c.Question[0] : undefined;
    return {
      kind: "Type",
      name: { kind: "Ident", name: "tuple", span: this.cover(open) },
      args,
      tuple: true,
      nullable: question !== undefined,
      span: this.cover(open, question ?? close),
    };
  }

  param(node: ParamCstNode): Param | undefined {
    const c = node.children;
    const name = this.ident(c.name?.[0]);
    const type = c.typeExpr?.[0] && this.typeExpr(c.typeExpr[0]);
    if (!name || !type || !ok(c.Colon?.[0])) return undefined;
    return { kind: "Param", name, type, span: this.cover(name, type) };
  }

  params(nodes: ParamCstNode[] | undefined): Param[] {
    const out: Param[] = [];
    for (const n of nodes ?? []) {
      const p = this.param(n);
      if (p) out.push(p);
    }
    return out;
  }

  paramList(node: ParamListCstNode): Value | undefined {
    const c = node.children;
    this.strays(node, "owns");
    this.separators(node, "params", "owns");
    if (!ok(c.LBracket?.[0]) || !ok(c.RBracket?.[0])) return undefined;
    return {
      kind: "ParamList",
      params: this.params(c.params),
      span: this.cover(c.LBracket[0], c.RBracket[0]),
    };
  }

  /** verbatim := (AnyButBrace | block)+ — the tokens' text, white space between them made one space. */
  verbatim(node: VerbatimCstNode): VerbatimValue | undefined {
    const tokens: IToken[] = [];
    const collect = (n: CstNode) => {
      for (const list of Object.values(n.children)) {
        for (const child of list) {
          if ("image" in child) tokens.push(child);
          else collect(child);
        }
      }
    };
    collect(node);
    const real = tokens.filter(ok).sort((a, b) => a.startOffset - b.startOffset);
    const first = real[0];
    const last = real[real.length - 1];
    if (!first || !last || real.length !== tokens.length) return undefined;
    let text = first.image;
    for (let i = 1; i < real.length; i++) {
      const prev = real[i - 1]!;
      const gap = real[i]!.startOffset > prev.startOffset + prev.image.length;
      text += (gap ? " " : "") + real[i]!.image;
    }
    return { kind: "Verbatim", text, span: this.cover(first, last) };
  }

  /** Implemented by the expression builder (to-ast-expr.ts). */
  constraintList(_node: ConstraintListCstNode): Value | undefined {
    return undefined;
  }

  /** The complete items (incomplete ones were reported and are skipped). */
  some<V>(items: (V | undefined)[]): V[] {
    return items.filter((v) => v !== undefined);
  }

  /** All items, or undefined when one of them is incomplete (so the whole value is dropped). */
  present<V>(items: (V | undefined)[]): V[] | undefined {
    return items.every((v) => v !== undefined) ? (items as V[]) : undefined;
  }
}
