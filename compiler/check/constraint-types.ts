import type { Expr, Param, PathValue } from "../ast.ts";
import type { CodeInfo } from "../diagnostics/catalog.ts";
import { checkCodes } from "../diagnostics/codes-check.ts";
import { diag } from "../diagnostics/diagnostic.ts";
import type { Span } from "../source.ts";
import type { CheckContext } from "./context.ts";
import { suggestionHint } from "./report.ts";
import { entityField, isNumeric, resolveType, type Ty, tyText, unwrapOptional } from "./types.ts";

/** What a constraint is checked against: the prompt's name, output type and parameters. */
export interface ConstraintEnv {
  readonly ctx: CheckContext;
  readonly prompt: string;
  readonly output: Ty;
  readonly params: readonly Param[];
}

const ANY: Ty = { k: "unknown" };
const BOOL: Ty = { k: "bool" };

/**
 * Type-checks one constraint expression and reports every problem (MRW2050 type errors, MRW2051
 * labels outside the output enum, MRW2052 invalid regexes, MRW2053 unknown names and fields).
 * Returns the expression's type; `unknown` after an error, so one mistake gives one diagnostic.
 */
export function typeOfConstraint(env: ConstraintEnv, expr: Expr): Ty {
  switch (expr.kind) {
    case "String":
      return { k: "string" };
    case "Number":
      return Number.isInteger(expr.value) ? { k: "int" } : { k: "float" };
    case "Bool":
      return BOOL;
    case "Duration":
      return fail(
        env,
        checkCodes.MRW2050,
        expr.span,
        "durations cannot be compared in a constraint",
        "compare numbers instead",
      );
    case "ListExpr":
      return fail(
        env,
        checkCodes.MRW2050,
        expr.span,
        "a list is only allowed after `in` or `not in`",
        "write `VALUE in [a, b]`",
      );
    case "Path":
      return typeOfPath(env, expr);
    case "Not":
      expectBool(env, expr.operand, "`not`");
      return BOOL;
    case "Neg":
      return numeric(env, expr.operand, "`-`");
    case "CallExpr":
      // Of the original grammar; such a constraint is not checked (NoEffectFields warns).
      return ANY;
    case "Binary":
      return typeOfBinary(env, expr);
  }
}

/** The type of `expr`, which an arithmetic operator `op` needs to be a number. */
function numeric(env: ConstraintEnv, expr: Expr, op: string): Ty {
  const ty = typeOfConstraint(env, expr);
  if (isNumeric(ty)) return unwrapOptional(ty);
  return fail(
    env,
    checkCodes.MRW2050,
    expr.span,
    `${op} needs numbers, found \`${tyText(ty)}\``,
    "apply it to numbers",
  );
}

const ARITHMETIC = new Set(["+", "-", "*", "/", "%"]);

/** `+ - * / %`: numbers (and `+` of two strings, which joins them). */
function typeOfArithmetic(env: ConstraintEnv, expr: Expr & { kind: "Binary" }): Ty {
  if (expr.op === "+") {
    const l = unwrapOptional(typeOfConstraint(env, expr.left));
    const r = unwrapOptional(typeOfConstraint(env, expr.right));
    const text = (t: Ty) => t.k === "string" || t.k === "enum";
    if (text(l) && text(r)) return { k: "string" };
    if (isNumeric(l) && isNumeric(r)) return l.k === "int" && r.k === "int" ? l : { k: "float" };
    const bad = isNumeric(l) || text(l) ? { t: r, node: expr.right } : { t: l, node: expr.left };
    return fail(
      env,
      checkCodes.MRW2050,
      bad.node.span,
      `\`+\` adds numbers or joins strings, found \`${tyText(bad.t)}\``,
      "add two numbers or two strings",
    );
  }
  const l = numeric(env, expr.left, `\`${expr.op}\``);
  const r = numeric(env, expr.right, `\`${expr.op}\``);
  return expr.op !== "/" && l.k === "int" && r.k === "int" ? l : { k: "float" };
}

/** `x in a..b`: the value and both bounds are numbers. */
function typeOfRangeTest(env: ConstraintEnv, left: Ty, node: Expr, range: Expr & { kind: "Binary" }): Ty {
  if (!isNumeric(left)) {
    fail(
      env,
      checkCodes.MRW2050,
      node.span,
      `a range holds numbers, found \`${tyText(left)}\``,
      "test a number",
    );
  }
  numeric(env, range.left, "a range");
  numeric(env, range.right, "a range");
  return BOOL;
}

