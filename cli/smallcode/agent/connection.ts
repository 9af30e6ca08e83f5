import type { Runtime, RuntimeOptions } from "../../../runtime/index.ts";

/**
 * Connection settings (base URL, model names, API key) of a `SmallCode` instance. Each run gets a
 * runtime of its own: the instance's base runtime (the default one, or one given to the instance)
 * derived with these settings, so that instances with different endpoints run side by side and
 * never see each other's values. Settings an instance leaves out keep what its base runtime says
 * (`createRuntime` / `configureRuntime` options, then the environment).
 */

/** The four settings, as `SmallCodeOptions` spells them. */
export interface Connection {
  readonly baseUrl?: string | undefined;
  readonly model?: string | undefined;
  readonly modelStrong?: string | undefined;
  readonly apiKey?: string | undefined;
}

/** The runtime options `c` stands for (`strongModel` defaults to the model when nothing sets it). */
export function connectionPatch(base: Runtime, c: Connection): RuntimeOptions {
  const patch: { -readonly [K in keyof RuntimeOptions]: RuntimeOptions[K] } = {};
  if (c.baseUrl !== undefined) patch.baseUrl = c.baseUrl;
  if (c.model !== undefined) patch.model = c.model;
  if (c.modelStrong !== undefined) patch.strongModel = c.modelStrong;
  if (c.apiKey !== undefined) patch.apiKey = c.apiKey;
  const lookup = (name: string) => {
    const own = { SMALLCODE_MODEL: patch.model, SMALLCODE_MODEL_STRONG: patch.strongModel }[name];
    const value = own ?? base.lookupVar(name);
    return value === "" ? undefined : value;
  };
  // SMALLCODE_MODEL_STRONG defaults to SMALLCODE_MODEL when nothing sets it
  if (lookup("SMALLCODE_MODEL_STRONG") === undefined) {
    const model = lookup("SMALLCODE_MODEL");
    if (model !== undefined) patch.strongModel = model;
  }
  return patch;
}

/** The runtime a run with settings `c` uses: `base` itself when `c` changes nothing, else derived from it. */
export function connectionRuntime(base: Runtime, c: Connection): Runtime {
  const patch = connectionPatch(base, c);
  return Object.keys(patch).length === 0 ? base : base.derive(patch);
}
