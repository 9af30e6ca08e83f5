import type { IR } from "../ir.ts";
import { call, LINE_WIDTH, obj, prop, str } from "./code.ts";
import type { GenContext, SymbolKind } from "./context.ts";
import type { GeneratedFile } from "./emit-file.ts";
import { ModuleBuilder } from "./module.ts";
import { ModuleScope } from "./scope.ts";
import { prose } from "./text.ts";

/**
 * The `index.ts` barrel: re-exports every prompt module, and the registries keyed by declared name —
 * `prompts` (the specs, as `callPrompt` and `smallcode eval` need them), `models`, `routers`, `tools`,
 * `evaluations`, `policies` — plus the tool-wide `ToolName`, `toolCategories` and the
 * `ToolImplementations` interface that hand-written tools must satisfy.
 */
export function emitIndex(ctx: GenContext, modules: readonly string[]): GeneratedFile {
  return withIndexHeader(ctx.ir, emitIndexBody(ctx, modules));
}

/**
 * `index.ts` with its header: the header lists each source's sha256, which every edit changes, so
 * it is added outside the generated unit — an edit that renames nothing reuses the printed body.
 */
export function withIndexHeader(ir: IR, body: GeneratedFile): GeneratedFile {
  const header = prose("indexHeader", {
    sources: ir.files.map((f) => ({ path: f.path, sha256: f.sha256 ?? "unknown" })),
  });
  return { path: body.path, content: `${header}\n${body.content}` };
}

/** `index.ts` without its header ({@link withIndexHeader}). */
export function emitIndexBody(ctx: GenContext, modules: readonly string[]): GeneratedFile {
  const out = new ModuleBuilder(new ModuleScope(ctx, "index.ts", ""));
  const scope = out.scope;
  for (const module of [...modules].sort()) {
    out.statement(`export * from ${str(`./${module}`)};`);
  }
  const sorted = <T extends { name: string }>(items: Iterable<T>) =>
    [...items].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files = ctx.ir.files;
  const registry = (name: string, what: string, kind: SymbolKind, decls: readonly { name: string }[]) => {
    const props = sorted(decls).flatMap((d) => {
      const id = scope.use(kind, d.name);
      return id === undefined ? [] : [prop(d.name, id)];
    });
    out.gap().constant(name, call("Object.freeze", obj(props, props.length > 0)), {
      docs: `Every ${what}, keyed by its declared name.`,
    });
  };
  registry(
    "prompts",
    "prompt spec",
    "promptSpec",
    files.flatMap((f) => f.prompts),
  );
  registry(
    "models",
    "model",
    "model",
    files.flatMap((f) => f.models),
  );
  registry(
    "routers",
    "router",
    "router",
    files.flatMap((f) => f.routers),
  );
  registry(
    "tools",
    "tool",
    "tool",
    files.flatMap((f) => f.tools),
  );

  const tools = sorted(files.flatMap((f) => f.tools));
  const union = tools.map((t) => str(t.name)).join(" | ") || "never";
  const toolName =
    union.length + 25 <= LINE_WIDTH ? union : tools.map((t) => `\n  | ${str(t.name)}`).join("");
  out.gap().typeAlias("ToolName", toolName, "The declared tool names.");
  const categories = obj(
    tools.map((t) => prop(t.name, str(t.category))),
    tools.length > 0,
  );
  out
    .gap()
    .constant(
      "toolCategories",
      call(`Object.freeze<Record<ToolName, ${scope.rtType("ToolCategory")}>>`, categories),
      {
        docs: "The category of every tool, for two-stage tool routing.",
      },
    );
  const outcome = tools.length > 0 ? scope.rtType("ToolOutcome") : "";
  const members = tools.flatMap((t) => {
    const args = scope.use("toolArgs", t.name, true);
    return args === undefined
      ? []
      : [
          {
            name: t.name,
            type: `(args: ${args}, context: Context) => Promise<${outcome}>`,
            isReadonly: true,
          },
        ];
  });
  out.gap().iface("ToolImplementations", members, {
    docs:
      "The hand-written implementation of every declared tool: an object satisfying this interface fails\n" +
      "type-checking when a tool is missing or takes the wrong arguments. `Context` is what the caller\n" +
      "passes to every tool (working directory, abort signal, …).",
    typeParameters: [{ name: "Context", default: "void" }],
  });

  registry(
    "evaluations",
    "evaluation",
    "evaluation",
    files.flatMap((f) => f.evaluations),
  );
  registry(
    "policies",
    "policy",
    "policy",
    files.flatMap((f) => f.policies),
  );

  return { path: "index.ts", content: out.print("") };
}
