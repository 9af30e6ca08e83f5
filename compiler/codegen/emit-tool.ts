import type { FileIR, ToolIR } from "../ir.ts";
import { arr, call, obj, prop, raw, str } from "./code.ts";
import { sourceProp } from "./emit-model.ts";
import type { ModuleBuilder } from "./module.ts";
import { ident } from "./names.ts";
import { objectSchema, toolParamZodOf, tsTypeOf } from "./schema.ts";
import { prose } from "./text.ts";

/**
 * Tools: the arguments interface a hand-written implementation receives, the zod schema that validates
 * a model's arguments into it, and the spec with the JSON schema a model sees.
 *
 *     export interface ReadFileArgs { readonly path: string; readonly start_line?: number }
 *     export const readFileParams = z.object({ path: toolArg.requiredString(), … });
 *     export const readFileTool = Object.freeze<ToolSpec>({ name: "read_file", parameters: {…}, … });
 *
 * The registry, the `ToolName` union, `toolCategories` and `ToolImplementations` span all files and
 * live in `index.ts` (see emit-index.ts).
 */
export function emitTools(file: FileIR, out: ModuleBuilder): void {
  for (const tool of file.tools) emitTool(tool, out);
}

function emitTool(tool: ToolIR, out: ModuleBuilder): void {
  const scope = out.scope;
  const properties = tool.params.map((p) => {
    const optional = p.type.kind === "optional";
    const type = optional && p.type.kind === "optional" ? p.type.item : p.type;
    return { name: p.name, type: tsTypeOf(type, scope), hasQuestionToken: optional, isReadonly: true };
  });
  out.gap().iface(ident.toolArgs(tool.name), properties, { docs: `Arguments of the tool \`${tool.name}\`.` });
  const empty = new Set(tool.mayBeEmpty ?? []);
  const params = obj(
    tool.params.map((p) => prop(p.name, raw(toolParamZodOf(p.type, empty.has(p.name), scope)))),
    true,
  );
  out.gap().constant(ident.toolParams(tool.name), call(`${scope.rt("z")}.object`, params), {
    docs: `The arguments of \`${tool.name}\`, validated the forgiving way (the runtime's \`toolArg\`).`,
  });
  const aliases = tool.aliases.map((a) => prop(a.param, arr(a.names.map((n) => raw(str(n))))));
  const spec = obj(
    [
      prop("name", str(tool.name)),
      prop("description", str(tool.description)),
      prop("category", str(tool.category)),
      prop("parameters", objectSchema(tool.params, scope.ctx, new Set(), true)),
      prop("aliases", obj(aliases, aliases.length > 0)),
      sourceProp(tool),
    ],
    true,
  );
  const docs = [
    tool.description,
    prose("declDoc", { what: "Tool", name: tool.name, ...tool.source, doc: tool.doc }),
  ]
    .filter((s) => s !== "")
    .join("\n\n");
  out
    .gap()
    .constant(ident.tool(tool.name), call(`Object.freeze<${scope.rtType("ToolSpec")}>`, spec), { docs });
}
