/**
 * Writes enums.json: the TypeScript enums (and version) that ts-morph reads while printing structures, from the
 * TypeScript bundled in the installed @ts-morph/common. Run it after upgrading ts-morph:
 * `node compiler/codegen/typescript-standin/save-enums.ts` (a test says when it is due).
 */
import { statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** The values ts-morph reads at load time and while printing structures: its enums and `version`. */
const VALUE_NAMES = [
  "DiagnosticCategory",
  "EmitHint",
  "LanguageVariant",
  "ModuleKind",
  "ModuleResolutionKind",
  "NewLineKind",
  "NodeFlags",
  "ObjectFlags",
  "ScriptKind",
  "ScriptTarget",
  "SymbolFlags",
  "SyntaxKind",
  "TypeFlags",
  "TypeFormatFlags",
  "version",
] as const;

/** What enums.json holds for the installed @ts-morph/common. */
export function enumsData(): {
  commonVersion: string;
  typescriptBytes: number;
  values: Record<string, unknown>;
} {
  const fromTsMorph = createRequire(createRequire(import.meta.url).resolve("ts-morph"));
  const fromCommon = createRequire(fromTsMorph.resolve("@ts-morph/common"));
  const ts = fromCommon("./typescript") as Record<string, unknown>;
  const commonVersion = (fromCommon("../package.json") as { version: string }).version;
  // Patch releases of @ts-morph/common often ship the very same compiler: an installed package whose
  // dependencies resolve to a newer patch still matches by the compiler file's size.
  const typescriptBytes = statSync(fromCommon.resolve("./typescript")).size;
  const values = Object.fromEntries(VALUE_NAMES.map((name) => [name, ts[name]]));
  return { commonVersion, typescriptBytes, values };
}

export const ENUMS_PATH = fileURLToPath(new URL("enums.json", import.meta.url));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(ENUMS_PATH, `${JSON.stringify(enumsData(), null, 2)}\n`);
}
