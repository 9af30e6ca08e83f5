import type { TypeIR } from "../ir.ts";
import { arr, type Code, obj, prop, raw, str } from "./code.ts";
import type { GenContext } from "./context.ts";
import type { ModuleScope } from "./scope.ts";

/**
 * A MarrowScript type as a zod schema, a TypeScript type and a JSON schema.
 *
 * `optional<T>` depends on where it appears: a prompt or tool parameter may be left out
 * (`.optional()`, `T | undefined`); an entity field or an output may also be `null`, which is how
 * models write "no value" in JSON (`.nullish()`, `T | null | undefined`).
 */
export type Position = "param" | "value";

/** The zod schema of a type, as code text. */
export function zodOf(type: TypeIR, scope: ModuleScope, position: Position = "value"): string {
  const z = scope.rt("z");
  switch (type.kind) {
    case "string":
      return `${z}.string()`;
    case "int":
      return `${z}.number().int()`;
    case "float":
      return `${z}.number()`;
    case "bool":
      return `${z}.boolean()`;
    case "file":
      return `${z}.object({ path: ${z}.string(), content: ${z}.string() })`;
    case "chat":
      return `${z}.array(${scope.rt("ChatMessage")})`;
    case "turn":
      return `${z}.custom<${scope.rtType("AgentTurn")}>()`;
    case "enum":
      if (type.name !== undefined) return scope.use("type", type.name) ?? `${z}.string()`;
      return `${z}.enum(${labelsArray(type.labels)})`;
    case "entity":
      return scope.use("type", type.name) ?? `${z}.unknown()`;
    case "list":
      return `${z}.array(${zodOf(type.item, scope)})`;
    case "optional":
      return `${zodOf(type.item, scope)}.${position === "param" ? "optional" : "nullish"}()`;
    default:
      return `${z}.unknown()`;
  }
}

/**
 * The forgiving zod schema of one tool parameter (the runtime's `toolArg`): strings and integers accept
 * what small models send (`null` for absent, numbers as strings); a required string must not be empty
 * unless `mayBeEmpty`. Other types are validated as declared.
 */
export function toolParamZodOf(type: TypeIR, mayBeEmpty: boolean, scope: ModuleScope): string {
  const optional = type.kind === "optional";
  const item = type.kind === "optional" ? type.item : type;
  if (item.kind === "string") {
    const maker = optional ? "optionalString" : mayBeEmpty ? "anyString" : "requiredString";
    return `${scope.rt("toolArg")}.${maker}()`;
  }
  if (item.kind === "int") return `${scope.rt("toolArg")}.${optional ? "optionalInt" : "requiredInt"}()`;
  return zodOf(type, scope, "param");
}

/** The TypeScript type of a type, as text (matching what zod infers from {@link zodOf}). */
export function tsTypeOf(type: TypeIR, scope: ModuleScope, position: Position = "value"): string {
  switch (type.kind) {
    case "string":
      return "string";
    case "int":
    case "float":
      return "number";
    case "bool":
      return "boolean";
    case "file":
      return "{ path: string; content: string }";
    case "chat":
      return `${scope.rtType("z")}.infer<typeof ${scope.rtType("ChatMessage")}>[]`;
    case "turn":
      return scope.rtType("AgentTurn");
    case "enum":
      if (type.name !== undefined) return scope.use("type", type.name, true) ?? "string";
      return type.labels.map(str).join(" | ") || "never";
    case "entity":
      return scope.use("type", type.name, true) ?? "unknown";
    case "list": {
      const item = tsTypeOf(type.item, scope);
      return /[ |&]/.test(item) && !item.startsWith("{") ? `(${item})[]` : `${item}[]`;
    }
    case "optional":
      return `${tsTypeOf(type.item, scope)} | ${position === "param" ? "undefined" : "null | undefined"}`;
    default:
      return "unknown";
  }
}

/** `["a", "b"]` */
export function labelsArray(labels: readonly string[]): string {
  return `[${labels.map(str).join(", ")}]`;
}

/**
 * The JSON schema of a type (tool parameters). Entities are expanded inline; a recursive entity
 * becomes a plain `{ type: "object" }` where it refers to itself.
 */
export function jsonSchemaOf(type: TypeIR, ctx: GenContext, seen: ReadonlySet<string> = new Set()): Code {
  switch (type.kind) {
    case "string":
      return obj([prop("type", str("string"))]);
    case "int":
      return obj([prop("type", str("integer"))]);
    case "float":
      return obj([prop("type", str("number"))]);
    case "bool":
      return obj([prop("type", str("boolean"))]);
    case "enum":
      return obj([prop("type", str("string")), prop("enum", raw(labelsArray(type.labels)))]);
    case "list":
      return obj([prop("type", str("array")), prop("items", jsonSchemaOf(type.item, ctx, seen))]);
    case "optional":
      return jsonSchemaOf(type.item, ctx, seen);
    case "file":
      return objectSchema(
        [
          { name: "path", type: { kind: "string" } },
          { name: "content", type: { kind: "string" } },
        ],
        ctx,
        seen,
      );
    case "chat":
      return obj([prop("type", str("array")), prop("items", obj([prop("type", str("object"))]))]);
    case "entity": {
      const entity = ctx.entities.get(type.name);
      if (!entity || seen.has(type.name)) return obj([prop("type", str("object"))]);
      return objectSchema(entity.fields, ctx, new Set(seen).add(type.name));
    }
    default:
      return obj([]);
  }
}

/** `{ type: "object", properties: {…}, required: […] }` for a list of typed fields. */
export function objectSchema(
  fields: readonly { readonly name: string; readonly type: TypeIR }[],
  ctx: GenContext,
  seen: ReadonlySet<string> = new Set(),
  multiline = false,
): Code {
  const required = fields.filter((f) => f.type.kind !== "optional").map((f) => raw(str(f.name)));
  return obj(
    [
      prop("type", str("object")),
      prop(
        "properties",
        obj(
          fields.map((f) => prop(f.name, jsonSchemaOf(f.type, ctx, seen))),
          multiline,
        ),
      ),
      required.length > 0 && prop("required", arr(required)),
    ],
    multiline,
  );
}
