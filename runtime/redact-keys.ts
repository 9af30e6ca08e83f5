/**
 * Private keys in text, whole or in slices: a `-----BEGIN … PRIVATE KEY-----` block (with or without
 * its end: `head -5 id_rsa`), and the base64 lines that end in `-----END … PRIVATE KEY-----` without
 * their start (`tail -5 id_rsa`). Lines may be real line breaks or `\n` escapes (a key in a JSON
 * string or a `.env` value). Other lines of a key body are long base64 runs, which redact.ts catches.
 * One pass over the markers, so hostile text (thousands of markers) costs linear time.
 */

const BEGIN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g;
const END = /-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/g;
/** The key lines after a start: headers, base64, a blank line before base64 (not the break after them). */
const BODY_AFTER =
  /(?:(?:\r?\n|\\n)[ \t]*(?:(?:Proc-Type|DEK-Info|Comment|Version):[^\n\\]*|[A-Za-z0-9+/=]+|(?=(?:\r?\n|\\n)[A-Za-z0-9+/=])))*/y;
const BASE64_LINE = /^[ \t]*[A-Za-z0-9+/=]*[ \t]*\r?$/;

/** The start of the line that ends at `end` (after a newline or a `\n` escape), not before `floor`. */
function lineStartBefore(text: string, end: number, floor: number): number {
  for (let i = end - 1; i >= floor; i--) {
    if (text[i] === "\n") return i + 1;
    if (text[i] === "n" && text[i - 1] === "\\" && i - 1 >= floor) return i + 1;
  }
  return floor;
}

/** Where the base64 lines right before `end` start (`end` when the line before is not base64). */
function bodyStart(text: string, end: number, floor: number): number {
  let start = end;
  while (start > floor) {
    let lineEnd = start;
    if (start - 2 >= floor && text.startsWith("\\n", start - 2)) lineEnd = start - 2;
    else if (text[start - 1] === "\n") lineEnd = start - 1;
    const lineStart = lineStartBefore(text, lineEnd, floor);
    if (lineStart >= start || !BASE64_LINE.test(text.slice(lineStart, lineEnd))) return start;
    start = lineStart;
  }
  return floor;
}

/** `text` with private keys and their slices replaced by `mark`. */
export function redactPrivateKeys(text: string, mark: string): string {
  if (!text.includes("PRIVATE KEY")) return text;
  const ends = [...text.matchAll(END)].map((m) => ({ at: m.index, to: m.index + m[0].length }));
  const cuts: { from: number; to: number }[] = [];
  let done = 0; // text before this is decided
  let e = 0; // the first END not yet used
  for (const b of text.matchAll(BEGIN)) {
    if (b.index < done) continue;
    while (e < ends.length && ends[e]!.at < b.index) {
      cuts.push({ from: bodyStart(text, ends[e]!.at, done), to: ends[e]!.to }); // a tail without its start
      done = ends[e]!.to;
      e++;
    }
    if (e < ends.length) {
      cuts.push({ from: b.index, to: ends[e]!.to }); // a whole key
      done = ends[e]!.to;
      e++;
      continue;
    }
    BODY_AFTER.lastIndex = b.index + b[0].length;
    BODY_AFTER.exec(text);
    cuts.push({ from: b.index, to: BODY_AFTER.lastIndex }); // a start cut off
    done = BODY_AFTER.lastIndex;
  }
  for (; e < ends.length; e++) {
    if (ends[e]!.at < done) continue;
    cuts.push({ from: bodyStart(text, ends[e]!.at, done), to: ends[e]!.to });
    done = ends[e]!.to;
  }
  let out = "";
  let from = 0;
  for (const cut of cuts) {
    out += `${text.slice(from, cut.from)}${mark}`;
    from = cut.to;
  }
  return out + text.slice(from);
}
