import type { FileIR, ModelIR, RouterIR } from "../ir.ts";
import { arr, call, num, obj, type Prop, prop, str } from "./code.ts";
import type { ModuleBuilder } from "./module.ts";
import { ident } from "./names.ts";
import type { ModuleScope } from "./scope.ts";
import { prose } from "./text.ts";

/**
 * Models and routers.
 *
 *     export const tinyClassifier = Object.freeze<ModelSpec>({ name: "TinyClassifier", … });
 *     export const codingRouter = Object.freeze<RouterSpec>({ name: "coding_router", tiers: […], … });
 *     export function routeCodingRouter(value: unknown): ModelSpec { … }
 */
export function emitModels(file: FileIR, out: ModuleBuilder): void {
  for (const model of file.models) emitModel(model, out);
  for (const router of file.routers) emitRouter(router, out);
}

/** `source: { file, line }` */
export function sourceProp(decl: {
  readonly source: { readonly file: string; readonly line: number };
}): Prop {
  return prop("source", obj([prop("file", str(decl.source.file)), prop("line", num(decl.source.line))]));
}

function emitModel(model: ModelIR, out: ModuleBuilder): void {
  const type = out.scope.rtType("ModelSpec");
  const optional = (key: string, value: string | undefined) => value !== undefined && prop(key, value);
  const spec = obj(
    [
      prop("name", str(model.name)),
      prop("provider", str(model.provider)),
      prop("endpoint", str(model.endpoint)),
      prop("model", str(model.model)),
      prop("apiKey", str(model.apiKey)),
      prop("contextWindow", num(model.contextWindow)),
      optional("maxOutput", model.maxOutput === undefined ? undefined : num(model.maxOutput)),
      optional("temperature", model.temperature === undefined ? undefined : num(model.temperature)),
      optional("topP", model.topP === undefined ? undefined : num(model.topP)),
      optional("stop", model.stop === undefined ? undefined : `[${model.stop.map(str).join(", ")}]`),
      optional("costClass", model.costClass === undefined ? undefined : str(model.costClass)),
      optional("latencyClass", model.latencyClass === undefined ? undefined : str(model.latencyClass)),
      prop("toolFormat", str(model.toolFormat)),
      optional("modelFile", model.modelFile === undefined ? undefined : str(model.modelFile)),
      optional("modelSource", model.modelSource === undefined ? undefined : str(model.modelSource)),
      optional("threads", model.threads === undefined ? undefined : num(model.threads)),
      optional("gpuLayers", model.gpuLayers === undefined ? undefined : num(model.gpuLayers)),
      optional("grammar", model.grammar === undefined ? undefined : str(model.grammar)),
      sourceProp(model),
    ],
    true,
  );
  const docs = prose("declDoc", { what: "Model", name: model.name, ...model.source, doc: model.doc });
  out.gap().constant(ident.model(model.name), call(`Object.freeze<${type}>`, spec), { docs });
}

/** A reference to a model, as a property that is a getter when the reference must be lazy. */
function modelProp(key: string, name: string, scope: ModuleScope): Prop | undefined {
  const { value, lazy } = scope.track(() => scope.use("model", name));
  return value === undefined ? undefined : prop(key, value, lazy);
}

function emitRouter(router: RouterIR, out: ModuleBuilder): void {
  const scope = out.scope;
  const type = scope.rtType("RouterSpec");
  const tiers = router.tiers.map((tier) =>
    obj([
      prop("name", str(tier.name)),
      tier.max !== undefined && prop("max", num(tier.max)),
      modelProp("model", tier.model, scope),
    ]),
  );
  const spec = obj(
    [
      prop("name", str(router.name)),
      prop("by", `[${router.by.map(str).join(", ")}]`),
      prop("tiers", arr(tiers, true)),
      prop("onLowConfidence", str(router.onLowConfidence)),
      router.confidenceThreshold !== undefined &&
        prop("confidenceThreshold", num(router.confidenceThreshold)),
      router.fallback !== undefined && modelProp("fallback", router.fallback, scope),
      sourceProp(router),
    ],
    true,
  );
  const docs = prose("declDoc", { what: "Router", name: router.name, ...router.source, doc: router.doc });
  out.gap().constant(ident.router(router.name), call(`Object.freeze<${type}>`, spec), { docs });
  out
    .gap()
    .fn(
      ident.route(router.name),
      [{ name: "value", type: "unknown" }],
      scope.rtType("ModelSpec"),
      routeBody(router, scope),
      {
        docs: prose("routeDoc", { name: router.name, by: router.by.join("."), ...router.source }),
      },
    );
}

/** `if (value <= max) return model;` per tier; the last tier (and a missing value) takes the rest. */
function routeBody(router: RouterIR, scope: ModuleScope): string[] {
  const models = router.tiers.map((t) => scope.use("model", t.model) ?? "undefined");
  const last =
    models[models.length - 1] ??
    (router.fallback !== undefined ? scope.use("model", router.fallback) : undefined);
  if (last === undefined) return [`throw new Error(${str(`router \`${router.name}\` has no tiers`)});`];
  const lines = [`if (typeof value !== "number" || Number.isNaN(value)) return ${last};`];
  router.tiers.forEach((tier, i) => {
    if (i < router.tiers.length - 1 && tier.max !== undefined)
      lines.push(`if (value <= ${num(tier.max)}) return ${models[i]};`);
  });
  lines.push(`return ${last};`);
  return lines;
}
