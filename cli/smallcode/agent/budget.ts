import { policies } from "../../../generated/index.ts";
import type { BudgetExceededError, CostBudgetSpec, PolicySpec } from "../../../runtime/index.ts";

/**
 * The run's token budget. The marrow policy `cognition_limits` (marrow/classify.marrow) is charged by
 * every prompt of a run — classify, pick, act, compress, repair — through the call option `policies`,
 * with the run as its session; its per-session token cap is the run's budget unless `maxTokens`
 * (`--max-tokens`) sets another. The policy checks each call's estimate before it is sent, so a run
 * never overshoots its budget by a call; the loop also stops before a turn once the budget is used up.
 */

/** The policy every prompt of a run is charged to. */
export const RUN_POLICY: PolicySpec = policies.cognition_limits;

const isSessionTokens = (b: CostBudgetSpec) => b.scope.kind === "per_session" && b.cap.kind === "tokens";

/** The run's token budget when none is given: the policy's per-session token cap. */
export const DEFAULT_MAX_TOKENS: number =
  RUN_POLICY.costBudgets.find(isSessionTokens)?.cap.max ?? Number.POSITIVE_INFINITY;

/** The run policy with its per-session token cap set to `maxTokens` (added when the policy has none). */
export function runPolicy(maxTokens: number): PolicySpec {
  const cap: CostBudgetSpec = {
    scope: { kind: "per_session" },
    windowMs: 24 * 3_600_000,
    cap: { kind: "tokens", max: maxTokens },
    onExceeded: { action: "error", code: "TOKEN_LIMIT" },
  };
  const budgets = RUN_POLICY.costBudgets.map((b) => (isSessionTokens(b) ? { ...b, cap: cap.cap } : b));
  return {
    ...RUN_POLICY,
    costBudgets: budgets.some(isSessionTokens) ? budgets : [...budgets, cap],
  };
}

/** What to say when the run's own token budget refused a call; undefined for any other budget. */
export function spentMessage(error: BudgetExceededError): string | undefined {
  if (error.policy !== RUN_POLICY.name || error.scope !== "per_session" || error.cap.kind !== "tokens")
    return undefined;
  return (
    `the run's token budget is used up: ${Math.round(error.used)} of ${error.cap.max} tokens used, and the ` +
    `next call needs about ${Math.ceil(error.requested)} (raise it with --max-tokens or max_tokens in smallcode.toml)`
  );
}
