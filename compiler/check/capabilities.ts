import type { CheckContext } from "./context.ts";

/**
 * Names of the `capability` declarations of the original grammar (parsed and skipped, MRW1015) in the
 * files compiled together. A prompt's `tools:` of the original may name one; it is no tool here.
 */
export function capabilityNames(ctx: CheckContext): ReadonlySet<string> {
  const memoized = ctx.memo.get(capabilityNames) as Set<string> | undefined;
  if (memoized) return memoized;
  const names = new Set<string>();
  for (const file of ctx.files) {
    for (const system of file.systems) {
      for (const decl of system.decls) {
        if (decl.kind === "Skipped" && decl.keyword.name === "capability" && decl.name)
          names.add(decl.name.name);
      }
    }
  }
  ctx.memo.set(capabilityNames, names);
  return names;
}

/** True when `name` is a capability and no tool: a `tools:` entry of the original grammar. */
export function isCapabilityTool(ctx: CheckContext, name: string): boolean {
  return !ctx.symbols.byKind.tool.has(name) && capabilityNames(ctx).has(name);
}
