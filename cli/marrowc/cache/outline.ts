import type { Decl, FileNode, Ident, ImportDecl } from "../../../compiler/ast.ts";
import type { Span } from "../../../compiler/source.ts";

/**
 * The outline of a parsed file: what a build needs of a file that did not change. Its checks and IR
 * come from the cache (`checks.ts`, `lowering.ts`), so the rest of the compiler reads of it only its
 * imports, its systems' names and each declaration's kind and name (the symbol table, the project's
 * facts, the lowering's table of declarations). Decoding the whole AST of every file (≈ 136 KB of JSON
 * per 12 KB of source) was the largest read of a rebuild; an outline is a few hundred bytes per
 * declaration less. `lazyFile` makes a FileNode of an outline that reads the whole AST the first time
 * anything else is asked of it (the edited file's checks looking into a model or an enum declared there).
 */

/** A declaration's kind and name (and keyword, for the original grammar's skipped ones); imports whole. */
type OutlineDecl =
  | { readonly kind: Decl["kind"]; readonly name?: Ident; readonly keyword?: Ident }
  | ImportDecl;

/** What {@link outlineOf} keeps of a file. */
export interface Outline {
  readonly imports: readonly ImportDecl[];
  readonly span: Span;
  readonly systems: readonly {
    readonly name: Ident;
    readonly span: Span;
    readonly decls: readonly OutlineDecl[];
  }[];
}

/** The outline of a file's AST. */
export function outlineOf(ast: FileNode): Outline {
  return {
    imports: ast.imports,
    span: ast.span,
    systems: ast.systems.map((system) => ({
      name: system.name,
      span: system.span,
      decls: system.decls.map((decl): OutlineDecl => {
        if (decl.kind === "Import") return decl;
        const name = decl.name;
        const keyword = decl.kind === "Skipped" ? decl.keyword : undefined;
        return { kind: decl.kind, ...(name ? { name } : {}), ...(keyword ? { keyword } : {}) };
      }),
    })),
  };
}

/** True when `value` has the shape {@link outlineOf} gives (a cache entry is never trusted blindly). */
export function isOutline(value: unknown): value is Outline {
  const o = value as Outline | null | undefined;
  return (
    typeof o === "object" &&
    o !== null &&
    Array.isArray(o.imports) &&
    Array.isArray(o.systems) &&
    o.systems.every(
      (s) =>
        typeof s?.name?.name === "string" &&
        Array.isArray(s.decls) &&
        s.decls.every(
          (d: OutlineDecl) =>
            typeof d?.kind === "string" && (d.name === undefined || typeof d.name.name === "string"),
        ),
    )
  );
}

/**
 * A node that answers its outline's properties itself and every other one from `resolve()` (the same
 * node in the whole AST, read on first use).
 */
function lazyNode<T extends object>(known: object, resolve: () => object): T {
  return new Proxy(known, {
    get: (target, prop) =>
      Object.hasOwn(target, prop) ? Reflect.get(target, prop) : Reflect.get(resolve(), prop),
    has: (target, prop) => prop in target || prop in resolve(),
    ownKeys: () => Reflect.ownKeys(resolve()),
    getOwnPropertyDescriptor: (target, prop) => {
      if (Object.hasOwn(target, prop)) return Reflect.getOwnPropertyDescriptor(target, prop);
      const found = Reflect.getOwnPropertyDescriptor(resolve(), prop);
      return found && { ...found, configurable: true };
    },
  }) as T;
}

/** A FileNode of `path` made of `outline`, reading the whole AST from `load` when something else is asked. */
export function lazyFile(path: string, outline: Outline, load: () => FileNode): FileNode {
  let ast: FileNode | undefined;
  const full = () => {
    ast ??= load();
    return ast;
  };
  const systems = outline.systems.map((system, i) => {
    const decls = system.decls.map((decl, j) =>
      decl.kind === "Import" ? decl : lazyNode<Decl>({ ...decl }, () => full().systems[i]!.decls[j]!),
    );
    return lazyNode(
      { kind: "System", name: system.name, span: system.span, decls },
      () => full().systems[i]!,
    );
  });
  return lazyNode<FileNode>(
    { kind: "File", path, imports: outline.imports, span: outline.span, systems },
    full,
  );
}
