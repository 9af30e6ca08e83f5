import { randomBytes } from "node:crypto";
import { chmod, mkdir, readFile, rename, stat, unlink, writeFile } from "node:fs/promises";
import { basename, dirname, extname, join } from "node:path";
import { type Decoded, decodeText, type TextEncoding } from "./encoding.ts";
import { count } from "./tool.ts";

/**
 * Reading and writing text files: binary detection, lossless decoding (see encoding.ts), line-ending
 * conventions, atomic writes.
 */

/** Files larger than this are not loaded whole. */
export const MAX_TEXT_BYTES = 20 * 1024 * 1024;

const KNOWN_BINARY: Readonly<Record<string, string>> = {
  ".png": "a PNG image",
  ".jpg": "a JPEG image",
  ".jpeg": "a JPEG image",
  ".gif": "a GIF image",
  ".webp": "a WebP image",
  ".ico": "an icon",
  ".pdf": "a PDF document",
  ".zip": "a zip archive",
  ".gz": "a gzip archive",
  ".tgz": "a gzip archive",
  ".wasm": "a WebAssembly module",
  ".so": "a shared library",
  ".o": "an object file",
  ".exe": "an executable",
  ".class": "a Java class file",
  ".pyc": "Python bytecode",
  ".sqlite": "an SQLite database",
  ".db": "a database file",
};

/** Why `buf` is not text, or null when it looks like text. Checks the first 8 KiB. */
export function binaryReason(buf: Uint8Array, path: string): string | null {
  const sample = buf.subarray(0, 8192);
  let control = 0;
  for (const b of sample) {
    if (b === 0) return describeBinary(path, "it contains NUL bytes");
    if (b < 7 || (b > 13 && b < 32 && b !== 27)) control++;
  }
  if (sample.length > 0 && control / sample.length > 0.3)
    return describeBinary(path, "it is mostly control bytes");
  return null;
}

function describeBinary(path: string, why: string): string {
  const kind = KNOWN_BINARY[extname(path).toLowerCase()];
  return kind ? `it looks like ${kind} (${why})` : why;
}

/** The outcome of reading a file as text. */
export type TextRead =
  | {
      readonly kind: "text";
      readonly text: string;
      readonly bom: boolean;
      readonly mode: number;
      /** `latin1` when the file is not valid UTF-8: one character per byte, written back byte for byte. */
      readonly encoding: TextEncoding;
      /** For `latin1`: where the first byte that is not UTF-8 is. */
      readonly invalid?: Decoded["invalid"];
    }
  | { readonly kind: "missing" }
  | { readonly kind: "directory" }
  | { readonly kind: "error"; readonly message: string };

/** Reads a text file, refusing directories, huge files and binary content with a reason. */
export async function readText(abs: string, rel: string): Promise<TextRead> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return { kind: "missing" };
    return { kind: "error", message: `cannot read \`${rel}\`: ${(e as Error).message}` };
  }
  if (info.isDirectory()) return { kind: "directory" };
  if (!info.isFile()) return { kind: "error", message: `\`${rel}\` is not a regular file` };
  if (info.size > MAX_TEXT_BYTES) {
    return {
      kind: "error",
      message: `\`${rel}\` is too large to load (${count(info.size)} bytes); use search to find the part you need, or bash with head/sed -n`,
    };
  }
  let buf: Buffer;
  try {
    buf = await readFile(abs);
  } catch (e) {
    return { kind: "error", message: `cannot read \`${rel}\`: ${(e as Error).message}` };
  }
  const why = binaryReason(buf, abs);
  if (why) {
    return {
      kind: "error",
      message: `\`${rel}\` is a binary file (${count(info.size)} bytes): ${why}; only text files can be read or edited`,
    };
  }
  return { kind: "text", ...decodeText(buf), mode: info.mode & 0o7777 };
}

/** The file's dominant line ending. */
export function detectEol(text: string): "\n" | "\r\n" {
  const crlf = text.match(/\r\n/g)?.length ?? 0;
  const lf = (text.match(/\n/g)?.length ?? 0) - crlf;
  return crlf > lf ? "\r\n" : "\n";
}

/** Rewrites all line endings of `text` to `eol`. */
export function withEol(text: string, eol: "\n" | "\r\n"): string {
  const lf = text.replace(/\r\n/g, "\n");
  return eol === "\n" ? lf : lf.replace(/\n/g, "\r\n");
}

/** Number of lines as an editor shows them (a final newline does not start a new line). */
export function lineCount(text: string): number {
  if (text === "") return 0;
  const n = text.split("\n").length;
  return text.endsWith("\n") ? n - 1 : n;
}

/**
 * Writes `content` to `abs` atomically: a temporary file in the same directory, then a rename, so a
 * crash never leaves a half-written file. Creates missing directories; keeps `mode` when given. A
 * string is written as UTF-8; bytes are written as they are.
 */
export async function atomicWrite(abs: string, content: string | Uint8Array, mode?: number): Promise<void> {
  const dir = dirname(abs);
  try {
    await mkdir(dir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EEXIST" || code === "ENOTDIR")
      throw Object.assign(new Error("a parent is a file"), { code: "ENOTDIR" });
    throw e;
  }
  const tmp = join(dir, `.${basename(abs)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, content, { mode: mode ?? 0o644 });
    if (mode !== undefined) await chmod(tmp, mode);
    await rename(tmp, abs);
  } catch (e) {
    await unlink(tmp).catch(() => {});
    throw e;
  }
}

/** A short, model-readable reason for a failed write. */
export function writeError(rel: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  switch (err.code) {
    case "EACCES":
    case "EPERM":
      return `cannot write \`${rel}\`: permission denied`;
    case "ENOTDIR":
      return `cannot write \`${rel}\`: a parent of it is a file, not a directory`;
    case "EISDIR":
      return `cannot write \`${rel}\`: it is a directory`;
    case "ENOSPC":
      return `cannot write \`${rel}\`: the disk is full`;
    default:
      return `cannot write \`${rel}\`: ${err.message}`;
  }
}
