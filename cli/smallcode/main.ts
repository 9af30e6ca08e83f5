import { packageVersion, reportInternalError, reportUsageError } from "../shared/process.ts";
import { UsageError } from "../shared/usage-error.ts";
import { type CommandName, parseArgs } from "./args.ts";
import { ConfigError } from "./config/errors.ts";
import { helpText } from "./help.ts";
import { processIo, type SessionIo } from "./io.ts";

/**
 * The `smallcode` entry point: a thin adapter from argv to the command modules, each imported only
 * when needed (so `--help` and `--version` load neither the agent nor the runtime).
 *
 * Exit codes: 0 success, 1 the run did not succeed, 2 bad usage or configuration.
 */
export async function main(argv: readonly string[], io?: SessionIo): Promise<number> {
  const parsed = parseArgs(argv);
  const out = io ?? processIo(parsed.ok && parsed.value.command === "run");
  if (!parsed.ok) return usageError(out, parsed.error, parsed.command);
  const args = parsed.value;
  try {
    switch (args.command) {
      case "help":
        out.stdout.write(helpText(args.topic));
        return 0;
      case "version":
        out.stdout.write(`smallcode ${packageVersion()}\n`);
        return 0;
      case "run": {
        const task = await (await import("./commands/stdin-task.ts")).taskOf(args, out);
        if (!task.ok) return usageError(out, task.error, "run");
        return await (await import("./commands/run.ts")).runCommand({ ...args, task: task.task }, out);
      }
      case "interactive":
        return await (await import("./commands/interactive.ts")).interactiveCommand(args, out);
      case "doctor":
        return await (await import("./commands/doctor.ts")).doctorCommand(args, out);
      case "sessions":
        return await (await import("./commands/sessions.ts")).sessionsCommand(args, out);
      case "eval":
        return await (await import("./commands/eval.ts")).evalCommand(args, out);
      case "bench":
        return (await import("./commands/bench.ts")).benchCommand([...args.argv]);
      case "mcp":
        return await (await import("./commands/mcp.ts")).mcpCommand(args, out);
      case "models":
        return await (await import("./commands/models.ts")).modelsCommand(args, out);
      case "completion":
        out.stdout.write((await import("./commands/completion.ts")).completionScript(args.shell));
        return 0;
    }
  } catch (error) {
    if (out.signal?.aborted) return 130; // Ctrl-C while probing the endpoint: nothing to report
    if (error instanceof ConfigError) {
      out.stderr.write(`smallcode: error: ${error.format()}\n`);
      return 2;
    }
    if (error instanceof UsageError) return usageError(out, error.message, args.command as CommandName);
    if (isRuntimeConfigError(error)) {
      // the runtime's CONFIG_ERROR (a model file that is no GGUF, llama.cpp that cannot start) is the
      // user's to fix, and its message says how: not a bug to report
      out.stderr.write(`smallcode: error: ${error.message}\n`);
      return 2;
    }
    return internalError(out, error);
  } finally {
    // a loaded embedded model is freed however the command ended (Ctrl-C included)
    await (await import("./models/lifetime.ts")).closeAll();
  }
}

function usageError(io: SessionIo, message: string, command?: CommandName | "help" | "version"): number {
  const named = command && command !== "help" && command !== "version" && command !== "interactive";
  return reportUsageError(io, "smallcode", message, named ? command : undefined);
}

/** Whether `error` is the runtime's ConfigError (told by its code: the runtime is not loaded up front). */
function isRuntimeConfigError(error: unknown): error is Error {
  return error instanceof Error && (error as { code?: unknown }).code === "CONFIG_ERROR";
}

/** Reports a bug: a short message, and the stack only under `SMALLCODE_DEBUG`. */
function internalError(io: SessionIo, error: unknown): number {
  return reportInternalError(io, "smallcode", "SMALLCODE_DEBUG", error);
}
