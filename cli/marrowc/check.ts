import type { Io } from "../shared/io.ts";
import type { ParsedArgs } from "./args.ts";
import { DEFAULT_INPUT } from "./args.ts";
import { findInputs, fsResolveImport, readSource } from "./files.ts";
import { count, reportDiagnostics, status } from "./report.ts";

/**
 * `marrowc check`: parse and check, no code generation. Only the front end is loaded (never the code
 * generator or TypeScript), so this stays fast enough for an editor's save hook.
 */
export async function checkCommand(args: Extract<ParsedArgs, { command: "check" }>, io: Io): Promise<number> {
  const files = findInputs(io.cwd, args.inputs, DEFAULT_INPUT);
  const sources = files.map((f) => readSource(io.cwd, f));
  const { analyze } = await import("../../compiler/analyze.ts");
  const analysis = analyze(sources, { resolveImport: fsResolveImport(io.cwd) });
  reportDiagnostics(io, analysis.diagnostics, analysis.sources, args.json);
  const errors = analysis.diagnostics.some((d) => d.severity === "error");
  if (!args.json && analysis.diagnostics.length === 0) {
    status(io, `${count(analysis.sources.length, "file")} checked, no problems`);
  }
  return errors ? 1 : 0;
}
