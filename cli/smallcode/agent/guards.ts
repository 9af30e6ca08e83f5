import {
  ALLOW,
  type CallWalks,
  type DoneChecks,
  type FoundChanges,
  type Guard,
  type GuardContext,
  type GuardVerdict,
  type PendingCall,
  type RunResult,
  type ToolContext,
} from "../contract/index.ts";

/**
 * Runs the guards' hooks: the one extension mechanism of the loop. Every guard sees every event (guards
 * keep their own state, so none is skipped), in registration order, and the first non-allow verdict
 * wins. The exception is a final answer one guard refused: later guards do not see it, so they never
 * spend one of their bounded refusals on an answer whose refusal the model is not shown.
 *
 * Failures never count as allow. A guard that throws in `beforeTool`, or returns something that is not
 * a verdict there, refuses the call. A `failClosed` guard (safety, snapshots) that fails in any hook
 * refuses every later call of the task, saying why; other guards' failures elsewhere are reported as
 * notices and the guard has no say on that event. The per-turn questions (`offeredTools`,
 * `temperatureFor`, `detectChanges`, `treeWalks`, `doneChecks`) are advisory: a failing answer is left out.
 */

type VerdictHook = "onReply" | "beforeTool" | "afterTool" | "beforeFinish";

const ACTIONS = new Set(["allow", "steer", "refuse", "replace", "stop"]);

