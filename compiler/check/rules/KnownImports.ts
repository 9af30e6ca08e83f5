import { posix } from "node:path";
import type { ImportDecl } from "../../ast.ts";
import { checkCodes } from "../../diagnostics/codes-check.ts";
import { diag } from "../../diagnostics/diagnostic.ts";
import type { CheckContext } from "../context.ts";
import { suggestionHint } from "../report.ts";

/**
 * Every `import Name from "path.marrow"` names, relative to the importing file, one of the files
 * compiled together (MRW2096). How files are found is compile()'s business; this rule only checks
 * that the import resolves to a file it was given.
 */
export function KnownImportsRule(ctx: CheckContext): void {
  const paths = new Set(ctx.project.paths.map(normalize));
  for (const file of ctx.files) {
    const imports: ImportDecl[] = [...file.imports];
    for (const system of file.systems) for (const d of system.decls) if (d.kind === "Import") imports.push(d);
    for (const imp of imports) {
      const target = imp.from.value;
      const resolved = normalize(posix.join(posix.dirname(normalize(file.path)), target));
      if (paths.has(resolved) || paths.has(normalize(target))) continue;
      const self = normalize(file.path);
      const relative = [...paths]
        .filter((p) => p !== self)
        .map((p) => posix.relative(posix.dirname(self), p));
      const { hint, suggestions } = suggestionHint(
        ctx,
        target.replace(/^\.\//, ""),
        relative,
        "add the file to the compilation, or correct the path (it is relative to the importing file)",
      );
      ctx.report(
        diag(
          checkCodes.MRW2096,
          imp.from.span,
          `imported file \`${target}\` is not among the compiled files`,
          {
            label: "not compiled",
            hint,
            suggestions,
          },
        ),
      );
    }
  }
}

function normalize(path: string): string {
  return posix.normalize(path.replaceAll("\\", "/")).replace(/^\.\//, "");
}
