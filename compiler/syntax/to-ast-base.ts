import type { CstNode, IToken } from "chevrotain";
import type { Ident } from "../ast.ts";
import { syntaxCodes as C } from "../diagnostics/codes-syntax.ts";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.ts";
import type { Span } from "../source.ts";
import { declExamples, describeToken } from "./errors.ts";
import { tokenEnd } from "./lexer.ts";
import * as T from "./tokens.ts";

/** Something with a span, or a token: the pieces a node's span is made of. */
export type Piece = IToken | { readonly span: Span } | undefined;

/** True for a real token (not missing, not inserted by error recovery). */
export function ok(t: IToken | undefined): t is IToken {
  return (
    t !== undefined &&
    t.isInsertedInRecovery !== true &&
    !Number.isNaN(t.startOffset) &&
    t.image !== undefined
  );
}

/** Where a run of stray tokens was found, for the message. */
export type Context = "file" | "system" | "body" | "router" | "tier" | "enum" | ListContext;
/** The tolerant lists: `[values]`, `[constraints]`, `(params)`, `f(args)`, `owns: [fields]`. */
export type ListContext = "list" | "constraints" | "params" | "args" | "owns";

const listWords: Record<ListContext, [item: string, close: string]> = {
  list: ["a value", "]"],
  constraints: ["a constraint", "]"],
  params: ["a parameter", ")"],
  args: ["an argument", ")"],
  owns: ["a field `name: type`", "]"],
};

const expectedIn: Record<Context, [string, string]> = {
  file: [
    "`system` or `import`",
    'a file holds `system Name { … }` blocks and `import Name from "file.marrow"`',
  ],
  system: [
    "a declaration or a field",
    "a system holds declarations (`model Name { … }`, `prompt name(…) { … }`, …) and `key: value` fields",
  ],
  body: ["a field `key: value`", "each line of a body is a field `key: value`"],
  router: ["a field or a `tier`", `write \`${declExamples.router}\``],
  tier: ["a field or `-> Model`", `write \`${declExamples.tier}\``],
  enum: ["an enum member", 'members are names or strings separated by `,`: `enum Name { a, b, "c d" }`'],
  list: ["a value, `,` or `]`", "list items are values separated by `,`"],
  constraints: ["a constraint, `,` or `]`", 'a constraint is a condition such as `output in ["a", "b"]`'],
  params: ["a parameter, `,` or `)`", "parameters are written `name: type`, separated by `,`"],
  args: ["an argument, `,` or `)`", "arguments are values separated by `,`"],
  owns: ["a field, `,` or `]`", "fields are written `name: type`, separated by `,`"],
};

/**
 * The shared part of the CST → AST builder: spans, identifiers, and the reports that need the tree:
 * runs of stray tokens and list separators (MRW1010).
 */
export class BuilderBase {
  readonly diagnostics: Diagnostic[] = [];
  readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  /** The span covering the first and last present pieces. */
  cover(...pieces: Piece[]): Span {
    let start = Number.NaN;
    let end = Number.NaN;
    for (const p of pieces) {
      const s = this.pieceSpan(p);
      if (!s) continue;
      if (Number.isNaN(start)) start = s.start;
      end = s.end;
    }
    if (Number.isNaN(start)) return { file: this.file, start: 0, end: 0 };
    return { file: this.file, start, end };
  }

  private pieceSpan(p: Piece): Span | undefined {
    if (p === undefined) return undefined;
    if ("span" in p) return p.span;
    return ok(p) ? { file: this.file, start: p.startOffset, end: tokenEnd(p) } : undefined;
  }

  ident(t: IToken | undefined): Ident | undefined {
    return ok(t) ? { kind: "Ident", name: t.image, span: this.cover(t) } : undefined;
  }

