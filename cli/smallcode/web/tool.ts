import { type WebFetchArgs, webFetchParams } from "../../../generated/index.ts";
import { fail, type Tool, type ToolContext, type ToolResult } from "../tools/tool.ts";
import { checkUrl, DEFAULT_POLICY, type FetchPolicy, guardedGet, hostOf, WebError } from "./fetch.ts";
import type { RobotsCache } from "./robots.ts";

/** Arguments of `web_fetch`, as declared in marrow/tools.marrow. */
export type { WebFetchArgs } from "../../../generated/index.ts";

export type { WebSettings } from "../contract/options.ts";

/** Characters of page text returned by default, and at most. */
export const DEFAULT_CHARS = 12_000;
export const MAX_CHARS = 40_000;

/** Why web_fetch is off, and how to turn it on. */
export const WEB_OFF =
  "web_fetch is off: it is enabled only by the user, in their own config (~/.config/smallcode/config.toml): [web] enabled = true";

const robots = new WeakMap<ToolContext, RobotsCache>();

/**
 * `web_fetch(url, max_chars?)`: a web page as readable text, at most `max_chars` characters. Off
 * unless the user enabled it; public addresses only (fetch.ts), robots.txt obeyed, text types only.
 */
export const webFetchTool: Tool<WebFetchArgs, ToolResult> = {
  name: "web_fetch",
  params: webFetchParams,
  async run(args, ctx) {
    const settings = ctx.web;
    if (!settings?.enabled) return fail(WEB_OFF);
    const policy: FetchPolicy = {
      ...DEFAULT_POLICY,
      allowHosts: settings.allowHosts.map((h) => h.toLowerCase()),
      ...(ctx.signal ? { signal: ctx.signal } : {}),
    };
    const limit = Math.min(MAX_CHARS, Math.max(500, args.max_chars ?? DEFAULT_CHARS));
    try {
      const url = checkUrl(args.url);
      // The HTML converter and robots parser load on first use, not when the CLI starts (~30 ms).
      const [{ readableText }, { RobotsCache }] = await Promise.all([
        import("./content.ts"),
        import("./robots.ts"),
      ]);
      const cache = robots.get(ctx) ?? new RobotsCache();
      robots.set(ctx, cache);
      if (!(await cache.allows(url, policy)))
        return fail(`${url.href} is disallowed by ${url.origin}/robots.txt; find the information elsewhere`);
      const response = await guardedGet(url.href, policy);
      if (response.status >= 400)
        return fail(`${response.url} answered HTTP ${response.status}; check the address`);
      const text = readableText(response.body, response.headers["content-type"], response.url);
      const cut = text.length > limit;
      const shown = cut
        ? `${text.slice(0, limit)}\n[… ${text.length - limit} more characters; pass max_chars (up to ${MAX_CHARS}) for more]`
        : text;
      const where = response.url === url.href ? url.href : `${url.href} → ${response.url}`;
      const partial = response.truncated ? " (the page was cut at 2 MiB)" : "";
      return {
        ok: true,
        output: `${where} (${hostOf(new URL(response.url))}, ${text.length} characters${partial})\n\n${shown}`,
        truncated: cut || response.truncated,
      };
    } catch (error) {
      if (error instanceof WebError) return fail(error.message);
      if (ctx.signal?.aborted) return fail("web_fetch was interrupted");
      throw error;
    }
  },
};
