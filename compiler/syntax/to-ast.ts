import type { CstNode, IToken } from "chevrotain";
import type { Comment, Decl, FileNode, Ident, ImportDecl, RouterDecl, SystemDecl, TierDecl } from "../ast.ts";
import { syntaxCodes as C } from "../diagnostics/codes-syntax.ts";
import { diag } from "../diagnostics/diagnostic.ts";
import { didYouMean } from "../diagnostics/suggest.ts";
import type { Source, Span } from "../source.ts";
import type * as Cst from "./cst.generated.d.ts";
import { describeToken } from "./errors.ts";
import { ok, type Piece } from "./to-ast-base.ts";
import { ExprBuilder } from "./to-ast-expr.ts";
import * as T from "./tokens.ts";

const fileKeywords = ["system", "import"];

/**
 * The CST → AST builder: every node gets an exact span; incomplete nodes from error recovery are
 * skipped. It also reports what only the tree shows: runs of stray tokens (MRW1010), misspelt
 * declaration keywords (MRW1012), declarations outside a system (MRW1014), skipped backend
 * constructs (MRW1015), invalid escapes (MRW1003) and over-deep expressions (MRW1013).
 */
class AstBuilder extends ExprBuilder {
  fileNode(node: Cst.FileCstNode, source: Source, comments: IToken[]): FileNode {
    const c = node.children;
    this.strays(node, "file");
    const imports: ImportDecl[] = [];
    for (const n of c.importDecl ?? []) {
      const d = this.importDecl(n);
      if (d) imports.push(d);
    }
    const systems: SystemDecl[] = [];
    for (const n of c.system ?? []) {
      const s = this.system(n);
      if (s) systems.push(s);
    }
    for (const n of c.decl ?? []) {
      const kw = this.firstToken(n);
      if (!kw) continue;
      this.diagnostics.push(
        diag(C.MRW1014, this.cover(kw), `\`${kw.image}\` declaration outside a system`, {
          label: "not inside a `system` block",
          hint: "declarations go inside `system Name { … }`",
        }),
      );
    }
    for (const n of c.unknownDecl ?? []) this.unknownDecl(n, fileKeywords);
    const commentNodes: Comment[] = comments.map((t) => ({
      kind: "Comment",
      text: t.image,
      span: this.cover(t),
    }));
    return {
      kind: "File",
      path: source.path,
      imports,
      systems,
      comments: commentNodes,
      span: { file: this.file, start: 0, end: source.text.length },
    };
  }

  /** system := "system" Identifier "{" (decl | unknownDecl | field | "," | stray)* "}" */
  system(node: Cst.SystemCstNode): SystemDecl | undefined {
    const c = node.children;
    const name = this.ident(c.name?.[0]);
    this.strays(node, "system");
    for (const n of c.unknownDecl ?? []) this.unknownDecl(n, T.declarationKeywords);
    if (!name || !ok(c.LCurly?.[0])) return undefined;
    const decls: Decl[] = [];
    for (const n of c.decl ?? []) {
      const d = this.decl(n);
      if (d) decls.push(d);
    }
    const fields = this.fields(c.fields);
    const span = this.cover(c.Kw_system?.[0], this.closing(c.RCurly, [...decls, ...fields]));
    return { kind: "System", name, fields, decls, span };
  }

  decl(node: Cst.DeclCstNode): Decl | undefined {
    const c = node.children;
    if (c.model?.[0])
      return this.simple("Model", c.model[0].children.name, c.model[0].children.body, c.model[0]);
    if (c.router?.[0]) return this.router(c.router[0]);
    if (c.prompt?.[0]) return this.withParams("Prompt", c.prompt[0]);
    if (c.enumDecl?.[0]) return this.enumDecl(c.enumDecl[0]);
    if (c.entity?.[0])
      return this.simple("Entity", c.entity[0].children.name, c.entity[0].children.body, c.entity[0]);
    if (c.tool?.[0]) return this.withParams("Tool", c.tool[0]);
    if (c.extensionPoint?.[0]) return this.withParams("ExtensionPoint", c.extensionPoint[0]);
    if (c.policy?.[0])
      return this.simple("Policy", c.policy[0].children.name, c.policy[0].children.body, c.policy[0]);
    if (c.evaluation?.[0]) {
      const e = c.evaluation[0].children;
      return this.simple("Evaluation", e.name, e.body, c.evaluation[0]);
    }
    if (c.importDecl?.[0]) return this.importDecl(c.importDecl[0]);
    if (c.skipped?.[0]) return this.skipped(c.skipped[0]);
    return undefined;
  }

