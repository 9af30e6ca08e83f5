import { codeInfo, codes } from "../../compiler/diagnostics/codes.ts";
import { didYouMean } from "../../compiler/diagnostics/suggest.ts";
import type { Io } from "../shared/io.ts";

/** Normalises what a user types for a code: `mrw2003`, `2003`, ` MRW2003 ` → `MRW2003`. */
export function normaliseCode(input: string): string {
  const t = input.trim().toUpperCase();
  return /^\d{4}$/.test(t) ? `MRW${t}` : t;
}

/** The text `marrowc explain CODE` prints for a known code. */
export function explanationText(code: string): string | undefined {
  const info = codeInfo(normaliseCode(code));
  if (!info) return undefined;
  return `${info.code} (${info.severity}): ${info.title}\n\n${info.explanation.trim()}\n`;
}

/** `marrowc explain CODE`: the long explanation on stdout; an unknown code is a usage error (exit 2). */
export function explainCommand(code: string, io: Io): number {
  const text = explanationText(code);
  if (text !== undefined) {
    io.stdout.write(text);
    return 0;
  }
  const normalised = normaliseCode(code);
  const suggestions = didYouMean(normalised, Object.keys(codes));
  const hint =
    suggestions.length > 0 ? ` (did you mean ${suggestions.map((s) => `\`${s}\``).join(", ")}?)` : "";
  io.stderr.write(`marrowc: error: unknown diagnostic code \`${code.trim()}\`${hint}\n`);
  if (!/^MRW\d{4}$/.test(normalised)) io.stderr.write("codes look like MRW2003\n");
  return 2;
}
