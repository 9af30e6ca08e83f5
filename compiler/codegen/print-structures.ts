import { createRequire } from "node:module";
import type CodeBlockWriter from "code-block-writer";
import { tsMorph } from "./ts-morph.ts";

/**
 * Prints the statements of a generated module exactly as ts-morph's `printStructure` does, without
 * loading ts-morph (≈ 50 ms of a rebuild after a one-prompt edit): each function below follows the
 * ts-morph printer of the same structure kind call for call on the same writer, code-block-writer
 * (ts-morph's own copy), which keeps the comment, string and indentation state that decides the
 * bytes. The one thing ts-morph does besides the writer is placing the commas of a list with the
 * TypeScript scanner; a list item this module cannot place a comma after with certainty (a comment,
 * a quote, trailing blanks, anything but printable ASCII) sends the whole module to ts-morph instead.
 * `test/compiler/codegen/print-structures.test.ts` compares both printers.
 */

/** An import: `import [type] { a, type B } from "spec";`. */
export interface ImportStructure {
  readonly kind: "import";
  readonly moduleSpecifier: string;
  readonly isTypeOnly: boolean;
  readonly namedImports: readonly { readonly name: string; readonly isTypeOnly: boolean }[];
  readonly leadingTrivia?: string;
}

/** `[export] const name[: type] = initializer;` */
export interface ConstStructure {
  readonly kind: "const";
  readonly isExported: boolean;
  readonly name: string;
  readonly type?: string;
  readonly initializer: string;
  readonly docs?: readonly string[];
  readonly leadingTrivia?: string;
}

/** `export type name = type;` */
export interface TypeAliasStructure {
  readonly kind: "type";
  readonly name: string;
  readonly type: string;
  readonly docs?: readonly string[];
  readonly leadingTrivia?: string;
}

/** A property of an interface. */
export interface PropertySpec {
  readonly name: string;
  readonly type: string;
  readonly isReadonly?: boolean;
  readonly hasQuestionToken?: boolean;
}

/** `export interface name<T = D> { … }` */
export interface InterfaceStructure {
  readonly kind: "interface";
  readonly name: string;
  readonly properties: readonly PropertySpec[];
  readonly typeParameters?: readonly { readonly name: string; readonly default?: string }[];
  readonly docs?: readonly string[];
  readonly leadingTrivia?: string;
}

/** `export [async] function name(params): returnType { statements }` */
export interface FunctionStructure {
  readonly kind: "function";
  readonly isAsync: boolean;
  readonly name: string;
  readonly parameters: readonly {
    readonly name: string;
    readonly type: string;
    readonly hasQuestionToken?: boolean;
  }[];
  readonly returnType: string;
  readonly statements: readonly string[];
  readonly docs?: readonly string[];
  readonly leadingTrivia?: string;
}

/** One statement of a module: a structure, or text written as is. */
export type Statement =
  | string
  | ImportStructure
  | ConstStructure
  | TypeAliasStructure
  | InterfaceStructure
  | FunctionStructure;

type Writer = CodeBlockWriter;
type WriterClass = typeof CodeBlockWriter;

let writerClass: WriterClass | undefined;
function newWriter(): Writer {
  // ts-morph's copy of code-block-writer, so that both printers run the same writer.
  writerClass ??= (
    createRequire(createRequire(import.meta.url).resolve("ts-morph"))("code-block-writer") as {
      default: WriterClass;
    }
  ).default;
  return new writerClass({ indentNumberOfSpaces: 2, useTabs: false, newLine: "\n", useSingleQuote: false });
}

/** Thrown when a list item's comma needs the TypeScript scanner: ts-morph prints the module. */
class NeedsTsMorph extends Error {}

const WHITESPACE = new Set(
  [" ", "\f", "\n", "\r", "\t", "\v", "\u00A0", "\u2028", "\u2029"].map((c) => c.charCodeAt(0)),
);
const isBlank = (text: string) => [...text].every((c) => WHITESPACE.has(c.charCodeAt(0)));

/** Prints a module: `header` (leading trivia) and the statements, as ts-morph prints a source file. */
export function printStatements(statements: readonly Statement[], header: string): string {
  try {
    const w = newWriter();
    if (header) {
      w.write(header);
      if (w.isInComment()) w.closeComment();
    }
    w.closeComment();
    statementList(w, statements);
    w.conditionalNewLine(!w.isAtStartOfFirstLineOfBlock() && !w.isLastNewLine());
    return w.toString();
  } catch (error) {
    if (!(error instanceof NeedsTsMorph)) throw error;
    return viaTsMorph(statements, header);
  }
}

