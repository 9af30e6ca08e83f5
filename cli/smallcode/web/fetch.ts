import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http, { type IncomingHttpHeaders } from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";
import { nonPublicReason } from "./address.ts";

/**
 * HTTP GET behind an SSRF guard. Every connection's address is checked when it is made: the guard is
 * the socket's own DNS lookup, so the address checked is the address used (no second resolution a
 * rebinding DNS server could answer differently), and every redirect is a new request checked the
 * same way. Only hosts the user allows may resolve to loopback, private or link-local addresses.
 * No proxy from the environment is used (a proxy would connect on our behalf, unchecked).
 */

/** A failed fetch: a stable code and a message saying what happened and what to do. */
export class WebError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = "WebError";
    this.code = code;
  }
}

/** What a fetch may do. */
export interface FetchPolicy {
  /** Host names or IP literals (lowercase) that may resolve to non-public addresses. */
  readonly allowHosts: readonly string[];
  /** Bytes of body read at most; the rest is dropped (`truncated`). */
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  readonly userAgent: string;
  readonly signal?: AbortSignal;
}

/** Defaults: 2 MiB, 20 s, 5 redirects. */
export const DEFAULT_POLICY: Omit<FetchPolicy, "allowHosts"> = {
  maxBytes: 2 * 1024 * 1024,
  timeoutMs: 20_000,
  maxRedirects: 5,
  userAgent: "SmallCode-web_fetch/0.1 (+https://www.npmjs.com/package/smallcode)",
};

/** A fetched response. */
export interface Fetched {
  /** The URL that answered (after redirects). */
  readonly url: string;
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
  /** The body was longer than `maxBytes`. */
  readonly truncated: boolean;
}

/** The host of a URL as the allow-list compares it: lowercase, IPv6 without brackets. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, "$1");
}

/** Parses and checks a URL: http(s) only, no credentials. @throws WebError */
export function checkUrl(raw: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(raw, base);
  } catch {
    throw new WebError(
      "WEB_BAD_URL",
      `\`${raw}\` is not a URL; give a full address such as https://example.com/page`,
    );
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new WebError("WEB_BAD_URL", `only http and https URLs can be fetched, not \`${url.protocol}\``);
  if (url.username !== "" || url.password !== "")
    throw new WebError(
      "WEB_BAD_URL",
      "URLs with a user name or password are not fetched; remove the credentials",
    );
  return url;
}

function blockedError(host: string, reason: string): WebError {
  return new WebError(
    "WEB_BLOCKED_ADDRESS",
    `refused to connect to \`${host}\`: ${reason}. web_fetch only reaches public addresses; a user who ` +
      `means to reach this host lists it in their own config (~/.config/smallcode/config.toml): [web] allow_hosts = ["${host}"]`,
  );
}

/** A socket lookup that refuses non-public addresses unless `host` is allowed. */
function guardedLookup(host: string, allowed: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 0);
      const bad = allowed
        ? undefined
        : addresses.map((a) => nonPublicReason(a.address)).find((r) => r !== undefined);
      if (bad !== undefined)
        return callback(
          blockedError(host, `it resolves to ${bad.replace(/^(\S+) is/, "$1, which is")}`),
          "",
          0,
        );
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      const first = addresses[0]!;
      callback(null, first.address, first.family);
    });
  };
}

/** One GET without following redirects. */
function getOnce(url: URL, policy: FetchPolicy): Promise<Fetched> {
  const host = hostOf(url);
  const allowed = policy.allowHosts.includes(host);
  if (isIP(host) !== 0 && !allowed) {
    const reason = nonPublicReason(host);
    if (reason) return Promise.reject(blockedError(host, reason));
  }
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      url,
      {
        method: "GET",
        headers: {
          "user-agent": policy.userAgent,
          accept: "text/html, text/plain, text/*;q=0.9, application/json;q=0.8, */*;q=0.1",
        },
        lookup: guardedLookup(host, allowed),
        agent: false,
        timeout: policy.timeoutMs,
        ...(policy.signal ? { signal: policy.signal } : {}),
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let truncated = false;
        response.on("data", (chunk: Buffer) => {
          if (truncated) return;
          const room = policy.maxBytes - size;
          if (chunk.length > room) {
            chunks.push(chunk.subarray(0, room));
            size += room;
            truncated = true;
            response.destroy();
            finish();
            return;
          }
          chunks.push(chunk);
          size += chunk.length;
        });
        const finish = () =>
          resolve({
            url: url.href,
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks),
            truncated,
          });
        response.on("end", finish);
        response.on("error", (error) => (truncated ? undefined : reject(networkError(url, error))));
      },
    );
    request.on("timeout", () =>
      request.destroy(
        new WebError("WEB_TIMEOUT", `${url.href} did not answer within ${policy.timeoutMs / 1000} s`),
      ),
    );
    request.on("error", (error) => reject(networkError(url, error)));
    request.end();
  });
}

function networkError(url: URL, error: Error): WebError {
  if (error instanceof WebError) return error;
  return new WebError("WEB_NETWORK", `could not fetch ${url.href}: ${error.message}`);
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** GET `raw`, following up to `maxRedirects` redirects, each checked like the first. @throws WebError */
export async function guardedGet(raw: string, policy: FetchPolicy): Promise<Fetched> {
  let url = checkUrl(raw);
  for (let hop = 0; ; hop++) {
    const response = await getOnce(url, policy);
    const location = response.headers.location;
    if (!REDIRECTS.has(response.status) || location === undefined) return response;
    if (hop >= policy.maxRedirects)
      throw new WebError(
        "WEB_REDIRECTS",
        `${raw} redirected more than ${policy.maxRedirects} times; fetch the final address directly`,
      );
    url = checkUrl(location, url);
  }
}
