import { readFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { glob } from "tinyglobby";
import { registerSecret } from "../../../runtime/index.ts";
import { isSecretKey } from "../../../runtime/redact.ts";
import { SKIPPED_DIRS } from "../tools/walk.ts";

/**
 * Secrets in the environment and in the project's files are registered with the runtime's redactor,
 * so their values never reach a trace, a saved session or an output even where no pattern would
 * catch them (a database password, a token of an unknown provider). From the environment, values
 * under secret-looking names count (`*_TOKEN`, `*_KEY`, `PASSWORD`, `AUTH`, …); from the project's
 * `.env` files every value that looks like a token counts, whatever its name (`STRIPE=rk_live_…`).
 * Short, placeholder and path values do not.
 */

/** Values too weak to redact everywhere (they would blank out ordinary words). */
const PLACEHOLDER = /^(true|false|null|none|changeme|change-me|xxx+|\*+|your[-_].*|<.*>|\$\{.*\})$/i;

/** Shortest value registered. */
const MIN_LENGTH = 8;

function worthRedacting(value: string): boolean {
  const v = value.trim();
  return v.length >= MIN_LENGTH && !PLACEHOLDER.test(v) && !/^\d+$/.test(v);
}

/** Words that make a variable name secret-looking: `STRIPE_KEY`, `DB_PASS`, `AUTH_HEADER`, `GH_CREDS`. */
const SECRET_WORDS =
  /(?:^|_)(?:API_?KEY|KEYS?|TOKENS?|SECRETS?|PASSWORD|PASSWD|PASS|PASSPHRASE|CREDENTIALS?|CREDS|AUTH|PRIVATE|SIGNING|SALT|DSN|COOKIE)(?:_|$)/i;

/** Names that point at a secret rather than hold one: `API_KEY_ENV`, `SSH_KEY_PATH`, `TOKEN_FILE`. */
const REFERENCE = /_(?:ENV|FILE|PATH|DIR|NAME)$/i;

/** Whether an environment variable's name says it holds a secret (`PWD` is the working directory). */
export function isSecretName(name: string): boolean {
  if (name === "PWD" || name === "OLDPWD" || REFERENCE.test(name)) return false;
  return isSecretKey(name) || SECRET_WORDS.test(name);
}

/** A path (`/run/user/1000/ssh-agent.sock`, `~/.ssh/id_rsa`) names a secret, it is not one. */
function isPath(value: string): boolean {
  return /^(?:\/|~\/|\.{1,2}\/)/.test(value) && !/\s/.test(value);
}

/** The password in `scheme://user:password@host`, which the URL pattern also catches. */
function urlPassword(value: string): string | undefined {
  return /^[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/i.exec(value)?.[1];
}

/**
 * Whether a value of unknown meaning looks like a token: letters and digits mixed, no spaces, not a
 * path, a URL, a version or `host:port` (so `PORT=3000`, `NODE_ENV=production` and
 * `APP_NAME=demo-application` stay readable).
 */
export function looksLikeToken(value: string): boolean {
  const v = value.trim();
  if (!worthRedacting(v) || /\s/.test(v) || isPath(v) || /^[a-z][a-z0-9+.-]*:\/\//i.test(v)) return false;
  if (/^v?\d+(?:\.\d+)+(?:[-+][\w.]+)?$/.test(v) || /^[\w.-]+:\d+$/.test(v)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((c) => c.test(v)).length;
  return (/\d/.test(v) && /[A-Za-z]/.test(v)) || (v.length >= 20 && classes >= 2);
}

/** Registers a value (and the password of a URL value); returns how many were registered. */
function register(value: string): number {
  const password = urlPassword(value);
  if (password !== undefined && password.length >= 6) {
    registerSecret(password);
    return 1;
  }
  registerSecret(value.trim());
  return 1;
}

/** Registers the values of secret-named variables of `env`; returns how many were registered. */
export function registerEnvSecrets(env: Readonly<Record<string, string | undefined>> = process.env): number {
  let n = 0;
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined || !isSecretName(key) || !worthRedacting(value) || isPath(value.trim())) continue;
    n += register(value);
  }
  return n;
}

/**
 * Registers the secret-looking values of the variables `[shell] pass_env` hands to commands (a token,
 * of 16 characters or more, or the password of `DATABASE_URL=postgres://user:pw@host/db`), whatever
 * their names; returns the count.
 */
export function registerPassedSecrets(
  env: Readonly<Record<string, string | undefined>>,
  names: readonly string[],
): number {
  let n = 0;
  for (const name of names) {
    const value = env[name];
    if (value === undefined || isPath(value.trim())) continue;
    // a token needs some length here: `eu-west-1` mixes letters and digits too, and must stay readable
    const tokenish = value.trim().length >= 16 && looksLikeToken(value);
    if ((urlPassword(value) !== undefined || isSecretName(name) || tokenish) && worthRedacting(value))
      n += register(value);
  }
  return n;
}

/** `KEY=value` lines of a dotenv-style file (quotes removed, `export ` allowed, comments skipped). */
export function parseDotenv(text: string): [string, string][] {
  const out: [string, string][] = [];
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][\w.-]*)\s*[=:]\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith("#")) continue;
    let value = m[2]!;
    const quoted = /^(["'])(.*)\1$/.exec(value);
    if (quoted) value = quoted[2]!;
    else value = value.replace(/\s+#.*$/, "");
    out.push([m[1]!, value]);
  }
  return out;
}

/** Files that hold secrets: `.env`, `.env.local`, `.env.production`, `.npmrc`, … */
function isSecretsFile(name: string): boolean {
  if (/^\.env(\..+)?$/.test(name)) return !/\.(example|sample|template|dist|defaults)$/.test(name);
  return name === ".npmrc" || name === ".pypirc" || name === ".netrc";
}

/** How deep, and how many, secrets files are looked for (`apps/web/.env` in a monorepo). */
const SEARCH_DEPTH = 4;
const MAX_FILES = 64;

/** The project's secrets files, root first (relative paths); gitignored ones included, on purpose. */
async function secretsFiles(cwd: string): Promise<string[]> {
  try {
    const found = await glob(["**/.env", "**/.env.*", "**/.npmrc", "**/.pypirc", "**/.netrc"], {
      cwd,
      dot: true,
      deep: SEARCH_DEPTH,
      onlyFiles: true,
      followSymbolicLinks: false,
      ignore: SKIPPED_DIRS.map((d) => `**/${d}/**`),
    });
    return found
      .filter((f) => isSecretsFile(basename(f)))
      .sort((a, b) => a.split("/").length - b.split("/").length || (a < b ? -1 : 1))
      .slice(0, MAX_FILES);
  } catch {
    return [];
  }
}

/**
 * Registers the secret values found in the project's dotenv and credential files (at the root and a
 * few folders down): in `.env` files every token-like value whatever its name, elsewhere
 * secret-named ones; returns the count.
 */
export async function registerFileSecrets(cwd: string): Promise<number> {
  let n = 0;
  for (const path of await secretsFiles(cwd)) {
    const name = basename(path);
    let text: string;
    try {
      text = await readFile(join(cwd, path), "utf8");
    } catch {
      continue;
    }
    const pairs: [string, string][] =
      name === ".netrc"
        ? [...text.matchAll(/\bpassword\s+(\S+)/g)].map((m) => ["password", m[1]!])
        : name === ".npmrc"
          ? [...text.matchAll(/\b(_authToken|_auth|_password)\s*=\s*"?([^\s"]+)/g)].map((m) => [
              "token",
              m[2]!,
            ])
          : parseDotenv(text);
    const anyName = name.startsWith(".env");
    for (const [key, value] of pairs) {
      // SMALLCODE_MODEL and friends are settings, not secrets; the key among them is caught by its name
      const setting = /^SMALLCODE_/.test(key) && !isSecretName(key);
      const secret = isSecretName(key) ? worthRedacting(value) : anyName && !setting && looksLikeToken(value);
      if (!secret || isPath(value.trim())) continue;
      n += register(value);
    }
  }
  return n;
}
