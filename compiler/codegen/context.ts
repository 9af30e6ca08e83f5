import { genCodes } from "../diagnostics/codes-gen.ts";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.ts";
import { stronglyConnected } from "../graph.ts";
import type {
  DeclIR,
  EntityIR,
  EnumIR,
  ExtensionPointIR,
  FileIR,
  IR,
  ModelIR,
  PolicyIR,
  PromptIR,
  RouterIR,
  ToolIR,
  TypeIR,
} from "../ir.ts";
import { ident } from "./names.ts";

/**
 * What every emitter shares: the identifier and module of each declaration (with MRW3001 for two
 * declarations that become the same name), the lookups by declared name, which references must be
 * resolved lazily (modules or types that refer to each other in a cycle), and the diagnostics.
 */

/** The kinds of generated symbols. */
export type SymbolKind =
  | "type"
  | "model"
  | "router"
  | "route"
  | "tool"
  | "toolArgs"
  | "toolParams"
  | "policy"
  | "evaluation"
  | "prompt"
  | "promptSpec"
  | "promptInput"
  | "system"
  | "user"
  | "extension";

/** Where a generated symbol lives. */
export interface SymbolInfo {
  readonly ident: string;
  /** Output path of the module that exports it (`classify.ts`). */
  readonly module: string;
  readonly stem: string;
}

/** Output paths of a source file's modules. */
export const modulePath = {
  main: (stem: string) => `${stem}.ts`,
  templates: (stem: string) => `${stem}.templates.ts`,
  extensions: (stem: string) => `${stem}.extensions.ts`,
};

/** Options of `generate()` the emitters need. */
export interface GenOptions {
  readonly runtimeImport: string;
  /** The output directory as users see it (for messages and stubs): `generated`. */
  readonly outDir: string;
  readonly existing: ReadonlyMap<string, string>;
}

/** The shared generation state; one per `generate()` call. */
export class GenContext {
  readonly diagnostics: Diagnostic[] = [];
  readonly options: GenOptions;
  readonly ir: IR;
  readonly enums = new Map<string, EnumIR>();
  readonly entities = new Map<string, EntityIR>();
  readonly models = new Map<string, ModelIR>();
  readonly routers = new Map<string, RouterIR>();
  readonly tools = new Map<string, ToolIR>();
  readonly extensions = new Map<string, ExtensionPointIR>();
  readonly policies = new Map<string, PolicyIR>();
  readonly prompts = new Map<string, PromptIR>();
  readonly #symbols = new Map<string, SymbolInfo>();
  readonly #taken = new Map<string, { what: string; decl: DeclIR; space: "value" | "type" | "both" }>();
  readonly #moduleScc = new Map<string, number>();
  readonly #typeScc = new Map<string, number>();

  constructor(ir: IR, options: GenOptions) {
    this.ir = ir;
    this.options = options;
    for (const file of ir.files) this.#register(file);
    this.#moduleScc = sccs(moduleGraph(ir, this));
    this.#typeScc = sccs(typeGraph(ir));
  }

  /** The symbol of a declaration; undefined only for names lowering could not resolve. */
  symbol(kind: SymbolKind, name: string): SymbolInfo | undefined {
    return this.#symbols.get(`${kind}:${name}`);
  }

  /** True when a value reference from module `fromStem` to `toStem` must be lazy (a module cycle). */
  lazyModule(fromStem: string, toStem: string): boolean {
    return fromStem !== toStem && this.#moduleScc.get(fromStem) === this.#moduleScc.get(toStem);
  }

  /** True when type `from` refers to type `to` within a cycle of types (self-reference included). */
  lazyType(from: string, to: string): boolean {
    if (from === to) return true;
    const a = this.#typeScc.get(from);
    return a !== undefined && a === this.#typeScc.get(to);
  }

  report(d: Diagnostic): void {
    this.diagnostics.push(d);
  }

