import type { GenContext, SymbolKind } from "./context.ts";
import type { ImportStructure } from "./print-structures.ts";

/**
 * The import list of one generated module. Emitters ask it for identifiers (`use`, `rt`); it records
 * what must be imported from the runtime and from sibling modules, and tells emitters when a value
 * reference must be lazy (written as a getter) because the two modules import each other.
 */
export class ModuleScope {
  readonly ctx: GenContext;
  /** Output path of this module (`classify.ts`). */
  readonly path: string;
  readonly stem: string;
  /** Imported name → true when it is used only as a type. Keyed by module specifier. */
  readonly #imports = new Map<string, Map<string, boolean>>();
  /** The entity or enum being emitted, for type cycles. */
  currentType: string | undefined;
  #lazy = false;

  constructor(ctx: GenContext, path: string, stem: string) {
    this.ctx = ctx;
    this.path = path;
    this.stem = stem;
  }

  /** A value exported by the runtime. */
  rt(name: string): string {
    this.#add(this.ctx.options.runtimeImport, name, false);
    return name;
  }

  /** A type exported by the runtime. */
  rtType(name: string): string {
    this.#add(this.ctx.options.runtimeImport, name, true);
    return name;
  }

  /**
   * The identifier of a generated symbol, imported when it lives in another module. A value use that
   * crosses a module cycle, or closes a cycle of types, marks the expression being tracked as lazy.
   * Returns `undefined` for a name lowering could not resolve (already an MRW3005 error).
   */
  use(kind: SymbolKind, name: string, asType = false): string | undefined {
    const sym = this.ctx.symbol(kind, name);
    if (!sym) return undefined;
    if (sym.module !== this.path) this.#add(`./${sym.module}`, sym.ident, asType);
    if (!asType) {
      if (this.ctx.lazyModule(this.stem, sym.stem)) this.#lazy = true;
      if (kind === "type" && this.currentType !== undefined && this.ctx.lazyType(this.currentType, name))
        this.#lazy = true;
    }
    return sym.ident;
  }

  /** Runs `build` and reports whether it used a reference that must be resolved lazily. */
  track<T>(build: () => T): { value: T; lazy: boolean } {
    const outer = this.#lazy;
    this.#lazy = false;
    try {
      const value = build();
      return { value, lazy: this.#lazy };
    } finally {
      this.#lazy = outer || this.#lazy;
    }
  }

  /** The import declarations: runtime first, then sibling modules by path; names sorted. */
  imports(): ImportStructure[] {
    const runtime = this.ctx.options.runtimeImport;
    const specs = [...this.#imports.keys()].sort((a, b) => {
      if (a === runtime || b === runtime) return a === runtime ? (b === runtime ? 0 : -1) : 1;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    return specs.map((moduleSpecifier) => {
      const names = [...this.#imports.get(moduleSpecifier)!].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const allTypes = names.every(([, typeOnly]) => typeOnly);
      return {
        kind: "import" as const,
        moduleSpecifier,
        isTypeOnly: allTypes,
        namedImports: names.map(([name, typeOnly]) => ({ name, isTypeOnly: typeOnly && !allTypes })),
      };
    });
  }

  #add(specifier: string, name: string, typeOnly: boolean): void {
    let names = this.#imports.get(specifier);
    if (!names) {
      names = new Map();
      this.#imports.set(specifier, names);
    }
    const before = names.get(name);
    names.set(name, before === undefined ? typeOnly : before && typeOnly);
  }
}
