import type { BinaryOp } from "../ast.ts";
import { genCodes } from "../diagnostics/codes-gen.ts";
import { diag } from "../diagnostics/diagnostic.ts";
import type { ConstraintIR, ExprIR } from "../ir.ts";
import { num, str } from "./code.ts";
import type { GenContext } from "./context.ts";

/**
 * Constraints as small arrow functions a person would write:
 *
 *     output in ["a", "b"]              → (output) => ["a", "b"].includes(output)
 *     output.files.length <= 3          → (output) => output.files.length <= 3
 *     output matches "^[a-z]+$"         → (output) => /^[a-z]+$/.test(output)
 *     not (x == "a") and output != ""   → (output, input) => !(input.x === "a") && output !== ""
 *
 * `matches` tests like `RegExp.prototype.test`: anywhere in the text unless the pattern is anchored.
 * A value that may be absent (an `optional` field, or a path through one) fails comparisons, `in` and
 * `matches`, and passes `not in`:
 *
 *     output.note.length <= 3           → (output) => (output.note?.length ?? Number.NaN) <= 3
 *     output.note in ["a"]              → (output) => output.note != null && ["a"].includes(output.note)
 */
export function constraintCheck(constraint: ConstraintIR, ctx: GenContext): string {
  const used = { output: false, input: false };
  const body = expr(constraint.expr, { ctx, constraint, used }).text;
  const params = used.input ? "(output, input)" : used.output ? "(output)" : "()";
  return `${params} => ${body}`;
}

interface Env {
  readonly ctx: GenContext;
  readonly constraint: ConstraintIR;
  readonly used: { output: boolean; input: boolean };
}

/** JavaScript precedence levels, higher binds tighter. */
const PREC = {
  or: 4,
  and: 5,
  equality: 9,
  relational: 10,
  additive: 11,
  multiplicative: 12,
  unary: 15,
  primary: 20,
} as const;

interface Js {
  readonly text: string;
  readonly prec: number;
  readonly op?: "or" | "and";
  /** The value may be null or undefined. */
  readonly nullable?: boolean;
}

function wrap(js: Js, min: number): string {
  return js.prec < min ? `(${js.text})` : js.text;
}

function expr(e: ExprIR, env: Env): Js {
  switch (e.kind) {
    case "literal":
      return {
        text:
          typeof e.value === "string"
            ? str(e.value)
            : typeof e.value === "number"
              ? num(e.value)
              : String(e.value),
        prec: PREC.primary,
      };
    case "list":
      return { text: `[${e.items.map((i) => expr(i, env).text).join(", ")}]`, prec: PREC.primary };
    case "path": {
      env.used[e.root] = true;
      const text = e.parts.map((p, i) => `${e.optional[i] ? "?." : "."}${p}`).join("");
      return { text: e.root + text, prec: PREC.primary, nullable: e.nullable };
    }
    case "not":
      return { text: `!${wrap(expr(e.operand, env), PREC.unary)}`, prec: PREC.unary };
    case "neg": {
      // `- -x`, never `--x` (a decrement).
      const inner = expr(e.operand, env);
      const text = inner.nullable ? `(${inner.text} ?? Number.NaN)` : wrap(inner, PREC.unary);
      return { text: `-${text.startsWith("-") ? " " : ""}${text}`, prec: PREC.unary };
    }
    case "binary":
      return binary(e.op, e.left, e.right, env);
  }
}

/** An operand of `<`, `<=`, `>`, `>=`: an absent value becomes NaN, which every comparison fails. */
function operand(js: Js): string {
  return js.nullable ? `(${js.text} ?? Number.NaN)` : wrap(js, PREC.relational + 1);
}

