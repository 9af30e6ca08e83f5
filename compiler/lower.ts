import { createHash } from "node:crypto";
import type {
  EntityDecl,
  EnumDecl,
  ExtensionPointDecl,
  FileNode,
  NamedDecl,
  PromptDecl,
  RouterDecl,
  SystemDecl,
} from "./ast.ts";
import { lowerEvaluation, lowerModel, lowerTool } from "./codegen/lower-decls.ts";
import { lowerPolicy } from "./codegen/lower-policy.ts";
import { type LowerEnv, lowerPrompt } from "./codegen/lower-prompt.ts";
import {
  boolOf,
  field,
  lowerType,
  nameOf,
  numberOf,
  oneOf,
  SourceIndex,
  stringOf,
  typeExprOf,
} from "./codegen/lower-values.ts";
import {
  DEFAULTS,
  type DeclIR,
  type EntityIR,
  type EnumIR,
  type EvaluationIR,
  type ExtensionPointIR,
  type FileIR,
  type IR,
  type LowerIssue,
  type ModelIR,
  type ParamIR,
  type PolicyIR,
  type PromptIR,
  type RouterIR,
  type ToolIR,
  type TypeIR,
} from "./ir.ts";
import type { Source, Span } from "./source.ts";

/**
 * Lowers checked ASTs to the IR: resolves names across files, fills in every default, computes ids
 * and content hashes. It runs only after the checks passed and reports nothing; input it cannot make
 * sense of becomes an entry of `IR.issues` (turned into MRW3005 by `generate()`), never a throw.
 *
 * @param files the checked files (any order; the IR is sorted by path)
 * @param _symbols the checks' symbol table; accepted for the pipeline's convenience, not needed
 * @param sources the source texts, for line numbers, constraint text, doc comments and file hashes;
 *   without them lines are 0 and the generated headers carry no hash
 */
export function lower(files: readonly FileNode[], _symbols?: unknown, sources: readonly Source[] = []): IR {
  const given = Array.isArray(_symbols) ? (_symbols as readonly Source[]) : sources;
  return new Lowering(files, new SourceIndex(given)).run();
}

/**
 * Hears every question the lowering of one file asks about the other declarations, with its answer
 * (see {@link LoweringSession.answer}); a cache keeps them to know when the file's IR still holds.
 */
export type LowerRecorder = (what: string, args: string, answer: string) => void;

/** Lowering file by file, for a cache that reuses the IR of files whose questions get the same answers. */
export interface LoweringSession {
  /** The files, sorted by path (the order of `IR.files`). */
  readonly files: readonly FileNode[];
  /** Lowers one file (what `lower()` gives for it, and the issues found in it), telling `record` what it asked. */
  lowerFile(file: FileNode, record?: LowerRecorder): { ir: FileIR; issues: LowerIssue[] };
  /**
   * Answers a question again: `has` (`Kind:name` exists), `cap` (a capability name), `decl` (the path
   * of the file declaring `Kind:name`, or ""), `policies` (the policy names of a system, as JSON).
   */
  answer(what: string, args: string): string;
}

/** A {@link LoweringSession} over all files compiled together (what `lower()` is made of). */
export function lowering(files: readonly FileNode[], sources: readonly Source[] = []): LoweringSession {
  const l = new Lowering(files, new SourceIndex(sources));
  return {
    files: l.files,
    lowerFile: (file, record) => l.lowerOne(file, record),
    answer: (what, args) => l.answer(what, args),
  };
}

type Kind = NamedDecl["kind"];

class Lowering implements LowerEnv {
  readonly issues: LowerIssue[] = [];
  readonly #files: readonly FileNode[];
  readonly #decls = new Map<string, { decl: NamedDecl; file: FileNode; system: SystemDecl }>();
  readonly #policiesBySystem = new Map<string, string[]>();
  /** Names of the original grammar's skipped `capability` declarations (a `tools:` entry may name one). */
  readonly #capabilities = new Set<string>();
  readonly sources: SourceIndex;
  #record: LowerRecorder | undefined;

