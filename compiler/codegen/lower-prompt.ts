import { createHash } from "node:crypto";
import type { EntityDecl, Expr, NamedDecl, Param, PromptDecl, TypeExpr, Value } from "../ast.ts";
import { callIn } from "../expr-calls.ts";
import {
  type ConstraintIR,
  DEFAULTS,
  type DeclIR,
  type ExprIR,
  type ParamIR,
  type PromptIR,
  type TypeIR,
} from "../ir.ts";
import type { Span } from "../source.ts";
import {
  field,
  msOf,
  nameOf,
  namesOf,
  numberOf,
  oneOf,
  type SourceIndex,
  typeExprOf,
} from "./lower-values.ts";

/** What prompt lowering needs from the surrounding lowering pass. */
export interface LowerEnv {
  readonly sources: SourceIndex;
  type(expr: TypeExpr): TypeIR;
  params(params: readonly Param[]): ParamIR[];
  entity(name: string): EntityDecl | undefined;
  entityFields(decl: EntityDecl): ParamIR[];
  ref(kind: NamedDecl["kind"], name: string | undefined, span: Span): string | undefined;
  has(kind: NamedDecl["kind"], name: string): boolean;
  /** True for a `capability` of the original grammar (parsed and skipped). */
  isCapability(name: string): boolean;
  issue(span: Span, message: string): void;
}

/** Prefix of a `template:` that names an extension point instead of a Handlebars text. */
export const EXTENSION_TEMPLATE_PREFIX = "extension_point:";

/** Lowers one prompt: output type, model or router, templates, policy with defaults, id and hash. */
export function lowerPrompt(
  decl: PromptDecl,
  base: DeclIR,
  policies: readonly string[],
  env: LowerEnv,
): PromptIR {
  const f = (key: string) => field(decl.fields, key);
  const params = env.params(decl.params);
  const returns = typeExprOf(f("returns"));
  const output: TypeIR = returns ? env.type(returns) : { kind: "string" };
  const target = lowerTarget(decl, env);
  const system = f("system");
  const template = lowerTemplate(f("template"), decl, env);
  const chatParam = params.find((p) => p.type.kind === "chat")?.name;
  const retry = lowerRetry(f("retry"));
  const cache = lowerCache(f("cache"), params);
  const constraintsValue = f("constraints");
  const constraints: ConstraintIR[] =
    constraintsValue?.kind === "ConstraintList"
      ? constraintsValue.items
          .filter((expr) => callIn(expr) === undefined)
          .map((expr) => ({
            source: env.sources.balancedText(expr.span) ?? exprText(expr),
            expr: lowerExpr(expr, output, params, env),
            span: expr.span,
          }))
      : [];
  const validateValue = f("validate");
  let validate: PromptIR["validate"] = {
    kind: oneOf(validateValue, ["none", "schema_only"]) ?? DEFAULTS.validate,
  };
  if (validateValue?.kind === "Tagged" && validateValue.tag.name === "custom") {
    const ext = env.ref("ExtensionPoint", nameOf(validateValue.value), validateValue.value.span);
    if (ext !== undefined) validate = { kind: "custom", extension: ext };
  }
  const toolsValue = f("tools");
  // A `capability` of the original grammar named in `tools:` (MRW2100) is not offered, and a list
  // of nothing but capabilities offers no tools at all.
  const toolNames = namesOf(toolsValue);
  const offered = toolNames?.filter((t) => env.has("Tool", t) || !env.isCapability(t));
  const tools =
    offered?.length === 0 && toolNames?.length !== 0
      ? undefined
      : offered?.filter((t) => env.ref("Tool", t, toolsValue!.span) !== undefined);
  const temperature = numberOf(f("temperature"));
  const maxOutput = numberOf(f("max_output"));
  const summary = system?.kind === "String" ? firstLine(system.value) : undefined;
  const prompt: Omit<PromptIR, "hash"> = {
    ...base,
    id: `${base.stem}.${base.name}`,
    params,
    output,
    ...(target ? { target } : {}),
    ...(system?.kind === "String"
      ? { system: { kind: "text" as const, text: system.value, span: system.span } }
      : {}),
    template,
    ...(chatParam !== undefined ? { chatParam } : {}),
    timeoutMs: msOf(f("timeout")) ?? DEFAULTS.timeoutMs,
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxOutput !== undefined ? { maxOutput } : {}),
    validate,
    onInvalid:
      oneOf(f("on_invalid"), ["fail", "retry", "retry_with_repair_prompt", "escalate"]) ?? DEFAULTS.onInvalid,
    retry,
    ...(cache ? { cache } : {}),
    constraints,
    ...(tools !== undefined ? { tools } : {}),
    policies,
    ...(summary !== undefined ? { summary } : {}),
  };
  return { ...prompt, hash: contentHash(prompt, env) };
}

