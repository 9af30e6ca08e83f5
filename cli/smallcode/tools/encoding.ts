import { isUtf8 } from "node:buffer";

/**
 * Text encodings of project files. A file is UTF-8 when every byte sequence in it is valid UTF-8;
 * anything else is read as Latin-1 (ISO-8859-1), where each byte is one character U+0000–U+00FF, so
 * decoding and encoding again gives back every byte. Nothing is ever decoded lossily: a file that is
 * not UTF-8 never meets U+FFFD, and one patched line leaves all other bytes as they were.
 */

/** How a file's bytes map to text: `utf-8`, or `latin1` (one character per byte) for anything else. */
export type TextEncoding = "utf-8" | "latin1";

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A decoded file: its text (without a BOM), whether it had a UTF-8 BOM, and how it was decoded. */
export interface Decoded {
  readonly text: string;
  readonly bom: boolean;
  readonly encoding: TextEncoding;
  /** For `latin1`: the first byte that is not valid UTF-8, and its 1-based line. */
  readonly invalid?: { readonly offset: number; readonly line: number; readonly byte: number };
}

/** Decodes `buf` without loss: UTF-8 when it is valid UTF-8, else Latin-1. */
export function decodeText(buf: Buffer): Decoded {
  const bom = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf;
  const body = bom ? buf.subarray(3) : buf;
  if (isUtf8(body)) return { text: body.toString("utf8"), bom, encoding: "utf-8" };
  const offset = firstInvalidUtf8(body);
  let line = 1;
  for (let i = body.indexOf(10); i !== -1 && i < offset; i = body.indexOf(10, i + 1)) line++;
  return {
    text: body.toString("latin1"),
    bom,
    encoding: "latin1",
    invalid: { offset: offset + (bom ? 3 : 0), line, byte: body[offset] ?? 0 },
  };
}

/** Offset of the first byte of `buf` that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Lead byte: sequence length and the allowed range of the second byte (no overlongs, no
    // surrogates, nothing past U+10FFFF), as in the WHATWG decoder.
    let n = 0;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      n = 2;
      if (b === 0xe0) lo = 0xa0;
      if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      n = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= n; k++) {
      const c = buf[i + k];
      if (c === undefined) return i;
      if (k === 1 ? c < lo || c > hi : c < 0x80 || c > 0xbf) return i;
    }
    i += n + 1;
  }
  return -1;
}

/** Characters of `text` that Latin-1 cannot store (above U+00FF), each once, in order. */
export function notLatin1(text: string): string[] {
  const seen = new Set<string>();
  for (const ch of text) if (ch.codePointAt(0)! > 0xff) seen.add(ch);
  return [...seen];
}

/** `→` (U+2192): a character with its code point, for messages. */
export function describeChar(ch: string): string {
  return `\`${ch}\` (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")})`;
}

/**
 * The bytes of `text` in `encoding`, with a UTF-8 BOM in front when `bom`. Latin-1 text must not hold
 * characters above U+00FF (check with `notLatin1` first): Node would silently cut them to one byte.
 */
export function encodeText(text: string, encoding: TextEncoding, bom: boolean): Buffer {
  if (encoding === "latin1" && notLatin1(text).length > 0)
    throw new Error("text has characters that Latin-1 cannot store");
  const body = Buffer.from(text, encoding === "latin1" ? "latin1" : "utf8");
  return bom ? Buffer.concat([UTF8_BOM, body]) : body;
}

/** One line for the model about a file that is not UTF-8: where, and how the tools treat it. */
export function latin1Note(rel: string, invalid: NonNullable<Decoded["invalid"]>): string {
  const byte = `0x${invalid.byte.toString(16).toUpperCase().padStart(2, "0")}`;
  return (
    `\`${rel}\` is not valid UTF-8 (byte ${byte} on line ${invalid.line} is not); it is shown as Latin-1, ` +
    "one character per byte. patch keeps every other byte as it is; write_file will not replace this file"
  );
}
