import { tools as toolSpecs } from "../../../generated/index.ts";
import type { ToolSpec } from "../../../runtime/index.ts";
import type { EscalationOption, EscalationSettings } from "../contract/options.ts";
import { callStrong } from "../escalation/client.ts";
import { buildExcerpt } from "../escalation/excerpt.ts";
import { type ReadReply, readReply } from "./reply.ts";
import { MAX_CALLS_PER_REPLY, type Run } from "./state.ts";

/**
 * Escalation to a stronger model: after `afterFailures` failed tool calls in a row, one turn of the
 * run is answered by the stronger endpoint instead of the usual model — once the user agreed (asked
 * through `options.confirm`, or `--escalate` for runs nobody can ask in). It gets a bounded excerpt;
 * its reply goes through the same parser, guards and tools as any other (the loop's `act`); each
 * escalation is capped per session and its cost is shown.
 */

export type { EscalationOption } from "../contract/options.ts";

/** What a session (one SmallCode instance, so one options object) has spent on escalations. */
interface Spent {
  calls: number;
  usd: number;
  told: boolean;
}

const spentBy = new WeakMap<EscalationOption, Spent>();
/** The failure streak each run last escalated (or declined to), so one streak escalates once. */
const handled = new WeakMap<Run, number>();

/** US dollars for `prompt` and `completion` tokens at the settings' prices. */
export function costOf(settings: EscalationSettings, prompt: number, completion: number): number {
  return (prompt * settings.inputUsdPerMtok + completion * settings.outputUsdPerMtok) / 1_000_000;
}

const usd = (x: number) => `$${x.toFixed(4)}`;

/**
 * What one escalation may cost, for the question: this escalation's number against the session's
 * cap, and at the configured prices the excerpt's price and the reply's rate.
 */
function costLine(settings: EscalationSettings, excerptTokens: number, spent: Spent): string {
  const cap = `escalation ${spent.calls + 1} of at most ${settings.maxPerSession} this session`;
  if (settings.inputUsdPerMtok === 0 && settings.outputUsdPerMtok === 0)
    return `${cap}; no prices configured`;
  return (
    `${cap}; about ${usd(costOf(settings, excerptTokens, 0))} for the excerpt at $${settings.inputUsdPerMtok}/M input tokens, ` +
    `the reply at $${settings.outputUsdPerMtok}/M output tokens; ${usd(spent.usd)} spent so far`
  );
}

function notice(run: Run, message: string): void {
  run.emit({ type: "notice", source: "escalation", message });
}

/** The specs of the tools offered on the run's current turn (declared ones and the run's MCP tools). */
function offeredSpecs(run: Run): ToolSpec[] {
  const external = new Map((run.external?.specs ?? []).map((s) => [s.name, s]));
  const declared = toolSpecs as Readonly<Record<string, ToolSpec>>;
  const names = run.offered.length > 0 ? run.offered : run.routed;
  return names.flatMap((n) => {
    const spec = Object.hasOwn(declared, n) ? declared[n] : external.get(n);
    return spec ? [spec] : [];
  });
}

/**
 * The stronger model's turn when this step should be escalated and may be; undefined to let the
 * usual model answer (not stuck, cap reached, declined, or the stronger endpoint failed).
 */
export async function escalatedTurn(run: Run): Promise<ReadReply | undefined> {
  const option = run.options.escalation;
  if (!option) return undefined;
  const { settings } = option;
  if (run.consecutiveFailures < settings.afterFailures) {
    handled.delete(run);
    return undefined;
  }
  if (handled.has(run)) return undefined;
  handled.set(run, run.consecutiveFailures);
  const spent = spentBy.get(option) ?? { calls: 0, usd: 0, told: false };
  spentBy.set(option, spent);
  const host = new URL(settings.baseUrl).host;
  if (spent.calls >= settings.maxPerSession) {
    if (!spent.told)
      notice(
        run,
        `${run.consecutiveFailures} failed calls in a row, but this session's ${settings.maxPerSession} escalations are used up`,
      );
    spent.told = true;
    return undefined;
  }
  const excerpt = buildExcerpt(run.task, run.history, settings.maxExcerptTokens);
  const what = `about ${excerpt.tokens} tokens of this session (the task and the last ${excerpt.messages.length - 2} messages)`;
  if (!option.approved) {
    const question =
      `${run.consecutiveFailures} failed calls in a row. Send ${what} to ${settings.model} at ${host} for the next step ` +
      `(${costLine(settings, excerpt.tokens, spent)})?`;
    const yes = run.options.confirm ? await run.options.confirm(question).catch(() => false) : undefined;
    if (yes === undefined) {
      notice(
        run,
        `${run.consecutiveFailures} failed calls in a row: escalation to ${settings.model} is set up; pass --escalate to allow it in a run nobody can ask in`,
      );
      return undefined;
    }
    if (!yes) {
      notice(run, `escalation to ${settings.model} declined; the usual model goes on`);
      return undefined;
    }
  }
  try {
    const turn = await callStrong(
      settings,
      option.apiKey,
      excerpt.messages,
      offeredSpecs(run),
      run.call.signal,
    );
    const cost = costOf(settings, turn.usage.promptTokens, turn.usage.completionTokens);
    // the session's usage counts them (run --json, /tokens), apart by the stronger model's name
    run.meter.recordEscalation(settings.model, turn.usage.promptTokens, turn.usage.completionTokens, cost);
    // the usage event too (no window: the stronger model's is not the conversation's usual one)
    run.emit({
      type: "usage",
      prompt: "escalation",
      model: settings.model,
      promptTokens: turn.usage.promptTokens,
      completionTokens: turn.usage.completionTokens,
      estimated: turn.usage.estimated,
    });
    spent.calls++;
    spent.usd += cost;
    notice(
      run,
      `escalated to ${settings.model} at ${host}: ${turn.usage.promptTokens} prompt + ${turn.usage.completionTokens} completion tokens, ${usd(cost)} (this session: ${spent.calls} of ${settings.maxPerSession}, ${usd(spent.usd)})`,
    );
    return await readReply(turn, run.ids, undefined, MAX_CALLS_PER_REPLY, run.external?.specs ?? []);
  } catch (error) {
    if (run.call.signal?.aborted) throw error;
    notice(
      run,
      `escalation to ${settings.model} at ${host} failed (${(error as Error).message}); the usual model goes on`,
    );
    return undefined;
  }
}
