import { createToken, EOF, Lexer, type TokenType } from "chevrotain";

/**
 * MarrowScript tokens, in match order (the lexer tries them top to bottom and takes the first match).
 *
 * Keywords are reserved only where the grammar needs them: every keyword token is also an
 * `Identifier` (token category) and has `longer_alt: Identifier`, so `model:` or `type` work as field
 * names and `models` lexes as one identifier. Comments go to the `comments` group (kept for `fmt`).
 * Malformed input (unterminated strings and comments, `5x`) still lexes to a token that the parser
 * accepts where the well-formed token would go, so one mistake gives one diagnostic, not a cascade.
 */

/** Chevrotain's end-of-input token type. */
export const EOF_TYPE: TokenType = EOF;

/** Every token except `{` and `}` (the content of skipped backend bodies and of stray runs). */
export const AnyButBrace = createToken({ name: "AnyButBrace", pattern: Lexer.NA });
/** A string literal of any form (plain, triple-quoted, unterminated). */
export const StringLike = createToken({ name: "StringLike", pattern: Lexer.NA, label: "a string" });

const soup = [AnyButBrace];

/** Spaces, tabs, line breaks and a byte-order mark: skipped. */
export const WhiteSpace = createToken({
  name: "WhiteSpace",
  pattern: /[ \t\r\n\f\v\uFEFF]+/,
  group: Lexer.SKIPPED,
});
/** `// …` to the end of the line (kept in the `comments` group). */
export const LineComment = createToken({ name: "LineComment", pattern: /\/\/[^\n\r]*/, group: "comments" });
/** A block comment `/* … *\/`, not nested (kept in the `comments` group). */
export const BlockComment = createToken({
  name: "BlockComment",
  pattern: /\/\*[\s\S]*?\*\//,
  group: "comments",
});
/** `/*` without a closing `*\/`: runs to the end of the file; reported as MRW1004. */
export const UnterminatedBlockComment = createToken({
  name: "UnterminatedBlockComment",
  pattern: /\/\*[\s\S]*/,
  group: "comments",
});

