import { type IParserErrorMessageProvider, type IToken, tokenMatcher } from "chevrotain";
import { ExprParser } from "./parser-expr.ts";
import * as T from "./tokens.ts";

/** The keys whose value is not a generic value but a type, a constraint list or a list of typed fields. */
const TYPE_KEYS = new Set(["returns"]);
const CONSTRAINT_KEYS = new Set(["constraints"]);
const PARAM_LIST_KEYS = new Set(["owns"]);
/**
 * Keys of the original grammar whose values SmallCode keeps as written (see `verbatim`): entity
 * `states`, a loop's `until`, a router's `policy`, `checkpoint` and a promptbook's `with`.
 */
const VERBATIM_KEYS = new Set(["states", "until", "policy", "checkpoint", "with"]);
/** Names that end a verbatim value when a name follows them: the next declaration or tier. */
const VERBATIM_STOPS = new Set([...T.declarationKeywords, "tier"]);

/**
 * Encodes recognition errors as JSON so `errors.ts` can build plain-words messages with hints from
 * the structured data (expected tokens, rule) instead of Chevrotain's prose.
 */
export const structuredErrors: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, ruleName }) =>
    JSON.stringify({ kind: "mismatch", expected: [expected.name], ruleName }),
  buildNotAllInputParsedMessage: ({ ruleName }) => JSON.stringify({ kind: "notAll", expected: [], ruleName }),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, ruleName }) =>
    JSON.stringify({
      kind: "noAlt",
      expected: [...new Set(expectedPathsPerAlt.flat().map((path) => path[0]?.name ?? "EOF"))],
      ruleName,
    }),
  buildEarlyExitMessage: ({ expectedIterationPaths, ruleName }) =>
    JSON.stringify({
      kind: "earlyExit",
      expected: [...new Set(expectedIterationPaths.map((path) => path[0]?.name ?? "EOF"))],
      ruleName,
    }),
};

/**
 * Fields, values and types of the MarrowScript grammar, on top of the expressions of `ExprParser`;
 * `MarrowParser` (parser.ts) adds files, systems and declarations. A pure CstParser: no embedded
 * actions; the only code in rules are gates that look at tokens.
 */
export class ValueParser extends ExprParser {
  /** True when the key consumed just before the `:` of the current field is one of `keys`. */
  private keyIn(keys: ReadonlySet<string>): () => boolean {
    return () => {
      const colon: IToken = this.LA(0);
      const key: IToken = this.LA(-1);
      return colon.tokenType === T.Colon && keys.has(key.image);
    };
  }

