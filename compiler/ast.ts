import type { Span } from "./source.ts";

/**
 * The MarrowScript AST. Nodes are plain readonly objects told apart by `kind`; every node has a span.
 * The grammar is deliberately generic inside declaration bodies (`key: value` fields): which keys a
 * declaration accepts, and what their values must be, is decided by the checks, so that a misspelt key
 * gets a precise diagnostic with a did-you-mean instead of a syntax error.
 */

interface NodeBase {
  readonly span: Span;
}

export interface Ident extends NodeBase {
  readonly kind: "Ident";
  readonly name: string;
}

// ---------------------------------------------------------------------------------------------
// Values (the right-hand side of `key: value`)

export interface StringValue extends NodeBase {
  readonly kind: "String";
  /** Decoded text (escapes resolved; for triple-quoted strings, dedented and trimmed). */
  readonly value: string;
  readonly triple: boolean;
  /** Offset of the first character of the decoded content, for mapping template positions back. */
  readonly contentStart: number;
}

export interface NumberValue extends NodeBase {
  readonly kind: "Number";
  readonly value: number;
  readonly raw: string;
}

export interface DurationValue extends NodeBase {
  readonly kind: "Duration";
  /** The duration in milliseconds. */
  readonly ms: number;
  readonly raw: string;
}

export interface BoolValue extends NodeBase {
  readonly kind: "Bool";
  readonly value: boolean;
}

/** A bare name or dotted path: `escalate`, `TinyClassifier`, `input.complexity`, `output.files.length`. */
export interface PathValue extends NodeBase {
  readonly kind: "Path";
  readonly parts: readonly Ident[];
}

/** `hash(user_message, model)` */
export interface CallValue extends NodeBase {
  readonly kind: "Call";
  readonly callee: Ident;
  readonly args: readonly Value[];
}

/** A name followed by a colon and a value, used as a value: `per_cost_class: "medium"`, `custom: my_check`. */
export interface TaggedValue extends NodeBase {
  readonly kind: "Tagged";
  readonly tag: Ident;
  readonly value: Value;
}

export interface ListValue extends NodeBase {
  readonly kind: "List";
  readonly items: readonly Value[];
}

export interface ObjectValue extends NodeBase {
  readonly kind: "Object";
  readonly fields: readonly Field[];
}

/** `120 per 1m` (the value of `rate_limit`). */
export interface RateValue extends NodeBase {
  readonly kind: "Rate";
  readonly count: NumberValue;
  readonly per: DurationValue;
}

/** The value of `returns:` — a type expression. */
export interface TypeValue extends NodeBase {
  readonly kind: "TypeValue";
  readonly type: TypeExpr;
}

/** The value of `constraints:` — a list of boolean expressions. */
export interface ConstraintListValue extends NodeBase {
  readonly kind: "ConstraintList";
  readonly items: readonly Expr[];
}

/** The value of `owns:` in an entity — a list of typed fields. */
export interface ParamListValue extends NodeBase {
  readonly kind: "ParamList";
  readonly params: readonly Param[];
}

/**
 * A value of the original grammar that SmallCode keeps as written, without meaning here: entity
 * `states: a -> b | c`, `until: expr`, router `policy: minimize_cost_subject_to { … }`, `checkpoint`.
 */
export interface VerbatimValue extends NodeBase {
  readonly kind: "Verbatim";
  /** The tokens as written, with every run of white space between two tokens made one space. */
  readonly text: string;
}

export type Value =
  | StringValue
  | NumberValue
  | DurationValue
  | BoolValue
  | PathValue
  | CallValue
  | TaggedValue
  | ListValue
  | ObjectValue
  | RateValue
  | TypeValue
  | ConstraintListValue
  | ParamListValue
  | VerbatimValue;

export interface Field extends NodeBase {
  readonly kind: "Field";
  readonly key: Ident;
  readonly value: Value;
}

// ---------------------------------------------------------------------------------------------
// Types

/**
 * `string`, `TaskType`, `list<File>`, `optional<T>`, `T?`, `enum<["a", "b"]>`.
 * `args` holds type arguments; `labels` holds the string members of an inline `enum<[…]>`.
 */
export interface TypeExpr extends NodeBase {
  readonly kind: "Type";
  readonly name: Ident;
  readonly args: readonly TypeExpr[];
  readonly labels?: readonly StringValue[];
  /** True for the `T?` shorthand of `optional<T>`. */
  readonly nullable: boolean;
  /** A tuple `(A, B)` of the original grammar: `name` is `tuple` and `args` the elements. */
  readonly tuple?: boolean;
}

export interface Param extends NodeBase {
  readonly kind: "Param";
  readonly name: Ident;
  readonly type: TypeExpr;
}

// ---------------------------------------------------------------------------------------------
// Constraint expressions

export type BinaryOp =
  | "or"
  | "and"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "in"
  | "not in"
  | "matches"
  // Of the original grammar: substring or list membership, arithmetic, and a range `1..100` (after `in`).
  | "contains"
  | "+"
  | "-"
  | "*"
  | "/"
  | "%"
  | "..";

