import { actSpec, compressHistory, repairToolCall, routeCodingRouter } from "../../../generated/index.ts";
import { callPrompt } from "../../../runtime/index.ts";
import {
  contextBudget,
  effectiveWindow,
  fitHistory,
  measureFixedPrompt,
  toolPairProblems,
} from "../context/index.ts";
import type { AgentEvent, Guard } from "../contract/index.ts";
import { mapBudgetFor } from "../repomap/render.ts";
import { actTask } from "./earlier-tasks.ts";
import { callMessage, executeCalls, noteUnusableReply } from "./execute.ts";
import { type ReadReply, readReply } from "./reply.ts";
import { complexityOf } from "./route.ts";
import { type AgentOutcome, createRun, finishRun, prepare, type RunSetup, saveRun } from "./setup.ts";
import { StopRun, TIME_LIMIT_MESSAGE, toStop } from "./signals.ts";
import { guardContext, type Run } from "./state.ts";
import { mustCallTool } from "./verify.ts";

/**
 * The agent loop: `run` → `step` (limits, then one model turn) → `query` (fit the history, call the
 * generated `act` prompt, parse the reply) → `act` (guards, tools, or the final answer). Runs end
 * only through `StopRun` signals; the history is one flat list saved after every step.
 */

/** Tokens the guards' notes may add to the system prompt. */
export const NOTES_BUDGET = 300;

/** A retry's wait for people: `800 ms`, `2 s`. */
function formatWait(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Math.round(ms / 100) / 10} s`;
}

/** Below this many tokens of history a run is warned once that its window is too small. */
export const MIN_HISTORY = 1000;

const cramped = new WeakSet<Run>();

/** Runs one task to its end; never throws (failures become a result with their stop reason). */
export async function runAgent(setup: RunSetup): Promise<AgentOutcome> {
  const run = createRun(setup);
  try {
    await prepare(run);
    for (;;) await step(run);
  } catch (error) {
    return finishRun(run, toStop(error, run.abortCause()));
  }
}

function checkLimits(run: Run): void {
  const { limits } = run;
  if (run.step >= limits.maxSteps)
    throw new StopRun(
      "max_steps",
      `stopped after ${run.step} steps without finishing (the limit is ${limits.maxSteps})`,
    );
  if (Date.now() - run.startedAt >= limits.maxTimeMs)
    throw new StopRun("max_time", TIME_LIMIT_MESSAGE, "MAX_TIME");
  if (run.meter.tokens() >= limits.maxTokens)
    throw new StopRun(
      "max_tokens",
      `the run's token budget is used up: ${run.meter.tokens()} of ${limits.maxTokens} tokens used (raise it with --max-tokens or max_tokens in smallcode.toml)`,
    );
  if (run.call.signal?.aborted) throw toStop(new Error("aborted"), run.abortCause() ?? "cancelled");
}

async function step(run: Run): Promise<void> {
  checkLimits(run);
  run.step++;
  run.emit({ type: "step", step: run.step });
  await act(run, (await escalated(run)) ?? (await query(run)));
  await saveRun(run);
}

/** The stronger model's turn when the run is stuck and escalation is set up (agent/escalate.ts). */
async function escalated(run: Run): Promise<ReadReply | undefined> {
  if (!run.options.escalation) return undefined;
  const { escalatedTurn } = await import("./escalate.ts");
  return escalatedTurn(run);
}

