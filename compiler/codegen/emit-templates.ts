import { createRequire } from "node:module";
import type Handlebars from "handlebars";
import { LRUCache } from "lru-cache";
import { takeParsedHandlebars } from "../check/template-errors.ts";
import { genCodes } from "../diagnostics/codes-gen.ts";
import { diag } from "../diagnostics/diagnostic.ts";
import type { FileIR, PromptIR, TextTemplateIR } from "../ir.ts";
import { scoped } from "../scoped.ts";
import { raw, str } from "./code.ts";
import type { GenContext } from "./context.ts";
import type { ModuleBuilder } from "./module.ts";
import { ident } from "./names.ts";
import { prose } from "./text.ts";

/**
 * The `<stem>.templates.ts` module: one exported template function per prompt text, so that the
 * prompt module stays readable. Texts with Handlebars tags are precompiled at build time and turned
 * into functions by the runtime's `template()`; plain texts become functions returning the text.
 *
 *     export const classifyTaskTypeUser = template({"compiler":[8,">= 4.3.0"],"main":function(…) {…}});
 *     export const classifyTaskTypeSystem: TemplateFn = () => "You label a coding request…";
 *
 * Templates are compiled with `noEscape`: prompts are not HTML, and `<`, `&` and quotes must reach
 * the model as written.
 */
export function emitTemplates(file: FileIR, out: ModuleBuilder, ctx: GenContext): void {
  for (const prompt of file.prompts) {
    if (prompt.system) emitText(prompt, prompt.system, "system", out, ctx);
    if (prompt.template.kind === "text") emitText(prompt, prompt.template, "user", out, ctx);
  }
}

/** True when a file has any prompt text, i.e. needs a templates module. */
export function hasTemplates(file: FileIR): boolean {
  return file.prompts.some((p) => p.system || p.template.kind === "text");
}

function emitText(
  prompt: PromptIR,
  text: TextTemplateIR,
  which: "system" | "user",
  out: ModuleBuilder,
  ctx: GenContext,
): void {
  const name = ident.template(prompt.name, which);
  const context = { which, name: prompt.name, ...prompt.source };
  if (!text.text.includes("{{")) {
    const type = out.scope.rtType("TemplateFn");
    out.gap().constant(name, raw(`() => ${str(text.text)}`), { type, docs: prose("templateDoc", context) });
    return;
  }
  const compiled = precompile(text.text);
  if (typeof compiled !== "string") {
    ctx.report(
      diag(
        genCodes.MRW3003,
        text.span,
        `the ${which} template of prompt \`${prompt.name}\` could not be precompiled`,
        {
          label: compiled.message.split("\n")[0] ?? "",
          hint: "correct the template; every `{{#block}}` needs its `{{/block}}`",
        },
      ),
    );
    return;
  }
  out.gap().constant(name, raw(`${out.scope.rt("template")}(${compiled})`), {
    docs: prose("templateDoc", { ...context, text: text.text.replace(/\s+$/, "") }),
  });
}

/** Precompiled templates by text (many prompts share their texts). */
const cache = new LRUCache<string, string>({ max: 4096 });

/**
 * Precompiled texts kept outside the process: `marrowc build`'s cache hands over those a unit
 * precompiled last time and keeps those it uses now, so that a rebuild loads Handlebars' compiler
 * (with the runtime and source-map, ≈ 25 ms of CPU) only for a text it never compiled.
 */
export interface PrecompiledStore {
  /** The precompiled output of `text`, when known. */
  get(text: string): string | undefined;
  /** Told of every text precompiled (or found) while the store is in use, with its output. */
  used(text: string, compiled: string): void;
}

const store = scoped<PrecompiledStore>();

/** Runs `fn` with `s` as the {@link PrecompiledStore} (one unit's generation). */
export function withPrecompiledStore<T>(s: PrecompiledStore, fn: () => T): T {
  return store.run(s, fn);
}

const load = createRequire(import.meta.url);
let handlebars: typeof Handlebars | undefined;

/** Handlebars' precompiled JavaScript for a text, memoized by text; an Error when Handlebars rejects it. */
export function precompile(text: string): string | Error {
  const hit = cache.get(text) ?? store.current()?.get(text);
  if (hit !== undefined) {
    cache.set(text, hit);
    store.current()?.used(text, hit);
    return hit;
  }
  let compiled: string;
  try {
    handlebars ??= load("handlebars") as typeof Handlebars;
    // The checker has parsed the text already: reuse its AST (precompile accepts a parsed Program).
    const ast = takeParsedHandlebars(text) as Parameters<typeof Handlebars.precompile>[0] | undefined;
    compiled = String(handlebars.precompile(ast ?? text, { noEscape: true }));
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
  cache.set(text, compiled);
  store.current()?.used(text, compiled);
  return compiled;
}
