import { startToolSpan } from "../../../runtime/index.ts";
import { capToolResult } from "../context/index.ts";
import type { FoundChanges, Message, PendingCall, ToolOutcomeRecord, TreeWalk } from "../contract/index.ts";
import { RUN_TOOLS } from "../guard-kit/calls.ts";
import { viewEntries } from "../snapshots/scan.ts";
import { runTool } from "../toolbox/index.ts";
import { walkTree } from "../tools/tree-walk.ts";
import { diffSnapshots, fileStamps } from "./changes.ts";
import { StopRun } from "./signals.ts";
import { guardContext, noteFailure, type Run, recordOutcome } from "./state.ts";

/**
 * Running the tool calls of one reply: for each call, the guards' `beforeTool` verdict, the tool
 * itself (with a walk of the tree before and after shell tools: the snapshot guard's walks when it
 * made them, else the loop's own), the result capped and appended as a `tool` message, then
 * `afterTool`. Every call gets exactly one result, even when a guard stops the run halfway: the calls
 * after that get a "not run" result before the run ends.
 */

/** Tools that run shell commands, whose file changes only a tree walk can see (guard-kit's `RUN_TOOLS`). */
export const SHELL_TOOLS: ReadonlySet<string> = RUN_TOOLS;

/**
 * The guards' walk of the tree around call `callId` (`when`), if one covers the build folders too,
 * else a walk of the loop's own (the snapshot guard is off, or failed).
 */
function walkAround(run: Run, callId: string, when: "before" | "after"): { walk: TreeWalk; hashed: boolean } {
  const walk = run.guards.treeWalks(callId)?.[when];
  return walk?.build
    ? { walk, hashed: true }
    : { walk: walkTree(run.cwd, { maxFiles: 0, build: true }), hashed: false };
}

/**
 * Of the stamp-modified `paths`, those the guard's content view saw change, and those it does not hash
 * (ignored build output, files past a truncated walk).
 */
function onlyChangedContent(paths: readonly string[], walk: TreeWalk, found: FoundChanges): string[] {
  const changed = new Set(found.modified);
  const hashed = new Set(viewEntries(walk).map((e) => e.path));
  return paths.filter((path) => changed.has(path) || !hashed.has(path));
}

/** Runs one call through the tool registry; returns the outcome and its duration. */
async function runOne(run: Run, call: PendingCall): Promise<{ outcome: ToolOutcomeRecord; ms: number }> {
  const started = performance.now();
  const external = run.external?.names.some((s) => s.name === call.name) && run.options.externalTools;
  // an MCP tool may change files too, and only a tree walk sees what
  const around = SHELL_TOOLS.has(call.name) || external ? walkAround(run, call.id, "before") : undefined;
  const before = around && fileStamps(around.walk);
  const span = startToolSpan(call.name, call.arguments, {
    parentSpan: run.meter.spanId,
    runtime: run.meter.runtime,
  });
  run.current = new Set();
  let ok: boolean;
  let output: string;
  try {
    const result = external
      ? await external.call(call.name, call.arguments, run.tools.signal)
      : await runTool(call.name, call.arguments, run.tools);
    ok = result.ok;
    output = result.output;
  } catch (error) {
    ok = false;
    output = `the tool failed unexpectedly: ${(error as Error).message}`;
  }
  // the guards' own walk after the call (the loop's change report reads it too)
  const found = await run.guards.detectChanges(call.id);
  if (before) {
    const afterWalk = walkAround(run, call.id, "after");
    const after = fileStamps(afterWalk.walk);
    if (after) {
      const diff = diffSnapshots(before, after);
      // A command that rewrites a file with the same bytes (a `sed -i` that matches nothing) gives it a
      // new stamp without changing it: where the snapshot guard hashed the tree on both sides of the
      // call, a file it hashes (not ignored build output) counts as modified only when it saw its
      // content (or kind, or mode) change.
      const modified =
        around?.hashed && afterWalk.hashed
          ? onlyChangedContent(diff.modified, afterWalk.walk, found)
          : diff.modified;
      for (const path of diff.created) if (!run.current.has(path)) run.changes.add(path, "created");
      for (const path of modified) if (!run.current.has(path)) run.changes.add(path, "modified");
      for (const path of diff.deleted) if (!run.current.has(path)) run.changes.add(path, "deleted");
      for (const { from, to } of diff.renamed) run.changes.rename(from, to);
      const moved = diff.renamed.flatMap((r) => [r.from, r.to]);
      for (const path of [...diff.created, ...modified, ...diff.deleted, ...moved]) run.current.add(path);
    }
  }
  // what the guards' own walk saw besides (links, modes; a failing one is left out)
  for (const path of found.created) if (!run.current.has(path)) run.changes.add(path, "created");
  for (const path of found.modified) if (!run.current.has(path)) run.changes.add(path, "modified");
  for (const path of found.deleted ?? []) if (!run.current.has(path)) run.changes.add(path, "deleted");
  for (const path of [...found.created, ...found.modified, ...(found.deleted ?? [])]) run.current.add(path);
  const changed = [...run.current].sort();
  run.current = undefined;
  span.end({ status: ok ? "ok" : "error", output });
  const capped = capToolResult(output, run.resultCapTokens, call.name).text;
  return { outcome: { call, ok, output: capped, changed }, ms: Math.round(performance.now() - started) };
}

