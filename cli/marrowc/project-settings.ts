import { readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The runtime import a project declares for its generated code: `"marrowc": { "runtimeImport": "…" }`
 * in the package.json of the directory marrowc runs in. A flag still wins; without either, the compiler's
 * default (`smallcode/runtime`) applies. A project that is the runtime itself (SmallCode's own checkout)
 * names it by path here, so a plain `marrowc build --check` agrees with the project's scripts.
 */
export function declaredRuntimeImport(cwd: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(join(cwd, "package.json"), "utf8");
  } catch {
    return undefined; // no package.json: not a declaration
  }
  try {
    const value = (JSON.parse(text) as { marrowc?: { runtimeImport?: unknown } }).marrowc?.runtimeImport;
    return typeof value === "string" && value !== "" ? value : undefined;
  } catch {
    return undefined; // a broken package.json is npm's to report, not the compiler's
  }
}