  /** model/entity/policy/evaluation := keyword Identifier object */
  private simple(
    kind: "Model" | "Entity" | "Policy" | "Evaluation",
    nameTokens: IToken[] | undefined,
    body: Cst.ObjectCstNode[] | undefined,
    node: CstNode,
  ): Decl | undefined {
    const name = this.ident(nameTokens?.[0]);
    const b = body?.[0];
    if (b) this.strays(b, "body");
    if (!name || !b || !ok(b.children.LCurly?.[0])) return undefined;
    const fields = this.fields(b.children.fields);
    return {
      kind,
      name,
      fields,
      span: this.cover(this.keyword(node), this.closing(b.children.RCurly, fields)),
    };
  }

  /** prompt/tool/extension_point := keyword Identifier params object */
  private withParams(
    kind: "Prompt" | "Tool" | "ExtensionPoint",
    node: Cst.PromptCstNode | Cst.ToolCstNode | Cst.ExtensionPointCstNode,
  ): Decl | undefined {
    const c = node.children;
    const name = this.ident(c.name?.[0]);
    const pNode = c.params?.[0];
    const p = pNode?.children;
    if (pNode) {
      this.strays(pNode, "params");
      this.separators(pNode, "params", "params");
    }
    const b = c.body?.[0];
    if (b) this.strays(b, "body");
    if (!name || !b || !ok(b.children.LCurly?.[0])) return undefined;
    if (!pNode) this.missingParams(node, name.name, b.children.LCurly[0]);
    else if (!ok(p?.LParen?.[0]) || !ok(p?.RParen?.[0])) return undefined;
    const fields = this.fields(b.children.fields);
    const span = this.cover(this.keyword(node), this.closing(b.children.RCurly, fields));
    return { kind, name, params: this.params(p?.params), fields, span };
  }

  /** `prompt p { … }`: the parameter list is required, even when empty. */
  private missingParams(node: CstNode, name: string, brace: IToken): void {
    const kw = this.keyword(node)?.image ?? "prompt";
    this.diagnostics.push(
      diag(
        C.MRW1010,
        this.cover(brace),
        `expected \`(\` and the parameter list after \`${name}\`, found \`{\``,
        {
          hint: `write \`${kw} ${name}() { … }\` when there are no parameters`,
        },
      ),
    );
  }

  /** The closing brace, or the last field when recovery had to stop before it. */
  private closing(rcurly: IToken[] | undefined, fields: readonly { span: Span }[]): Piece {
    if (ok(rcurly?.[0])) return rcurly[0];
    return fields.reduce<{ span: Span } | undefined>(
      (a, b) => (a && a.span.end >= b.span.end ? a : b),
      undefined,
    );
  }

  private router(node: Cst.RouterCstNode): RouterDecl | undefined {
    const c = node.children;
    const name = this.ident(c.name?.[0]);
    this.strays(node, "router");
    if (!name || !ok(c.LCurly?.[0])) return undefined;
    const fields = this.fields(c.fields);
    const tiers: TierDecl[] = [];
    for (const n of c.tiers ?? []) {
      const t = this.tier(n);
      if (t) tiers.push(t);
    }
    const span = this.cover(c.Kw_router?.[0], this.closing(c.RCurly, [...fields, ...tiers]));
    return { kind: "Router", name, fields, tiers, span };
  }

  private tier(node: Cst.TierCstNode): TierDecl | undefined {
    const c = node.children;
    const name = this.ident(c.name?.[0]);
    this.strays(node, "tier");
    if (!name || !ok(c.LCurly?.[0]) || !ok(c.RCurly?.[0])) return undefined;
    const target = this.ident(c.target?.at(-1));
    const tier: TierDecl = {
      kind: "Tier",
      name,
      fields: this.fields(c.fields),
      span: this.cover(c.Kw_tier?.[0], c.RCurly[0]),
    };
    return target ? { ...tier, target } : tier;
  }

  private enumDecl(node: Cst.EnumDeclCstNode): Decl | undefined {
    const c = node.children;
    const name = this.ident(c.name?.[0]);
    this.strays(node, "enum");
    if (!name || !ok(c.LCurly?.[0])) return undefined;
    const members: Ident[] = [];
    for (const t of c.members ?? []) {
      if (!ok(t)) continue;
      if (t.tokenType === T.Identifier || !t.image.startsWith('"'))
        members.push({ kind: "Ident", name: t.image, span: this.cover(t) });
      else members.push({ kind: "Ident", name: this.string(t).value, span: this.cover(t) });
    }
    return { kind: "Enum", name, members, span: this.cover(c.Kw_enum?.[0], this.closing(c.RCurly, members)) };
  }