/** `"""…"""`: raw text over several lines, dedented when decoded. */
export const TripleString = createToken({
  name: "TripleString",
  pattern: /"""[\s\S]*?"""/,
  categories: [StringLike, ...soup],
  label: "a string",
});
/** `"""` without a closing `"""`: runs to the end of the file; reported as MRW1002. */
export const UnterminatedTripleString = createToken({
  name: "UnterminatedTripleString",
  pattern: /"""[\s\S]*/,
  categories: [StringLike, ...soup],
  label: "a string",
});
/** `"…"` on one line, with JSON escapes (decoded and checked when building the AST). */
export const StringLiteral = createToken({
  name: "StringLiteral",
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r])*"/,
  categories: [StringLike, ...soup],
  label: "a string",
});
/** `"` without a closing quote on the same line: runs to the end of the line; reported as MRW1002. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"(?:[^"\\\n\r]|\\[^\n\r]?)*/,
  categories: [StringLike, ...soup],
  label: "a string",
});

/** A number directly followed by a unit: `100ms`, `1.5s`, `10m`, `2h`, `7d`. */
export const Duration = createToken({
  name: "Duration",
  pattern: /-?\d+(?:\.\d+)?(?:ms|s|m|h|d)(?![A-Za-z0-9_])/,
  categories: soup,
  label: "a duration",
});
/** `42`, `0.5`, `-1`, `1e3`. */
export const NumberLiteral = createToken({
  name: "NumberLiteral",
  pattern: /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![A-Za-z0-9_])/,
  categories: soup,
  label: "a number",
});
/** A number run into letters (`5x`, `10min`): accepted where a number goes, reported as MRW1005. */
export const BadNumber = createToken({
  name: "BadNumber",
  pattern: /-?\d+(?:\.\d+)?[A-Za-z0-9_]*/,
  categories: [NumberLiteral, ...soup],
  label: "a number",
});

/** `->` (a router tier's target). */
export const Arrow = createToken({ name: "Arrow", pattern: /->/, label: "`->`", categories: soup });

/** A name: `[A-Za-z_][A-Za-z0-9_]*`; also the category of every keyword. */
export const Identifier = createToken({
  name: "Identifier",
  pattern: /[A-Za-z_][A-Za-z0-9_]*/,
  categories: soup,
  label: "a name",
});

function keyword(word: string): TokenType {
  const name = `Kw_${word}`;
  return createToken({
    name,
    pattern: new RegExp(word),
    longer_alt: Identifier,
    categories: [Identifier],
    label: `\`${word}\``,
  });
}

/** Keyword `system` (also usable as a name). */
export const System = keyword("system");
/** Keyword `model` (also usable as a name). */
export const Model = keyword("model");
/** Keyword `router` (also usable as a name). */
export const Router = keyword("router");
/** Keyword `prompt` (also usable as a name). */
export const Prompt = keyword("prompt");
/** Keyword `enum` (also usable as a name). */
export const Enum = keyword("enum");
/** Keyword `entity` (also usable as a name). */
export const Entity = keyword("entity");
/** Keyword `tool` (also usable as a name). */
export const Tool = keyword("tool");
/** Keyword `extension_point` (also usable as a name). */
export const ExtensionPoint = keyword("extension_point");
/** Keyword `policy` (also usable as a name). */
export const Policy = keyword("policy");
/** Keyword `evaluation` (also usable as a name). */
export const Evaluation = keyword("evaluation");
/** Keyword `import` (also usable as a name). */
export const Import = keyword("import");
/** Keyword `from` (also usable as a name). */
export const From = keyword("from");
/** Keyword `tier` (also usable as a name). */
export const Tier = keyword("tier");
/** Keyword `true` (also usable as a name). */
export const True = keyword("true");
/** Keyword `false` (also usable as a name). */
export const False = keyword("false");
/** Keyword `per` (also usable as a name). */
export const Per = keyword("per");
/** Keyword `in` (also usable as a name). */
export const In = keyword("in");
/** Keyword `not` (also usable as a name). */
export const Not = keyword("not");
/** Keyword `and` (also usable as a name). */
export const And = keyword("and");
/** Keyword `or` (also usable as a name). */
export const Or = keyword("or");
/** Keyword `matches` (also usable as a name). */
export const Matches = keyword("matches");
/** Keyword `contains` (also usable as a name). */
export const Contains = keyword("contains");
/** Keyword `capability` (also usable as a name). */
export const Capability = keyword("capability");
/** Keyword `flow` (also usable as a name). */
export const Flow = keyword("flow");
/** Keyword `store` (also usable as a name). */
export const Store = keyword("store");
/** Keyword `event` (also usable as a name). */
export const Event = keyword("event");
/** Keyword `channel` (also usable as a name). */
export const Channel = keyword("channel");
/** Keyword `constraint` (also usable as a name). */
export const Constraint = keyword("constraint");

/** Backend constructs of the older language: parsed as balanced-brace soup and skipped. */
export const skippedKeywords: readonly TokenType[] = [Capability, Flow, Store, Event, Channel, Constraint];

/** Keywords that start a declaration inside a `system` body (used for did-you-mean). */
export const declarationKeywords: readonly string[] = [
  "model",
  "router",
  "prompt",
  "enum",
  "entity",
  "tool",
  "extension_point",
  "policy",
  "evaluation",
  "import",
  "capability",
  "flow",
  "store",
  "event",
  "channel",
  "constraint",
];

function punct(name: string, pattern: RegExp, label: string, categories: TokenType[] = soup): TokenType {
  return createToken({ name, pattern, label, categories });
}

/** `{` */
export const LCurly = punct("LCurly", /\{/, "`{`", []);
/** `}` */
export const RCurly = punct("RCurly", /\}/, "`}`", []);
/** `[` */
export const LBracket = punct("LBracket", /\[/, "`[`");
/** `]` */
export const RBracket = punct("RBracket", /\]/, "`]`");
/** `(` */
export const LParen = punct("LParen", /\(/, "`(`");
/** `)` */
export const RParen = punct("RParen", /\)/, "`)`");
/** `,` */
export const Comma = punct("Comma", /,/, "`,`");
/** `:` */
export const Colon = punct("Colon", /:/, "`:`");
/** `.` */
export const Dot = punct("Dot", /\./, "`.`");
/** `?` */
export const Question = punct("Question", /\?/, "`?`");
/** `<=` */
export const LtEq = punct("LtEq", /<=/, "`<=`");
/** `>=` */
export const GtEq = punct("GtEq", />=/, "`>=`");
/** `==` */
export const EqEq = punct("EqEq", /==/, "`==`");
/** `!=` */
export const NotEq = punct("NotEq", /!=/, "`!=`");
/** `<` */
export const Lt = punct("Lt", /</, "`<`");
/** `>` */
export const Gt = punct("Gt", />/, "`>`");
/** `|` (state alternatives of the original grammar: `states: a -> b | c`). */
export const Pipe = punct("Pipe", /\|/, "`|`");
/** `+` (arithmetic of the original grammar's expressions). */
export const Plus = punct("Plus", /\+/, "`+`");
/** `-` that did not start `->` or a number. */
export const Minus = punct("Minus", /-/, "`-`");
/** `*` */
export const Star = punct("Star", /\*/, "`*`");
/** `/` that did not start a comment. */
export const Slash = punct("Slash", /\//, "`/`");
/** `%` */
export const Percent = punct("Percent", /%/, "`%`");
/** Not part of the grammar; lexed so that `key = value` gets "expected `:`, found `=`". */
/** `=` */
export const Equals = punct("Equals", /=/, "`=`");
/** Not part of the grammar; lexed so that a stray `;` gets a clear message. */
/** `;` */
export const Semicolon = punct("Semicolon", /;/, "`;`");

/**
 * Characters that cannot start any token, as one token per run (or a `!` that did not start `!=`). Lexed into the `errors` group and reported as MRW1001; this
 * keeps binary input linear (Chevrotain's own error recovery retries every pattern per character).
 */
export const Unexpected = createToken({
  name: "Unexpected",
  pattern: /[\u0000-\u0008\u000e-\u001f#$&'@\\^`~\u007f-\ufefe\uff00-\uffff]+|!/,
  group: "errors",
});

/** All tokens in match order. */
export const allTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedBlockComment,
  TripleString,
  UnterminatedTripleString,
  StringLiteral,
  UnterminatedString,
  Duration,
  NumberLiteral,
  BadNumber,
  Arrow,
  System,
  Model,
  Router,
  Prompt,
  Enum,
  Entity,
  Tool,
  ExtensionPoint,
  Policy,
  Evaluation,
  Import,
  From,
  Tier,
  True,
  False,
  Per,
  In,
  Not,
  And,
  Or,
  Matches,
  Contains,
  Capability,
  Flow,
  Store,
  Event,
  Channel,
  Constraint,
  Identifier,
  LCurly,
  RCurly,
  LBracket,
  RBracket,
  LParen,
  RParen,
  Comma,
  Colon,
  Dot,
  Question,
  LtEq,
  GtEq,
  EqEq,
  NotEq,
  Lt,
  Gt,
  Equals,
  Semicolon,
  Pipe,
  Plus,
  Minus,
  Star,
  Slash,
  Percent,
  Unexpected,
  AnyButBrace,
  StringLike,
];
