"use strict";
/**
 * The one TypeScript scanner use of ts-morph's structure printer: `getAppendCommaPos(text)` scans a
 * printed structure to find where a separating comma goes (the end of its last token) or that it
 * ends in one already. For "plain" text (printable ASCII with no quotes, template backticks,
 * comments, backslashes, `#` or conflict markers) that is the end of the text less trailing
 * whitespace, so the scanner below answers without the compiler; any other text goes to the real
 * scanner, created on first need. test/compiler/codegen/typescript-standin.test.ts checks it against
 * the real scanner on random and hand-picked texts.
 */

// \0 is allowed: the splice marks of compiler/codegen/module.ts contain it (TypeScript reads it as a token).
const PLAIN_CHARS = /^[\0\t\n\r\x20-\x7E]*$/;
const NOT_PLAIN = /[/'"`\\#]|[<>=|]{7}/;

/** True when the fast path gives the real scanner's answers for `text`. */
function isPlain(text) {
  return PLAIN_CHARS.test(text) && !NOT_PLAIN.test(text);
}

/**
 * A scanner with the four methods getAppendCommaPos calls. `realScanner()` creates the real one
 * (loading TypeScript) for text that is not plain; `kinds` is TypeScript's SyntaxKind enum.
 */
function createPlainTextScanner(realScanner, kinds) {
  let real;
  let text; // the plain text being scanned, or null while the real scanner has the text
  let atStart = true;
  const slow = () => {
    real ??= realScanner();
    return real;
  };
  return {
    setText(newText, start, length) {
      if (typeof newText === "string" && start === undefined && length === undefined && isPlain(newText)) {
        text = newText;
        atStart = true;
        return;
      }
      text = null;
      if (newText !== undefined || real) slow().setText(newText, start, length);
    },
    // No comments, strings or templates: one token stands for all of them, then the end of the file.
    scan() {
      if (text === null) return slow().scan();
      const first = atStart && /\S/.test(text);
      atStart = false;
      return first ? kinds.Identifier : kinds.EndOfFileToken;
    },
    getTokenFullStart() {
      if (text === null) return slow().getTokenFullStart();
      return text.replace(/\s+$/, "").length;
    },
    reScanTemplateToken(isTaggedTemplate) {
      return slow().reScanTemplateToken(isTaggedTemplate);
    },
  };
}

module.exports = { createPlainTextScanner, isPlain };
