import type { SmallCodeOptions } from "../../contract/index.ts";
import type { DiffTracker } from "../diff-view.ts";
import type { SessionLedger } from "../ledger.ts";

/** The session a slash command works on. */
export interface CommandContext {
  /** Prints a block of text (redacted by the session). */
  say(text: string): void;
  /** The project directory. */
  readonly cwd: string;
  readonly color: boolean;
  readonly diffs: DiffTracker;
  readonly ledger: SessionLedger;
  /** The model the next task uses. */
  readonly model: string | undefined;
  /** When the session started (its traces are the ones after). */
  readonly startedAt: Date;
  /** Where the runtime writes its trace files. */
  readonly traceDir: string;
  /** The token budget of one run, when configured. */
  readonly maxTokens: number | undefined;
  /** The saved session the next task continues (undefined: the next task starts a new one). */
  readonly sessionId: string | undefined;
  /** The agent options the next task runs with (endpoint, model, key). */
  readonly agentOptions: SmallCodeOptions;
  /** Runs a `smallcode` command in-process with the session's directory and endpoint; its exit code. */
  cli(argv: readonly string[]): Promise<number>;
  /** Starts a new conversation with the same settings. */
  clear(): void;
}

/** One slash command: its name, aliases, usage, one-line description, and what it does. */
export interface SlashCommand {
  readonly name: string;
  readonly aliases?: readonly string[];
  readonly usage: string;
  readonly description: string;
  /** Whether it takes an argument; one without refuses `/name something`. */
  readonly takesArgument?: boolean;
  run(ctx: CommandContext, arg: string): void | Promise<void>;
}