function isVerdict(value: unknown): value is GuardVerdict {
  return (
    typeof value === "object" && value !== null && ACTIONS.has((value as { action?: string }).action ?? "")
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The guards of one run. */
export class GuardRunner {
  readonly guards: readonly Guard[];
  readonly #notice: (source: string, message: string) => void;
  /** Fail-closed guards that failed this task, with the reason; every call is refused while any is here. */
  readonly #broken = new Map<Guard, string>();

  /** @param notice receives guard failures (`source` is `guard:<name>`) */
  constructor(guards: readonly Guard[], notice: (source: string, message: string) => void) {
    this.guards = guards;
    this.#notice = notice;
  }

  /** Reports a failed hook; an advisory one (a per-turn question) never closes a guard. */
  #failed(guard: Guard, hook: string, error: unknown, advisory = false): void {
    const message = messageOf(error);
    if (guard.failClosed && !advisory) {
      this.#broken.set(guard, `${hook} failed: ${message}`);
      this.#notice(`guard:${guard.name}`, `${hook} failed: ${message}; tool calls are refused for this task`);
    } else if (hook === "beforeTool") {
      this.#notice(`guard:${guard.name}`, `${hook} failed and the call was refused: ${message}`);
    } else {
      this.#notice(`guard:${guard.name}`, `${hook} failed and was ignored: ${message}`);
    }
  }

  /** Calls `start` on every guard; a new task clears the failures of the last one. */
  async start(ctx: GuardContext): Promise<void> {
    this.#broken.clear();
    for (const guard of this.guards) {
      try {
        await guard.start?.(ctx);
      } catch (error) {
        this.#failed(guard, "start", error);
      }
    }
  }

  /** Hands the run's tool session to every guard that wants it. */
  attach(tools: ToolContext): void {
    for (const guard of this.guards) {
      try {
        guard.attach?.(tools);
      } catch (error) {
        this.#failed(guard, "attach", error);
      }
    }
  }

  /**
   * Calls `hook` on every guard that has it (for `beforeFinish`, up to the first that refuses);
   * returns the first non-allow verdict, or allow. Before a tool call, a failed guard refuses it.
   */
  async verdict<A>(hook: VerdictHook, arg: A, ctx: GuardContext): Promise<GuardVerdict & { guard?: string }> {
    let chosen: (GuardVerdict & { guard?: string }) | undefined;
    if (hook === "beforeTool") chosen = this.#closed(arg as PendingCall);
    for (const guard of this.guards) {
      if (chosen && hook === "beforeFinish") break;
      const fn = guard[hook] as ((a: A, c: GuardContext) => GuardVerdict | Promise<GuardVerdict>) | undefined;
      if (!fn) continue;
      let verdict: unknown;
      try {
        verdict = await fn.call(guard, arg, ctx);
        if (!isVerdict(verdict)) throw new Error(`returned ${JSON.stringify(verdict)}, not a verdict`);
      } catch (error) {
        this.#failed(guard, hook, error);
        if (!chosen && hook === "beforeTool")
          chosen = this.#refusal(guard, messageOf(error), arg as PendingCall);
        continue;
      }
      if (!chosen && verdict.action !== "allow") chosen = { ...verdict, guard: guard.name };
    }
    return chosen ?? ALLOW;
  }

  /** The refusal of a call while a fail-closed guard is broken, or undefined. */
  #closed(call: PendingCall): (GuardVerdict & { guard: string }) | undefined {
    for (const [guard, reason] of this.#broken) return this.#refusal(guard, reason, call);
    return undefined;
  }

  #refusal(guard: Guard, reason: string, call: PendingCall): GuardVerdict & { guard: string } {
    return {
      action: "refuse",
      message: `\`${call.name}\` was not run: the ${guard.name} guard failed (${reason}), and without it the call cannot be checked. This is a bug in SmallCode, not in your call; answer without tools or report it.`,
      guard: guard.name,
    };
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
        this.#failed(guard, "notes", error, true);
      }
    }
    return parts.join("\n\n");
  }

  /** `names` passed through every guard's `offeredTools`, last guard first (earlier guards have the last word). */
  offeredTools(names: readonly string[], ctx: GuardContext): string[] {
    let offered = [...names];
    for (const guard of [...this.guards].reverse()) {
      if (!guard.offeredTools) continue;
      try {
        const next: unknown = guard.offeredTools(offered, ctx);
        if (!Array.isArray(next) || next.some((n) => typeof n !== "string"))
          throw new Error("not a list of names");
        offered = next;
      } catch (error) {
        this.#failed(guard, "offeredTools", error, true);
      }
    }
    return offered;
  }

  /** The first temperature a guard asks for, or undefined. */
  temperatureFor(ctx: GuardContext): number | undefined {
    for (const guard of this.guards) {
      if (!guard.temperatureFor) continue;
      try {
        const t = guard.temperatureFor(ctx);
        if (typeof t === "number") return t;
      } catch (error) {
        this.#failed(guard, "temperatureFor", error, true);
      }
    }
    return undefined;
  }

  /** What call `callId` changed, as every scanning guard saw it (paths may repeat). */
  async detectChanges(callId: string): Promise<FoundChanges> {
    const created: string[] = [];
    const modified: string[] = [];
    const deleted: string[] = [];
    for (const guard of this.guards) {
      if (!guard.detectChanges) continue;
      try {
        const found = await guard.detectChanges(callId);
        created.push(...found.created);
        modified.push(...found.modified);
        deleted.push(...(found.deleted ?? []));
      } catch (error) {
        this.#failed(guard, "detectChanges", error, true);
      }
    }
    return deleted.length > 0 ? { created, modified, deleted } : { created, modified };
  }

  /** The first walks of the tree around call `callId` a guard answers with, or undefined. */
  treeWalks(callId: string): CallWalks | undefined {
    for (const guard of this.guards) {
      if (!guard.treeWalks) continue;
      try {
        const walks = guard.treeWalks(callId);
        if (walks !== undefined) return walks;
      } catch (error) {
        this.#failed(guard, "treeWalks", error, true);
      }
    }
    return undefined;
  }

  /** The first definition-of-done checks a guard answers with, or undefined. */
  async doneChecks(ctx: GuardContext): Promise<DoneChecks | undefined> {
    for (const guard of this.guards) {
      if (!guard.doneChecks) continue;
      try {
        const checks = await guard.doneChecks(ctx);
        if (checks !== undefined) return checks;
      } catch (error) {
        this.#failed(guard, "doneChecks", error, true);
      }
    }
    return undefined;
  }
}
