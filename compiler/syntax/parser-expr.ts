import { CstParser, EOF, type TokenType, tokenMatcher } from "chevrotain";
import * as T from "./tokens.ts";

/** Brackets are never "repaired" by inserting one: the bracket pre-scan reports them precisely. */
const brackets = new Set<TokenType>([
  T.LCurly,
  T.RCurly,
  T.LBracket,
  T.RBracket,
  T.LParen,
  T.RParen,
  T.Lt,
  T.Gt,
]);

/** The deepest rule nesting the parser enters (about 12 JavaScript frames per rule). */
export const MAX_RULE_DEPTH = 250;

/**
 * Constraint expressions and the token soup of stray input and skipped bodies: the bottom layer of
 * the MarrowScript grammar (`ValueParser` and `MarrowParser` build on it). Rules are class properties
 * with their production in the doc comment; there are no embedded actions.
 */
export class ExprParser extends CstParser {
  /**
   * Gate on every alternative that recurses (brackets, blocks, type arguments, tagged values): false
   * once the rule stack is `MAX_RULE_DEPTH` deep, so adversarial input (mismatched brackets the
   * nesting pre-scan cannot model) fails to parse instead of exhausting the JavaScript stack.
   */
  protected shallow(): boolean {
    return (this as unknown as { RULE_STACK_IDX: number }).RULE_STACK_IDX < MAX_RULE_DEPTH;
  }

  /**
   * Never "repair" a missing bracket by inserting one: tolerant lists accept items without commas,
   * so an inserted `]` would close the wrong list, and an inserted `{` would take the enclosing `}`.
   * Bracket problems are reported by the pre-scan (nesting.ts) or by re-sync recovery instead.
   * (Overrides a method of Chevrotain's recovery trait.)
   */
  canRecoverWithSingleTokenInsertion(expected: TokenType, follows: TokenType[]): boolean {
    if (brackets.has(expected)) return false;
    const base = CstParser.prototype as unknown as {
      canRecoverWithSingleTokenInsertion(expected: TokenType, follows: TokenType[]): boolean;
    };
    return base.canRecoverWithSingleTokenInsertion.call(this, expected, follows);
  }

  /**
   * The body of a tolerant list: `(item | "," | stray)*` up to `close`. Separators are checked when
   * the AST is built, so a missing or doubled comma is one precise error, never a lost list.
   * Uses the DSL indices 9, which no rule uses otherwise.
   */
  protected sequence(close: TokenType, item: () => void): void {
    this.MANY9({
      GATE: () => this.LA(1).tokenType !== close,
      DEF: () => {
        this.OR9({
          IGNORE_AMBIGUITIES: true,
          MAX_LOOKAHEAD: 1,
          DEF: [
            { ALT: item },
            { ALT: () => this.CONSUME9(T.Comma) },
            { ALT: () => this.SUBRULE9(this.stray) },
          ],
        });
      },
    });
  }

  /**
   * Re-sync recovery, innermost rule first. Chevrotain's own search takes the first follow-set token
   * type that matches in the *outermost-first* list, and our `stray` alternatives put the category
   * `AnyButBrace` in the follow set of every body: an error inside a list would then unwind to the
   * enclosing body and lose the rest of the list. Preferring the innermost rule keeps recovery local.
   * (Overrides an undocumented method of Chevrotain's recovery trait; covered by the recovery tests.)
   */
  findReSyncTokenType(): TokenType {
    const self = this as unknown as {
      buildFullFollowKeyStack(): unknown[];
      getFollowSetFromFollowKey(key: unknown): TokenType[] | undefined;
    };
    const follows = self.buildFullFollowKeyStack().map((key) => self.getFollowSetFromFollowKey(key) ?? []);
    for (let k = 1; ; k++) {
      const next = this.LA(k);
      for (let i = follows.length - 1; i >= 0; i--) {
        const found = follows[i]!.find((type) => tokenMatcher(next, type));
        if (found) return found;
      }
      if (next.tokenType === EOF) return EOF;
    }
  }

