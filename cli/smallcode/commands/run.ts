import { redact, redactString } from "../../../runtime/redact.ts";
import { colorEnabled } from "../../shared/color.ts";
import type { ParsedArgs } from "../args.ts";
import type { Io } from "../io.ts";
import { DiffTracker } from "../repl/diff-view.ts";
import { createRenderer, summarize } from "../repl/render.ts";
import { type AgentFactory, loadAgentFactory } from "./agent.ts";
import { prepareRun } from "./prepare.ts";

/**
 * `smallcode run "<task>"` (and `smallcode -p "<task>"`): one task, no terminal UI. Progress (tool
 * lines, notices) goes to stderr and the answer to stdout; with `--json` stdout gets only the
 * `RunResult`. Secrets are redacted from all of it (the renderer redacts the progress lines).
 * Exit codes: 0 the run succeeded, 1 it did not, 2 bad usage or configuration.
 */

type RunArgs = Extract<ParsedArgs, { command: "run" }>;

/** Runs one task; `factory` replaces the real agent in tests. */
export async function runCommand(args: RunArgs, io: Io, factory?: AgentFactory): Promise<number> {
  const color = args.flags.color !== false && colorEnabled(io.stderr.isTTY, io.env);
  let root = io.cwd;
  // each edit's diff goes to stderr with the tool lines (not under --json: stderr stays terse there)
  const diffs = args.json ? undefined : new DiffTracker(() => root);
  const progress = createRenderer((text) => io.stderr.write(text), {
    color,
    tokens: false,
    ...(diffs ? { diffs } : {}),
  });
  const onEvent = args.json
    ? (event: Parameters<typeof progress>[0]) => {
        if (event.type === "error") progress(event);
      }
    : (event: Parameters<typeof progress>[0]) => {
        if (event.type !== "done") progress(event);
      };
  const ready = await prepareRun(args.flags, io, { onEvent });
  if (!ready) return 2;
  root = ready.options.cwd ?? io.cwd;
  const create = factory ?? (await loadAgentFactory());
  if (!args.json)
    for (const note of ready.checked.ok ? ready.checked.notes : []) io.stderr.write(`· ${note}\n`);
  const result = await create(ready.options)
    .run(args.task)
    .finally(() => ready.mcp?.close());
  progress.flush();
  if (args.json) io.stdout.write(`${JSON.stringify(redact(result, Number.POSITIVE_INFINITY), null, 2)}\n`);
  else {
    if (result.response.trim() !== "") io.stdout.write(`${redactString(result.response.trimEnd())}\n`);
    io.stderr.write(redactString(summarize(result, color)));
  }
  return result.success ? 0 : 1;
}
