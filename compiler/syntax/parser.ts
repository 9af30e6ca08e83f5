import { CstParser, type IRecognitionException, type IToken, type TokenType, tokenMatcher } from "chevrotain";
import { structuredErrors, ValueParser } from "./parser-values.ts";
import * as T from "./tokens.ts";

/** After this many recognition errors the rest of the input is skipped (far fewer are ever shown). */
export const MAX_PARSER_ERRORS = 200;

const declStarts: ReadonlySet<TokenType> = new Set([
  T.System,
  T.Model,
  T.Router,
  T.Prompt,
  T.Enum,
  T.Entity,
  T.Tool,
  T.ExtensionPoint,
  T.Policy,
  T.Evaluation,
  T.Import,
  ...T.skippedKeywords,
]);

/**
 * The MarrowScript parser: files, systems and declarations on top of `ValueParser`. One instance is
 * exported and reset for each file through `parser.input`; see `parse.ts`.
 */
export class MarrowParser extends ValueParser {
  /** `validate` runs Chevrotain's grammar checks (ambiguities, left recursion): the tests do, start-up need not. */
  constructor(validate = false) {
    super(T.allTokens, {
      recoveryEnabled: true,
      maxLookahead: 3,
      skipValidations: !validate,
      errorMessageProvider: structuredErrors,
    });
    // Chevrotain's in-repetition recovery re-enters the repetition recursively once per error, so a
    // long run of errors would exhaust the stack. Every body here has a `stray` alternative, so the
    // repetitions never need it: recovery happens by re-sync at rule level instead.
    (this as unknown as { attemptInRepetitionRecovery: () => void }).attemptInRepetitionRecovery = () => {};
    this.performSelfAnalysis();
  }

  /**
   * Records a recognition error; after `MAX_PARSER_ERRORS` the remaining tokens are cut off, so the
   * parser unwinds at "end of input" instead of spending time on errors nobody will read (building
   * each of Chevrotain's errors walks the grammar). Overrides Chevrotain's error-handler trait.
   */
  SAVE_ERROR(error: IRecognitionException): IRecognitionException {
    const self = this as unknown as {
      _errors: IRecognitionException[];
      tokVector: IToken[];
      tokVectorLength: number;
      currIdx: number;
    };
    const base = CstParser.prototype as unknown as {
      SAVE_ERROR(e: IRecognitionException): IRecognitionException;
    };
    const saved = base.SAVE_ERROR.call(this, error);
    if (self._errors.length === MAX_PARSER_ERRORS && self.tokVectorLength > self.currIdx + 1) {
      const sentinels = self.tokVector.slice(self.tokVectorLength);
      self.tokVector.length = self.currIdx + 1;
      self.tokVector.push(...sentinels);
      self.tokVectorLength = self.currIdx + 1;
    }
    return saved;
  }

  /** True when the next tokens look like the start of a declaration (`model Name`, `import Name`). */
  private atDeclStart(): boolean {
    return declStarts.has(this.LA(1).tokenType) && this.LA(2).tokenType !== T.Colon;
  }

  /** True when a name follows a name (`promtp classify`): a misspelt declaration keyword. */
  private atTwoNames(): boolean {
    return tokenMatcher(this.LA(2), T.Identifier);
  }

