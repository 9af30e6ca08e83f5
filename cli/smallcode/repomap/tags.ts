import { createRequire } from "node:module";
import type { Language, Node, Parser, Query } from "web-tree-sitter";
import { LANGUAGES, type LanguageId } from "./languages.ts";

/**
 * Tags of one source file: its definitions (name, kind, line, a one-line signature) and the names it
 * references, read with web-tree-sitter and the language's tags query. Grammars are loaded once per
 * process, on first use; a grammar or query that fails to load makes that language unreadable (the
 * map leaves its files out), never the whole map.
 */

/** One definition in a file. */
export interface Definition {
  readonly name: string;
  /** `function`, `method`, `class`, `interface`, `impl`, `type`, `enum`, `constant`, `module`, `macro`. */
  readonly kind: string;
  /** 1-based line of the definition's start. */
  readonly line: number;
  /** The declaration up to its body, whitespace collapsed, at most `MAX_SIGNATURE` characters. */
  readonly signature: string;
  /** Nesting depth among the file's definitions (a method in a class is 1). */
  readonly depth: number;
}

/** What the map keeps of one file. */
export interface FileTags {
  readonly definitions: readonly Definition[];
  /** Referenced names with how often each occurs. */
  readonly references: Readonly<Record<string, number>>;
}

/** Longest signature kept. */
export const MAX_SIGNATURE = 160;
/** Most definitions and distinct references kept per file (a generated file can have thousands). */
export const MAX_TAGS = 2000;

const require = createRequire(import.meta.url);

interface Loaded {
  readonly language: Language;
  readonly query: Query;
  readonly parser: typeof Parser;
}

/** web-tree-sitter, imported on first use (not when the CLI starts) and initialised once. */
let runtime: Promise<typeof import("web-tree-sitter")> | undefined;
const loaded = new Map<LanguageId, Promise<Loaded>>();

/** The grammar and compiled query of `id`, loaded once. @throws Error when the grammar cannot load */
function load(id: LanguageId): Promise<Loaded> {
  let known = loaded.get(id);
  if (known === undefined) {
    known = (async () => {
      runtime ??= import("web-tree-sitter").then(async (ts) => {
        await ts.Parser.init();
        return ts;
      });
      const ts = await runtime;
      const spec = LANGUAGES[id];
      const language = await ts.Language.load(require.resolve(`@repomix/tree-sitter-wasms/out/${spec.wasm}`));
      return { language, query: new ts.Query(language, spec.query), parser: ts.Parser };
    })();
    loaded.set(id, known);
  }
  return known;
}

/** Loads the grammars of `ids` ahead of parsing; returns the ids that failed, with why. */
export async function loadLanguages(ids: Iterable<LanguageId>): Promise<Map<LanguageId, string>> {
  const failed = new Map<LanguageId, string>();
  for (const id of new Set(ids)) {
    try {
      await load(id);
    } catch (error) {
      failed.set(id, (error as Error).message);
    }
  }
  return failed;
}

const parsers = new Map<LanguageId, Parser>();

function parserFor(id: LanguageId, { language, parser: ParserClass }: Loaded): Parser {
  let parser = parsers.get(id);
  if (parser === undefined) {
    parser = new ParserClass();
    parser.setLanguage(language);
    parsers.set(id, parser);
  }
  return parser;
}

/** The declaration text of a definition node up to its body, on one line. */
function signatureOf(node: Node): string {
  const body = node.childForFieldName("body");
  const end = body && body.startIndex > node.startIndex ? body.startIndex : node.endIndex;
  let text = node.text.slice(0, end - node.startIndex);
  const brace = text.indexOf("{");
  if (body === null && brace > 0) text = text.slice(0, brace);
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > MAX_SIGNATURE ? `${line.slice(0, MAX_SIGNATURE - 1)}…` : line;
}

/**
 * The tags of `text`, a file in language `id`. @throws Error when the grammar cannot be loaded (the
 * caller reports it once); a file with syntax errors still yields the tags of what parsed.
 */
export async function extractTags(id: LanguageId, text: string): Promise<FileTags> {
  const loadedLanguage = await load(id);
  const tree = parserFor(id, loadedLanguage).parse(text);
  const { query } = loadedLanguage;
  if (tree === null) return { definitions: [], references: {} };
  try {
    const definitions: Definition[] = [];
    const defSpans: { start: number; end: number }[] = [];
    const defNames = new Set<number>();
    const uses: { name: string; at: number }[] = [];
    for (const match of query.matches(tree.rootNode)) {
      const name = match.captures.find((c) => c.name === "name")?.node;
      const outer = match.captures.find(
        (c) => c.name.startsWith("definition.") || c.name.startsWith("reference."),
      );
      if (!name || !outer) continue;
      if (outer.name.startsWith("reference.")) {
        uses.push({ name: name.text, at: name.startIndex });
        continue;
      }
      if (defNames.has(name.startIndex) || definitions.length >= MAX_TAGS) continue;
      defNames.add(name.startIndex);
      definitions.push({
        name: name.text,
        kind: outer.name.slice("definition.".length),
        line: outer.node.startPosition.row + 1,
        signature: signatureOf(outer.node),
        depth: 0,
      });
      defSpans.push({ start: outer.node.startIndex, end: outer.node.endIndex });
    }
    // A definition's own name is also matched by the reference patterns (a class name is a type).
    const counts = new Map<string, number>();
    const seen = new Set<number>();
    for (const use of uses) {
      // Two patterns may match one name (a call's argument that is also a value); it counts once.
      if (defNames.has(use.at) || seen.has(use.at)) continue;
      seen.add(use.at);
      if (!counts.has(use.name) && counts.size >= MAX_TAGS) continue;
      counts.set(use.name, (counts.get(use.name) ?? 0) + 1);
    }
    // fromEntries defines own properties, so a name like `__proto__` stays a plain key.
    const references: Record<string, number> = Object.fromEntries(counts);
    return { definitions: nest(definitions, defSpans), references };
  } finally {
    tree.delete();
  }
}

/** Definitions in line order with their nesting depth (how many other definitions enclose them). */
function nest(defs: Definition[], spans: { start: number; end: number }[]): Definition[] {
  const order = defs
    .map((_, i) => i)
    .sort((a, b) => spans[a]!.start - spans[b]!.start || spans[b]!.end - spans[a]!.end);
  const open: number[] = [];
  const out: Definition[] = [];
  for (const i of order) {
    while (open.length > 0 && spans[open[open.length - 1]!]!.end <= spans[i]!.start) open.pop();
    const def = defs[i]!;
    const parent = open.length > 0 ? defs[open[open.length - 1]!]! : undefined;
    const inType = parent !== undefined && ["class", "interface", "impl"].includes(parent.kind);
    const kind = inType && def.kind === "function" ? "method" : def.kind;
    out.push({ ...def, kind, depth: Math.min(open.length, 3) });
    open.push(i);
  }
  return out;
}