  /** field := Identifier ":" fieldValue */
  field = this.RULE("field", () => {
    this.CONSUME(T.Identifier, { LABEL: "key" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.fieldValue);
  });

  /**
   * fieldValue := typeExpr        (when the key is `returns`)
   *             | constraintList  (when the key is `constraints`)
   *             | paramList       (when the key is `owns`)
   *             | value
   */
  fieldValue = this.RULE("fieldValue", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { GATE: this.keyIn(TYPE_KEYS), ALT: () => this.SUBRULE(this.typeExpr) },
        { GATE: this.keyIn(CONSTRAINT_KEYS), ALT: () => this.SUBRULE(this.constraintList) },
        { GATE: this.keyIn(PARAM_LIST_KEYS), ALT: () => this.SUBRULE(this.paramList) },
        { ALT: () => this.SUBRULE(this.value) },
      ],
    });
  });

  /**
   * value := StringLike | NumberLiteral ("per" Duration)? | Duration | "true" | "false"
   *        | nameValue | list | object
   */
  value = this.RULE("value", () => {
    this.OR({
      IGNORE_AMBIGUITIES: true,
      MAX_LOOKAHEAD: 1,
      DEF: [
        { ALT: () => this.CONSUME(T.StringLike) },
        {
          ALT: () => {
            this.CONSUME(T.NumberLiteral);
            this.OPTION({
              MAX_LOOKAHEAD: 1,
              GATE: () => this.LA(2).tokenType !== T.Colon,
              DEF: () => {
                this.CONSUME(T.Per);
                this.CONSUME(T.Duration, { LABEL: "perDuration" });
              },
            });
          },
        },
        { ALT: () => this.CONSUME2(T.Duration) },
        { ALT: () => this.CONSUME(T.True) },
        { ALT: () => this.CONSUME(T.False) },
        { GATE: () => this.shallow(), ALT: () => this.SUBRULE(this.nameValue) },
        { GATE: () => this.shallow(), ALT: () => this.SUBRULE(this.list) },
        { GATE: () => this.shallow(), ALT: () => this.SUBRULE(this.object) },
      ],
    });
  });

  /**
   * nameValue := Identifier ( "(" (value | "," | stray)* ")"          // call: hash(a, b)
   *                         | ":" value                              // tagged: per_prompt: "x"
   *                         | ("." Identifier)* )                    // path: input.complexity
   */
  nameValue = this.RULE("nameValue", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LParen);
          this.sequence(T.RParen, () => this.SUBRULE(this.value, { LABEL: "args" }));
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Colon);
          this.SUBRULE3(this.value, { LABEL: "tagged" });
        },
      },
      {
        ALT: () =>
          this.MANY2(() => {
            this.CONSUME(T.Dot);
            this.CONSUME2(T.Identifier, { LABEL: "parts" });
          }),
      },
    ]);
  });

  /** list := "[" (value | "," | stray)* "]"   — separators are checked when building the AST */
  list = this.RULE("list", () => {
    this.CONSUME(T.LBracket);
    this.sequence(T.RBracket, () => this.SUBRULE(this.value, { LABEL: "items" }));
    this.CONSUME(T.RBracket);
  });

  /** object := "{" (verbatimField | field | "," | stray)* "}"   — also the body of most declarations */
  object = this.RULE("object", () => {
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          {
            GATE: () => this.atVerbatimField(),
            ALT: () => this.SUBRULE(this.verbatimField, { LABEL: "fields" }),
          },
          { ALT: () => this.SUBRULE(this.field, { LABEL: "fields" }) },
          { ALT: () => this.CONSUME(T.Comma) },
          { ALT: () => this.SUBRULE(this.stray) },
        ],
      });
    });
    this.CONSUME(T.RCurly);
  });

  /**
   * typeExpr := (Identifier ("<" typeArgs ">")? | "(" typeExpr ("," typeExpr)* ")") "?"?
   * The parenthesised form is a tuple of the original grammar: `(string, int)`.
   */
  typeExpr = this.RULE("typeExpr", () => {
    this.OR([
      {
        GATE: () => this.shallow(),
        ALT: () => {
          this.CONSUME(T.LParen);
          this.SUBRULE3(this.typeExpr, { LABEL: "elems" });
          this.MANY(() => {
            this.CONSUME(T.Comma);
            this.SUBRULE4(this.typeExpr, { LABEL: "elems" });
          });
          this.CONSUME(T.RParen);
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Identifier, { LABEL: "name" });
          this.OPTION({
            GATE: () => this.shallow(),
            DEF: () => {
              this.CONSUME(T.Lt);
              this.SUBRULE(this.typeArgs);
              this.CONSUME(T.Gt);
            },
          });
        },
      },
    ]);
    this.OPTION2(() => this.CONSUME(T.Question));
  });

  /** typeArgs := "[" (StringLike ("," StringLike)* ","?)? "]" | typeExpr ("," typeExpr)* */
  typeArgs = this.RULE("typeArgs", () => {
    this.OR([
      {
        ALT: () => {
          this.CONSUME(T.LBracket);
          this.OPTION(() => {
            this.CONSUME(T.StringLike, { LABEL: "labels" });
            this.MANY({
              GATE: () => this.LA(2).tokenType !== T.RBracket,
              DEF: () => {
                this.CONSUME(T.Comma);
                this.CONSUME2(T.StringLike, { LABEL: "labels" });
              },
            });
            this.OPTION2(() => this.CONSUME2(T.Comma));
          });
          this.CONSUME(T.RBracket);
        },
      },
      {
        ALT: () => {
          this.SUBRULE(this.typeExpr, { LABEL: "args" });
          this.MANY2(() => {
            this.CONSUME3(T.Comma);
            this.SUBRULE2(this.typeExpr, { LABEL: "args" });
          });
        },
      },
    ]);
  });

  /** param := Identifier ":" typeExpr */
  param = this.RULE("param", () => {
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.typeExpr);
  });

  /** paramList := "[" (param | "," | stray)* "]"   — the value of `owns:` */
  paramList = this.RULE("paramList", () => {
    this.CONSUME(T.LBracket);
    this.sequence(T.RBracket, () => this.SUBRULE(this.param, { LABEL: "params" }));
    this.CONSUME(T.RBracket);
  });

  /** True at `key:` where the key is one of VERBATIM_KEYS. */
  protected atVerbatimField(): boolean {
    return VERBATIM_KEYS.has(this.LA(1).image) && tokenMatcher(this.LA(2), T.Colon);
  }

  /**
   * verbatimField := Identifier ":" verbatim   — taken instead of `field` for VERBATIM_KEYS.
   * Its own rule, chosen by a gate in each body, and not an alternative of `fieldValue`: token soup
   * overlaps every value, and Chevrotain would enumerate all lookahead paths of `value` to describe a
   * syntax error in `fieldValue` (a 300-fold slowdown on damaged files).
   */
  verbatimField = this.RULE("verbatimField", () => {
    this.CONSUME(T.Identifier, { LABEL: "key" });
    this.CONSUME(T.Colon);
    this.SUBRULE(this.verbatim);
  });

  /** True at the end of a verbatim value: `,`, the next `key:`, or the next declaration or tier. */
  private atVerbatimEnd(): boolean {
    const next = this.LA(1);
    if (tokenMatcher(next, T.Comma)) return true;
    if (!tokenMatcher(next, T.Identifier)) return false;
    const after = this.LA(2);
    return (
      tokenMatcher(after, T.Colon) || (VERBATIM_STOPS.has(next.image) && tokenMatcher(after, T.Identifier))
    );
  }

  /**
   * verbatim := (AnyButBrace | block)+   — up to `,`, `}`, the next `key:` or declaration
   * A value of the original grammar that has no meaning here (`states: a -> b | c`,
   * `policy: minimize_cost_subject_to { … }`); the AST keeps its text as written.
   */
  verbatim = this.RULE("verbatim", () => {
    this.AT_LEAST_ONE({
      GATE: () => !this.atVerbatimEnd(),
      DEF: () =>
        this.OR([
          { ALT: () => this.CONSUME(T.AnyButBrace, { LABEL: "tokens" }) },
          { GATE: () => this.shallow(), ALT: () => this.SUBRULE(this.block, { LABEL: "tokens" }) },
        ]),
    });
  });

  /** constraintList := "[" (expr | "," | stray)* "]"   — the value of `constraints:` */
  constraintList = this.RULE("constraintList", () => {
    this.CONSUME(T.LBracket);
    this.sequence(T.RBracket, () => this.SUBRULE(this.expr, { LABEL: "items" }));
    this.CONSUME(T.RBracket);
  });
}
