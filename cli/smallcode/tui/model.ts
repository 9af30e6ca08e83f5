import { redactString } from "../../../runtime/redact.ts";
import type { AgentEvent, RunResult } from "../contract/index.ts";
import type { DiffTracker } from "../repl/diff-view.ts";
import { summarizeArguments } from "../repl/render.ts";
import { createStreamFilter, inert, type StreamFilter } from "../repl/stream-filter.ts";

/**
 * What the fullscreen face shows, as plain data: the transcript (tasks, the model's turns with their
 * reasoning apart, tool rows, notices, summaries, command output) and the status (model, provider,
 * context estimate, step, timings). {@link TuiModel.event} folds the agent's events into it; React
 * components only draw it. Every text from a model, a file or a tool is made inert and redacted here.
 */

/** One part of a model turn: answer text, or reasoning (`<think>`), shown dimmed and collapsible. */
export interface TurnPart {
  readonly think: boolean;
  text: string;
}

/** A line of the transcript. */
export type Item =
  | { readonly kind: "task"; readonly text: string }
  | { readonly kind: "turn"; readonly parts: TurnPart[]; rejected: boolean }
  | {
      readonly kind: "tool";
      readonly id: string;
      readonly name: string;
      readonly args: string;
      status: "running" | "ok" | "failed";
      readonly startedAt: number;
      ms: number;
      output: string;
      diff: string;
    }
  | { readonly kind: "notice"; readonly source: string; readonly text: string }
  | { readonly kind: "error"; readonly text: string }
  | { readonly kind: "summary"; readonly result: RunResult }
  | { readonly kind: "say"; text: string };

/** The status line's facts. */
export interface Status {
  model: string;
  /** `embedded`, or the endpoint's host. */
  readonly provider: string;
  /** The context window in tokens, when known (the act turn's `usage` event tells the effective one). */
  window: number | undefined;
  /**
   * Tokens the conversation holds: after each act turn the model's own count (the request's prompt
   * plus its reply, from the `usage` event); else the saved history's size after each command, and
   * while a task runs that plus an estimate (characters / 4) of what streamed and what the tools returned.
   */
  contextTokens: number;
  /** Whether `contextTokens` is the model's count (the last act turn's usage, nothing estimated since). */
  contextExact: boolean;
  step: number;
  /** When the running task started, and when the current wait on the model started (0: none). */
  taskStartedAt: number;
  waitingSince: number;
  /** The elapsed time of the last finished task. */
  lastTaskMs: number;
}

/** Characters per token for the context estimate (the agent's own default counter uses 4). */
const CHARS_PER_TOKEN = 4;

/** Tool output kept for an expanded row. */
const OUTPUT_CHARS = 4000;

/** The provider shown for a base URL: its host, or `embedded` when there is none (an in-process model). */
export function providerOf(baseUrl: string | undefined): string {
  if (baseUrl === undefined || baseUrl.trim() === "") return "embedded";
  try {
    return new URL(baseUrl).host || baseUrl;
  } catch {
    return baseUrl;
  }
}

const clean = (text: string) => inert(redactString(text));

/** The transcript and status of one fullscreen session. */
export class TuiModel {
  readonly items: Item[] = [];
  readonly status: Status;
  #filter: StreamFilter | undefined;
  #turn: Extract<Item, { kind: "turn" }> | undefined;
  #thinking = false;
  /** Whether the current turn called a tool (an answer followed by another turn was rejected). */
  #calledTool = false;
  readonly #diffs: DiffTracker | undefined;
  readonly #now: () => number;

  constructor(
    init: { model: string | undefined; baseUrl: string | undefined; window: number | undefined },
    diffs?: DiffTracker,
    now: () => number = Date.now,
  ) {
    this.status = {
      model: init.model ?? "(default model)",
      provider: providerOf(init.baseUrl),
      window: init.window,
      contextTokens: 0,
      contextExact: false,
      step: 0,
      taskStartedAt: 0,
      waitingSince: 0,
      lastTaskMs: 0,
    };
    this.#diffs = diffs;
    this.#now = now;
  }

