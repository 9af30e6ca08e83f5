import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, posix } from "node:path";
import { describe, expect, it } from "vitest";
import { holdsUserCode, isGeneratedByMarrowc } from "../cli/marrowc/plan.ts";
import { compile } from "../compiler/index.ts";
import type { Source } from "../compiler/source.ts";

/**
 * `generated/` must be exactly what compiling `marrow/` gives (the same check as `marrowc build
 * --check`, in memory). When this fails, run `npm run marrow:build` and commit the result.
 */

function read(dir: string, ext: string, rel = dir): Map<string, string> {
  const out = new Map<string, string>();
  if (!existsSync(dir)) return out;
  for (const name of readdirSync(dir).sort()) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) for (const [k, v] of read(full, ext, rel)) out.set(k, v);
    else if (name.endsWith(ext))
      out.set(posix.relative(rel, full.split("\\").join("/")), readFileSync(full, "utf8"));
  }
  return out;
}

describe("generated/ is fresh", () => {
  it("equals the compilation of marrow/", () => {
    const sources: Source[] = [...read("marrow", ".marrow")].map(([path, text]) => ({
      path: `marrow/${path}`,
      text,
    }));
    const existing = read("generated", ".ts");
    // SmallCode's own generated code imports its runtime by path, as `npm run marrow:build` writes it:
    // the package name resolves to the compiled dist/ (package.json `exports`), not to the sources.
    const result = compile(sources, { existing, runtimeImport: "../runtime/index.ts" });
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.span.file}: ${d.code} ${d.message}`)).toEqual([]);
    const wanted = new Map(result.files.map((f) => [f.path, f.content]));
    const stale = [...existing].filter(
      ([p, text]) => !wanted.has(p) && isGeneratedByMarrowc(text) && !holdsUserCode(text),
    );
    expect(
      stale.map(([p]) => p),
      "stale generated files (run npm run marrow:build)",
    ).toEqual([]);
    for (const [path, content] of wanted) {
      expect(existing.get(path), `generated/${path} is out of date (run npm run marrow:build)`).toBe(content);
    }
  });
});
