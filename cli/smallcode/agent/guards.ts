import {
  ALLOW,
  type Guard,
  type GuardContext,
  type GuardVerdict,
  type RunResult,
} from "../contract/index.ts";

/**
 * Runs the guards' hooks. Every guard sees every event (guards keep their own state, so none is
 * skipped), in registration order, and the first non-allow verdict wins. The exception is a final
 * answer one guard refused: later guards do not see it, so they never spend one of their bounded
 * refusals on an answer whose refusal the model is not shown. A guard that throws, or returns
 * something that is not a verdict, counts as allow and is reported as a notice.
 */

type VerdictHook = "onReply" | "beforeTool" | "afterTool" | "beforeFinish";

const ACTIONS = new Set(["allow", "steer", "refuse", "replace", "stop"]);

function isVerdict(value: unknown): value is GuardVerdict {
  return (
    typeof value === "object" && value !== null && ACTIONS.has((value as { action?: string }).action ?? "")
  );
}

/** The guards of one run. */
export class GuardRunner {
  readonly guards: readonly Guard[];
  readonly #notice: (source: string, message: string) => void;

  /** @param notice receives guard failures (`source` is `guard:<name>`) */
  constructor(guards: readonly Guard[], notice: (source: string, message: string) => void) {
    this.guards = guards;
    this.#notice = notice;
  }

  #failed(guard: Guard, hook: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#notice(`guard:${guard.name}`, `${hook} failed and was ignored: ${message}`);
  }

  /** Calls `start` on every guard. */
  async start(ctx: GuardContext): Promise<void> {
    for (const guard of this.guards) {
      try {
        await guard.start?.(ctx);
      } catch (error) {
        this.#failed(guard, "start", error);
      }
    }
  }

  /**
   * Calls `hook` on every guard that has it (for `beforeFinish`, up to the first that refuses);
   * returns the first non-allow verdict, or allow.
   */
  async verdict<A>(hook: VerdictHook, arg: A, ctx: GuardContext): Promise<GuardVerdict & { guard?: string }> {
    let chosen: (GuardVerdict & { guard?: string }) | undefined;
    for (const guard of this.guards) {
      if (chosen && hook === "beforeFinish") break;
      const fn = guard[hook] as ((a: A, c: GuardContext) => GuardVerdict | Promise<GuardVerdict>) | undefined;
      if (!fn) continue;
      try {
        const verdict: unknown = await fn.call(guard, arg, ctx);
        if (!isVerdict(verdict)) {
          this.#failed(guard, hook, new Error(`returned ${JSON.stringify(verdict)}, not a verdict`));
          continue;
        }
        if (!chosen && verdict.action !== "allow") chosen = { ...verdict, guard: guard.name };
      } catch (error) {
        this.#failed(guard, hook, error);
      }
    }
    return chosen ?? ALLOW;
  }

  /** Calls `finish` on every guard. */
  async finish(result: RunResult, ctx: GuardContext): Promise<void> {
    for (const guard of this.guards) {
      try {
        await guard.finish?.(result, ctx);
      } catch (error) {
        this.#failed(guard, "finish", error);
      }
    }
  }

  /** The guards' notes, joined, within about `budgetTokens` tokens in all (chars/4). */
  notes(ctx: GuardContext, budgetTokens: number): string {
    const parts: string[] = [];
    let left = budgetTokens;
    for (const guard of this.guards) {
      if (!guard.notes || left <= 0) continue;
      try {
        const text = guard.notes(ctx, left).trim();
        if (text === "") continue;
        const cut = text.length > left * 4 ? `${text.slice(0, left * 4 - 1)}…` : text;
        parts.push(cut);
        left -= Math.ceil(cut.length / 4);
      } catch (error) {
        this.#failed(guard, "notes", error);
      }
    }
    return parts.join("\n\n");
  }
}
