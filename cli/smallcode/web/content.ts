import { convert } from "html-to-text";
import { WebError } from "./fetch.ts";

/**
 * From a response body to text a model can read: HTML becomes plain text (scripts, styles, images
 * and link targets dropped), text and JSON pass through, anything else (images, PDFs, archives) is
 * refused by its content type.
 */

/** Content types read as text as they are. */
const TEXT_TYPES = [
  /^text\//,
  /^application\/(?:json|xml|javascript|x-javascript|yaml|x-yaml|toml)$/,
  /\+(?:json|xml)$/,
];
const HTML_TYPES = ["text/html", "application/xhtml+xml"];

/** The media type (lowercase, no parameters) and charset of a Content-Type header. */
export function parseContentType(header: string | undefined): { type: string; charset: string } {
  const [type = "", ...params] = (header ?? "").split(";").map((p) => p.trim());
  const charset =
    params
      .find((p) => /^charset=/i.test(p))
      ?.slice(8)
      .replace(/"/g, "") ?? "utf-8";
  return { type: type.toLowerCase(), charset };
}

function decode(body: Buffer, charset: string): string {
  try {
    return new TextDecoder(charset).decode(body);
  } catch {
    return new TextDecoder("utf-8").decode(body);
  }
}

/** Readable text of a body of Content-Type `header`. @throws WebError (WEB_CONTENT_TYPE) for a type that is not text */
export function readableText(body: Buffer, header: string | undefined, url: string): string {
  const { type, charset } = parseContentType(header);
  const text = decode(body, charset);
  if (HTML_TYPES.includes(type) || (type === "" && /^\s*<(?:!doctype html|html)/i.test(text)))
    return convert(text, {
      wordwrap: false,
      selectors: [
        { selector: "a", options: { ignoreHref: true } },
        { selector: "img", format: "skip" },
        { selector: "script", format: "skip" },
        { selector: "style", format: "skip" },
        { selector: "noscript", format: "skip" },
        { selector: "svg", format: "skip" },
      ],
    }).trim();
  if (TEXT_TYPES.some((re) => re.test(type)) || (type === "" && !text.includes("\u0000"))) return text.trim();
  throw new WebError(
    "WEB_CONTENT_TYPE",
    `${url} is \`${type}\`, not a text page; web_fetch reads HTML, text and JSON only`,
  );
}