  /** file := (importDecl | system | decl | unknownDecl | stray | "}")* */
  file = this.RULE("file", () => {
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          { ALT: () => this.SUBRULE(this.importDecl) },
          { ALT: () => this.SUBRULE(this.system) },
          { GATE: () => this.atDeclStart(), ALT: () => this.SUBRULE(this.decl) },
          { GATE: () => this.atTwoNames(), ALT: () => this.SUBRULE(this.unknownDecl) },
          { ALT: () => this.SUBRULE(this.stray) },
          { ALT: () => this.CONSUME(T.RCurly, { LABEL: "strayClose" }) },
        ],
      });
    });
  });

  /** system := "system" Identifier "{" (decl | unknownDecl | verbatimField | field | "," | stray)* "}" */
  system = this.RULE("system", () => {
    this.CONSUME(T.System);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          { GATE: () => this.atDeclStart(), ALT: () => this.SUBRULE(this.decl) },
          { GATE: () => this.atTwoNames(), ALT: () => this.SUBRULE(this.unknownDecl) },
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
   * decl := model | router | prompt | enumDecl | entity | tool | extensionPoint | policy | evaluation
   *       | importDecl | skipped
   */
  decl = this.RULE("decl", () => {
    this.OR([
      { ALT: () => this.SUBRULE(this.model) },
      { ALT: () => this.SUBRULE(this.router) },
      { ALT: () => this.SUBRULE(this.prompt) },
      { ALT: () => this.SUBRULE(this.enumDecl) },
      { ALT: () => this.SUBRULE(this.entity) },
      { ALT: () => this.SUBRULE(this.tool) },
      { ALT: () => this.SUBRULE(this.extensionPoint) },
      { ALT: () => this.SUBRULE(this.policy) },
      { ALT: () => this.SUBRULE(this.evaluation) },
      { ALT: () => this.SUBRULE(this.importDecl) },
      { ALT: () => this.SUBRULE(this.skipped) },
    ]);
  });

  /** model := "model" Identifier object */
  model = this.RULE("model", () => {
    this.CONSUME(T.Model);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.SUBRULE(this.object, { LABEL: "body" });
  });

  /** router := "router" Identifier "{" (tier | verbatimField | field | "," | stray)* "}" */
  router = this.RULE("router", () => {
    this.CONSUME(T.Router);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          {
            GATE: () => this.LA(2).tokenType !== T.Colon,
            ALT: () => this.SUBRULE(this.tier, { LABEL: "tiers" }),
          },
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

  /** tier := "tier" Identifier "{" (field | "->" Identifier | "," | stray)* "}" */
  tier = this.RULE("tier", () => {
    this.CONSUME(T.Tier);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          { ALT: () => this.SUBRULE(this.field, { LABEL: "fields" }) },
          {
            ALT: () => {
              this.CONSUME(T.Arrow);
              this.CONSUME2(T.Identifier, { LABEL: "target" });
            },
          },
          { ALT: () => this.CONSUME(T.Comma) },
          { ALT: () => this.SUBRULE(this.stray) },
        ],
      });
    });
    this.CONSUME(T.RCurly);
  });

  /** prompt := "prompt" Identifier params object   — a missing `params` is reported when building the AST */
  prompt = this.RULE("prompt", () => {
    this.CONSUME(T.Prompt);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.SUBRULE(this.params));
    this.SUBRULE(this.object, { LABEL: "body" });
  });

  /** params := "(" (param | "," | stray)* ")"   — separators are checked when building the AST */
  params = this.RULE("params", () => {
    this.CONSUME(T.LParen);
    this.sequence(T.RParen, () => this.SUBRULE(this.param, { LABEL: "params" }));
    this.CONSUME(T.RParen);
  });

  /** enumDecl := "enum" Identifier "{" (Identifier | StringLike | "," | stray)* "}" */
  enumDecl = this.RULE("enumDecl", () => {
    this.CONSUME(T.Enum);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.LCurly);
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        MAX_LOOKAHEAD: 1,
        DEF: [
          { ALT: () => this.CONSUME2(T.Identifier, { LABEL: "members" }) },
          { ALT: () => this.CONSUME(T.StringLike, { LABEL: "members" }) },
          { ALT: () => this.CONSUME(T.Comma) },
          { ALT: () => this.SUBRULE(this.stray) },
        ],
      });
    });
    this.CONSUME(T.RCurly);
  });

  /** entity := "entity" Identifier object */
  entity = this.RULE("entity", () => {
    this.CONSUME(T.Entity);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.SUBRULE(this.object, { LABEL: "body" });
  });

  /** tool := "tool" Identifier params object   — a missing `params` is reported when building the AST */
  tool = this.RULE("tool", () => {
    this.CONSUME(T.Tool);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.SUBRULE(this.params));
    this.SUBRULE(this.object, { LABEL: "body" });
  });

  /** extensionPoint := "extension_point" Identifier params object   — `params` as for prompts */
  extensionPoint = this.RULE("extensionPoint", () => {
    this.CONSUME(T.ExtensionPoint);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.OPTION(() => this.SUBRULE(this.params));
    this.SUBRULE(this.object, { LABEL: "body" });
  });

  /** policy := "policy" Identifier object */
  policy = this.RULE("policy", () => {
    this.CONSUME(T.Policy);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.SUBRULE(this.object, { LABEL: "body" });
  });

  /** evaluation := "evaluation" Identifier object */
  evaluation = this.RULE("evaluation", () => {
    this.CONSUME(T.Evaluation);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.SUBRULE(this.object, { LABEL: "body" });
  });

  /** importDecl := "import" Identifier "from" StringLike */
  importDecl = this.RULE("importDecl", () => {
    this.CONSUME(T.Import);
    this.CONSUME(T.Identifier, { LABEL: "name" });
    this.CONSUME(T.From);
    this.CONSUME(T.StringLike, { LABEL: "from" });
  });

  /**
   * skipped := ("capability" | "flow" | "store" | "event" | "channel" | "constraint") header block?
   * header  := (AnyButBrace, up to the next declaration)*
   * The body of a backend construct is balanced-brace token soup.
   */
  skipped = this.RULE("skipped", () => {
    this.OR(T.skippedKeywords.map((kw) => ({ ALT: () => this.CONSUME(kw, { LABEL: "keyword" }) })));
    this.SUBRULE(this.header);
    this.OPTION({ MAX_LOOKAHEAD: 1, DEF: () => this.SUBRULE(this.block) });
  });

  /** unknownDecl := Identifier Identifier header block?   — a misspelt declaration keyword (MRW1012) */
  unknownDecl = this.RULE("unknownDecl", () => {
    this.CONSUME(T.Identifier, { LABEL: "keyword" });
    this.CONSUME2(T.Identifier, { LABEL: "name" });
    this.SUBRULE(this.header);
    this.OPTION({ MAX_LOOKAHEAD: 1, DEF: () => this.SUBRULE(this.block) });
  });

  /** header := (AnyButBrace)*   — stops before `{`, `}` and the start of the next declaration */
  header = this.RULE("header", () => {
    this.MANY({
      MAX_LOOKAHEAD: 1,
      GATE: () => !this.atDeclStart(),
      DEF: () => this.CONSUME(T.AnyButBrace, { LABEL: "tokens" }),
    });
  });
}

/** The one parser instance; reset for each file through `parser.input = tokens`. */
export const parser = new MarrowParser();