  #count(text: string): void {
    this.status.contextTokens += Math.ceil(text.length / CHARS_PER_TOKEN);
    this.status.contextExact = false;
  }

  /** A task typed by the user starts, with the session's model (`/model` may have switched it). */
  startTask(text: string, model?: string): void {
    if (model !== undefined) this.status.model = model;
    this.items.push({ kind: "task", text: clean(text) });
    this.#count(text);
    this.status.step = 0;
    this.status.taskStartedAt = this.#now();
    this.status.waitingSince = this.#now();
  }

  /** The running task ended (its summary comes from the `done` event or {@link finishTask}). */
  finishTask(result?: RunResult): void {
    this.#endTurn();
    if (result && !this.items.some((i) => i.kind === "summary" && i.result === result))
      this.items.push({ kind: "summary", result });
    this.status.lastTaskMs = this.status.taskStartedAt > 0 ? this.#now() - this.status.taskStartedAt : 0;
    this.status.taskStartedAt = 0;
    this.status.waitingSince = 0;
  }

  /** Text from a slash command or a note. */
  say(text: string): void {
    this.items.push({ kind: "say", text: clean(text).replace(/\n$/, "") });
  }

  /** Sets the conversation's size (measured from the saved session). */
  resetContext(tokens = 0): void {
    this.status.contextTokens = tokens;
    this.status.contextExact = false;
  }

  #endTurn(): void {
    if (this.#filter && this.#turn) this.#append(this.#filter.end());
    this.#filter = undefined;
    this.#turn = undefined;
    this.#thinking = false;
  }

  /** Adds filtered text to the current turn, split at the filter's reasoning marks. */
  #append(text: string): void {
    const turn = this.#turn;
    if (!turn || text === "") return;
    // the filter (in colour mode) marks reasoning with ESC[2m … ESC[22m; model text itself is inert
    for (const [i, piece] of text.split(/(\u001b\[2m|\u001b\[22m)/).entries()) {
      if (i % 2 === 1) {
        this.#thinking = piece === "\u001b[2m";
        continue;
      }
      if (piece === "") continue;
      const last = turn.parts.at(-1);
      if (last && last.think === this.#thinking) last.text += piece;
      else turn.parts.push({ think: this.#thinking, text: piece });
    }
  }

  /** Folds one agent event into the transcript and status. */
  event(event: AgentEvent): void {
    switch (event.type) {
      case "step": {
        const previous = this.#turn;
        this.#endTurn();
        // an answer followed by another turn without a tool call was sent back by a guard
        if (previous && !this.#calledTool && previous.parts.some((p) => !p.think && p.text.trim() !== ""))
          previous.rejected = true;
        this.#calledTool = false;
        this.status.step = event.step;
        this.status.waitingSince = this.#now();
        return;
      }
      case "classified": // the marrow model the router picked; the status keeps the served name
        return;
      case "usage": {
        // an act turn's request and reply are the conversation as the model counted it: exact
        if (event.contextWindow === undefined) return;
        this.status.contextTokens = event.promptTokens + event.completionTokens;
        this.status.contextExact = !event.estimated;
        this.status.window = event.contextWindow;
        return;
      }
      case "token": {
        if (!this.#turn) {
          this.#turn = { kind: "turn", parts: [], rejected: false };
          this.items.push(this.#turn);
          this.#filter = createStreamFilter(true);
        }
        this.#count(event.text);
        // redacted when drawn, whole: a secret may be split across tokens
        this.#append(this.#filter!.push(event.text));
        return;
      }
      case "tool_start": {
        this.#endTurn();
        this.#calledTool = true;
        this.status.waitingSince = 0;
        this.#diffs?.start(event.id, event.name, event.arguments);
        this.items.push({
          kind: "tool",
          id: event.id,
          name: clean(event.name),
          args: clean(summarizeArguments(event.arguments)),
          status: "running",
          startedAt: this.#now(),
          ms: 0,
          output: "",
          diff: "",
        });
        return;
      }
      case "tool_end": {
        const row = this.items.findLast(
          (i): i is Extract<Item, { kind: "tool" }> => i.kind === "tool" && i.id === event.id,
        );
        const output = clean(event.output);
        this.#count(event.output);
        const diff = this.#diffs?.end(event.id, event.ok) ?? "";
        if (row) {
          row.status = event.ok ? "ok" : "failed";
          row.ms = event.ms;
          row.output = output.length > OUTPUT_CHARS ? `${output.slice(0, OUTPUT_CHARS)}…` : output;
          row.diff = inert(diff);
        }
        this.status.waitingSince = this.#now();
        return;
      }
      case "notice":
        this.items.push({ kind: "notice", source: clean(event.source), text: clean(event.message) });
        return;
      case "error":
        this.items.push({ kind: "error", text: clean(`${event.error.code}: ${event.error.message}`) });
        return;
      case "done":
        this.#endTurn();
        this.items.push({ kind: "summary", result: event.result });
        return;
    }
  }
}
