import type { CodeInfo } from "./catalog.ts";
import { checkCodes } from "./codes-check.ts";
import { compileCodes } from "./codes-compile.ts";
import { genCodes } from "./codes-gen.ts";
import { originalCodes } from "./codes-original.ts";
import { syntaxCodes } from "./codes-syntax.ts";

export type { CodeInfo } from "./catalog.ts";

/** The one catalog of diagnostic codes, keyed by code. */
export const codes: Readonly<Record<string, CodeInfo>> = {
  ...syntaxCodes,
  ...checkCodes,
  ...originalCodes,
  ...compileCodes,
  ...genCodes,
};

export function codeInfo(code: string): CodeInfo | undefined {
  return codes[code.toUpperCase()];
}