function lastNonBlankIsCloseBrace(w: Writer): boolean {
  return (
    w.iterateLastCharCodes((code) => (code === 125 ? true : WHITESPACE.has(code) ? undefined : false)) ||
    false
  );
}

function statementList(w: Writer, statements: readonly Statement[]): void {
  for (const s of statements) {
    if (lastNonBlankIsCloseBrace(w)) w.blankLineIfLastNot();
    else if (!w.isAtStartOfFirstLineOfBlock()) w.newLineIfLastNot();
    statement(w, s);
  }
}

function statement(w: Writer, s: Statement): void {
  if (typeof s === "string") {
    w.write(s);
    return;
  }
  if ((s.kind === "function" || s.kind === "interface") && !w.isAtStartOfFirstLineOfBlock()) {
    w.blankLineIfLastNot();
  }
  node(w, s.leadingTrivia, () => {
    if (s.kind === "import") importDecl(w, s);
    else if (s.kind === "const") constDecl(w, s);
    else if (s.kind === "type") typeAlias(w, s);
    else if (s.kind === "interface") iface(w, s);
    else fn(w, s);
  });
}

/** ts-morph's NodePrinter.printText: leading trivia, a comment left open closed, the node. */
function node(w: Writer, leadingTrivia: string | undefined, internal: () => void): void {
  if (leadingTrivia) {
    w.write(leadingTrivia);
    if (w.isInComment()) w.closeComment();
  }
  w.closeComment();
  internal();
}

function docs(w: Writer, texts: readonly string[] | undefined): void {
  for (const text of texts ?? []) {
    node(w, undefined, () => {
      const lines = text.split(/\r?\n/);
      const single = lines.length <= 1;
      const start = lines[0]!.length === 0 ? 1 : 0;
      w.write("/**");
      if (single) w.space();
      else w.newLine();
      if (single) w.write(lines[start]!);
      else {
        for (let i = start; i < lines.length; i++) {
          w.write(" *");
          if (lines[i]!.length > 0) w.write(` ${lines[i]}`);
          w.newLine();
        }
      }
      w.spaceIfLastNot();
      w.write("*/");
    });
    w.newLine();
  }
}

function textOf(text: string): string {
  return newWriter().write(text).toString();
}

function typed(w: Writer, type: string | undefined, separator: string, alwaysWrite = false): void {
  if (type === undefined && !alwaysWrite) return;
  const text = textOf(type ?? "any");
  if (!isBlank(text)) w.hangingIndent(() => w.write(`${separator} ${text}`));
}

function initializer(w: Writer, init: string): void {
  const text = textOf(init);
  if (!isBlank(text)) {
    w.hangingIndent(() => {
      w.spaceIfLastNot();
      w.write(`= ${text}`);
    });
  }
}

/**
 * A comma-separated list; ts-morph places each comma after the item's last token (by the scanner),
 * which is the item's end when it is printable ASCII without a comment, quote, comma or trailing blank.
 */
