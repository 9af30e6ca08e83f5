import { redactPrivateKeys } from "./redact-keys.ts";

/**
 * Secret redaction for traces and outputs: values under secret-looking keys (api keys, tokens,
 * passwords, Authorization), secret-looking strings anywhere (bearer tokens, provider keys, JWTs,
 * private keys and slices of them, `password=…`, `"api_key": "…"`, credentials in URLs), and every
 * value registered as secret (the API key, `.env` values), also when base64-encoded.
 */

export const REDACTED = "[REDACTED]";

const SECRET_KEY_ENDINGS = [
  "apikey",
  "secret",
  "password",
  "passwd",
  "passphrase",
  "authorization",
  "auth",
  "token",
  "accesskey",
  "privatekey",
  "cookie",
  "credential",
  "credentials",
  "sessionid",
];

/** Whether a property name names a secret (`api_key`, `apiKey`, `GITHUB_TOKEN`, `Authorization`; not `prompt_tokens`). */
export function isSecretKey(key: string): boolean {
  const k = key.toLowerCase().replace(/[^a-z0-9]/g, "");
  return SECRET_KEY_ENDINGS.some((end) => k.endsWith(end)) || k.includes("password") || k.includes("secret");
}

/** A secret-looking name inside text (`"client_secret"`, `DB_PASSWORD`), not `max_tokens`. */
const SECRET_NAME =
  /password|passwd|passphrase|secret|api[_-]?key|token(?!s)|access[_-]?key|private[_-]?key|credential/i;

const PATTERNS: readonly [RegExp, string | ((...groups: string[]) => string)][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi, `$1 ${REDACTED}`],
  [/\bsk-[A-Za-z0-9_-]{16,}/g, REDACTED],
  [/\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g, REDACTED],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/g, REDACTED],
  [/\bAKIA[0-9A-Z]{16}\b/g, REDACTED],
  [/\bAIza[0-9A-Za-z_-]{35}\b/g, REDACTED],
  [/\bhf_[A-Za-z0-9]{30,}\b/g, REDACTED],
  [/\b[rs]k_(?:live|test)_[A-Za-z0-9]{10,}/g, REDACTED],
  [/\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g, REDACTED],
  // credentials in URLs: postgres://user:pw@host, https://<token>@github.com
  [/\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#"']+:)[^\s@/?#"']+@/gi, `$1${REDACTED}@`],
  [/\b(https?:\/\/)[A-Za-z0-9_-]{20,}@/gi, `$1${REDACTED}@`],
  // JSON and quoted keys: "api_key": "…" (the value may hold spaces and escaped quotes)
  [
    /(["'])([\w.-]{1,60})\1(\s*:\s*)"((?:[^"\\\n]|\\.)+)"/g,
    (all, q, name, sep, value) =>
      (SECRET_NAME.test(name!) || isSecretKey(name!)) && value !== REDACTED
        ? `${q}${name}${q}${sep}"${REDACTED}"`
        : all!,
  ],
  [
    /\b([A-Za-z_]*(?:password|passwd|secret|api[_-]?key|token(?!s)|access[_-]?key|credential)[A-Za-z_]*)(["']?\s*[:=]\s*["']?)((?=[^\s"',;]*[A-Za-z])[^\s"',;]{4,})/gi,
    (all, name, sep, value) => (value!.startsWith(REDACTED) ? all! : `${name}${sep}${REDACTED}`),
  ],
  // a long run of base64 with upper and lower case and digits: a line of a key body, a token
  [
    /[A-Za-z0-9+/]{48,}={0,2}/g,
    (run) => (/[A-Z]/.test(run!) && /[a-z]/.test(run!) && /\d/.test(run!) ? REDACTED : run!),
  ],
];

/** Cheap first look: strings that match none of these hold nothing the patterns would catch. */
const SUSPECT =
  /PRIVATE KEY|bearer|basic|sk-|gh[pousr]_|github_pat_|xox|AKIA|AIza|hf_|[rs]k_|eyJ|pass|secret|key|token|credential|:\/\/[^\s@/]*@|[A-Za-z0-9+/]{48}/i;

/** A registered secret with the forms it may take in text. */
interface Known {
  readonly value: string;
  /** Its base64 encodings at the three byte alignments (standard and URL alphabets), line breaks allowed. */
  readonly encoded?: RegExp;
  /** Substrings of which at least one appears whenever an encoding does (a cheap test first). */
  readonly anchors: readonly string[];
}

const known = new Map<string, Known>();

/**
 * The parts of `secret`'s base64 encoding that do not depend on the bytes around it, for each of
 * the three positions it can have in a 3-byte group (a secret inside a base64-encoded file).
 */
export function base64Cores(secret: string): string[] {
  const bytes = Buffer.from(secret, "utf8");
  const cores = new Set<string>();
  for (let a = 0; a < 3; a++) {
    const encoded = Buffer.concat([Buffer.alloc(a), bytes]).toString("base64");
    const core = encoded.slice(Math.ceil((8 * a) / 6), Math.floor((8 * (a + bytes.length)) / 6));
    if (core.length < 8) continue;
    cores.add(core);
    cores.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
  }
  return [...cores];
}

/** Adds a value (an API key the runtime resolved, a `.env` value) that must never appear in a trace or output. */
export function registerSecret(value: string): void {
  if (value.length < 6 || known.has(value)) return;
  const cores = base64Cores(value);
  const breakable = (core: string) =>
    [...core].map((c) => c.replace(/[+/\\^$.*?()[\]{}|-]/g, "\\$&")).join("(?:\\r?\\n|\\\\n)?");
  known.set(value, {
    value,
    ...(cores.length > 0 ? { encoded: new RegExp(cores.map(breakable).join("|"), "g") } : {}),
    // a line break can split a core once (base64 wraps at 64 or 76): its first or its last 4 characters survive
    anchors: cores.flatMap((c) => [c.slice(0, 4), c.slice(-4)]),
  });
}

/** Redacts secrets inside one string. */
export function redactString(text: string): string {
  let out = text;
  for (const secret of known.values()) {
    if (out.includes(secret.value)) out = out.split(secret.value).join(REDACTED);
    if (secret.encoded && secret.anchors.some((a) => out.includes(a))) {
      out = out.replace(secret.encoded, REDACTED);
    }
  }
  if (!SUSPECT.test(out)) return out;
  out = redactPrivateKeys(out, REDACTED);
  for (const [pattern, replacement] of PATTERNS) {
    out = out.replace(pattern, replacement as (substring: string, ...args: string[]) => string);
  }
  return out;
}

/**
 * A copy of `value` with secrets redacted and long strings shortened.
 * @param maxChars strings longer than this keep their start and say how much was cut
 */
export function redact(value: unknown, maxChars = 16_000, depth = 0): unknown {
  if (typeof value === "string") {
    // redact first: a cut must not leave half a secret that no longer matches
    const text = redactString(value);
    return text.length > maxChars
      ? `${text.slice(0, maxChars)}…[${text.length - maxChars} more chars]`
      : text;
  }
  if (value === null || typeof value !== "object") return value;
  if (depth > 12) return "[too deep]";
  if (Array.isArray(value)) return value.map((v) => redact(v, maxChars, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      isSecretKey(k) && v !== null && v !== undefined && typeof v !== "number"
        ? REDACTED
        : redact(v, maxChars, depth + 1);
  }
  return out;
}
