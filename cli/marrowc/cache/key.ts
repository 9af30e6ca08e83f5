import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

/**
 * The secret that signs this user's build cache entries. The cache may sit inside the project
 * (`.marrow-cache/`), where a cloned repository can plant entries another marrowc made under the same
 * compiler fingerprint: a build record that calls a tampered `generated/` up to date (so `build
 * --check` passes), units whose modules hold code no source declares. Every entry carries an HMAC
 * made with a key only this user's account holds (`$XDG_CACHE_HOME/marrowc/key`, else
 * `~/.cache/marrowc/key`; made on first use, mode 600), so a planted entry is ignored like a damaged one.
 */

/** The key file for an environment (`XDG_CACHE_HOME` counts only when absolute, as the spec says). */
export function cacheKeyPath(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CACHE_HOME;
  const base =
    xdg && isAbsolute(xdg)
      ? xdg
      : process.platform === "win32" && env.LOCALAPPDATA
        ? env.LOCALAPPDATA
        : join(env.HOME || homedir(), ".cache");
  return join(base, "marrowc", "key");
}

const KEY = /^[0-9a-f]{64}$/;

/**
 * This user's key, made when there is none yet; `undefined` when it can be neither read nor made (a
 * read-only home): the build then runs without its cache.
 */
export function cacheKey(env: Readonly<Record<string, string | undefined>>): Buffer | undefined {
  const path = cacheKeyPath(env);
  const read = () => {
    try {
      const text = readFileSync(path, "utf8").trim();
      return KEY.test(text) ? Buffer.from(text, "hex") : undefined;
    } catch {
      return undefined;
    }
  };
  const found = read();
  if (found) return found;
  try {
    mkdirSync(join(path, ".."), { recursive: true, mode: 0o700 });
    // Written aside, then linked into place: two first builds at once agree on one key.
    const tmp = `${path}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    writeFileSync(tmp, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600 });
    try {
      linkSync(tmp, path);
    } catch {
      // Another build made it first (or the link failed): read whichever key is there.
    } finally {
      unlinkSync(tmp);
    }
  } catch {
    return undefined;
  }
  return read();
}
