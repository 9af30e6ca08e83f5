import { type Io, processIo } from "../shared/io.ts";
import { packageVersion, reportInternalError, reportUsageError } from "../shared/process.ts";
import { type CommandName, helpText, parseArgs } from "./args.ts";
import { UsageError } from "./files.ts";

/**
 * The `marrowc` entry point: a thin adapter from argv to the command modules, which are imported only
 * when needed (so `check`, `explain` and `--help` never load the TypeScript compiler).
 *
 * Exit codes: 0 success (warnings allowed), 1 errors in the input, 2 bad usage or internal failure.
 */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const parsed = parseArgs(argv);
  if (!parsed.ok) return usageError(io, parsed.error, parsed.command);
  const args = parsed.value;
  try {
    switch (args.command) {
      case "help":
        io.stdout.write(helpText(args.topic));
        return 0;
      case "version":
        io.stdout.write(`marrowc ${packageVersion()}\n`);
        return 0;
      case "explain": {
        const { explainCommand } = await import("./explain.ts");
        return explainCommand(args.code, io);
      }
      case "check": {
        const { checkCommand } = await import("./check.ts");
        return await checkCommand(args, io);
      }
      case "fmt": {
        const { fmtCommand } = await import("./fmt.ts");
        return await fmtCommand(args, io);
      }
      case "build": {
        const { buildCommand } = await import("./build.ts");
        return await buildCommand(args, io);
      }
      case "test": {
        const { testCommand } = await import("./test-command.ts");
        return await testCommand(args, io);
      }
    }
  } catch (error) {
    if (error instanceof UsageError) return usageError(io, error.message, args.command as CommandName);
    return internalError(io, error);
  }
}

function usageError(io: Io, message: string, command?: CommandName | "help" | "version"): number {
  const named = command && command !== "help" && command !== "version" ? command : undefined;
  return reportUsageError(io, "marrowc", message, named);
}

/** Reports a compiler or CLI bug: a short message, and the stack only under `MARROWC_DEBUG`. */
function internalError(io: Io, error: unknown): number {
  return reportInternalError(io, "marrowc", "MARROWC_DEBUG", error);
}