  constructor(files: readonly FileNode[], sources: SourceIndex) {
    this.#files = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    this.sources = sources;
    for (const file of this.#files) {
      for (const system of file.systems) {
        for (const decl of system.decls) {
          if (decl.kind === "Skipped" && decl.keyword.name === "capability" && decl.name) {
            this.#capabilities.add(decl.name.name);
          }
          if (decl.kind === "Import" || decl.kind === "Skipped") continue;
          const key = `${decl.kind}:${decl.name.name}`;
          if (this.#decls.has(key)) continue;
          this.#decls.set(key, { decl, file, system });
          if (decl.kind === "Policy") {
            const list = this.#policiesBySystem.get(system.name.name) ?? [];
            list.push(decl.name.name);
            this.#policiesBySystem.set(system.name.name, list);
          }
        }
      }
    }
  }

  get files(): readonly FileNode[] {
    return this.#files;
  }

  run(): IR {
    const out = this.#files.map((file) => this.#lowerFile(file));
    return { files: out, issues: this.issues };
  }

  lowerOne(file: FileNode, record?: LowerRecorder): { ir: FileIR; issues: LowerIssue[] } {
    const before = this.issues.length;
    this.#record = record;
    try {
      const ir = this.#lowerFile(file);
      return { ir, issues: this.issues.slice(before) };
    } finally {
      this.#record = undefined;
    }
  }

  answer(what: string, args: string): string {
    if (what === "has") return String(this.#decls.has(args));
    if (what === "cap") return String(this.#capabilities.has(args));
    if (what === "decl") return this.#decls.get(args)?.file.path ?? "";
    if (what === "policies") return JSON.stringify(this.#policiesBySystem.get(args) ?? []);
    throw new Error(`unknown question ${what}`);
  }

  /** The declaration `key` (`Kind:name`), telling the recorder which file it came from. */
  #decl(key: string) {
    this.#record?.("decl", key, this.answer("decl", key));
    return this.#decls.get(key);
  }

  has(kind: Kind, name: string): boolean {
    const found = this.#decls.has(`${kind}:${name}`);
    this.#record?.("has", `${kind}:${name}`, String(found));
    return found;
  }

  isCapability(name: string): boolean {
    const found = this.#capabilities.has(name);
    this.#record?.("cap", name, String(found));
    return found;
  }

  entity(name: string): EntityDecl | undefined {
    return this.#decl(`Entity:${name}`)?.decl as EntityDecl | undefined;
  }

  type(expr: Parameters<typeof lowerType>[0]): TypeIR {
    return lowerType(expr, {
      enumLabels: (name) =>
        (this.#decl(`Enum:${name}`)?.decl as EnumDecl | undefined)?.members.map((m) => m.name),
      isEntity: (name) => this.has("Entity", name) && !this.has("Enum", name),
    });
  }

  params(params: readonly { name: { name: string }; type: Parameters<typeof lowerType>[0] }[]): ParamIR[] {
    return params.map((p) => ({ name: p.name.name, type: this.type(p.type) }));
  }

  entityFields(decl: EntityDecl): ParamIR[] {
    const owns = field(decl.fields, "owns");
    return owns?.kind === "ParamList" ? this.params(owns.params) : [];
  }

  issue(span: Span, message: string): void {
    this.issues.push({ span, message });
  }

  /** Resolves a reference; records an issue when the name is unknown. */
  ref(kind: Kind, name: string | undefined, span: Span): string | undefined {
    if (name === undefined) return undefined;
    if (this.has(kind, name)) return name;
    this.issue(span, `unresolved ${kind.toLowerCase()} \`${name}\``);
    return undefined;
  }

  policiesOf(system: string): readonly string[] {
    this.#record?.("policies", system, this.answer("policies", system));
    return this.#policiesBySystem.get(system) ?? [];
  }

  #lowerFile(file: FileNode): FileIR {
    const stem = stemOf(file.path);
    const text = this.sources.get(file.path)?.text;
    const result = {
      path: file.path,
      stem,
      ...(text !== undefined ? { sha256: createHash("sha256").update(text).digest("hex") } : {}),
      enums: [] as EnumIR[],
      entities: [] as EntityIR[],
      models: [] as ModelIR[],
      routers: [] as RouterIR[],
      tools: [] as ToolIR[],
      extensionPoints: [] as ExtensionPointIR[],
      policies: [] as PolicyIR[],
      prompts: [] as PromptIR[],
      evaluations: [] as EvaluationIR[],
    };
    for (const system of file.systems) {
      for (const decl of system.decls) {
        if (decl.kind === "Import" || decl.kind === "Skipped") continue;
        if (this.#decl(`${decl.kind}:${decl.name.name}`)?.decl !== decl) continue;
        const base = this.#base(decl, file, stem);
        switch (decl.kind) {
          case "Enum":
            result.enums.push(this.#enum(decl, base));
            break;
          case "Entity":
            result.entities.push(this.#entity(decl, base));
            break;
          case "Model":
            result.models.push(lowerModel(decl, base));
            break;
          case "Router":
            result.routers.push(this.#router(decl, base));
            break;
          case "Tool":
            result.tools.push(lowerTool(decl, base, this));
            break;
          case "ExtensionPoint":
            result.extensionPoints.push(this.#extensionPoint(decl, base));
            break;
          case "Policy":
            result.policies.push(lowerPolicy(decl, base, system.name.name));
            break;
          case "Prompt":
            result.prompts.push(this.#prompt(decl, base, system));
            break;
          case "Evaluation":
            result.evaluations.push(lowerEvaluation(decl, base, this));
            break;
        }
      }
    }
    return result;
  }

  #base(decl: NamedDecl, file: FileNode, stem: string): DeclIR {
    const doc = this.sources.docAbove(file.comments, decl.span.start, file.path);
    return {
      name: decl.name.name,
      stem,
      source: { file: file.path, line: this.sources.line(decl.span) },
      span: decl.name.span,
      ...(doc !== undefined ? { doc } : {}),
    };
  }

  #enum(decl: EnumDecl, base: DeclIR): EnumIR {
    const labels: string[] = [];
    for (const m of decl.members) if (!labels.includes(m.name)) labels.push(m.name);
    return { ...base, labels };
  }

  #entity(decl: EntityDecl, base: DeclIR): EntityIR {
    const description = stringOf(field(decl.fields, "description"));
    return {
      ...base,
      fields: this.entityFields(decl),
      ...(description !== undefined ? { description } : {}),
    };
  }

  #router(decl: RouterDecl, base: DeclIR): RouterIR {
    const by = field(decl.fields, "by");
    const parts = by?.kind === "Path" ? by.parts.map((p) => p.name) : [];
    const tiers = [];
    for (const tier of decl.tiers) {
      const model = this.ref("Model", tier.target?.name, tier.target?.span ?? tier.span);
      if (model === undefined) continue;
      const max = numberOf(field(tier.fields, "max"));
      tiers.push({ name: tier.name.name, ...(max !== undefined ? { max } : {}), model });
    }
    const fallbackValue = field(decl.fields, "fallback");
    const fallback = this.ref("Model", nameOf(fallbackValue), fallbackValue?.span ?? decl.span);
    const threshold = numberOf(field(decl.fields, "confidence_threshold"));
    return {
      ...base,
      by: parts[0] === "input" ? parts.slice(1) : parts,
      tiers,
      onLowConfidence:
        oneOf(field(decl.fields, "on_low_confidence"), ["fail", "escalate", "retry"]) ??
        DEFAULTS.onLowConfidence,
      ...(threshold !== undefined ? { confidenceThreshold: threshold } : {}),
      ...(fallback !== undefined ? { fallback } : {}),
    };
  }

  #extensionPoint(decl: ExtensionPointDecl, base: DeclIR): ExtensionPointIR {
    const returns = typeExprOf(field(decl.fields, "returns"));
    const description = stringOf(field(decl.fields, "description"));
    return {
      ...base,
      params: this.params(decl.params),
      returns: returns ? this.type(returns) : { kind: "unknown" },
      stable: boolOf(field(decl.fields, "stable")) ?? false,
      ...(description !== undefined ? { description } : {}),
    };
  }

  #prompt(decl: PromptDecl, base: DeclIR, system: SystemDecl): PromptIR {
    return lowerPrompt(decl, base, this.policiesOf(system.name.name), this);
  }
}

/** `marrow/classify.marrow` → `classify`. */
export function stemOf(path: string): string {
  const base = path.slice(path.lastIndexOf("/") + 1);
  return base.endsWith(".marrow") ? base.slice(0, -".marrow".length) : base.replace(/\.[^.]*$/, "") || base;
}