function typeOfBinary(env: ConstraintEnv, expr: Expr & { kind: "Binary" }): Ty {
  const op = expr.op;
  if (op === "and" || op === "or") {
    expectBool(env, expr.left, `\`${op}\``);
    expectBool(env, expr.right, `\`${op}\``);
    return BOOL;
  }
  if (ARITHMETIC.has(op)) return typeOfArithmetic(env, expr);
  if (op === "..") {
    return fail(
      env,
      checkCodes.MRW2050,
      expr.opSpan,
      "a range is only allowed after `in` or `not in`",
      "write `VALUE in 1..100`",
    );
  }
  const left = typeOfConstraint(env, expr.left);
  if (op === "contains") return typeOfContains(env, expr, left);
  if (op === "matches") {
    const l = unwrapOptional(left);
    if (l.k !== "string" && l.k !== "enum" && l.k !== "unknown" && l.k !== "json") {
      fail(
        env,
        checkCodes.MRW2050,
        expr.opSpan,
        `\`matches\` needs a string on the left, found \`${tyText(left)}\``,
        "apply `matches` to a string value",
      );
    }
    if (expr.right.kind !== "String") {
      return fail(
        env,
        checkCodes.MRW2050,
        expr.right.span,
        "`matches` needs a regular expression string on the right",
        'write `matches "^[a-z]+$"`',
      );
    }
    try {
      new RegExp(expr.right.value);
    } catch (error) {
      const why = String((error as Error).message ?? error).replace(/^Invalid regular expression: /, "");
      fail(
        env,
        checkCodes.MRW2052,
        expr.right.span,
        `invalid regular expression: ${why}`,
        "correct the pattern; a backslash is written `\\\\` inside a string",
      );
    }
    return BOOL;
  }
  if (op === "in" || op === "not in") {
    if (expr.right.kind === "Binary" && expr.right.op === "..") {
      return typeOfRangeTest(env, left, expr.left, expr.right);
    }
    if (expr.right.kind === "ListExpr") {
      for (const item of expr.right.items) compare(env, left, item, op);
      return BOOL;
    }
    const right = unwrapOptional(typeOfConstraint(env, expr.right));
    if (right.k === "list") compatible(env, right.elem, expr.left, left, op);
    else if (right.k !== "unknown" && right.k !== "json") {
      fail(
        env,
        checkCodes.MRW2050,
        expr.right.span,
        `\`${op}\` needs a list on the right, found \`${tyText(right)}\``,
        "write a list `[a, b]` or a path to a list",
      );
    }
    return BOOL;
  }
  if (op === "==" || op === "!=") {
    compare(env, left, expr.right, op);
    return BOOL;
  }
  const right = typeOfConstraint(env, expr.right);
  for (const [ty, node] of [
    [left, expr.left],
    [right, expr.right],
  ] as const) {
    if (!isNumeric(ty)) {
      fail(
        env,
        checkCodes.MRW2050,
        node.span,
        `\`${op}\` compares numbers, found \`${tyText(ty)}\``,
        "compare numbers, or use `.length` for strings and lists",
      );
    }
  }
  return BOOL;
}

/** `text contains "x"` (a substring) or `list contains item`. */
function typeOfContains(env: ConstraintEnv, expr: Expr & { kind: "Binary" }, left: Ty): Ty {
  const l = unwrapOptional(left);
  if (l.k === "list") {
    compare(env, l.elem, expr.right, "contains");
    return BOOL;
  }
  if (l.k === "string" || l.k === "enum") {
    compare(env, { k: "string" }, expr.right, "contains");
    return BOOL;
  }
  if (l.k !== "unknown" && l.k !== "json") {
    fail(
      env,
      checkCodes.MRW2050,
      expr.left.span,
      `\`contains\` needs a string or a list on the left, found \`${tyText(left)}\``,
      "apply `contains` to a string or a list",
    );
  }
  typeOfConstraint(env, expr.right);
  return BOOL;
}

/** Checks that `node` (right of `op`) can be compared with a value of type `left`. */
function compare(env: ConstraintEnv, left: Ty, node: Expr, op: string): void {
  const right = typeOfConstraint(env, node);
  compatible(env, left, node, right, op);
}