export interface BinaryExpr extends NodeBase {
  readonly kind: "Binary";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  /** Span of the operator token(s). */
  readonly opSpan: Span;
}

export interface NotExpr extends NodeBase {
  readonly kind: "Not";
  readonly operand: Expr;
}

/** `-x` (original grammar). */
export interface NegExpr extends NodeBase {
  readonly kind: "Neg";
  readonly operand: Expr;
}

/** `now()`, `len(x)` (original grammar): parsed and kept; a constraint with a call is not checked here. */
export interface CallExpr extends NodeBase {
  readonly kind: "CallExpr";
  readonly callee: PathValue;
  readonly args: readonly Expr[];
}

export interface ListExpr extends NodeBase {
  readonly kind: "ListExpr";
  readonly items: readonly Expr[];
}

export type Expr =
  | BinaryExpr
  | NotExpr
  | NegExpr
  | CallExpr
  | ListExpr
  | StringValue
  | NumberValue
  | DurationValue
  | BoolValue
  | PathValue;

// ---------------------------------------------------------------------------------------------
// Declarations

export interface ModelDecl extends NodeBase {
  readonly kind: "Model";
  readonly name: Ident;
  readonly fields: readonly Field[];
}

/** `tier trivial { max: 0.3 -> TinyClassifier }` */
export interface TierDecl extends NodeBase {
  readonly kind: "Tier";
  readonly name: Ident;
  readonly fields: readonly Field[];
  readonly target?: Ident;
}

export interface RouterDecl extends NodeBase {
  readonly kind: "Router";
  readonly name: Ident;
  readonly fields: readonly Field[];
  readonly tiers: readonly TierDecl[];
}

export interface PromptDecl extends NodeBase {
  readonly kind: "Prompt";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly fields: readonly Field[];
}

export interface EnumDecl extends NodeBase {
  readonly kind: "Enum";
  readonly name: Ident;
  /** Members may be written as names or as strings; both become an Ident with the member text. */
  readonly members: readonly Ident[];
}

/** `entity Name { owns: [field: Type, …] }` — `owns` arrives as a ParamList field. */
export interface EntityDecl extends NodeBase {
  readonly kind: "Entity";
  readonly name: Ident;
  readonly fields: readonly Field[];
}

export interface ToolDecl extends NodeBase {
  readonly kind: "Tool";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly fields: readonly Field[];
}

export interface ExtensionPointDecl extends NodeBase {
  readonly kind: "ExtensionPoint";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly fields: readonly Field[];
}

export interface PolicyDecl extends NodeBase {
  readonly kind: "Policy";
  readonly name: Ident;
  readonly fields: readonly Field[];
}

export interface EvaluationDecl extends NodeBase {
  readonly kind: "Evaluation";
  readonly name: Ident;
  readonly fields: readonly Field[];
}

/** `import Name from "path.marrow"` (at file level or inside a system). */
export interface ImportDecl extends NodeBase {
  readonly kind: "Import";
  readonly name: Ident;
  readonly from: StringValue;
}

/** A backend construct of the older language (`capability`, `flow`, `store`, `event`, `channel`, `constraint`): parsed, then skipped with a warning. */
export interface SkippedDecl extends NodeBase {
  readonly kind: "Skipped";
  readonly keyword: Ident;
  readonly name?: Ident;
  /** For a `capability` of the original grammar with `cognition: PRIMITIVE using { … }`: the primitive. */
  readonly cognition?: Ident;
}

export type Decl =
  | ModelDecl
  | RouterDecl
  | PromptDecl
  | EnumDecl
  | EntityDecl
  | ToolDecl
  | ExtensionPointDecl
  | PolicyDecl
  | EvaluationDecl
  | ImportDecl
  | SkippedDecl;

export type NamedDecl = Exclude<Decl, SkippedDecl | ImportDecl>;

export interface SystemDecl extends NodeBase {
  readonly kind: "System";
  readonly name: Ident;
  /** Plain `key: value` lines in the system body, such as `domain: coding`. */
  readonly fields: readonly Field[];
  readonly decls: readonly Decl[];
}

export interface Comment extends NodeBase {
  readonly kind: "Comment";
  /** The comment as written, including `//` or `/* … *\/`. */
  readonly text: string;
}

export interface FileNode extends NodeBase {
  readonly kind: "File";
  readonly path: string;
  readonly imports: readonly ImportDecl[];
  readonly systems: readonly SystemDecl[];
  /** All comments in source order; the formatter puts them back. */
  readonly comments: readonly Comment[];
}

export type Node =
  | FileNode
  | SystemDecl
  | Decl
  | TierDecl
  | Field
  | Param
  | TypeExpr
  | Value
  | Expr
  | Ident
  | Comment;

/** Finds a field by key name (the first one; duplicates are reported by a check). */
export function fieldOf(fields: readonly Field[], key: string): Field | undefined {
  return fields.find((f) => f.key.name === key);
}
