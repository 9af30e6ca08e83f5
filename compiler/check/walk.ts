import type { Decl, Field, FileNode, NamedDecl, ObjectValue, SystemDecl } from "../ast.ts";
import type { Span } from "../source.ts";
import type { CheckContext } from "./context.ts";
import { declShapes, type Shape, systemShape, tierShape, type ValueSpec } from "./schema.ts";

/** A declaration with the file and system around it. */
export interface DeclSite<D extends Decl = Decl> {
  readonly decl: D;
  readonly file: FileNode;
  readonly system: SystemDecl;
}

/** Every declaration of every file in source order, duplicates included. */
export function* allDecls(files: readonly FileNode[]): Generator<DeclSite> {
  for (const file of files) {
    for (const system of file.systems) {
      for (const decl of system.decls) yield { decl, file, system };
    }
  }
}

/** Every declaration of one AST kind, in source order, duplicates included. */
export function* declsOfKind<K extends Decl["kind"]>(
  files: readonly FileNode[],
  kind: K,
): Generator<DeclSite<Extract<Decl, { kind: K }>>> {
  for (const site of allDecls(files)) {
    if (site.decl.kind === kind) yield site as DeclSite<Extract<Decl, { kind: K }>>;
  }
}

/** A list of `key: value` fields together with the shape that says what they may be. */
export interface ShapedFields {
  readonly fields: readonly Field[];
  readonly shape: Shape;
  /** How messages name the owner: "prompt `classify`", "`retry` of prompt `classify`". */
  readonly owner: string;
  /** Where a missing required field is reported. */
  readonly anchor: Span;
}

/** How messages name a declaration: "model `TinyClassifier`". */
export function describeDecl(decl: NamedDecl): string {
  return `${declShapes[decl.kind].name} \`${decl.name.name}\``;
}

/** Calls `visit` on every field list in every file: system bodies, declarations, tiers and nested objects. */
export function forEachShaped(ctx: CheckContext, visit: (shaped: ShapedFields) => void): void {
  for (const shaped of shapedFieldLists(ctx)) visit(shaped);
}

/** Every field list with its shape, collected once per check run (several rules walk them all). */
function shapedFieldLists(ctx: CheckContext): readonly ShapedFields[] {
  const memoized = ctx.memo.get(ctx.files) as ShapedFields[] | undefined;
  if (memoized) return memoized;
  const lists: ShapedFields[] = [];
  const visit = (shaped: ShapedFields) => lists.push(shaped);
  for (const file of ctx.files) {
    for (const system of file.systems) {
      walkShaped(
        {
          fields: system.fields,
          shape: systemShape,
          owner: `system \`${system.name.name}\``,
          anchor: system.name.span,
        },
        visit,
      );
      for (const decl of system.decls) {
        if (decl.kind === "Import" || decl.kind === "Skipped") continue;
        const owner = describeDecl(decl);
        const fields = decl.kind === "Enum" ? [] : decl.fields;
        walkShaped({ fields, shape: declShapes[decl.kind], owner, anchor: decl.name.span }, visit);
        if (decl.kind !== "Router") continue;
        for (const tier of decl.tiers) {
          const tierOwner = `tier \`${tier.name.name}\` of ${owner}`;
          walkShaped(
            { fields: tier.fields, shape: tierShape, owner: tierOwner, anchor: tier.name.span },
            visit,
          );
        }
      }
    }
  }
  ctx.memo.set(ctx.files, lists);
  return lists;
}

function walkShaped(shaped: ShapedFields, visit: (shaped: ShapedFields) => void): void {
  visit(shaped);
  const seen = new Set<string>();
  for (const field of shaped.fields) {
    const key = field.key.name;
    if (seen.has(key)) continue;
    seen.add(key);
    const spec = shaped.shape.keys[key];
    if (!spec) continue;
    const owner = `\`${key}\` of ${shaped.owner}`;
    if (spec.t === "object" && field.value.kind === "Object") {
      walkShaped(nested(field.value, spec.shape, owner, field.key.span), visit);
    } else if (spec.t === "list" && spec.of.t === "object" && field.value.kind === "List") {
      for (const item of field.value.items) {
        if (item.kind !== "Object") continue;
        const anchor = { file: item.span.file, start: item.span.start, end: item.span.start + 1 };
        walkShaped(nested(item, spec.of.shape, `${spec.of.shape.name} in ${owner}`, anchor), visit);
      }
    }
  }
}

function nested(value: ObjectValue, shape: Shape, owner: string, anchor: Span): ShapedFields {
  return { fields: value.fields, shape, owner, anchor };
}

/** The spec of a field's key in a shape, if the key is known. */
export function specOf(shape: Shape, field: Field): ValueSpec | undefined {
  return Object.hasOwn(shape.keys, field.key.name) ? shape.keys[field.key.name] : undefined;
}
