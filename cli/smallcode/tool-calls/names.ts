/**
 * Tool-name resolution: maps the name a model wrote to a real tool, tolerating namespaces
 * (`functions.read_file`, `default_api.read_file`), case, dashes versus underscores, camelCase,
 * reordered words (`file_read`) and, when allowed, small typos (edit distance).
 */
import { editDistance } from "../../shared/suggest.ts";
import type { ToolDefinition } from "./types.ts";

/** How a name was resolved. */
export type Resolution =
  | { kind: "exact"; tool: ToolDefinition }
  | { kind: "corrected"; tool: ToolDefinition; how: string }
  | { kind: "unknown"; suggestions: string[] };

/** Resolves tool names against a fixed set of tools. */
export interface ToolIndex {
  readonly tools: readonly ToolDefinition[];
  /** Resolves `raw`; typos are only corrected when `fuzzy` is true. */
  resolve(raw: string, fuzzy: boolean): Resolution;
  /** True when `raw` names a tool up to namespace, case and separators (no typo correction). */
  isTool(raw: string): boolean;
}

/** Optimal-string-alignment edit distance (insert, delete, substitute, swap adjacent): SmallCode's one. */
export { editDistance };

/** The words of an identifier: `readFile`, `read-file` and `READ_FILE` all give `["read", "file"]`. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z\d])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase()
    .split(/[^a-z\d]+/)
    .filter(Boolean);
}

/** A comparison key that ignores case, separators and camelCase. */
export function normalizeName(name: string): string {
  return nameWords(name).join("");
}

const NAMESPACES = /^(?:functions?|default_api|tools?|api|mcp)[.:/]/i;

/** The spellings worth trying for a raw name: as written, without namespace, index or parentheses. */
function variants(raw: string): string[] {
  const base = raw
    .trim()
    .replace(/^[`'"]+|[`'"]+$/g, "")
    .replace(/\(\)$/, "")
    .replace(/:\d+$/, "");
  const out = [base, base.replace(NAMESPACES, "")];
  const parts = base.split(/[.:/]/).filter(Boolean);
  if (parts.length > 1) {
    out.push(parts[parts.length - 1]!);
    if (/^(call|run|invoke|execute)$/i.test(parts[parts.length - 1]!)) out.push(parts[parts.length - 2]!);
  }
  return [...new Set(out.filter(Boolean))];
}

/** Builds the resolver for `tools`. */
export function createToolIndex(tools: readonly ToolDefinition[]): ToolIndex {
  const byName = new Map(tools.map((tool) => [tool.name, tool]));
  const toolWords = new Map(tools.map((tool) => [tool, nameWords(tool.name)]));
  const byKey = new Map<string, ToolDefinition>();
  const byWords = new Map<string, ToolDefinition>();
  for (const tool of tools) {
    const key = normalizeName(tool.name);
    if (!byKey.has(key)) byKey.set(key, tool);
    const words = [...nameWords(tool.name)].sort().join(" ");
    if (!byWords.has(words)) byWords.set(words, tool);
  }

  const suggest = (raw: string): string[] => {
    const key = normalizeName(raw);
    return tools
      .map((tool) => ({ name: tool.name, d: editDistance(key, normalizeName(tool.name)) }))
      .sort((a, b) => a.d - b.d || a.name.localeCompare(b.name))
      .slice(0, 3)
      .map((entry) => entry.name);
  };

  const strict = (raw: string): Resolution | null => {
    const forms = variants(raw);
    for (const form of forms) {
      const tool = byName.get(form);
      // `functions.x` (harmony, Kimi) and `default_api.x` (Gemma) are how those formats spell `x`.
      const usual = form === raw.trim() || form === raw.trim().replace(NAMESPACES, "");
      if (tool)
        return usual ? { kind: "exact", tool } : { kind: "corrected", tool, how: "namespace or punctuation" };
    }
    for (const form of forms) {
      const tool = byKey.get(normalizeName(form));
      if (tool) return { kind: "corrected", tool, how: "case or separators" };
    }
    return null;
  };

  const fuzzy = (raw: string): Resolution | null => {
    for (const form of variants(raw)) {
      const words = nameWords(form);
      const reordered = byWords.get([...words].sort().join(" "));
      if (reordered) return { kind: "corrected", tool: reordered, how: "word order" };
      // Extra words around a real name: `grep_search`, `bash_command`, `read_file_tool`.
      const contained = tools.filter((tool) => toolWords.get(tool)!.every((word) => words.includes(word)));
      if (contained.length === 1) return { kind: "corrected", tool: contained[0]!, how: "extra words" };
      const key = words.join("");
      if (key.length < 3) continue;
      const limit = key.length <= 4 ? 1 : key.length <= 10 ? 2 : 3;
      const scored = [...byKey.entries()]
        .map(([toolKey, tool]) => ({ tool, d: editDistance(key, toolKey) }))
        .filter((entry) => entry.d <= limit)
        .sort((a, b) => a.d - b.d);
      const [best, second] = scored;
      if (best && (!second || second.d > best.d))
        return { kind: "corrected", tool: best.tool, how: "spelling" };
    }
    return null;
  };

  // Scanners ask about the same few names many times per reply.
  const strictSeen = new Map<string, Resolution | null>();
  const strictOnce = (raw: string): Resolution | null => {
    if (!strictSeen.has(raw)) {
      if (strictSeen.size > 1000) strictSeen.clear();
      strictSeen.set(raw, strict(raw));
    }
    return strictSeen.get(raw)!;
  };

  return {
    tools,
    resolve(raw, allowFuzzy) {
      return (
        strictOnce(raw) ?? (allowFuzzy ? fuzzy(raw) : null) ?? { kind: "unknown", suggestions: suggest(raw) }
      );
    },
    isTool(raw) {
      return strictOnce(raw) !== null;
    },
  };
}
