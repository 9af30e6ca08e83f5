import type { CheckContext } from "./context.ts";

/**
 * Names of the `capability` declarations of the original grammar (parsed and skipped, MRW1015) in the
 * files compiled together. A prompt's `tools:` of the original may name one; it is no tool here.
 */
export function capabilityNames(ctx: CheckContext): ReadonlySet<string> {
  return ctx.project.capabilities;
}

/** True when `name` is a capability and no tool: a `tools:` entry of the original grammar. */
export function isCapabilityTool(ctx: CheckContext, name: string): boolean {
  return !ctx.symbols.byKind.tool.has(name) && capabilityNames(ctx).has(name);
}