const RELATIONAL: Partial<Record<BinaryOp, string>> = { "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

function binary(op: BinaryOp, left: ExprIR, right: ExprIR, env: Env): Js {
  const l = expr(left, env);
  switch (op) {
    case "or":
    case "and": {
      const r = expr(right, env);
      const prec = op === "or" ? PREC.or : PREC.and;
      // `a && b || c` is correct JavaScript, but parentheses make the grouping obvious.
      const side = (js: Js) => (op === "or" && js.op === "and" ? `(${js.text})` : wrap(js, prec));
      return { text: `${side(l)} ${op === "or" ? "||" : "&&"} ${side(r)}`, prec, op };
    }
    case "==":
    case "!=": {
      const r = expr(right, env);
      return {
        text: `${wrap(l, PREC.relational)} ${op === "==" ? "===" : "!=="} ${wrap(r, PREC.relational)}`,
        prec: PREC.equality,
      };
    }
    case "in":
    case "not in": {
      const r = expr(right, env);
      const text = `${wrap(r, PREC.primary)}.includes(${l.text})`;
      if (l.nullable) {
        return op === "in"
          ? { text: `${l.text} != null && ${text}`, prec: PREC.and, op: "and" }
          : { text: `${l.text} == null || !${text}`, prec: PREC.or, op: "or" };
      }
      return op === "in" ? { text, prec: PREC.primary } : { text: `!${text}`, prec: PREC.unary };
    }
    case "contains": {
      // A substring of a string, or an item of a list; an absent value contains nothing.
      const r = expr(right, env);
      const text = `${wrap(l, PREC.primary)}.includes(${r.text})`;
      return l.nullable
        ? { text: `${l.text} != null && ${text}`, prec: PREC.and, op: "and" }
        : { text, prec: PREC.primary };
    }
    case "+":
    case "-":
    case "*":
    case "/":
    case "%": {
      // Left-associative: the right operand needs parentheses at the same level (`a - (b - c)`).
      const r = expr(right, env);
      const prec = op === "+" || op === "-" ? PREC.additive : PREC.multiplicative;
      const side = (js: Js, min: number) => (js.nullable ? `(${js.text} ?? Number.NaN)` : wrap(js, min));
      return { text: `${side(l, prec)} ${op} ${side(r, prec + 1)}`, prec };
    }
    case "matches": {
      const text = `${regex(right, env)}.test(${l.text})`;
      return l.nullable
        ? { text: `${l.text} != null && ${text}`, prec: PREC.and, op: "and" }
        : { text, prec: PREC.primary };
    }
    default: {
      const r = expr(right, env);
      const js = RELATIONAL[op] ?? op;
      return { text: `${operand(l)} ${js} ${operand(r)}`, prec: PREC.relational };
    }
  }
}

/** A regular expression literal for a `matches` pattern (MRW3004 when JavaScript rejects it). */
function regex(pattern: ExprIR, env: Env): string {
  if (pattern.kind !== "literal" || typeof pattern.value !== "string") {
    return `new RegExp(${expr(pattern, env).text})`;
  }
  const source = pattern.value;
  try {
    new RegExp(source);
  } catch (error) {
    env.ctx.report(
      diag(
        genCodes.MRW3004,
        env.constraint.span,
        `invalid regular expression ${str(source)} in a constraint`,
        {
          label: String((error as Error).message ?? error),
          hint: "correct the pattern; write `\\\\` for a backslash inside a MarrowScript string",
        },
      ),
    );
    return `new RegExp(${str(source)})`;
  }
  if (source === "") return "/(?:)/";
  let body = "";
  let escaped = false;
  for (const ch of source) {
    if (escaped) {
      body += ch === "\n" ? "n" : ch === "\r" ? "r" : ch;
      escaped = false;
    } else if (ch === "\\") {
      body += ch;
      escaped = true;
    } else if (ch === "/") body += "\\/";
    else if (ch === "\n") body += "\\n";
    else if (ch === "\r") body += "\\r";
    else if (ch === "\u2028" || ch === "\u2029") body += `\\u${ch.codePointAt(0)!.toString(16)}`;
    else body += ch;
  }
  return `/${body}/`;
}
