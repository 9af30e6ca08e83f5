import robotsModule from "robots-parser";
import { type FetchPolicy, guardedGet, WebError } from "./fetch.ts";

/**
 * robots.txt: a site's rules for automated clients, read through the same guarded fetch and kept per
 * origin for the session. A missing file (4xx) allows everything; a server error (5xx) disallows
 * everything for now, as crawlers do; rules are matched with `robots-parser` (wildcards, longest match).
 */

// A CommonJS module whose `module.exports` is the function: Node's default import is that function,
// while the package's typings describe an ES default export.
const robotsParser = robotsModule as unknown as typeof robotsModule.default;

/** The product token matched against `User-agent:` lines. */
export const ROBOTS_AGENT = "SmallCode";

/** Robots answers per origin. */
export class RobotsCache {
  readonly #rules = new Map<string, Promise<(url: string) => boolean>>();

  /** Whether `url` may be fetched. @throws WebError when robots.txt cannot be read (5xx, network) */
  async allows(url: URL, policy: FetchPolicy): Promise<boolean> {
    let rules = this.#rules.get(url.origin);
    if (rules === undefined) {
      rules = load(url, policy);
      this.#rules.set(url.origin, rules);
      rules.catch(() => this.#rules.delete(url.origin));
    }
    return (await rules)(url.href);
  }
}

async function load(url: URL, policy: FetchPolicy): Promise<(url: string) => boolean> {
  const robotsUrl = new URL("/robots.txt", url.origin).href;
  const response = await guardedGet(robotsUrl, { ...policy, maxBytes: 500 * 1024 });
  if (response.status >= 400 && response.status < 500) return () => true;
  if (response.status >= 500)
    throw new WebError(
      "WEB_ROBOTS",
      `${robotsUrl} answered ${response.status}; the site asks not to be fetched now, try later`,
    );
  if (response.status !== 200) return () => true;
  const robots = robotsParser(robotsUrl, response.body.toString("utf8"));
  return (href) => robots.isAllowed(href, ROBOTS_AGENT) !== false;
}
