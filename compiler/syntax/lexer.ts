import { type IToken, Lexer } from "chevrotain";
import { syntaxCodes as C } from "../diagnostics/codes-syntax.ts";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.ts";
import type { Source } from "../source.ts";
import * as T from "./tokens.ts";

/** How the lexer is built; `validate` checks the token patterns (the tests do, start-up need not). */
export function createLexer(validate = false): Lexer {
  return new Lexer(T.allTokens, {
    positionTracking: "onlyOffset",
    ensureOptimizations: true,
    skipValidations: !validate,
    errorMessageProvider: {
      buildUnexpectedCharactersMessage: () => "",
      buildUnableToPopLexerModeMessage: () => "",
    },
  });
}

/** The one lexer instance (building it optimises the token patterns; do it once). */
export const lexer = createLexer();

/** Lexical reports beyond this many per file are not built (the file's error cap is lower anyway). */
const MAX_LEXICAL_REPORTS = 100;

/** The tokens, comments and lexical diagnostics of one source. */
export interface LexResult {
  readonly tokens: IToken[];
  /** Comment tokens (line, block, unterminated block) in source order. */
  readonly comments: IToken[];
  readonly diagnostics: Diagnostic[];
}

/** End offset (exclusive) of a token; `onlyOffset` tracking gives only the start. */
export function tokenEnd(token: IToken): number {
  return token.startOffset + token.image.length;
}

/** Tokenizes a source. Lexing errors and malformed tokens become MRW1001–MRW1005 diagnostics. */
export function lex(source: Source): LexResult {
  const result = lexer.tokenize(source.text);
  const file = source.path;
  const diagnostics: Diagnostic[] = [];
  // Runs of unexpected characters: the `errors` group, plus anything Chevrotain had to skip.
  const runs: { start: number; end: number }[] = [];
  for (const t of (result.groups.errors ?? []) as IToken[])
    runs.push({ start: t.startOffset, end: tokenEnd(t) });
  for (const e of result.errors) runs.push({ start: e.offset, end: e.offset + e.length });
  runs.sort((a, b) => a.start - b.start);
  let reported = 0;
  for (let i = 0; i < runs.length && reported < MAX_LEXICAL_REPORTS; i++) {
    const start = runs[i]!.start;
    let end = runs[i]!.end;
    while (i + 1 < runs.length && runs[i + 1]!.start === end) end = runs[++i]!.end;
    diagnostics.push(unexpectedCharacters(file, start, source.text.slice(start, end)));
    reported++;
  }
  const comments = (result.groups.comments ?? []) as IToken[];
  for (const c of comments) {
    if (c.tokenType === T.UnterminatedBlockComment) {
      diagnostics.push(
        diag(
          C.MRW1004,
          { file, start: c.startOffset, end: c.startOffset + 2 },
          "unterminated block comment",
          {
            label: "this comment is never closed",
            hint: "add `*/` where the comment ends (block comments do not nest), or use `//` line comments",
          },
        ),
      );
    }
  }
  for (const t of result.tokens) {
    if (diagnostics.length >= MAX_LEXICAL_REPORTS) break;
    const type = t.tokenType;
    if (type === T.UnterminatedString) {
      diagnostics.push(
        diag(C.MRW1002, { file, start: t.startOffset, end: tokenEnd(t) }, "unterminated string", {
          label: "this string is not closed on its line",
          hint: 'close it with `"` on the same line, or use a triple-quoted `"""…"""` string for text that spans lines',
        }),
      );
    } else if (type === T.UnterminatedTripleString) {
      diagnostics.push(
        diag(
          C.MRW1002,
          { file, start: t.startOffset, end: t.startOffset + 3 },
          "unterminated triple-quoted string",
          {
            label: 'this `"""` is never closed',
            hint: 'close the string with `"""`',
          },
        ),
      );
    } else if (type === T.BadNumber) {
      diagnostics.push(badNumber(file, t));
    }
  }
  return { tokens: result.tokens, comments, diagnostics };
}

function unexpectedCharacters(file: string, offset: number, text: string): Diagnostic {
  const shown = [...text.slice(0, 12)].map(showChar).join("");
  const more = text.length > 12 ? "…" : "";
  const message =
    text.length === 1 ? `unexpected character \`${shown}\`` : `unexpected characters \`${shown}${more}\``;
  const first = text[0] ?? "";
  let hint = "remove it, or put the text in a double-quoted string";
  if (first === "'") hint = 'strings use double quotes: `"…"`';
  else if (first === "#") hint = "comments start with `//` (or `/* … */`)";
  else if (first === "$") hint = `\`\${NAME}\` is only meaningful inside a string: write \`"\${NAME}"\``;
  else if (first === "`")
    hint = 'strings use double quotes: `"…"`; use `"""…"""` for text over several lines';
  else if (/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/.test(text))
    hint = "this looks like binary data; is this a .marrow file?";
  return diag(C.MRW1001, { file, start: offset, end: offset + text.length }, message, { hint });
}

/** Printable form of a character for a message (control characters and odd spaces as `\uXXXX`). */
export function showChar(c: string): string {
  const code = c.codePointAt(0) ?? 0;
  if (
    code < 0x20 ||
    code === 0x7f ||
    (code >= 0x80 && code < 0xa0) ||
    code === 0xfeff ||
    (code >= 0xd800 && code <= 0xdfff)
  )
    return `\\u${code.toString(16).padStart(4, "0")}`;
  if (c === "`") return "\\`";
  return c;
}

const unitFixes: Record<string, string> = {
  sec: "s",
  secs: "s",
  second: "s",
  seconds: "s",
  min: "m",
  mins: "m",
  minute: "m",
  minutes: "m",
  hr: "h",
  hrs: "h",
  hour: "h",
  hours: "h",
  day: "d",
  days: "d",
  msec: "ms",
  millis: "ms",
  milliseconds: "ms",
};

function badNumber(file: string, t: IToken): Diagnostic {
  const image = t.image;
  const span = { file, start: t.startOffset, end: tokenEnd(t) };
  const m = /^(-?\d+(?:\.\d+)?)(.*)$/.exec(image);
  const num = m?.[1] ?? image;
  const suffix = m?.[2] ?? "";
  if (/^[xX][0-9a-fA-F]*$/.test(suffix) && num === "0")
    return diag(C.MRW1005, span, `hexadecimal numbers are not supported: \`${image}\``, {
      hint: "write the number in decimal",
    });
  if (suffix.startsWith("_") || /^\d/.test(suffix))
    return diag(C.MRW1005, span, `invalid number \`${image}\``, {
      hint: `write the digits without separators`,
    });
  const fix = unitFixes[suffix.toLowerCase()];
  if (fix)
    return diag(C.MRW1005, span, `unknown duration unit \`${suffix}\` in \`${image}\``, {
      label: "not a duration unit",
      hint: `durations end in \`ms\`, \`s\`, \`m\`, \`h\` or \`d\`: write \`${num}${fix}\``,
    });
  return diag(C.MRW1005, span, `invalid number \`${image}\``, {
    label: `\`${suffix}\` is not a duration unit`,
    hint: `durations end in \`ms\`, \`s\`, \`m\`, \`h\` or \`d\` (for example \`${num}s\`); put a space between a number and a name`,
  });
}