  #register(file: FileIR): void {
    const main = modulePath.main(file.stem);
    const add = (
      kind: SymbolKind,
      decl: DeclIR,
      id: string,
      what: string,
      space: "value" | "type" | "both",
      module = main,
    ) => {
      this.#symbols.set(`${kind}:${decl.name}`, { ident: id, module, stem: file.stem });
      this.#claim(id, what, decl, space);
    };
    for (const d of file.enums) {
      this.enums.set(d.name, d);
      add("type", d, ident.type(d.name), `enum \`${d.name}\``, "both");
    }
    for (const d of file.entities) {
      this.entities.set(d.name, d);
      add("type", d, ident.type(d.name), `entity \`${d.name}\``, "both");
    }
    for (const d of file.models) {
      this.models.set(d.name, d);
      add("model", d, ident.model(d.name), `model \`${d.name}\``, "value");
    }
    for (const d of file.routers) {
      this.routers.set(d.name, d);
      add("router", d, ident.router(d.name), `router \`${d.name}\``, "value");
      add("route", d, ident.route(d.name), `router \`${d.name}\``, "value");
    }
    for (const d of file.tools) {
      this.tools.set(d.name, d);
      add("tool", d, ident.tool(d.name), `tool \`${d.name}\``, "value");
      add("toolArgs", d, ident.toolArgs(d.name), `tool \`${d.name}\``, "type");
      add("toolParams", d, ident.toolParams(d.name), `tool \`${d.name}\``, "value");
    }
    for (const d of file.policies) {
      this.policies.set(d.name, d);
      add("policy", d, ident.policy(d.name), `policy \`${d.name}\``, "value");
    }
    for (const d of file.evaluations)
      add("evaluation", d, ident.evaluation(d.name), `evaluation \`${d.name}\``, "value");
    for (const d of file.extensionPoints) {
      this.extensions.set(d.name, d);
      add(
        "extension",
        d,
        ident.extension(d.name),
        `extension point \`${d.name}\``,
        "value",
        modulePath.extensions(file.stem),
      );
    }
    for (const d of file.prompts) {
      this.prompts.set(d.name, d);
      const what = `prompt \`${d.name}\``;
      add("prompt", d, ident.prompt(d.name), what, "value");
      add("promptSpec", d, ident.promptSpec(d.name), what, "value");
      add("promptInput", d, ident.promptInput(d.name), what, "both");
      const templates = modulePath.templates(file.stem);
      if (d.system) add("system", d, ident.template(d.name, "system"), what, "value", templates);
      if (d.template.kind === "text")
        add("user", d, ident.template(d.name, "user"), what, "value", templates);
    }
  }

  #claim(id: string, what: string, decl: DeclIR, space: "value" | "type" | "both"): void {
    const first = this.#taken.get(id);
    if (!first) {
      this.#taken.set(id, { what, decl, space });
      return;
    }
    if (first.decl === decl) return;
    if (first.space !== "both" && space !== "both" && first.space !== space) return;
    const mine = { what, decl };
    const [earlier, later] = before(first.decl, decl) ? [first, mine] : [mine, first];
    this.report(
      diag(
        genCodes.MRW3001,
        later.decl.span,
        `${later.what} and ${earlier.what} both become \`${id}\` in generated code`,
        {
          label: `becomes \`${id}\``,
          hint: "rename one of them so that their camelCase forms differ",
          related: [{ span: earlier.decl.span, message: `${earlier.what} is declared here` }],
        },
      ),
    );
  }
}

function before(a: DeclIR, b: DeclIR): boolean {
  return a.span.file < b.span.file || (a.span.file === b.span.file && a.span.start <= b.span.start);
}

/** Named types a type refers to (enums and entities). */
export function typeRefs(type: TypeIR, out: Set<string> = new Set()): Set<string> {
  if (type.kind === "enum" && type.name) out.add(type.name);
  else if (type.kind === "entity") out.add(type.name);
  else if (type.kind === "list" || type.kind === "optional") typeRefs(type.item, out);
  return out;
}

function typeGraph(ir: IR): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of ir.files) {
    for (const e of file.enums) graph.set(e.name, new Set());
    for (const e of file.entities) {
      const refs = new Set<string>();
      for (const f of e.fields) typeRefs(f.type, refs);
      graph.set(e.name, refs);
    }
  }
  return graph;
}

/** Main module → main modules it reads values from at load time (types, models, routers, tools, policies). */
function moduleGraph(ir: IR, ctx: GenContext): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const file of ir.files) {
    const deps = new Set<string>();
    const add = (kind: SymbolKind, name: string | undefined) => {
      const sym = name === undefined ? undefined : ctx.symbol(kind, name);
      if (sym && sym.module === modulePath.main(sym.stem)) deps.add(sym.stem);
    };
    const addType = (type: TypeIR) => {
      for (const name of typeRefs(type)) add("type", name);
    };
    for (const e of file.entities) for (const f of e.fields) addType(f.type);
    for (const r of file.routers) {
      for (const t of r.tiers) add("model", t.model);
      add("model", r.fallback);
    }
    for (const p of file.prompts) {
      for (const param of p.params) addType(param.type);
      addType(p.output);
      if (p.target) add(p.target.kind, p.target.name);
      for (const t of p.tools ?? []) add("tool", t);
      for (const pol of p.policies) add("policy", pol);
    }
    graph.set(file.stem, deps);
  }
  return graph;
}

/** Tarjan's strongly connected components: node → component number (in completion order). */
function sccs(graph: ReadonlyMap<string, ReadonlySet<string>>): Map<string, number> {
  const component = new Map<string, number>();
  stronglyConnected(graph).forEach((group, n) => {
    for (const node of group) component.set(node, n);
  });
  return component;
}
