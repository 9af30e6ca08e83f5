import type { ParsedArgs } from "../args.ts";
import type { SessionIo } from "../io.ts";

/**
 * The task of `smallcode run` when it comes from stdin: `smallcode run -` always reads it, and
 * `smallcode run` without a task reads it when stdin is not a terminal (`echo "fix it" | smallcode run`).
 */

type RunArgs = Extract<ParsedArgs, { command: "run" }>;

/** The task to run, or a usage error (exit code 2) saying how to give one. */
export async function taskOf(
  args: RunArgs,
  io: SessionIo,
): Promise<{ readonly ok: true; readonly task: string } | { readonly ok: false; readonly error: string }> {
  if (args.stdin === undefined) return { ok: true, task: args.task };
  const stdin = io.stdin;
  if (!stdin || (args.stdin === "piped" && stdin.isTTY)) {
    return {
      ok: false,
      error:
        '`smallcode run` needs a task, e.g. `smallcode run "add a --verbose flag"`, or on stdin: `echo "add a --verbose flag" | smallcode run`',
    };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stdin)
    chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : (chunk as Buffer));
  const task = Buffer.concat(chunks).toString("utf8").trim();
  if (task === "") {
    return {
      ok: false,
      error:
        'the task read from stdin is empty: pipe one in (`echo "add a --verbose flag" | smallcode run`) or pass it as an argument',
    };
  }
  return { ok: true, task };
}
