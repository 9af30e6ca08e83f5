import { BudgetExceededError, type ErrorContext, RateLimitedError } from "./errors.ts";
import type { BudgetScope, CostBudgetSpec, CostClass, PolicySpec } from "./spec.ts";

/**
 * Policy budgets and rate limits, kept per session (the `session` call option; one `default`
 * session per ledger) in a `BudgetLedger` that a runtime owns (runtimes may share one). A call is checked on its estimate before it is sent and reserves that
 * estimate, so concurrent calls cannot overshoot a cap together; the actual usage replaces the
 * reservation afterwards. Repair and fallback calls go through here like any other call.
 */

/** The call about to be sent. */
export interface BudgetCall {
  readonly prompt: string;
  readonly promptId: string;
  readonly costClass?: CostClass;
  readonly session: string;
  /** Estimated prompt tokens plus the output cap. */
  readonly tokens: number;
  readonly usd: number;
  readonly context: ErrorContext;
}

/** Held from the check until the call's usage is known. */
export interface Reservation {
  /** Warnings from budgets whose `on_exceeded` is `warn`. */
  readonly warnings: readonly string[];
  /** Charges the actual usage (tokens 0 when the call failed without a reply). */
  commit(actual: { readonly tokens: number; readonly usd: number }): void;
}

interface Entry {
  readonly t: number;
  readonly tokens: number;
  readonly calls: number;
  readonly usd: number;
}

class Ledger {
  entries: Entry[] = [];
  reserved = { tokens: 0, calls: 0, usd: 0 };

  prune(now: number, windowMs: number): void {
    let drop = 0;
    while (drop < this.entries.length && this.entries[drop]!.t <= now - windowMs) drop++;
    if (drop > 0) this.entries = this.entries.slice(drop);
  }

  used(kind: "tokens" | "calls" | "usd"): number {
    let sum = this.reserved[kind];
    for (const e of this.entries) sum += e[kind];
    return sum;
  }
}

/** `per_prompt: "classify"` */
export function scopeText(scope: BudgetScope): string {
  switch (scope.kind) {
    case "per_prompt":
      return `per_prompt: "${scope.prompt}"`;
    case "per_cost_class":
      return `per_cost_class: "${scope.costClass}"`;
    case "per_feature":
      return `per_feature: "${scope.feature}"`;
    default:
      return scope.kind;
  }
}

function applies(scope: BudgetScope, call: BudgetCall): boolean {
  switch (scope.kind) {
    case "per_prompt":
      return scope.prompt === call.prompt;
    case "per_cost_class":
      return scope.costClass === call.costClass;
    case "per_feature":
      return scope.feature === call.prompt || call.promptId.startsWith(`${scope.feature}.`);
    default:
      return true;
  }
}

/** `850 ms`, `12 s`, `5 min`, `2 h`, `1 d` */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.round(ms))} ms`;
  const seconds = Math.ceil(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.ceil(minutes / 60);
  return hours < 24 ? `${hours} h` : `${Math.ceil(hours / 24)} d`;
}

function ledgerOf(ledgers: Map<string, Ledger>, policy: PolicySpec, index: number, session: string): Ledger {
  const key = `${policy.name}#${index}#${session}`;
  let ledger = ledgers.get(key);
  if (!ledger) {
    ledger = new Ledger();
    ledgers.set(key, ledger);
  }
  return ledger;
}

/** Time until enough of the window expires for `requested` to fit, or undefined if it never will. */
function resetsIn(
  ledger: Ledger,
  budget: CostBudgetSpec,
  requested: number,
  now: number,
): number | undefined {
  const kind = budget.cap.kind;
  if (requested > budget.cap.max) return undefined;
  let excess = ledger.used(kind) + requested - budget.cap.max;
  for (const e of ledger.entries) {
    excess -= e[kind];
    if (excess <= 0) return e.t + budget.windowMs - now;
  }
  return undefined;
}

const amount = (kind: "tokens" | "calls" | "usd", call: BudgetCall) =>
  kind === "tokens" ? call.tokens : kind === "calls" ? 1 : call.usd;

/** What is left of one budget, for a status line. */
export interface BudgetStatus {
  readonly policy: string;
  readonly scope: string;
  readonly kind: "tokens" | "calls" | "usd";
  readonly max: number;
  readonly used: number;
  readonly remaining: number;
  readonly windowMs: number;
}

/**
 * The usage a runtime has charged against policy budgets and rate limits. A runtime makes its own;
 * pass one to several runtimes (`createRuntime({ budgets })`) to make them share their budgets.
 */
export class BudgetLedger {
  readonly #ledgers = new Map<string, Ledger>();
  readonly #calls = new Map<string, number[]>();
  readonly #knownPolicies = new Map<string, PolicySpec>();

