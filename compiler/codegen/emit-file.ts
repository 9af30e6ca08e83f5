import type { FileIR } from "../ir.ts";
import type { Span } from "../source.ts";
import { type GenContext, modulePath } from "./context.ts";
import { emitEvaluations } from "./emit-evaluation.ts";
import { type ExistingRegions, emitExtensions } from "./emit-extensions.ts";
import { emitModels } from "./emit-model.ts";
import { emitPolicies } from "./emit-policy.ts";
import { emitPrompts } from "./emit-prompt.ts";
import { emitTemplates, hasTemplates } from "./emit-templates.ts";
import { emitTools } from "./emit-tool.ts";
import { emitTypes } from "./emit-types.ts";
import { ModuleBuilder } from "./module.ts";
import { ModuleScope } from "./scope.ts";
import { prose } from "./text.ts";

/** A generated file; `path` is relative to the output directory. */
export interface GeneratedFile {
  readonly path: string;
  readonly content: string;
}

/**
 * The modules of one `.marrow` file: `<stem>.ts` (types, models, routers, tools, policies, prompts,
 * evaluations, in that order), `<stem>.templates.ts` when a prompt has a text, and
 * `<stem>.extensions.ts` when the file declares extension points.
 */
export function emitFile(file: FileIR, ctx: GenContext, existing: ExistingRegions): GeneratedFile[] {
  const header = { source: file.path, sha256: file.sha256 ?? "unknown", stem: file.stem };
  const out: GeneratedFile[] = [];

  const main = new ModuleBuilder(new ModuleScope(ctx, modulePath.main(file.stem), file.stem));
  emitTypes(file, main);
  emitModels(file, main);
  emitTools(file, main);
  emitPolicies(file, main);
  emitPrompts(file, main);
  emitEvaluations(file, main);
  out.push({ path: main.scope.path, content: main.print(`${prose("header", header)}\n`) });

  if (hasTemplates(file)) {
    const templates = new ModuleBuilder(new ModuleScope(ctx, modulePath.templates(file.stem), file.stem));
    emitTemplates(file, templates, ctx);
    out.push({
      path: templates.scope.path,
      content: templates.print(`${prose("templatesHeader", header)}\n`),
    });
  }

  if (file.extensionPoints.length > 0) {
    out.push(emitExtensionsFile(file.stem, file, ctx, existing));
  }
  return out;
}

/** An extensions module; `file` is undefined for a module kept only for its orphaned bodies. */
export function emitExtensionsFile(
  stem: string,
  file: FileIR | undefined,
  ctx: GenContext,
  existing: ExistingRegions,
): GeneratedFile {
  const ext = new ModuleBuilder(new ModuleScope(ctx, modulePath.extensions(stem), stem));
  const span: Span = {
    // The first file only for an orphans-only module: a unit's output must depend on its own file.
    file: file?.path ?? ctx.ir.files[0]?.path ?? `${ctx.options.outDir}/${ext.scope.path}`,
    start: 0,
    end: 0,
  };
  emitExtensions(file?.extensionPoints ?? [], ext, existing, span);
  const header = prose("extensionsHeader", {
    source: file?.path ?? "a removed .marrow file",
    sha256: file?.sha256 ?? "unknown",
  });
  return { path: ext.scope.path, content: ext.print(`${header}\n`) };
}
