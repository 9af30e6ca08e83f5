import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.ts";
import {
  formatDiagnostics,
  formatDiagnosticsJson,
  formatSummary,
  type SourceSet,
} from "../../compiler/diagnostics/render.ts";
import { type Io, stderrColor } from "../shared/io.ts";

/**
 * Prints diagnostics the way every `marrowc` command does: as JSON on stdout with `--json` (always an
 * array, possibly empty), otherwise rendered on stderr followed by the summary line.
 */
export function reportDiagnostics(
  io: Io,
  diagnostics: readonly Diagnostic[],
  sources: SourceSet,
  json: boolean,
): void {
  if (json) {
    io.stdout.write(formatDiagnosticsJson(diagnostics, sources));
    return;
  }
  if (diagnostics.length === 0) return;
  const color = stderrColor(io);
  io.stderr.write(formatDiagnostics(diagnostics, sources, { color }));
  io.stderr.write(`${formatSummary(diagnostics, { color })}\n`);
}

/** Writes a status line (progress, results) to stderr, prefixed with `marrowc: `. */
export function status(io: Io, message: string): void {
  io.stderr.write(`marrowc: ${message}\n`);
}

/** `1 file` / `2 files`. */
export function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