  /** expr := andExpr ("or" andExpr)* */
  expr = this.RULE("expr", () => {
    this.SUBRULE(this.andExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.Or, { LABEL: "ops" });
      this.SUBRULE2(this.andExpr, { LABEL: "operands" });
    });
  });

  /** andExpr := notExpr ("and" notExpr)* */
  andExpr = this.RULE("andExpr", () => {
    this.SUBRULE(this.notExpr, { LABEL: "operands" });
    this.MANY(() => {
      this.CONSUME(T.And, { LABEL: "ops" });
      this.SUBRULE2(this.notExpr, { LABEL: "operands" });
    });
  });

  /** notExpr := "not"* comparison */
  notExpr = this.RULE("notExpr", () => {
    this.MANY({
      MAX_LOOKAHEAD: 1,
      GATE: () => this.LA(2).tokenType !== T.In,
      DEF: () => this.CONSUME(T.Not, { LABEL: "nots" }),
    });
    this.SUBRULE(this.comparison);
  });

  /** comparison := range (compOp range)?   — one comparison, not associative */
  comparison = this.RULE("comparison", () => {
    this.SUBRULE(this.range, { LABEL: "left" });
    this.OPTION(() => {
      this.SUBRULE(this.compOp);
      this.SUBRULE2(this.range, { LABEL: "right" });
    });
  });

  /** range := additive (".." additive)?   — `1..100`, only after `in` (original grammar) */
  range = this.RULE("range", () => {
    this.SUBRULE(this.additive, { LABEL: "operands" });
    this.OPTION({
      GATE: () => this.LA(2).tokenType === T.Dot,
      DEF: () => {
        this.CONSUME(T.Dot, { LABEL: "dots" });
        this.CONSUME2(T.Dot, { LABEL: "dots" });
        this.SUBRULE2(this.additive, { LABEL: "operands" });
      },
    });
  });

  /** additive := multiplicative (("+" | "-") multiplicative)* */
  additive = this.RULE("additive", () => {
    this.SUBRULE(this.multiplicative, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Plus, { LABEL: "ops" }) },
        { ALT: () => this.CONSUME(T.Minus, { LABEL: "ops" }) },
      ]);
      this.SUBRULE2(this.multiplicative, { LABEL: "operands" });
    });
  });

  /** multiplicative := unary (("*" | "/" | "%") unary)* */
  multiplicative = this.RULE("multiplicative", () => {
    this.SUBRULE(this.unary, { LABEL: "operands" });
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.Star, { LABEL: "ops" }) },
        { ALT: () => this.CONSUME(T.Slash, { LABEL: "ops" }) },
        { ALT: () => this.CONSUME(T.Percent, { LABEL: "ops" }) },
      ]);
      this.SUBRULE2(this.unary, { LABEL: "operands" });
    });
  });

  /** unary := "-"* operand */
  unary = this.RULE("unary", () => {
    this.MANY(() => this.CONSUME(T.Minus, { LABEL: "minus" }));
    this.SUBRULE(this.operand);
  });

  /** compOp := "==" | "!=" | "<=" | ">=" | "<" | ">" | "in" | "not" "in" | "matches" | "contains" */
  compOp = this.RULE("compOp", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.EqEq) },
      { ALT: () => this.CONSUME(T.NotEq) },
      { ALT: () => this.CONSUME(T.LtEq) },
      { ALT: () => this.CONSUME(T.GtEq) },
      { ALT: () => this.CONSUME(T.Lt) },
      { ALT: () => this.CONSUME(T.Gt) },
      { ALT: () => this.CONSUME(T.In) },
      {
        ALT: () => {
          this.CONSUME(T.Not);
          this.CONSUME2(T.In);
        },
      },
      { ALT: () => this.CONSUME(T.Matches) },
      { ALT: () => this.CONSUME(T.Contains) },
    ]);
  });

  /**
   * operand := StringLike | NumberLiteral | Duration | "true" | "false"
   *          | Identifier ("." Identifier)* ("(" (expr ("," expr)*)? ")")?
   *          | "[" (expr ("," expr)* ","?)? "]" | "(" expr ")"
   * A call (`now()`, `len(x)`) is of the original grammar: parsed, not evaluated here.
   */
  operand = this.RULE("operand", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.CONSUME(T.StringLike) },
        { ALT: () => this.CONSUME(T.NumberLiteral) },
        { ALT: () => this.CONSUME(T.Duration) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        {
          ALT: () => {
            this.CONSUME(T.Identifier, { LABEL: "parts" });
            this.MANY({
              GATE: () => this.LA(2).tokenType !== T.Dot,
              DEF: () => {
                this.CONSUME(T.Dot);
                this.CONSUME2(T.Identifier, { LABEL: "parts" });
              },
            });
            this.OPTION3({
              GATE: () => this.shallow(),
              DEF: () => {
                this.CONSUME2(T.LParen, { LABEL: "callOpen" });
                this.OPTION4(() => {
                  this.SUBRULE4(this.expr, { LABEL: "args" });
                  this.MANY3(() => {
                    this.CONSUME3(T.Comma);
                    this.SUBRULE5(this.expr, { LABEL: "args" });
                  });
                });
                this.CONSUME2(T.RParen, { LABEL: "callClose" });
              },
            });
          },
        },
        {
          GATE: () => this.shallow(),
          ALT: () => {
            this.CONSUME(T.LBracket);
            this.OPTION(() => {
              this.SUBRULE(this.expr, { LABEL: "items" });
              this.MANY2({
                GATE: () => this.LA(2).tokenType !== T.RBracket,
                DEF: () => {
                  this.CONSUME(T.Comma);
                  this.SUBRULE2(this.expr, { LABEL: "items" });
                },
              });
              this.OPTION2(() => this.CONSUME2(T.Comma));
            });
            this.CONSUME(T.RBracket);
          },
        },
        {
          GATE: () => this.shallow(),
          ALT: () => {
            this.CONSUME(T.LParen);
            this.SUBRULE3(this.expr, { LABEL: "inner" });
            this.CONSUME(T.RParen);
          },
        },
      ],
    });
  });

  /** stray := AnyButBrace | block   — a token where none is expected; reported once per run */
  stray = this.RULE("stray", () => {
    this.OR([
      { ALT: () => this.CONSUME(T.AnyButBrace) },
      { GATE: () => this.shallow(), ALT: () => this.SUBRULE(this.block) },
    ]);
  });

  /** block := "{" (AnyButBrace | block)* "}"   — balanced-brace token soup */
  block = this.RULE("block", () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR([
        { ALT: () => this.CONSUME(T.AnyButBrace) },
        { GATE: () => this.shallow(), ALT: () => this.SUBRULE(this.block) },
      ]);
    });
    this.CONSUME(T.RCurly);
  });
}
