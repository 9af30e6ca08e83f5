import { createRequire } from "node:module";
import type Handlebars from "handlebars";
import { LRUCache } from "lru-cache";
import { scoped } from "../scoped.ts";

/**
 * Handlebars' parser alone (its `compiler/base` module, which `Handlebars.parse` is): checking a
 * template needs neither the runtime nor the code generator (and its source-map library), whose
 * loading cost a rebuild ≈ 25 ms of CPU. Loaded on the first template parsed.
 */
interface HandlebarsBase {
  readonly parse: typeof Handlebars.parse;
  readonly parser: { readonly lexer?: Lexer };
}

const load = createRequire(import.meta.url);
let base: HandlebarsBase | undefined;

function handlebarsBase(): HandlebarsBase {
  base ??= load("handlebars/dist/cjs/handlebars/compiler/base.js") as HandlebarsBase;
  return base;
}

/** A Handlebars syntax error, located in the template text by [start, end) indices. */
export interface TemplateSyntaxError {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

interface Lexer {
  readonly yytext?: string;
  readonly yylloc?: { first_line: number; last_line: number; first_column: number; last_column: number };
}

const TOKEN_WORDS: Readonly<Record<string, string>> = {
  EOF: "end of template",
  CLOSE: "`}}`",
  CLOSE_UNESCAPED: "`}}}`",
  CLOSE_SEXPR: "`)`",
};

/**
 * Parses a template with Handlebars and, when that fails, turns the exception into a located
 * message: an unclosed `{{` or `{{#block}}`, a block closed by the wrong name, or the unexpected token.
 */
export function parseHandlebars(text: string): ParsedTemplate {
  const hit = parsed.get(text) ?? fromStore(text);
  if (hit) {
    store.current()?.used(text, hit);
    return hit;
  }
  let result: ParsedTemplate;
  try {
    result = { program: handlebarsBase().parse(text) };
  } catch (error) {
    result = { error: describe(text, error) };
  }
  parsed.set(text, result);
  store.current()?.used(text, result);
  return result;
}

/** What {@link parseHandlebars} gives: the template's AST, or its syntax error. */
export interface ParsedTemplate {
  readonly program?: unknown;
  readonly error?: TemplateSyntaxError;
}

/**
 * Parses kept outside the process: `marrowc build`'s cache hands over those of the file it checks
 * again (from its last check), so that an edit outside a file's templates parses none of them and
 * loads no Handlebars. A stored AST is given to the checks only, never to `precompile` (which may
 * rewrite it).
 */
export interface ParsedStore {
  /** A parse of `text` kept earlier, when known (JSON data: checked before use). */
  get(text: string): unknown;
  /** Told of every text parsed (or found) while the store is in use, with its parse. */
  used(text: string, parse: ParsedTemplate): void;
}

const store = scoped<ParsedStore>();
/** ASTs that came from a store: never handed to `precompile`. */
const stored = new WeakSet<object>();

/** Runs `fn` with `s` as the {@link ParsedStore} (one file's checks). */
export function withParsedStore<T>(s: ParsedStore, fn: () => T): T {
  return store.run(s, fn);
}

/** A well-formed parse of `text` from the store, remembered; `undefined` when there is none. */
function fromStore(text: string): ParsedTemplate | undefined {
  const value = store.current()?.get(text) as ParsedTemplate | undefined;
  if (value === null || typeof value !== "object") return undefined;
  const { program, error } = value;
  let result: ParsedTemplate;
  if (program !== null && typeof program === "object" && (program as { type?: unknown }).type === "Program") {
    stored.add(program);
    result = { program };
  } else if (
    error !== null &&
    typeof error === "object" &&
    typeof error.start === "number" &&
    typeof error.end === "number" &&
    typeof error.message === "string"
  ) {
    result = { error: { start: error.start, end: error.end, message: error.message } };
  } else return undefined;
  parsed.set(text, result);
  return result;
}

/**
 * Hands over the AST of a text parsed without error, for `Handlebars.precompile`, and forgets it:
 * Handlebars' compiler may rewrite nodes, so an AST it has seen is never given to the checker again.
 */
export function takeParsedHandlebars(text: string): unknown {
  const hit = parsed.get(text);
  if (!hit?.program || stored.has(hit.program)) return undefined;
  parsed.delete(text);
  return hit.program;
}

/** Parses memoized by text (the ASTs are only read): many prompts share their texts. */
const parsed = new LRUCache<string, ParsedTemplate>({ max: 4096 });

function describe(text: string, error: unknown): TemplateSyntaxError {
  const e = error as { message?: string; lineNumber?: number; column?: number };
  const message = String(e.message ?? error);
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  const index = (line: number, column: number) =>
    Math.min((starts[line - 1] ?? text.length) + column, text.length);
  const mismatch = /^(\S+) doesn't match (\S+)/.exec(message);
  if (mismatch && typeof e.lineNumber === "number") {
    const start = index(e.lineNumber, e.column ?? 0);
    return {
      start,
      end: start + mismatch[1]!.length,
      message: `\`{{#${mismatch[1]}}}\` is closed by \`{{/${mismatch[2]}}}\``,
    };
  }
  const lexer = handlebarsBase().parser.lexer;
  const loc = lexer?.yylloc;
  const at = loc ? index(loc.first_line, loc.first_column) : 0;
  const got = /got '([A-Z_]+)'/.exec(message)?.[1];
  const unclosed = unclosedMustache(text, at) ?? (got === "EOF" ? unclosedBlock(text) : undefined);
  if (unclosed) return unclosed;
  const end = loc ? Math.max(index(loc.last_line, loc.last_column), at + 1) : at + 1;
  const token = got && TOKEN_WORDS[got] ? TOKEN_WORDS[got] : lexer?.yytext ? `\`${lexer.yytext}\`` : "input";
  return { start: at, end: Math.min(end, Math.max(text.length, at + 1)), message: `unexpected ${token}` };
}

/** The last `{{` at or before `at` that no `}}` closes. */
function unclosedMustache(text: string, at: number): TemplateSyntaxError | undefined {
  const open = text.lastIndexOf("{{", at);
  if (open < 0 || text.indexOf("}}", open) >= 0) return undefined;
  return { start: open, end: open + 2, message: "`{{` is never closed" };
}

/** The innermost `{{#name}}` without its `{{/name}}`. */
function unclosedBlock(text: string): TemplateSyntaxError | undefined {
  const stack: { name: string; start: number; end: number }[] = [];
  for (const m of text.matchAll(/\{\{~?\s*([#^/])\s*([^\s}~]+)/g)) {
    if (m[1] === "/") stack.pop();
    else stack.push({ name: m[2]!, start: m.index!, end: m.index! + m[0].length });
  }
  const top = stack[stack.length - 1];
  if (!top) return undefined;
  return { start: top.start, end: top.end, message: `\`{{#${top.name}}}\` is never closed` };
}