/** Appends the one result of `call` to the history and tells listeners. */
function answer(run: Run, call: PendingCall, ok: boolean, output: string, ms: number): void {
  run.history.push({ role: "tool", tool_call_id: call.id, content: output });
  run.emit({ type: "tool_end", id: call.id, name: call.name, ok, output, ms });
}

/** Runs `calls` in order (see the module comment); throws `StopRun` after answering all of them if a guard stopped. */
export async function executeCalls(run: Run, calls: readonly PendingCall[]): Promise<void> {
  let stop: StopRun | undefined;
  for (const call of calls) {
    run.emit({ type: "tool_start", id: call.id, name: call.name, arguments: call.arguments });
    if (stop) {
      answer(run, call, false, `not run: ${stop.message}`, 0);
      continue;
    }
    const verdict = await run.guards.verdict("beforeTool", call, guardContext(run));
    if (verdict.action === "stop") {
      stop = new StopRun("guard", verdict.message, "GUARD_STOP");
      answer(run, call, false, `not run: ${verdict.message}`, 0);
      continue;
    }
    if (verdict.action === "refuse" || verdict.action === "replace") {
      const ok = verdict.action === "replace";
      const output = verdict.action === "replace" ? verdict.output : verdict.message;
      recordOutcome(run, { call, ok, output, changed: [] }, 0);
      answer(run, call, ok, output, 0);
      continue;
    }
    if (verdict.action === "steer") run.steers.push(verdict.message);
    const { outcome, ms } = await runOne(run, call);
    recordOutcome(run, outcome, ms);
    answer(run, call, outcome.ok, outcome.output, ms);
    const after = await run.guards.verdict("afterTool", outcome, guardContext(run));
    if (after.action === "stop") stop = new StopRun("guard", after.message, "GUARD_STOP");
    else if (after.action === "steer" || after.action === "refuse") run.steers.push(after.message);
  }
  if (stop) throw stop;
}

/** The assistant message that carries a reply's text and its tool calls. */
export function callMessage(text: string, calls: readonly PendingCall[]): Message {
  const toolCalls = calls.map((c) => ({
    id: c.id,
    type: "function" as const,
    function: { name: c.name, arguments: JSON.stringify(c.arguments) },
  }));
  return { role: "assistant", content: text === "" ? null : text, tool_calls: toolCalls };
}

/** Counts a reply that could not be used as a failure (for routing). */
export function noteUnusableReply(run: Run): void {
  noteFailure(run, true);
}