function compatible(env: ConstraintEnv, a: Ty, node: Expr, b: Ty, op: string): void {
  const l = unwrapOptional(a);
  const r = unwrapOptional(b);
  if (l.k === "unknown" || r.k === "unknown" || l.k === "json" || r.k === "json") return;
  if (l.k === "enum" && node.kind === "String") {
    if (l.labels.includes(node.value)) return;
    const { hint, suggestions } = suggestionHint(
      env.ctx,
      node.value,
      l.labels,
      `the labels are ${l.labels.map((x) => `\`${x}\``).join(", ")}`,
    );
    env.ctx.report(
      diag(checkCodes.MRW2051, node.span, `\`${node.value}\` is not a label of \`${tyText(l)}\``, {
        label: `not a member of \`${tyText(l)}\``,
        hint,
        suggestions,
      }),
    );
    return;
  }
  const same =
    l.k === r.k ||
    (isNumeric(l) && isNumeric(r)) ||
    ((l.k === "enum" || l.k === "string") && (r.k === "enum" || r.k === "string"));
  if (!same) {
    fail(
      env,
      checkCodes.MRW2050,
      node.span,
      `\`${op}\` compares \`${tyText(l)}\` with \`${tyText(r)}\``,
      `compare values of the same type`,
    );
  }
}

function expectBool(env: ConstraintEnv, expr: Expr, where: string): void {
  const ty = unwrapOptional(typeOfConstraint(env, expr));
  if (ty.k !== "bool" && ty.k !== "unknown" && ty.k !== "json") {
    fail(
      env,
      checkCodes.MRW2050,
      expr.span,
      `${where} needs a condition, found \`${tyText(ty)}\``,
      "write a comparison such as `output.length <= 3`",
    );
  }
}

function typeOfPath(env: ConstraintEnv, path: PathValue): Ty {
  const head = path.parts[0]!;
  let ty: Ty;
  let from = 1;
  if (head.name === "output") ty = env.output;
  else if (head.name === "input") {
    const name = path.parts[1];
    if (!name)
      return fail(env, checkCodes.MRW2053, head.span, "`input` needs a parameter name", "write `input.NAME`");
    const param = env.params.find((p) => p.name.name === name.name);
    if (!param) {
      const candidates = new Map(env.params.map((p) => [p.name.name, p.name.span]));
      const { hint, suggestions } = suggestionHint(
        env.ctx,
        name.name,
        candidates,
        `prompt \`${env.prompt}\` has no such parameter`,
      );
      return fail(
        env,
        checkCodes.MRW2053,
        name.span,
        `unknown input \`${name.name}\` in a constraint of prompt \`${env.prompt}\``,
        hint,
        suggestions,
      );
    }
    ty = resolveType(env.ctx.symbols, param.type);
    from = 2;
  } else {
    const param = env.params.find((p) => p.name.name === head.name);
    if (!param) {
      const out = unwrapOptional(env.output);
      const candidates = new Map<string, Span | undefined>(env.params.map((p) => [p.name.name, p.name.span]));
      candidates.set("output", undefined);
      const fallback =
        out.k === "enum" && out.labels.includes(head.name)
          ? `write the label as a string: \`"${head.name}"\``
          : "constraints refer to `output` and to parameters (`NAME` or `input.NAME`)";
      const { hint, suggestions } = suggestionHint(env.ctx, head.name, candidates, fallback);
      const message = `unknown name \`${head.name}\` in a constraint of prompt \`${env.prompt}\``;
      return fail(env, checkCodes.MRW2053, head.span, message, hint, suggestions);
    }
    ty = resolveType(env.ctx.symbols, param.type);
  }
  for (let i = from; i < path.parts.length; i++) {
    const part = path.parts[i]!;
    const t = unwrapOptional(ty);
    if (t.k === "unknown" || t.k === "json") return ANY;
    if (part.name === "length" && (t.k === "string" || t.k === "list" || t.k === "enum")) {
      ty = { k: "int" };
      continue;
    }
    const field = t.k === "entity" ? entityField(env.ctx.symbols, t, part.name) : undefined;
    if (!field) {
      const names =
        t.k === "entity"
          ? t.fields.map((p) => p.name.name)
          : t.k === "string" || t.k === "list"
            ? ["length"]
            : [];
      const { hint, suggestions } = suggestionHint(
        env.ctx,
        part.name,
        names,
        names.length
          ? `\`${tyText(t)}\` has ${names.map((n) => `\`${n}\``).join(", ")}`
          : `\`${tyText(t)}\` has no fields`,
      );
      return fail(
        env,
        checkCodes.MRW2053,
        part.span,
        `\`${tyText(t)}\` has no field \`${part.name}\``,
        hint,
        suggestions,
      );
    }
    ty = field;
  }
  return ty;
}

function fail(
  env: ConstraintEnv,
  info: CodeInfo,
  span: Span,
  message: string,
  hint: string,
  suggestions?: string[],
): Ty {
  env.ctx.report(diag(info, span, message, { hint, ...(suggestions ? { suggestions } : {}) }));
  return ANY;
}
