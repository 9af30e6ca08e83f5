import { genCodes } from "../diagnostics/codes-gen.ts";
import { type Diagnostic, diag } from "../diagnostics/diagnostic.ts";
import type { FileIR, IR } from "../ir.ts";
import type { Span } from "../source.ts";
import { GenContext, modulePath } from "./context.ts";
import { ExistingRegions, orphanOnlyPaths } from "./emit-extensions.ts";
import { emitExtensionsFile, emitFile, type GeneratedFile } from "./emit-file.ts";
import { emitIndex, emitIndexBody, withIndexHeader } from "./emit-index.ts";

export type { GenContext } from "./context.ts";
export type { ExistingRegions } from "./emit-extensions.ts";
export type { GeneratedFile } from "./emit-file.ts";
export { changedFiles, holdsWrittenCode, staleFiles } from "./write.ts";

/** Options of {@link generate}. */
export interface GenerateOptions {
  /** Module specifier generated code imports the runtime from; default `"smallcode/runtime"`. */
  readonly runtimeImport?: string;
  /**
   * Current contents of the generated files, keyed by path relative to the output directory
   * (`agent.extensions.ts`), so that extension point bodies survive a rebuild.
   */
  readonly existing?: ReadonlyMap<string, string>;
  /** The output directory as users see it, for messages and stubs; default `"generated"`. */
  readonly outDir?: string;
  /** Lets a cache answer units it generated before (`marrowc build`); default: generate every unit. */
  readonly units?: UnitHook;
}

/**
 * Generates one unit (a source file's modules, or `index.ts`) on behalf of {@link generate}: `input`
 * is what the unit is made of besides the shared context (the file's IR; the main modules, for the
 * index), `emit` generates it with the context and regions it is given. A cache may answer from a
 * previous run instead, replaying the unit's diagnostics through `ctx.report`, when nothing the unit
 * read has changed; the context is the only way a unit sees other units.
 */
export interface UnitHook {
  unit(
    id: string,
    input: FileIR | readonly string[],
    ctx: GenContext,
    existing: ExistingRegions,
    emit: (ctx: GenContext, existing: ExistingRegions) => GeneratedFile[],
  ): GeneratedFile[];
}

/** What {@link generate} returns: files sorted by path, and MRW3xxx diagnostics. */
export interface GenerateResult {
  readonly files: GeneratedFile[];
  readonly diagnostics: Diagnostic[];
}

/**
 * Generates the TypeScript modules for a lowered program: per source file `<stem>.ts` (plus
 * `<stem>.templates.ts` and `<stem>.extensions.ts` when needed) and the `index.ts` barrel. Pure: no
 * I/O, and byte-identical output for identical input. Problems are diagnostics; an error means the
 * files must not be written.
 */
export function generate(ir: IR, options: GenerateOptions = {}): GenerateResult {
  const ctx = new GenContext(ir, {
    runtimeImport: options.runtimeImport ?? "smallcode/runtime",
    outDir: (options.outDir ?? "generated").replace(/\/+$/, "") || ".",
    existing: options.existing ?? new Map(),
  });
  for (const issue of ir.issues) {
    ctx.report(
      diag(genCodes.MRW3005, issue.span, issue.message, {
        hint: "correct the reference; a check should have reported this (please report it)",
      }),
    );
  }
  const existing = new ExistingRegions(ctx.options.existing);
  for (const [path, problem] of existing.broken) {
    ctx.report(
      diag(genCodes.MRW3006, spanFor(path, ir), `${ctx.options.outDir}/${path}: ${problem}`, {
        hint: "restore the missing marker comment; marrowc will not rewrite this file until its markers balance",
      }),
    );
  }

  const files: GeneratedFile[] = [];
  const owners = new Map<string, string>();
  for (const file of ir.files) {
    const span: Span = { file: file.path, start: 0, end: 0 };
    if (file.stem === "index") {
      ctx.report(
        diag(
          genCodes.MRW3002,
          span,
          `\`${file.path}\` would be generated as \`index.ts\`, which marrowc writes itself`,
          {
            hint: "rename the file",
          },
        ),
      );
      continue;
    }
    const outs = options.units
      ? options.units.unit(`file:${file.path}`, file, ctx, existing, (c, e) => emitFile(file, c, e))
      : emitFile(file, ctx, existing);
    for (const out of outs) {
      const owner = owners.get(out.path);
      if (owner !== undefined) {
        ctx.report(
          diag(
            genCodes.MRW3002,
            span,
            `\`${file.path}\` and \`${owner}\` would both be generated as \`${out.path}\``,
            {
              hint: "rename one of the files",
            },
          ),
        );
        continue;
      }
      owners.set(out.path, file.path);
      files.push(out);
    }
  }
  for (const path of orphanOnlyPaths(existing, new Set(owners.keys()), ctx)) {
    files.push(emitExtensionsFile(path.slice(0, -".extensions.ts".length), undefined, ctx, existing));
  }
  const mains = ir.files
    .filter((f) => owners.get(modulePath.main(f.stem)) === f.path)
    .map((f) => modulePath.main(f.stem));
  files.push(
    ...(options.units
      ? options.units
          .unit("index", mains, ctx, existing, (c) => [emitIndexBody(c, mains)])
          .map((body) => withIndexHeader(ir, body))
      : [emitIndex(ctx, mains)]),
  );
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, diagnostics: ctx.diagnostics };
}

function spanFor(path: string, ir: IR): Span {
  const stem = path.slice(0, -".extensions.ts".length);
  const file = ir.files.find((f) => f.stem === stem) ?? ir.files[0];
  return { file: file?.path ?? path, start: 0, end: 0 };
}