  /** Reports each run of consecutive stray tokens in a container once (MRW1010). */
  strays(node: CstNode, context: Context): void {
    const children = node.children as Record<string, (CstNode | IToken)[]>;
    if (!children.stray && !children.strayClose) return;
    const items: { offset: number; stray?: IToken }[] = [];
    for (const [key, list] of Object.entries(children)) {
      for (const item of list) {
        const first = "image" in item ? item : this.firstToken(item);
        if (!first || Number.isNaN(first.startOffset)) continue;
        items.push(
          key === "stray" || key === "strayClose"
            ? { offset: first.startOffset, stray: first }
            : { offset: first.startOffset },
        );
      }
    }
    items.sort((a, b) => a.offset - b.offset);
    for (let i = 0; i < items.length; i++) {
      const first = items[i]!.stray;
      if (!first) continue;
      const second = items[i + 1]?.stray;
      while (items[i + 1]?.stray) i++;
      this.reportStray(first, second, context);
    }
  }

  protected reportStray(first: IToken, second: IToken | undefined, context: Context): void {
    const [expected, hint] = expectedIn[context];
    const isName = /^[A-Za-z_]/.test(first.image) && first.tokenType !== T.BadNumber;
    if (isName && second && ["system", "body", "router", "tier"].includes(context)) {
      const found = describeToken(second);
      const h =
        second.tokenType === T.Equals
          ? "fields are written `key: value`, with a colon"
          : "fields are written `key: value`";
      this.diagnostics.push(
        diag(
          C.MRW1010,
          { file: this.file, start: second.startOffset, end: tokenEnd(second) },
          `expected \`:\` after \`${first.image}\`, found ${found}`,
          { hint: h },
        ),
      );
      return;
    }
    const span = { file: this.file, start: first.startOffset, end: tokenEnd(first) };
    this.diagnostics.push(
      diag(C.MRW1010, span, `expected ${expected}, found ${describeToken(first)}`, { hint }),
    );
  }

  /**
   * The keyword a declaration starts with: its earliest direct token, since every declaration rule
   * consumes its keyword first. Cheaper than {@link firstToken}, which walks the subtree.
   */
  keyword(node: CstNode): IToken | undefined {
    let best: IToken | undefined;
    for (const list of Object.values(node.children)) {
      const item = list[0];
      if (item && "image" in item && ok(item) && (!best || item.startOffset < best.startOffset)) best = item;
    }
    return best ?? this.firstToken(node);
  }

  /** The first real token under a CST node (depth-first, by offset). */
  firstToken(node: CstNode): IToken | undefined {
    let best: IToken | undefined;
    const stack: CstNode[] = [node];
    while (stack.length) {
      const n = stack.pop()!;
      for (const list of Object.values(n.children)) {
        const item = list[0];
        if (!item) continue;
        if ("image" in item) {
          if (ok(item) && (!best || item.startOffset < best.startOffset)) best = item;
        } else stack.push(item);
      }
    }
    return best;
  }

  /**
   * Checks the `,` between the items of a tolerant list (`[a, b c]` lacks one, `[a,, b]` has one
   * too many); strays are reported by `strays`.
   */
  separators(node: CstNode, itemKey: string, context: ListContext): void {
    const [what, close] = listWords[context];
    const children = node.children as Record<string, (CstNode | IToken)[]>;
    const entries: { offset: number; kind: "item" | "comma" | "stray"; token: IToken }[] = [];
    for (const [key, kind] of [
      [itemKey, "item"],
      ["Comma", "comma"],
      ["stray", "stray"],
    ] as const) {
      for (const item of children[key] ?? []) {
        const token = "image" in item ? item : this.firstToken(item);
        if (ok(token)) entries.push({ offset: token.startOffset, kind, token });
      }
    }
    entries.sort((a, b) => a.offset - b.offset);
    let state: "start" | "item" | "comma" | "stray" = "start";
    for (const e of entries) {
      if (e.kind === "item" && state === "item") {
        this.diagnostics.push(
          diag(
            C.MRW1010,
            this.cover(e.token),
            `expected \`,\` or \`${close}\`, found ${describeToken(e.token)}`,
            {
              hint: "separate items with `,`",
            },
          ),
        );
      } else if (e.kind === "comma" && (state === "start" || state === "comma")) {
        this.diagnostics.push(
          diag(C.MRW1010, this.cover(e.token), `expected ${what} or \`${close}\`, found \`,\``, {
            hint: "remove the extra `,`",
          }),
        );
      }
      state = e.kind;
    }
  }
}