  /**
   * Checks every applicable budget and rate limit, then reserves the call's estimate.
   * Throws `BudgetExceededError` (action `error`) or `RateLimitedError` (`throttle`, `rate_limit`).
   */
  reserve(policies: readonly PolicySpec[], call: BudgetCall): Reservation {
    const [ledgers, calls, knownPolicies] = [this.#ledgers, this.#calls, this.#knownPolicies];
    const now = Date.now();
    const warnings: string[] = [];
    const held: { ledger: Ledger; budget: CostBudgetSpec }[] = [];
    const head = `prompt \`${call.prompt}\``;
    for (const policy of policies) {
      knownPolicies.set(policy.name, policy);
      if (policy.rateLimit) {
        const key = `${policy.name}#${call.session}`;
        const times = (calls.get(key) ?? []).filter((t) => t > now - policy.rateLimit!.perMs);
        calls.set(key, times);
        if (times.length >= policy.rateLimit.count) {
          const wait = times[0]! + policy.rateLimit.perMs - now;
          throw new RateLimitedError(
            `${head}: policy \`${policy.name}\` allows ${policy.rateLimit.count} calls per ${formatDuration(policy.rateLimit.perMs)} and they are used up; the call was not sent, try again in ${formatDuration(wait)}`,
            wait,
            "policy",
            call.context,
          );
        }
      }
      policy.costBudgets.forEach((budget, index) => {
        if (!applies(budget.scope, call)) return;
        const ledger = ledgerOf(ledgers, policy, index, call.session);
        ledger.prune(now, budget.windowMs);
        const kind = budget.cap.kind;
        const used = ledger.used(kind);
        const requested = amount(kind, call);
        if (used + requested <= budget.cap.max) {
          held.push({ ledger, budget });
          return;
        }
        const scope = scopeText(budget.scope);
        const what = `policy \`${policy.name}\` budget ${scope} (cap ${budget.cap.max} ${kind} per ${formatDuration(budget.windowMs)}: ${Math.round(used)} used, this call needs about ${Math.ceil(requested)})`;
        const wait = resetsIn(ledger, budget, requested, now);
        const action = budget.onExceeded;
        if (action.action === "warn") {
          warnings.push(`${head}: ${what} is exceeded`);
          held.push({ ledger, budget });
        } else if (action.action === "throttle") {
          throw new RateLimitedError(
            `${head}: ${what} is used up; the call was not sent, try again in ${formatDuration(action.retryAfterMs)}`,
            action.retryAfterMs,
            "policy",
            call.context,
          );
        } else {
          const code = action.code ? ` [${action.code}]` : "";
          const later =
            wait === undefined ? `raise cap_${kind}` : `wait ${formatDuration(wait)} or raise cap_${kind}`;
          throw new BudgetExceededError(
            `${head}: the call would exceed ${what}${code}; it was not sent: ${later}`,
            {
              policy: policy.name,
              scope,
              cap: budget.cap,
              used,
              requested,
              declaredCode: action.code,
              resetsInMs: wait,
              context: call.context,
            },
          );
        }
      });
    }
    for (const policy of policies)
      if (policy.rateLimit) calls.get(`${policy.name}#${call.session}`)!.push(now);
    for (const { ledger } of held) {
      ledger.reserved.tokens += call.tokens;
      ledger.reserved.calls += 1;
      ledger.reserved.usd += call.usd;
    }
    let done = false;
    return {
      warnings,
      commit(actual) {
        if (done) return;
        done = true;
        const t = Date.now();
        for (const { ledger } of held) {
          ledger.reserved.tokens -= call.tokens;
          ledger.reserved.calls -= 1;
          ledger.reserved.usd -= call.usd;
          ledger.entries.push({ t, tokens: actual.tokens, calls: 1, usd: actual.usd });
        }
      },
    };
  }

  /**
   * Remaining budget of every policy the runtime has seen (or of `policies`), for one session.
   * @param options.session the budget session; default `default`
   */
  remaining(options: { session?: string; policies?: readonly PolicySpec[] } = {}): BudgetStatus[] {
    const [ledgers, knownPolicies] = [this.#ledgers, this.#knownPolicies];
    const session = options.session ?? "default";
    const now = Date.now();
    const out: BudgetStatus[] = [];
    for (const policy of options.policies ?? [...knownPolicies.values()]) {
      policy.costBudgets.forEach((budget, index) => {
        const ledger = ledgerOf(ledgers, policy, index, session);
        ledger.prune(now, budget.windowMs);
        const used = ledger.used(budget.cap.kind);
        out.push({
          policy: policy.name,
          scope: scopeText(budget.scope),
          kind: budget.cap.kind,
          max: budget.cap.max,
          used,
          remaining: Math.max(0, budget.cap.max - used),
          windowMs: budget.windowMs,
        });
      });
    }
    return out;
  }
}
