/**
 * Private keys in text, whole or in slices: a `-----BEGIN … PRIVATE KEY-----` block (with or without
 * its end: `head -5 id_rsa`), and the base64 lines that end in `-----END … PRIVATE KEY-----` without
 * their start (`tail -5 id_rsa`). Lines may be real line breaks or `\n` escapes (a key in a JSON
 * string or a `.env` value). Other lines of a key body are long base64 runs, which redact.ts catches.
 */

const BREAK = String.raw`(?:\r?\n|\\n)`;
const WHOLE = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[\s\S]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g;
/** A start and the key lines that follow it: headers (`Proc-Type:`), base64, blank lines. */
const HEAD = new RegExp(
  String.raw`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?:${BREAK}[ \t]*(?:(?:Proc-Type|DEK-Info|Comment):[^\n\\]*|[A-Za-z0-9+/=]*))*`,
  "g",
);
const END = /-----END [A-Z0-9 ]*PRIVATE KEY-----/g;
const BODY_LINE = /^[ \t]*[A-Za-z0-9+/=]*[ \t]*\r?$/;

/** Where the base64 lines right before `end` start (`end` itself when the line before is not base64). */
function bodyStart(text: string, end: number): number {
  let start = end;
  while (start > 0) {
    // the line before `start`: ended by a newline or a `\n` escape, or the text before END on its own line
    let lineEnd = start;
    if (text.startsWith("\\n", start - 2)) lineEnd = start - 2;
    else if (text[start - 1] === "\n") lineEnd = start - 1;
    const nl = lineEnd > 0 ? text.lastIndexOf("\n", lineEnd - 1) : -1;
    const esc = lineEnd > 1 ? text.lastIndexOf("\\n", lineEnd - 2) : -1;
    const lineStart = Math.max(nl >= 0 ? nl + 1 : 0, esc >= 0 ? esc + 2 : 0);
    if (!BODY_LINE.test(text.slice(lineStart, lineEnd)) || lineStart >= start) return start;
    start = lineStart;
  }
  return 0;
}

/** `text` with private keys and their slices replaced by `mark`. */
export function redactPrivateKeys(text: string, mark: string): string {
  if (!text.includes("PRIVATE KEY-----")) return text;
  let out = text.replace(WHOLE, mark).replace(HEAD, mark);
  if (!out.includes("-----END ")) return out;
  let result = "";
  let from = 0;
  for (const m of out.matchAll(END)) {
    const start = Math.max(from, bodyStart(out, m.index));
    result += `${out.slice(from, start)}${mark}`;
    from = m.index + m[0].length;
  }
  out = result + out.slice(from);
  return out;
}