function lowerTarget(decl: PromptDecl, env: LowerEnv): PromptIR["target"] {
  const model = field(decl.fields, "model");
  if (model) {
    const name = env.ref("Model", nameOf(model), model.span);
    if (name !== undefined) return { kind: "model", name };
  }
  const router = field(decl.fields, "router");
  if (router) {
    const name = env.ref("Router", nameOf(router), router.span);
    if (name !== undefined) return { kind: "router", name };
  }
  if (!model && !router)
    env.issue(decl.name.span, `prompt \`${decl.name.name}\` has neither \`model:\` nor \`router:\``);
  return undefined;
}

function lowerTemplate(value: Value | undefined, decl: PromptDecl, env: LowerEnv): PromptIR["template"] {
  if (value?.kind !== "String") return { kind: "text", text: "", span: value?.span ?? decl.name.span };
  if (value.value.startsWith(EXTENSION_TEMPLATE_PREFIX)) {
    const name = value.value.slice(EXTENSION_TEMPLATE_PREFIX.length).trim();
    const ext = env.ref("ExtensionPoint", name, value.span);
    if (ext !== undefined) return { kind: "extension", extension: ext, span: value.span };
  }
  return { kind: "text", text: value.value, span: value.span };
}

function lowerRetry(value: Value | undefined): PromptIR["retry"] {
  if (value?.kind === "Number") {
    return {
      maxAttempts: Math.max(1, Math.floor(value.value)),
      backoff: DEFAULTS.backoff,
      intervalMs: DEFAULTS.intervalMs,
    };
  }
  if (value?.kind !== "Object") return { maxAttempts: DEFAULTS.maxAttempts, backoff: "fixed", intervalMs: 0 };
  const attempts = numberOf(field(value.fields, "max_attempts"));
  return {
    maxAttempts: attempts !== undefined ? Math.max(1, Math.floor(attempts)) : DEFAULTS.maxAttempts,
    backoff: oneOf(field(value.fields, "backoff"), ["fixed", "linear", "exponential"]) ?? DEFAULTS.backoff,
    intervalMs: msOf(field(value.fields, "interval")) ?? DEFAULTS.intervalMs,
  };
}

function lowerCache(value: Value | undefined, params: readonly ParamIR[]): PromptIR["cache"] {
  if (value?.kind !== "Object") return undefined;
  const ttlMs = msOf(field(value.fields, "ttl")) ?? DEFAULTS.ttlMs;
  const keyValue = field(value.fields, "key");
  if (!keyValue) return { ttlMs };
  const args = keyValue.kind === "Call" ? keyValue.args : [keyValue];
  const key: string[][] = [];
  for (const arg of args) {
    if (arg.kind !== "Path") continue;
    const parts = arg.parts.map((p) => p.name);
    const path = parts[0] === "input" ? parts.slice(1) : parts;
    // `model` is always part of the cache key already; unknown names were rejected by the checks.
    if (path.length > 0 && params.some((p) => p.name === path[0])) key.push(path);
  }
  return { key, ttlMs };
}

function firstLine(text: string): string | undefined {
  const line = text
    .split("\n")
    .map((l) => l.trim())
    .find((l) => l !== "");
  return line === undefined ? undefined : line;
}

/** Resolves a constraint expression: `output…` and parameter paths, literals, operators. */
function lowerExpr(expr: Expr, output: TypeIR, params: readonly ParamIR[], env: LowerEnv): ExprIR {
  switch (expr.kind) {
    case "Binary":
      if (
        (expr.op === "in" || expr.op === "not in") &&
        expr.right.kind === "Binary" &&
        expr.right.op === ".."
      ) {
        // `x in a..b` is `x >= a and x <= b`; `not in` is its negation.
        const value = lowerExpr(expr.left, output, params, env);
        const from = lowerExpr(expr.right.left, output, params, env);
        const to = lowerExpr(expr.right.right, output, params, env);
        const within: ExprIR = {
          kind: "binary",
          op: "and",
          left: { kind: "binary", op: ">=", left: value, right: from },
          right: { kind: "binary", op: "<=", left: value, right: to },
        };
        return expr.op === "in" ? within : { kind: "not", operand: within };
      }
      return {
        kind: "binary",
        op: expr.op,
        left: lowerExpr(expr.left, output, params, env),
        right: lowerExpr(expr.right, output, params, env),
      };
    case "Not":
      return { kind: "not", operand: lowerExpr(expr.operand, output, params, env) };
    case "Neg":
      return { kind: "neg", operand: lowerExpr(expr.operand, output, params, env) };
    case "CallExpr":
      // Constraints with calls are left out above; a call never reaches lowering.
      return { kind: "literal", value: true };
    case "ListExpr":
      return { kind: "list", items: expr.items.map((i) => lowerExpr(i, output, params, env)) };
    case "String":
    case "Number":
    case "Bool":
      return { kind: "literal", value: expr.value };
    case "Duration":
      return { kind: "literal", value: expr.ms };
    case "Path": {
      const names = expr.parts.map((p) => p.name);
      const head = names[0]!;
      if (head === "output") return typedPath("output", names.slice(1), output, env);
      const rest = head === "input" ? names.slice(1) : names;
      const param = params.find((p) => p.name === rest[0]);
      if (param) {
        const path = typedPath("input", rest.slice(1), param.type, env);
        return path.kind === "path"
          ? { ...path, parts: [param.name, ...path.parts], optional: [false, ...path.optional] }
          : path;
      }
      // A bare name that is neither the output nor a parameter: a label written without quotes.
      return { kind: "literal", value: names.join(".") };
    }
  }
}

