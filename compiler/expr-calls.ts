import type { CallExpr, Expr } from "./ast.ts";

/**
 * The first call (`now()`, `len(x)`) inside a constraint expression, if any. Calls are of the original
 * grammar and are not evaluated here: a constraint that holds one is kept in the AST but not checked at
 * run time (the checker warns, MRW2100; lowering leaves it out).
 */
export function callIn(expr: Expr): CallExpr | undefined {
  switch (expr.kind) {
    case "CallExpr":
      return expr;
    case "Binary":
      return callIn(expr.left) ?? callIn(expr.right);
    case "Not":
    case "Neg":
      return callIn(expr.operand);
    case "ListExpr":
      for (const item of expr.items) {
        const found = callIn(item);
        if (found) return found;
      }
      return undefined;
    default:
      return undefined;
  }
}
