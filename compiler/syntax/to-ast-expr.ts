import type { IToken } from "chevrotain";
import type { BinaryOp, ConstraintListValue, Expr } from "../ast.ts";
import { syntaxCodes as C } from "../diagnostics/codes-syntax.ts";
import { diag } from "../diagnostics/diagnostic.ts";
import type {
  AdditiveCstNode,
  AndExprCstNode,
  ComparisonCstNode,
  CompOpCstNode,
  ConstraintListCstNode,
  ExprCstNode,
  MultiplicativeCstNode,
  NotExprCstNode,
  OperandCstNode,
  RangeCstNode,
  UnaryCstNode,
} from "./cst.generated.d.ts";
import { ok } from "./to-ast-base.ts";
import { ValueBuilder } from "./to-ast-values.ts";

/** The deepest constraint expression accepted (operators stacked on one another). */
export const MAX_EXPR_DEPTH = 256;

interface Built {
  readonly expr: Expr;
  readonly depth: number;
}

/** Builds constraint expressions (`or`/`and`/`not`/comparisons) with a bound on their depth. */
export class ExprBuilder extends ValueBuilder {
  /** constraintList := "[" (expr ("," expr)* ","?)? "]" */
  override constraintList(node: ConstraintListCstNode): ConstraintListValue | undefined {
    const c = node.children;
    this.strays(node, "constraints");
    this.separators(node, "items", "constraints");
    if (!ok(c.LBracket?.[0]) || !ok(c.RBracket?.[0])) return undefined;
    const items = this.some((c.items ?? []).map((e) => this.top(e)));
    return { kind: "ConstraintList", items, span: this.cover(c.LBracket[0], c.RBracket[0]) };
  }

  /** An expression at the top of a constraint, checked against the depth bound. */
  private top(node: ExprCstNode): Expr | undefined {
    const built = this.expr(node);
    if (!built) return undefined;
    if (built.depth > MAX_EXPR_DEPTH) {
      this.diagnostics.push(
        diag(C.MRW1013, built.expr.span, "constraint expression nested too deep", {
          label: `more than ${MAX_EXPR_DEPTH} operators deep`,
          hint: "split it into several constraints in the list",
        }),
      );
      return undefined;
    }
    return built.expr;
  }

  private chain(operands: (Built | undefined)[], ops: IToken[] | undefined): Built | undefined {
    let acc = operands[0];
    if (!acc) return undefined;
    for (let i = 1; i < operands.length; i++) {
      const right = operands[i];
      const opToken = ops?.[i - 1];
      if (!right || !ok(opToken)) return undefined;
      const op = opToken.image as BinaryOp;
      acc = {
        expr: {
          kind: "Binary",
          op,
          left: acc.expr,
          right: right.expr,
          opSpan: this.cover(opToken),
          span: this.cover(acc.expr, right.expr),
        },
        depth: Math.max(acc.depth, right.depth) + 1,
      };
      if (acc.depth > MAX_EXPR_DEPTH) return acc;
    }
    return acc;
  }

  /** expr := andExpr ("or" andExpr)* */
  private expr(node: ExprCstNode | undefined): Built | undefined {
    if (!node) return undefined;
    return this.chain(
      (node.children.operands ?? []).map((n) => this.andExpr(n)),
      node.children.ops,
    );
  }

  /** andExpr := notExpr ("and" notExpr)* */
  private andExpr(node: AndExprCstNode): Built | undefined {
    return this.chain(
      (node.children.operands ?? []).map((n) => this.notExpr(n)),
      node.children.ops,
    );
  }

  /** notExpr := "not"* comparison */
  private notExpr(node: NotExprCstNode): Built | undefined {
    let built = node.children.comparison?.[0] && this.comparison(node.children.comparison[0]);
    if (!built) return undefined;
    const nots = node.children.nots ?? [];
    for (let i = nots.length - 1; i >= 0; i--) {
      const not = nots[i];
      if (!ok(not)) return undefined;
      built = {
        expr: { kind: "Not", operand: built.expr, span: this.cover(not, built.expr) },
        depth: built.depth + 1,
      };
    }
    return built;
  }

  /** comparison := range (compOp range)? */
  private comparison(node: ComparisonCstNode): Built | undefined {
    const c = node.children;
    const left = c.left?.[0] && this.range(c.left[0]);
    if (!left || !c.compOp) return left;
    const op = c.compOp[0] && this.compOp(c.compOp[0]);
    const right = c.right?.[0] && this.range(c.right[0]);
    if (!op || !right) return undefined;
    return {
      expr: {
        kind: "Binary",
        op: op.op,
        left: left.expr,
        right: right.expr,
        opSpan: this.cover(op.first, op.last),
        span: this.cover(left.expr, right.expr),
      },
      depth: Math.max(left.depth, right.depth) + 1,
    };
  }