function typedPath(root: "output" | "input", parts: readonly string[], type: TypeIR, env: LowerEnv): ExprIR {
  const optional: boolean[] = [];
  let current: TypeIR = type;
  for (const part of parts) {
    optional.push(current.kind === "optional");
    const base = current.kind === "optional" ? current.item : current;
    current = stepType(base, part, env);
  }
  const nullable = optional.some(Boolean) || current.kind === "optional";
  return { kind: "path", root, parts, optional, nullable };
}

function stepType(type: TypeIR, part: string, env: LowerEnv): TypeIR {
  if (part === "length" && (type.kind === "list" || type.kind === "string" || type.kind === "enum"))
    return { kind: "int" };
  if (type.kind === "entity") {
    const decl = env.entity(type.name);
    const f = decl ? env.entityFields(decl).find((p) => p.name === part) : undefined;
    if (f) return f.type;
  }
  return { kind: "unknown" };
}

/** Canonical text of a constraint, used when the source text is not available. */
export function exprText(expr: Expr): string {
  switch (expr.kind) {
    case "Binary":
      return `${exprText(expr.left)} ${expr.op} ${exprText(expr.right)}`;
    case "Not":
      return `not ${exprText(expr.operand)}`;
    case "Neg":
      return `-${exprText(expr.operand)}`;
    case "CallExpr":
      return `${exprText(expr.callee)}(${expr.args.map(exprText).join(", ")})`;
    case "ListExpr":
      return `[${expr.items.map(exprText).join(", ")}]`;
    case "String":
      return JSON.stringify(expr.value);
    case "Number":
      return expr.raw;
    case "Duration":
      return expr.raw;
    case "Bool":
      return String(expr.value);
    case "Path":
      return expr.parts.map((p) => p.name).join(".");
  }
}

/**
 * The content hash: sha256 over what decides a prompt's output — its name, parameters, output type
 * (enum labels and entity fields expanded), model or router, texts, sampling overrides, validation,
 * constraints and tools — truncated to 16 hex digits. Timeouts, retries, cache settings, policies and
 * source positions are left out: changing them does not change what a cached output means.
 */
function contentHash(prompt: Omit<PromptIR, "hash">, env: LowerEnv): string {
  const canonical = {
    name: prompt.name,
    params: prompt.params.map((p) => [p.name, typeKey(p.type, env, new Set())]),
    output: typeKey(prompt.output, env, new Set()),
    target: prompt.target ?? null,
    system: prompt.system?.text ?? null,
    template:
      prompt.template.kind === "text" ? prompt.template.text : `extension_point:${prompt.template.extension}`,
    temperature: prompt.temperature ?? null,
    maxOutput: prompt.maxOutput ?? null,
    validate: prompt.validate,
    constraints: prompt.constraints.map((c) => c.source),
    tools: prompt.tools ?? null,
  };
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 16);
}

function typeKey(type: TypeIR, env: LowerEnv, seen: Set<string>): string {
  switch (type.kind) {
    case "enum":
      return `enum${type.name ? ` ${type.name}` : ""}<${JSON.stringify(type.labels)}>`;
    case "list":
      return `list<${typeKey(type.item, env, seen)}>`;
    case "optional":
      return `optional<${typeKey(type.item, env, seen)}>`;
    case "entity": {
      const decl = env.entity(type.name);
      if (!decl || seen.has(type.name)) return type.name;
      const inner = new Set(seen).add(type.name);
      const fields = env.entityFields(decl).map((f) => `${f.name}: ${typeKey(f.type, env, inner)}`);
      return `${type.name}{${fields.join(", ")}}`;
    }
    default:
      return type.kind;
  }
}
