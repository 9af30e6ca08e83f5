import { resolve } from "node:path";
import type { Diagnostic } from "../../compiler/diagnostics/diagnostic.ts";
import type { Source } from "../../compiler/source.ts";
import type { Io } from "../shared/io.ts";
import type { ParsedArgs } from "./args.ts";
import { DEFAULT_INPUT } from "./args.ts";
import { findInputs, readSource, writeAtomic } from "./files.ts";
import { count, reportDiagnostics, status } from "./report.ts";

/**
 * `marrowc fmt`: rewrites files in canonical form with the syntax owner's printer. A file with syntax
 * errors is reported and never written. With `--check`, nothing is written; the unformatted files are
 * listed on stdout (one path per line) and the exit code is 1.
 */
export async function fmtCommand(args: Extract<ParsedArgs, { command: "fmt" }>, io: Io): Promise<number> {
  const files = findInputs(io.cwd, args.inputs, DEFAULT_INPUT);
  const [{ parse }, { print }] = await Promise.all([
    import("../../compiler/syntax/parse.ts"),
    import("../../compiler/print.ts"),
  ]);
  const errors: Diagnostic[] = [];
  const broken: Source[] = [];
  const unformatted: string[] = [];
  for (const file of files) {
    const source = readSource(io.cwd, file);
    const parsed = parse(source);
    const fileErrors = parsed.diagnostics.filter((d) => d.severity === "error");
    if (fileErrors.length > 0) {
      errors.push(...fileErrors);
      broken.push(source);
      continue;
    }
    const formatted = print(parsed.ast);
    if (formatted === source.text) continue;
    unformatted.push(source.path);
    if (!args.check) writeAtomic(resolve(io.cwd, source.path), formatted);
  }
  reportDiagnostics(io, errors, broken, false);
  if (args.check) {
    for (const path of unformatted) io.stdout.write(`${path}\n`);
    if (unformatted.length > 0)
      status(io, `${count(unformatted.length, "file")} not formatted (run \`marrowc fmt\`)`);
  } else if (unformatted.length > 0) {
    status(io, `formatted ${count(unformatted.length, "file")}`);
  }
  if (broken.length > 0) status(io, `${count(broken.length, "file")} with syntax errors left unchanged`);
  return errors.length > 0 || (args.check && unformatted.length > 0) ? 1 : 0;
}