  /** range := additive (".." additive)? */
  private range(node: RangeCstNode): Built | undefined {
    const c = node.children;
    const operands = (c.operands ?? []).map((n) => this.additive(n));
    if (!c.dots) return operands[0];
    const [first, second] = c.dots;
    const [from, to] = operands;
    if (!from || !to || !ok(first) || !ok(second)) return undefined;
    return {
      expr: {
        kind: "Binary",
        op: "..",
        left: from.expr,
        right: to.expr,
        opSpan: this.cover(first, second),
        span: this.cover(from.expr, to.expr),
      },
      depth: Math.max(from.depth, to.depth) + 1,
    };
  }

  /** additive := multiplicative (("+" | "-") multiplicative)* */
  private additive(node: AdditiveCstNode): Built | undefined {
    const ops = [...(node.children.ops ?? [])].sort((a, b) => a.startOffset - b.startOffset);
    return this.chain(
      (node.children.operands ?? []).map((n) => this.multiplicative(n)),
      ops,
    );
  }

  /** multiplicative := unary (("*" | "/" | "%") unary)* */
  private multiplicative(node: MultiplicativeCstNode): Built | undefined {
    const ops = [...(node.children.ops ?? [])].sort((a, b) => a.startOffset - b.startOffset);
    return this.chain(
      (node.children.operands ?? []).map((n) => this.unary(n)),
      ops,
    );
  }

  /** unary := "-"* operand */
  private unary(node: UnaryCstNode): Built | undefined {
    let built = node.children.operand?.[0] && this.operand(node.children.operand[0]);
    if (!built) return undefined;
    const minus = node.children.minus ?? [];
    for (let i = minus.length - 1; i >= 0; i--) {
      const m = minus[i];
      if (!ok(m)) return undefined;
      built = {
        expr: { kind: "Neg", operand: built.expr, span: this.cover(m, built.expr) },
        depth: built.depth + 1,
      };
    }
    return built;
  }

  private compOp(node: CompOpCstNode): { op: BinaryOp; first: IToken; last: IToken } | undefined {
    const c = node.children;
    if (c.Kw_not) {
      const [not, inn] = [c.Kw_not[0], c.Kw_in?.[0]];
      return ok(not) && ok(inn) ? { op: "not in", first: not, last: inn } : undefined;
    }
    const t = [c.EqEq, c.NotEq, c.LtEq, c.GtEq, c.Lt, c.Gt, c.Kw_in, c.Kw_matches, c.Kw_contains].find(
      (x) => x,
    )?.[0];
    return ok(t) ? { op: t.image as BinaryOp, first: t, last: t } : undefined;
  }

  /** operand := literal | path | "[" exprs "]" | "(" expr ")" */
  private operand(node: OperandCstNode): Built | undefined {
    const c = node.children;
    const leaf = (expr: Expr | undefined): Built | undefined => (expr ? { expr, depth: 0 } : undefined);
    if (ok(c.StringLike?.[0])) return leaf(this.string(c.StringLike[0]));
    if (ok(c.NumberLiteral?.[0])) return leaf(this.number(c.NumberLiteral[0]));
    if (ok(c.Duration?.[0])) return leaf(this.duration(c.Duration[0]));
    if (ok(c.Kw_true?.[0])) return leaf({ kind: "Bool", value: true, span: this.cover(c.Kw_true[0]) });
    if (ok(c.Kw_false?.[0])) return leaf({ kind: "Bool", value: false, span: this.cover(c.Kw_false[0]) });
    if (c.parts) {
      const path = this.path(c.parts.slice(0, 1), c.parts.slice(1));
      if (!path || !c.callOpen) return leaf(path);
      if (!ok(c.callClose?.[0])) return undefined;
      const args = this.some((c.args ?? []).map((e) => this.expr(e)));
      return {
        expr: {
          kind: "CallExpr",
          callee: path,
          args: args.map((a) => a.expr),
          span: this.cover(path, c.callClose[0]),
        },
        depth: args.reduce((d, a) => Math.max(d, a.depth), 0) + 1,
      };
    }
    if (c.LBracket) {
      if (!ok(c.LBracket[0]) || !ok(c.RBracket?.[0])) return undefined;
      const built = this.some((c.items ?? []).map((e) => this.expr(e)));
      return {
        expr: {
          kind: "ListExpr",
          items: built.map((b) => b.expr),
          span: this.cover(c.LBracket[0], c.RBracket[0]),
        },
        depth: built.reduce((d, b) => Math.max(d, b.depth), 0) + 1,
      };
    }
    if (c.LParen) {
      if (!ok(c.RParen?.[0])) return undefined;
      const inner = this.expr(c.inner?.[0]);
      return inner && { expr: inner.expr, depth: inner.depth + 1 };
    }
    return undefined;
  }
}
