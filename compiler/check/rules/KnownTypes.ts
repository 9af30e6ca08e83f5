import type { Param, TypeExpr } from "../../ast.ts";
import { checkCodes } from "../../diagnostics/codes-check.ts";
import { diag } from "../../diagnostics/diagnostic.ts";
import type { Span } from "../../source.ts";
import type { CheckContext } from "../context.ts";
import { suggestionHint } from "../report.ts";
import { BUILTIN_TYPES } from "../types.ts";
import { fieldValue, typeExprOf } from "../values.ts";
import { allDecls } from "../walk.ts";

/** Where a type appears, which decides whether `turn` and `chat` are allowed. */
type Place = "returns" | "prompt param" | "extension param" | "other";

/** Names from other languages, mapped to the MarrowScript type a user most likely meant. */
const FOREIGN: Readonly<Record<string, string>> = {
  integer: "int",
  number: "float",
  double: "float",
  boolean: "bool",
  str: "string",
  text: "string",
  object: "json",
  any: "json",
  dict: "json",
  array: "list<…>",
  file: "File",
};

/**
 * Every type names a built-in type or a declared enum or entity, with the right number of type
 * arguments (MRW2020 unknown type); `turn` is only a prompt's `returns:`, `chat` only a parameter of
 * a prompt or extension point (at most one per prompt), and an inline `enum<[…]>` has labels (MRW2021).
 */
export function KnownTypesRule(ctx: CheckContext): void {
  for (const { decl } of allDecls(ctx.files)) {
    switch (decl.kind) {
      case "Prompt": {
        params(ctx, decl.params, "prompt param");
        const chats = decl.params.filter((p) => p.type.name.name === "chat" && p.type.args.length === 0);
        for (const extra of chats.slice(1)) {
          ctx.report(
            diag(
              checkCodes.MRW2021,
              extra.type.span,
              `prompt \`${decl.name.name}\` has more than one \`chat\` parameter`,
              {
                label: "second `chat` parameter",
                hint: "keep one `chat` parameter; it carries the whole conversation",
              },
            ),
          );
        }
        returns(ctx, decl.fields, "returns");
        break;
      }
      case "Tool":
        params(ctx, decl.params, "other");
        break;
      case "ExtensionPoint":
        params(ctx, decl.params, "extension param");
        returns(ctx, decl.fields, "other");
        break;
      case "Entity": {
        const owns = fieldValue(decl.fields, "owns");
        if (owns?.kind === "ParamList") params(ctx, owns.params, "other");
        break;
      }
    }
  }
}

function params(ctx: CheckContext, list: readonly Param[], place: Place): void {
  for (const p of list) checkType(ctx, p.type, place, true);
}

function returns(ctx: CheckContext, fields: Parameters<typeof fieldValue>[0], place: Place): void {
  const value = fieldValue(fields, "returns");
  const type = value && typeExprOf(value);
  if (type) checkType(ctx, type, place, true);
}

function checkType(ctx: CheckContext, type: TypeExpr, place: Place, top: boolean): void {
  const name = type.name.name;
  const misuse = (message: string, hint: string) =>
    ctx.report(diag(checkCodes.MRW2021, type.name.span, message, { label: "not allowed here", hint }));
  if (type.labels !== undefined) {
    if (type.labels.length === 0)
      misuse("an inline enum needs at least one label", 'list the labels: `enum<["a", "b"]>`');
    return;
  }
  if (type.tuple) {
    // A tuple `(A, B)` of the original grammar: any number of elements, each checked.
    for (const arg of type.args) checkType(ctx, arg, place, false);
    return;
  }
  const arity = Object.hasOwn(BUILTIN_TYPES, name) ? BUILTIN_TYPES[name]! : undefined;
  if (arity === undefined) {
    if (ctx.symbols.byKind.enum.has(name) || ctx.symbols.byKind.entity.has(name)) {
      if (type.args.length > 0) misuse(`\`${name}\` takes no type arguments`, `write \`${name}\``);
      return;
    }
    const candidates = new Map<string, Span | undefined>();
    for (const b of Object.keys(BUILTIN_TYPES)) candidates.set(b, undefined);
    for (const [n, e] of ctx.symbols.byKind.enum) candidates.set(n, e.decl.name.span);
    for (const [n, e] of ctx.symbols.byKind.entity) candidates.set(n, e.decl.name.span);
    const foreign = Object.hasOwn(FOREIGN, name) ? FOREIGN[name] : undefined;
    const fallback = foreign
      ? `did you mean \`${foreign}\`?`
      : `use a built-in type (\`string\`, \`int\`, \`float\`, \`bool\`, \`json\`, \`File\`, \`list<T>\`, \`optional<T>\`) or declare \`enum ${name}\` or \`entity ${name}\``;
    const { hint, suggestions } = suggestionHint(ctx, name, candidates, fallback);
    ctx.report(
      diag(checkCodes.MRW2020, type.name.span, `unknown type \`${name}\``, {
        label: "not a type",
        hint,
        suggestions: suggestions.length ? suggestions : foreign && !foreign.includes("…") ? [foreign] : [],
      }),
    );
    return;
  }
  if (type.args.length !== arity) {
    const [message, hint] =
      arity === 0
        ? [`\`${name}\` takes no type arguments`, `write \`${name}\``]
        : arity === 1
          ? [
              `\`${name}\` takes exactly one type argument`,
              `write \`${name}<T>\`, for example \`${name}<string>\``,
            ]
          : [
              `\`${name}\` takes exactly two type arguments`,
              `write \`${name}<K, V>\`, for example \`${name}<string, int>\``,
            ];
    misuse(message, hint);
  }
  if (name === "turn" && !(place === "returns" && top)) {
    misuse(
      "`turn` is only valid as a prompt's `returns`",
      "use `turn` as `returns: turn` of an agent prompt",
    );
  }
  if (name === "chat" && !((place === "prompt param" || place === "extension param") && top)) {
    misuse(
      "`chat` is only valid as the type of a prompt parameter",
      "declare the conversation as a prompt parameter `history: chat`",
    );
  }
  for (const arg of type.args) checkType(ctx, arg, place, false);
}
