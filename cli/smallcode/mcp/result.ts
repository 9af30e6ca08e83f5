/**
 * An MCP tool result as the text a model reads: text items as they are, resources by their text or
 * URI, binary content (images, audio, blobs) as a one-line placeholder, never base64 in the window.
 * The agent caps the text like any built-in tool's output (context/cap.ts).
 */

/** The parts of a `CallToolResult` this reads (older servers send `toolResult` instead of `content`). */
export interface ToolResultLike {
  readonly content?: unknown;
  readonly structuredContent?: unknown;
  readonly toolResult?: unknown;
}

type Item = { readonly type?: unknown; readonly [key: string]: unknown };

function itemText(item: Item): string {
  switch (item.type) {
    case "text":
      return typeof item.text === "string" ? item.text : "";
    case "image":
    case "audio":
      return `[${item.type}: ${String(item.mimeType ?? "unknown type")}, ${sizeOf(item.data)} — not shown]`;
    case "resource_link":
      return `[resource: ${String(item.uri ?? "")}${item.name ? ` (${String(item.name)})` : ""}]`;
    case "resource": {
      const r = (item.resource ?? {}) as Item;
      if (typeof r.text === "string") return `[resource ${String(r.uri ?? "")}]\n${r.text}`;
      return `[resource: ${String(r.uri ?? "")}, ${String(r.mimeType ?? "binary")}, ${sizeOf(r.blob)} — not shown]`;
    }
    default:
      return `[${String(item.type)} content — not shown]`;
  }
}

function sizeOf(base64: unknown): string {
  if (typeof base64 !== "string") return "0 bytes";
  return `${Math.floor((base64.length * 3) / 4).toLocaleString("en-US")} bytes`;
}

/** The text of a tool result. */
export function resultText(result: ToolResultLike): string {
  if (Array.isArray(result.content) && result.content.length > 0)
    return result.content
      .map((item) => itemText((item ?? {}) as Item))
      .join("\n")
      .trim();
  if (result.structuredContent !== undefined) return JSON.stringify(result.structuredContent, null, 1);
  if (result.toolResult !== undefined)
    return typeof result.toolResult === "string" ? result.toolResult : JSON.stringify(result.toolResult);
  return "";
}
