/**
 * The languages the repo map reads: file extensions, the prebuilt grammar (a `.wasm` file of the
 * `@repomix/tree-sitter-wasms` package, loaded by web-tree-sitter), and a tags query per grammar.
 * The queries follow tree-sitter's tags convention (`@definition.KIND` around a definition whose
 * name is `@name`, `@reference.KIND` around a use), written here because the prebuilt package ships
 * no queries and the grammars' own tags.scm files miss types and imports a map needs.
 */

/** A language the map parses. */
export type LanguageId = "typescript" | "tsx" | "javascript" | "python" | "go" | "rust";

/** One language: its grammar file and tags query. */
export interface LanguageSpec {
  readonly id: LanguageId;
  /** The grammar's file name in `@repomix/tree-sitter-wasms/out/`. */
  readonly wasm: string;
  readonly query: string;
}

/** File extension (lowercase, with the dot) → language. */
export const EXTENSIONS: Readonly<Record<string, LanguageId>> = {
  ".ts": "typescript",
  ".mts": "typescript",
  ".cts": "typescript",
  ".tsx": "tsx",
  ".js": "javascript",
  ".jsx": "javascript",
  ".mjs": "javascript",
  ".cjs": "javascript",
  ".py": "python",
  ".pyi": "python",
  ".go": "go",
  ".rs": "rust",
};

/** The glob that lists every file the map can parse. */
export const SOURCE_GLOB = `**/*.{${Object.keys(EXTENSIONS)
  .map((e) => e.slice(1))
  .join(",")}}`;

/** The language of a path by its extension, or undefined. `.d.ts` files count as TypeScript. */
export function languageOf(path: string): LanguageId | undefined {
  const dot = path.lastIndexOf(".");
  if (dot < 0) return undefined;
  const ext = path.slice(dot).toLowerCase();
  return Object.hasOwn(EXTENSIONS, ext) ? EXTENSIONS[ext] : undefined;
}

const JS_COMMON = `
(function_declaration name: (identifier) @name) @definition.function
(generator_function_declaration name: (identifier) @name) @definition.function
(method_definition name: (property_identifier) @name) @definition.method
(program (lexical_declaration (variable_declarator name: (identifier) @name)) @definition.constant)
(program (variable_declaration (variable_declarator name: (identifier) @name)) @definition.constant)
(export_statement (lexical_declaration (variable_declarator name: (identifier) @name)) @definition.constant)
(call_expression function: (identifier) @name) @reference.call
(call_expression function: (member_expression property: (property_identifier) @name)) @reference.call
(new_expression constructor: (identifier) @name) @reference.class
(import_specifier name: (identifier) @name) @reference.import
`;

const TS_QUERY = `${JS_COMMON}
(class_declaration name: (type_identifier) @name) @definition.class
(abstract_class_declaration name: (type_identifier) @name) @definition.class
(interface_declaration name: (type_identifier) @name) @definition.interface
(type_alias_declaration name: (type_identifier) @name) @definition.type
(enum_declaration name: (identifier) @name) @definition.enum
(function_signature name: (identifier) @name) @definition.function
(abstract_method_signature name: (property_identifier) @name) @definition.method
(type_identifier) @name @reference.type
`;

const JS_QUERY = `${JS_COMMON}
(class_declaration name: (identifier) @name) @definition.class
`;

const PYTHON_QUERY = `
(class_definition name: (identifier) @name) @definition.class
(function_definition name: (identifier) @name) @definition.function
(module (expression_statement (assignment left: (identifier) @name)) @definition.constant)
(call function: (identifier) @name) @reference.call
(call function: (attribute attribute: (identifier) @name)) @reference.call
(import_from_statement name: (dotted_name (identifier) @name)) @reference.import
(import_from_statement name: (aliased_import name: (dotted_name (identifier) @name))) @reference.import
(argument_list (identifier) @name) @reference.value
(type (identifier) @name) @reference.type
`;

const GO_QUERY = `
(function_declaration name: (identifier) @name) @definition.function
(method_declaration name: (field_identifier) @name) @definition.method
(type_spec name: (type_identifier) @name) @definition.type
(source_file (const_declaration (const_spec name: (identifier) @name)) @definition.constant)
(source_file (var_declaration (var_spec name: (identifier) @name)) @definition.constant)
(call_expression function: (identifier) @name) @reference.call
(call_expression function: (selector_expression field: (field_identifier) @name)) @reference.call
(type_identifier) @name @reference.type
`;

const RUST_QUERY = `
(function_item name: (identifier) @name) @definition.function
(function_signature_item name: (identifier) @name) @definition.function
(struct_item name: (type_identifier) @name) @definition.class
(enum_item name: (type_identifier) @name) @definition.enum
(trait_item name: (type_identifier) @name) @definition.interface
(impl_item type: (type_identifier) @name) @definition.impl
(type_item name: (type_identifier) @name) @definition.type
(mod_item name: (identifier) @name) @definition.module
(const_item name: (identifier) @name) @definition.constant
(static_item name: (identifier) @name) @definition.constant
(macro_definition name: (identifier) @name) @definition.macro
(call_expression function: (identifier) @name) @reference.call
(call_expression function: (field_expression field: (field_identifier) @name)) @reference.call
(call_expression function: (scoped_identifier name: (identifier) @name)) @reference.call
(macro_invocation macro: (identifier) @name) @reference.call
(use_declaration argument: (scoped_identifier name: (identifier) @name)) @reference.import
(use_list (identifier) @name) @reference.import
(type_identifier) @name @reference.type
`;

/** Every language the map reads. */
export const LANGUAGES: Readonly<Record<LanguageId, LanguageSpec>> = {
  typescript: { id: "typescript", wasm: "tree-sitter-typescript.wasm", query: TS_QUERY },
  tsx: { id: "tsx", wasm: "tree-sitter-tsx.wasm", query: TS_QUERY },
  javascript: { id: "javascript", wasm: "tree-sitter-javascript.wasm", query: JS_QUERY },
  python: { id: "python", wasm: "tree-sitter-python.wasm", query: PYTHON_QUERY },
  go: { id: "go", wasm: "tree-sitter-go.wasm", query: GO_QUERY },
  rust: { id: "rust", wasm: "tree-sitter-rust.wasm", query: RUST_QUERY },
};