function commaList<T>(w: Writer, items: readonly T[], print: (item: T) => void): void {
  const ends: number[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0) w.spaceIfLastNot();
    const start = w.getLength();
    print(items[i]!);
    const text = w.toString().slice(start);
    // Printable ASCII without quotes, slashes (comments), a trailing blank or a comma of its own (ts-morph
    // then places the separators elsewhere): the last token ends the text.
    if (items.length > 1 && (text === "" || /[^\x20-\x7e]|[/`'",]/.test(text) || text.endsWith(" ")))
      throw new NeedsTsMorph();
    ends.push(start + text.length);
  }
  for (let i = ends.length - 2; i >= 0; i--) w.unsafeInsert(ends[i]!, ",");
}

function importDecl(w: Writer, s: ImportStructure): void {
  const named = s.namedImports.length > 0;
  w.write("import");
  if (s.isTypeOnly) w.write(" type");
  if (named) {
    w.space();
    w.write("{");
    const sw = newWriter();
    commaList(sw, s.namedImports, (spec) =>
      node(sw, undefined, () => {
        const inner = newWriter();
        inner.queueIndentationLevel(1);
        if (spec.isTypeOnly) sw.write("type ");
        inner.write(spec.name);
        sw.write(inner.toString());
      }),
    );
    const text = sw.toString();
    if (!text.startsWith("\n") && !text.startsWith("\r\n")) w.space();
    w.write(text);
    if (!text.endsWith("\n")) w.space();
    w.write("}");
  }
  w.conditionalWrite(named, " from");
  w.write(" ");
  w.quote(s.moduleSpecifier);
  w.write(";");
}

function constDecl(w: Writer, s: ConstStructure): void {
  docs(w, s.docs);
  w.hangingIndent(() => {
    if (s.isExported) w.write("export ");
    w.write("const ");
    node(w, undefined, () => {
      w.write(s.name);
      typed(w, s.type, ":");
      initializer(w, s.initializer);
    });
    w.write(";");
  });
}

function typeAlias(w: Writer, s: TypeAliasStructure): void {
  docs(w, s.docs);
  w.write("export ");
  w.write(`type ${s.name}`);
  typed(w, s.type, " =");
  w.write(";");
}

function iface(w: Writer, s: InterfaceStructure): void {
  docs(w, s.docs);
  w.write("export ");
  w.write(`interface ${s.name}`);
  if (s.typeParameters && s.typeParameters.length > 0) {
    w.write("<");
    commaList(w, s.typeParameters, (tp) =>
      node(w, undefined, () =>
        w.hangingIndent(() => {
          w.write(tp.name);
          if (tp.default !== undefined) {
            const text = textOf(tp.default);
            if (!isBlank(text)) w.write(` = ${text}`);
          }
        }),
      ),
    );
    w.write(">");
  }
  w.space();
  w.inlineBlock(() => {
    if (s.properties.length > 0 && !w.isAtStartOfFirstLineOfBlock()) w.newLine();
    s.properties.forEach((p, i) => {
      w.conditionalNewLine(i > 0);
      node(w, undefined, () => {
        if (p.isReadonly) w.write("readonly ");
        w.write(p.name);
        w.conditionalWrite(p.hasQuestionToken ?? false, "?");
        typed(w, p.type, ":");
        w.write(";");
      });
    });
  });
}

function fn(w: Writer, s: FunctionStructure): void {
  docs(w, s.docs);
  w.write("export ");
  if (s.isAsync) w.write("async ");
  w.write("function");
  if (!isBlank(s.name)) w.write(` ${s.name}`);
  w.write("(");
  if (s.parameters.length > 0) {
    w.hangingIndent(() =>
      commaList(w, s.parameters, (p) =>
        node(w, undefined, () => {
          w.write(p.name);
          w.conditionalWrite(p.hasQuestionToken ?? false, "?");
          typed(w, p.type, ":", p.hasQuestionToken ?? false);
        }),
      ),
    );
  }
  w.write(")");
  typed(w, s.returnType, ":");
  w.space().inlineBlock(() => statementList(w, s.statements));
}

/** The statements as ts-morph structures, printed by ts-morph (the reference this module follows). */
export function viaTsMorph(statements: readonly Statement[], header: string): string {
  const { StructureKind, VariableDeclarationKind, printStructure } = tsMorph();
  const structures = statements.map((s) => {
    if (typeof s === "string") return s;
    const { kind, ...rest } = s;
    const docs = "docs" in s && s.docs ? { docs: [...s.docs] } : {};
    switch (kind) {
      case "import":
        return { ...rest, kind: StructureKind.ImportDeclaration, namedImports: [...s.namedImports] };
      case "const":
        return {
          kind: StructureKind.VariableStatement,
          isExported: s.isExported,
          declarationKind: VariableDeclarationKind.Const,
          declarations: [{ name: s.name, ...(s.type ? { type: s.type } : {}), initializer: s.initializer }],
          ...docs,
          ...(s.leadingTrivia !== undefined ? { leadingTrivia: s.leadingTrivia } : {}),
        };
      case "type":
        return { ...rest, ...docs, kind: StructureKind.TypeAlias, isExported: true };
      case "interface":
        return {
          ...rest,
          ...docs,
          kind: StructureKind.Interface,
          isExported: true,
          properties: s.properties.map((p) => ({ ...p })),
          ...(s.typeParameters ? { typeParameters: s.typeParameters.map((t) => ({ ...t })) } : {}),
        };
      default:
        return {
          ...rest,
          ...docs,
          kind: StructureKind.Function,
          isExported: true,
          parameters: s.parameters.map((p) => ({ ...p })),
          statements: [...s.statements],
        };
    }
  });
  return printStructure(
    // biome-ignore lint/suspicious/noExplicitAny: the structures above are ts-morph's statement kinds
    { kind: StructureKind.SourceFile, statements: structures as any, leadingTrivia: header },
    { indentNumberOfSpaces: 2, newLine: "\n" },
  );
}