  importDecl(node: Cst.ImportDeclCstNode): ImportDecl | undefined {
    const c = node.children;
    const name = this.ident(c.name?.[0]);
    const fromToken = c.from?.[0];
    if (!name || !ok(c.Kw_from?.[0]) || !ok(fromToken)) return undefined;
    const from = this.string(fromToken);
    return { kind: "Import", name, from, span: this.cover(c.Kw_import?.[0], from) };
  }

  private skipped(node: Cst.SkippedCstNode): Decl | undefined {
    const c = node.children;
    const kwToken = c.keyword?.[0];
    const keyword = this.ident(kwToken);
    if (!keyword) return undefined;
    const first = c.header?.[0]?.children.tokens?.[0];
    const name =
      first && ok(first) && first.tokenType !== T.Colon && /^[A-Za-z_]/.test(first.image)
        ? this.ident(first)
        : undefined;
    const end = this.blockEnd(c.block?.[0]) ?? c.header?.[0]?.children.tokens?.at(-1) ?? first;
    const label = name ? `${keyword.name} ${name.name}` : keyword.name;
    const cognition = keyword.name === "capability" ? this.cognitionPrimitive(c.block?.[0]) : undefined;
    this.diagnostics.push(
      cognition
        ? diag(C.MRW1015, this.cover(keyword, name), `cognition \`${label}\` is skipped`, {
            label: `primitive \`${cognition.name}\` of the original runtime, not compiled`,
            hint: "SmallCode has no cognition primitives: call a prompt from TypeScript instead; remove it to silence this warning",
          })
        : diag(C.MRW1015, this.cover(keyword, name), `backend construct \`${label}\` is skipped`, {
            label: "not compiled",
            hint: "only the cognition layer (models, routers, prompts, tools, …) is compiled; remove it to silence this warning",
          }),
    );
    const span = this.cover(keyword, ok(end) ? end : name);
    return {
      kind: "Skipped",
      keyword,
      ...(name ? { name } : {}),
      ...(cognition ? { cognition } : {}),
      span,
    };
  }

  /** The primitive of `cognition: PRIMITIVE using { … }` at the top of a capability's body, if any. */
  private cognitionPrimitive(block: Cst.BlockCstNode | undefined): Ident | undefined {
    const tokens = block?.children.AnyButBrace ?? [];
    for (let i = 0; i + 2 < tokens.length; i++) {
      const [key, colon, primitive] = [tokens[i]!, tokens[i + 1]!, tokens[i + 2]!];
      if (
        key.image === "cognition" &&
        colon.tokenType === T.Colon &&
        /^[A-Za-z_]\w*$/.test(primitive.image)
      ) {
        return this.ident(primitive);
      }
    }
    return undefined;
  }

  private blockEnd(block: Cst.BlockCstNode | undefined): IToken | undefined {
    if (!block) return undefined;
    const close = block.children.RCurly?.[0];
    if (ok(close)) return close;
    return undefined;
  }

  /** A misspelt declaration keyword (MRW1012), or a field written without its colon (MRW1010). */
  private unknownDecl(node: Cst.UnknownDeclCstNode, keywords: readonly string[]): void {
    const c = node.children;
    const kw = c.keyword?.[0];
    const name = c.name?.[0];
    if (!ok(kw) || !ok(name)) return;
    const looksLikeField =
      !c.block && !(c.header?.[0]?.children.tokens?.length ?? 0) && keywords !== fileKeywords;
    if (looksLikeField) {
      this.diagnostics.push(
        diag(
          C.MRW1010,
          this.cover(name),
          `expected \`:\` after \`${kw.image}\`, found ${describeToken(name)}`,
          {
            hint: `fields are written \`key: value\`: write \`${kw.image}: ${name.image}\``,
          },
        ),
      );
      return;
    }
    const suggestions = didYouMean(kw.image, keywords);
    const hint = suggestions.length
      ? `did you mean \`${suggestions[0]}\`?`
      : `a declaration starts with one of: ${keywords.map((k) => `\`${k}\``).join(", ")}`;
    this.diagnostics.push(
      diag(C.MRW1012, this.cover(kw), `unknown declaration keyword \`${kw.image}\``, {
        label: "not a declaration keyword",
        hint,
        ...(suggestions.length ? { suggestions } : {}),
      }),
    );
  }
}

/** Builds the AST of a parsed file. Never throws on a partial CST; returns the AST and its diagnostics. */
export function toAst(cst: Cst.FileCstNode, source: Source, comments: IToken[]) {
  const builder = new AstBuilder(source.path);
  const ast = builder.fileNode(cst, source, comments);
  return { ast, diagnostics: builder.diagnostics };
}
