/**
 * Checking a base URL as typed (`--base-url localhost:8080`): without a scheme, `fetch` cannot use it
 * and every probe fails as if no server ran there, so the mistake is named before anything is sent. Pure.
 */

/** Why `url`, given as `--base-url`, cannot be used, or undefined when it is an http(s) URL. */
export function baseUrlProblem(url: string): string | undefined {
  const text = url.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    const fixed = `http://${text.replace(/^\/+/, "")}`;
    return `\`--base-url ${text}\` has no scheme: write \`--base-url ${fixed}\` (or https:// for a server that uses TLS)`;
  }
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return `\`--base-url ${text}\` is not a valid URL: write it like \`http://localhost:11434/v1\``;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:")
    return `\`--base-url ${text}\` must be an http:// or https:// URL, like \`http://localhost:11434/v1\``;
  return undefined;
}
