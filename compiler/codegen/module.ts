import { type Code, LINE_WIDTH, render } from "./code.ts";
import {
  type ConstStructure,
  type FunctionStructure,
  type InterfaceStructure,
  type PropertySpec,
  printStatements,
  type Statement,
  type TypeAliasStructure,
} from "./print-structures.ts";
import type { ModuleScope } from "./scope.ts";

/**
 * Collects the statement structures of one module and prints them as ts-morph's `printStructure`
 * would (`print-structures.ts`). Initializers are laid out by `code.ts` and spliced in after printing
 * (the printer would add a hanging indent to every line of a multi-line initializer).
 */

const MARK = "\u0000";

/** Text that is safe inside a JSDoc comment. */
export function docText(text: string): string {
  return text.replaceAll(MARK, "").replaceAll("*/", "*\\/").replace(/\r\n?/g, "\n");
}

/** A parameter of a generated function. */
export interface ParamSpec {
  readonly name: string;
  readonly type: string;
  readonly optional?: boolean;
}

/** The statements of one generated module. */
export class ModuleBuilder {
  readonly scope: ModuleScope;
  readonly #statements: Statement[] = [];
  readonly #splices: string[] = [];
  #gap = false;

  constructor(scope: ModuleScope) {
    this.scope = scope;
  }

  /** Starts a new group: the next statement is preceded by a blank line. */
  gap(): this {
    this.#gap = true;
    return this;
  }

  /** `export const name: type = init;` (`init` laid out by `code.ts`). */
  constant(
    name: string,
    init: Code,
    options: { type?: string; docs?: string; exported?: boolean } = {},
  ): this {
    const exported = options.exported ?? true;
    const prefix = `${exported ? "export " : ""}const ${name}${options.type ? `: ${options.type}` : ""} = `;
    const statement: ConstStructure = {
      kind: "const",
      isExported: exported,
      name,
      ...(options.type ? { type: options.type } : {}),
      initializer: this.splice(render(init, "", prefix.length)),
      ...this.#docs(options.docs),
    };
    return this.#push(statement);
  }

  /** `export type name = type;` */
  typeAlias(name: string, type: string, docs?: string): this {
    const statement: TypeAliasStructure = {
      kind: "type",
      name,
      type: this.splice(type),
      ...this.#docs(docs),
    };
    return this.#push(statement);
  }

  /** `export interface name { … }` */
  iface(
    name: string,
    properties: readonly PropertySpec[],
    options: { docs?: string; typeParameters?: readonly { name: string; default?: string }[] } = {},
  ): this {
    const statement: InterfaceStructure = {
      kind: "interface",
      name,
      properties: [...properties],
      ...(options.typeParameters ? { typeParameters: [...options.typeParameters] } : {}),
      ...this.#docs(options.docs),
    };
    return this.#push(statement);
  }

  /** `export [async] function name(params): returnType { statements }`; statements are single lines or splices. */
  fn(
    name: string,
    params: readonly ParamSpec[],
    returnType: string,
    statements: readonly string[],
    options: { docs?: string; async?: boolean } = {},
  ): this {
    const parameters = params.map((p) => ({
      name: p.name,
      type: p.type,
      ...(p.optional ? { hasQuestionToken: true } : {}),
    }));
    const statement: FunctionStructure = {
      kind: "function",
      isAsync: options.async ?? false,
      name,
      parameters,
      returnType,
      statements: [...statements],
      ...this.#docs(options.docs),
    };
    return this.#push(statement);
  }

  /** A statement written as text (comments, marker regions). */
  statement(text: string): this {
    return this.#push(text);
  }

  /** A placeholder for text spliced in verbatim after printing (a line of its own in a body, or an initializer). */
  splice(text: string): string {
    this.#splices.push(text);
    return `${MARK}${this.#splices.length - 1}${MARK}`;
  }

  /** True when nothing but imports would be printed. */
  get empty(): boolean {
    return this.#statements.length === 0;
  }

  /** Prints the module: header, imports, statements; POSIX newlines, one trailing newline. */
  print(header: string): string {
    const imports = this.scope.imports();
    const statements: Statement[] = [...imports];
    for (const [i, s] of this.#statements.entries()) {
      statements.push(i === 0 && imports.length > 0 ? withBlankLine(s) : s);
    }
    const text = printStatements(statements, header);
    // One pass, so that spliced text (a user's body) is never scanned for placeholders itself.
    const spliced = wrapImports(text.replace(/\n{3,}/g, "\n\n")).replace(
      /^[ \t]*\u0000(\d+)\u0000\n|\u0000(\d+)\u0000/gm,
      (_, line: string | undefined, inline: string | undefined) => this.#splices[Number(line ?? inline)]!,
    );
    let end = spliced.length;
    while (end > 0 && spliced.charCodeAt(end - 1) === 10) end--;
    return `${spliced.slice(0, end)}\n`;
  }

  // A plain string, not `{ description }`: printed as is, without a scratch writer.
  #docs(docs: string | undefined): { docs?: string[] } {
    return docs === undefined || docs === "" ? {} : { docs: [docText(docs)] };
  }

  #push(statement: Statement): this {
    this.#statements.push(this.#gap && this.#statements.length > 0 ? withBlankLine(statement) : statement);
    this.#gap = false;
    return this;
  }
}

function withBlankLine(statement: Statement): Statement {
  if (typeof statement === "string") return statement.startsWith("\n") ? statement : `\n${statement}`;
  return statement.leadingTrivia === undefined ? { ...statement, leadingTrivia: "\n" } : statement;
}

/** Puts the names of an import longer than the line width on lines of their own. */
function wrapImports(text: string): string {
  return text.replace(
    /^(import (?:type )?)\{ ([^}\n]*) \}( from [^\n]*;)$/gm,
    (line, head: string, names: string, tail: string) =>
      line.length <= LINE_WIDTH
        ? line
        : `${head}{\n${names
            .split(", ")
            .map((n) => `  ${n},\n`)
            .join("")}}${tail}`,
  );
}
