import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  ALLOW,
  type Guard,
  type GuardContext,
  type GuardVerdict,
  type Message,
  type PendingCall,
  type RunResult,
  type ToolOutcomeRecord,
} from "../../cli/smallcode/contract/index.ts";
import { EDIT_TOOLS } from "../../cli/smallcode/guard-kit/calls.ts";
import {
  createToolSession,
  runTool,
  type ToolSession,
  toolNames,
} from "../../cli/smallcode/toolbox/index.ts";

/**
 * A small harness that drives guards through their public hooks the way the agent loop does: it keeps
 * a realistic `GuardContext` (history, outcomes, files read and changed), runs hooks in order, and
 * returns the first non-allow verdict of each hook.
 */

/** A temporary project directory with `files` written into it (real path). */
export function makeProject(files: Record<string, string | Uint8Array> = {}): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), "smallcode-guards-")));
  for (const [rel, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, rel)), { recursive: true });
    writeFileSync(join(root, rel), content);
  }
  return root;
}

/** Removes project directories made by a test file. */
export function cleanupProjects(roots: string[]): void {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
}

let ids = 0;

/** A pending call with a fresh id. */
export function call(name: string, args: Record<string, unknown> = {}): PendingCall {
  return { id: `call_${++ids}`, name, arguments: args };
}

/** A guard context with sensible defaults. */
export function context(overrides: Partial<GuardContext> = {}): GuardContext {
  return {
    task: "fix the off-by-one error in src/range.ts",
    cwd: "/project",
    step: 0,
    history: [],
    outcomes: [],
    filesRead: new Set(),
    filesChanged: new Set(),
    offeredTools: toolNames.filter((n) => !["todo", "note", "done_when"].includes(n)),
    taskType: "debugging",
    ...overrides,
  };
}

/** The first non-allow verdict of `hook` over `guards`, as the loop takes it. */
async function firstVerdict(
  guards: readonly Guard[],
  run: (g: Guard) => GuardVerdict | Promise<GuardVerdict> | undefined,
): Promise<GuardVerdict> {
  for (const g of guards) {
    const v = await run(g);
    if (v && v.action !== "allow") return v;
  }
  return ALLOW;
}

/** What a scripted tool call returned. */
export interface ScriptedOutcome {
  readonly ok?: boolean;
  readonly output?: string;
  readonly changed?: readonly string[];
}

/** Drives guards through a scripted run, keeping the context up to date. */
export class Driver {
  readonly guards: readonly Guard[];
  ctx: GuardContext;
  readonly #history: Message[] = [];
  readonly #outcomes: ToolOutcomeRecord[] = [];
  readonly #read = new Set<string>();
  readonly #changed = new Set<string>();
  /** When set, calls really run through `runTool` in this session. */
  session?: ToolSession;

  constructor(
    guards: Guard | readonly Guard[] | { readonly guards: readonly Guard[] },
    overrides: Partial<GuardContext> = {},
  ) {
    this.guards = Array.isArray(guards) ? guards : "guards" in guards ? guards.guards : [guards as Guard];
    this.ctx = context(overrides);
    this.#refresh();
  }

  /** Starts a real tool session in the context's cwd (calls then run for real). */
  withSession(): this {
    this.session = createToolSession({ cwd: this.ctx.cwd });
    return this;
  }

  #refresh(): void {
    this.ctx = {
      ...this.ctx,
      history: [...this.#history],
      outcomes: [...this.#outcomes],
      filesRead: new Set(this.#read),
      filesChanged: new Set(this.#changed),
    };
  }

  async start(task?: string): Promise<void> {
    if (task !== undefined) this.ctx = { ...this.ctx, task };
    this.#history.push({ role: "user", content: this.ctx.task } as Message);
    this.#refresh();
    for (const g of this.guards) await g.start?.(this.ctx);
  }

  /** A model reply; returns the verdict of `onReply`. */
  async reply(text: string, calls: readonly PendingCall[] = []): Promise<GuardVerdict> {
    this.ctx = { ...this.ctx, step: this.ctx.step + 1 };
    this.#history.push({ role: "assistant", content: text } as Message);
    this.#refresh();
    return firstVerdict(this.guards, (g) => g.onReply?.({ text, calls }, this.ctx));
  }

  /**
   * One tool call: `beforeTool`, then (unless refused or replaced) the scripted or real outcome, then
   * `afterTool`. Returns both verdicts and the outcome recorded.
   */
  async tool(
    c: PendingCall,
    scripted: ScriptedOutcome = {},
  ): Promise<{ before: GuardVerdict; after: GuardVerdict; outcome: ToolOutcomeRecord }> {
    const before = await firstVerdict(this.guards, (g) => g.beforeTool?.(c, this.ctx));
    let outcome: ToolOutcomeRecord;
    if (before.action === "refuse") {
      outcome = { call: c, ok: false, output: before.message, changed: [] };
    } else if (before.action === "replace") {
      outcome = { call: c, ok: true, output: before.output, changed: [] };
    } else if (this.session) {
      const r = await runTool(c.name, c.arguments, this.session);
      outcome = { call: c, ok: r.ok, output: r.output, changed: scripted.changed ?? [] };
    } else {
      outcome = {
        call: c,
        ok: scripted.ok ?? true,
        output: scripted.output ?? "ok",
        changed: scripted.changed ?? [],
      };
    }
    if (before.action === "stop") return { before, after: ALLOW, outcome };
    this.#history.push({ role: "tool", content: outcome.output, tool_call_id: c.id } as Message);
    this.#outcomes.push(outcome);
    const path = typeof c.arguments.path === "string" ? c.arguments.path : undefined;
    if (outcome.ok && path && ["read_file", "patch", "read_and_patch"].includes(c.name)) this.#read.add(path);
    if (outcome.ok && path && EDIT_TOOLS.has(c.name)) this.#changed.add(path);
    for (const p of outcome.changed) this.#changed.add(p);
    this.#refresh();
    const after = await firstVerdict(this.guards, (g) => g.afterTool?.(outcome, this.ctx));
    return { before, after, outcome };
  }

  /** A final answer: `beforeFinish`. */
  async answer(text: string): Promise<GuardVerdict> {
    this.#history.push({ role: "assistant", content: text } as Message);
    this.#refresh();
    return firstVerdict(this.guards, (g) => g.beforeFinish?.(text, this.ctx));
  }

  /** Ends the run: `finish` on every guard, then closes the session. */
  async finish(result: Partial<RunResult> = {}): Promise<void> {
    const full: RunResult = {
      success: true,
      response: "",
      stopReason: "done",
      toolCalls: [],
      filesCreated: [],
      filesEdited: [],
      usage: { calls: 0, promptTokens: 0, completionTokens: 0 },
      durationMs: 0,
      ...result,
    };
    for (const g of this.guards) await g.finish?.(full, this.ctx);
    await this.session?.close();
  }
}