/** Fits the history into the routed model's window, calls `act`, and parses the reply. */
async function query(run: Run): Promise<ReadReply> {
  const complexity = complexityOf(run.taskType, run.task, run);
  const model = routeCodingRouter(complexity);
  run.offered = run.guards.offeredTools(run.routed, guardContext(run));
  const ctx = guardContext(run);
  const window = effectiveWindow(model, run.options.contextWindow);
  run.window = window;
  const map = run.repoMap ? await run.repoMap.text(ctx, mapBudgetFor(window)) : "";
  // the run's knowledge first: it is the same every turn, so a server's prompt cache keeps it
  const knowledge = run.knowledge?.text ?? "";
  const notes = [knowledge, run.guards.notes(ctx, NOTES_BUDGET), map].filter((n) => n !== "").join("\n\n");
  const task = actTask(run);
  const extraTools = run.external?.specs ?? [];
  const fixed = measureFixedPrompt(run.offered, { task, notes, complexity }, model, undefined, extraTools);
  run.fixedPrompt ??= fixed;
  // the act prompt's declared max_output overrides the model's, as in every prompt call
  const envelope = { contextWindow: model.contextWindow, maxOutput: actSpec.maxOutput ?? model.maxOutput };
  const budget = contextBudget(envelope, fixed.total, run.options.contextWindow);
  if (budget.history < MIN_HISTORY && !cramped.has(run)) {
    cramped.add(run);
    const message = `the context window (${budget.window} tokens) leaves only ${budget.history} tokens of history after max_output ${budget.maxOutput} and the ${fixed.total}-token prompt; the model will forget earlier steps (use a model with a larger window or a smaller max_output)`;
    run.emit({ type: "notice", source: "context", message });
  }
  run.resultCapTokens = Math.max(200, Math.min(2000, Math.floor(budget.history * 0.3)));
  const fit = await fitHistory(run.history, budget.history, {
    summarise: (transcript) => compressHistory({ task: run.task, transcript }, run.call),
    onNotice: (message) => run.emit({ type: "notice", source: "context", message }),
  });
  if (fit.evicted + fit.summarised + fit.shortened > 0) {
    run.history = fit.history;
    const message = `history fitted to ${budget.history} tokens: ${fit.evicted} results evicted, ${fit.summarised} turns summarised`;
    run.emit({ type: "notice", source: "context", message });
  }
  const problems = toolPairProblems(run.history);
  if (problems.length > 0) throw new Error(`message-ordering invariant broken: ${problems.join("; ")}`);
  const temperature = run.guards.temperatureFor(ctx);
  const turn = await callPrompt(
    actSpec,
    { task, complexity, notes, history: run.history },
    {
      ...run.call,
      maxOutput: budget.maxOutput,
      tools: run.offered,
      ...(mustCallTool(run) ? { toolChoice: "required" as const } : {}),
      ...(extraTools.length > 0 ? { extraTools } : {}),
      onToken: (text) => run.emit({ type: "token", text }),
      // a line for every retry of the model call, with its reason and wait (the terminal shows it)
      onRetry: (r) =>
        run.emit({
          type: "notice",
          source: "retry",
          message: `attempt ${r.attempt} of \`${r.prompt}\` failed (${r.reason.split("\n")[0]}); retrying${r.delayMs > 0 ? ` in ${formatWait(r.delayMs)}` : ""}`,
        }),
      ...(temperature === undefined ? {} : { temperature }),
    },
  );
  return readReply(
    turn,
    run.ids,
    (reply, toolNames) => repairToolCall({ reply, tool_names: toolNames }, run.call),
    undefined,
    run.external?.names,
  );
}

/**
 * Acts on a parsed reply: tell the model what was wrong, finish, or run its tool calls. A reply
 * without calls is a final answer only when no guard steered on it and `beforeFinish` allows it.
 */
async function act(run: Run, reply: ReadReply): Promise<void> {
  if (reply.problem !== undefined || (reply.calls.length === 0 && reply.text.trim() === "")) {
    noteUnusableReply(run);
    run.history.push({ role: "assistant", content: reply.text });
    const problem =
      reply.problem ??
      "Your reply was empty. Continue with a tool call, or answer with a short summary if the task is done.";
    run.history.push({ role: "user", content: problem });
    return;
  }
  const verdict = await run.guards.verdict("onReply", reply, guardContext(run));
  if (verdict.action === "stop") throw new StopRun("guard", verdict.message, "GUARD_STOP");
  const steered = verdict.action === "steer" || verdict.action === "refuse";
  if (steered) run.steers.push(verdict.message);
  if (reply.calls.length === 0) {
    const finish = steered
      ? undefined
      : await run.guards.verdict("beforeFinish", reply.text, guardContext(run));
    if (finish?.action === "stop") throw new StopRun("guard", finish.message, "GUARD_STOP");
    run.history.push({ role: "assistant", content: reply.text });
    if (finish?.action === "allow" || finish?.action === "replace") throw new StopRun("done", reply.text);
    if (finish) run.steers.push(finish.message);
  } else {
    run.history.push(callMessage(reply.text, reply.calls));
    try {
      await executeCalls(run, reply.calls);
    } finally {
      const notes = reply.dropped.map((d) => `Not run: ${d}`);
      if (notes.length > 0) run.steers.unshift(notes.join("\n"));
    }
  }
  if (run.steers.length > 0) run.history.push({ role: "user", content: run.steers.splice(0).join("\n\n") });
}

/** Types a caller of `runAgent` needs. */
export type { AgentEvent, AgentOutcome, Guard, RunSetup };
