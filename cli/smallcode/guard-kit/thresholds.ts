/**
 * Every threshold of the small-model guards, snapshots, contracts, planning and safety, in one place.
 * Counts are tool calls or model turns unless a name says otherwise. Tune here, nowhere else;
 * `createGuards(switches, { thresholds })` accepts a partial override for tests and experiments.
 */
export interface Thresholds {
  // --- early stop ---
  /** The same call (name and arguments) seen this many times within `loopWindow` calls: steer. */
  readonly loopSteerAt: number;
  /** … this many times: stop the run. */
  readonly loopStopAt: number;
  /** How many recent calls the identical-call count looks back over. */
  readonly loopWindow: number;
  /** Consecutive read-only calls on a task that needs changes, with no change made: steer. */
  readonly readOnlySteerAt: number;
  /** … and stop. */
  readonly readOnlyStopAt: number;
  /** The same limits for tasks that only need reading (explain, search, chat): more room. */
  readonly readOnlyLooseFactor: number;
  /** Failed patches on one file (since its last successful edit): tell the model to re-read and rewrite. */
  readonly patchSpiralSteerAt: number;
  /** … and stop. */
  readonly patchSpiralStopAt: number;
  /** A chunk repeated this many times back to back inside one reply is degenerate repetition. */
  readonly replyRepeatCount: number;
  /** Shortest chunk (characters) that counts for repetition inside a reply. */
  readonly replyRepeatMinChars: number;
  /** A reply whose lines are this fraction duplicates (and at least 6 lines) is repetitive. */
  readonly replyDuplicateLineRatio: number;
  /** Final answers refused because a change task changed nothing, before letting the answer stand. */
  readonly noChangeFinishRefusals: number;

  // --- quality monitor ---
  /** Consecutive corrections before the monitor gives up (then continue or stop, per option). */
  readonly maxConsecutiveCorrections: number;
  /** Suggested real tool names for a hallucinated one. */
  readonly toolSuggestions: number;

  // --- read-before-write ---
  /** Refusals per file before a blind whole-file write is let through (the model insisted). */
  readonly readBeforeWriteRefusals: number;

  // --- deduplication ---
  /** Identical read-only calls within this many calls are answered from the earlier result. */
  readonly dedupWindow: number;
  /** Longest cached output kept, in characters (longer ones are not deduplicated). */
  readonly dedupMaxChars: number;

  // --- adaptive retry temperature ---
  /** Consecutive failed edits of one file before the temperature is raised. */
  readonly retryTemperatureAfter: number;
  /** Temperature at the first raise, the step per further failure, and the ceiling. */
  readonly retryTemperatureStart: number;
  readonly retryTemperatureStep: number;
  readonly retryTemperatureMax: number;

  // --- tool trust ---
  /** Consecutive failures of one tool before it is demoted (the model is told to prefer another). */
  readonly trustDemoteAt: number;
  /** Consecutive failures before it is dropped from the offered schemas for the rest of the task. */
  readonly trustDropAt: number;
  /** Tools whose failures say nothing about the tool (a failing test run is the project's failure). */
  readonly trustExempt: readonly string[];

  // --- snapshots ---
  /** Files larger than this are not copied; a change to one is reported as not restorable. */
  readonly snapshotMaxFileBytes: number;
  /** Above this many files the tree is not scanned (only tool edits are protected). */
  readonly snapshotMaxFiles: number;
  /** Task snapshots kept; older ones are pruned. */
  readonly snapshotKeepTasks: number;

  // --- contracts (definition of done) ---
  /** Assertions a task may declare. */
  readonly contractMaxAssertions: number;
  /** Seconds each assertion command may run. */
  readonly contractTimeoutS: number;
  /** Refused final answers before the run is stopped as not done. */
  readonly contractMaxRefusals: number;
  /** Characters of command output kept as evidence. */
  readonly contractEvidenceChars: number;
  /**
   * Switch: when no check was declared, refuse a change task's first final answer and run a check of
   * SmallCode's own (the project's tests, else syntax checks of the changed files); a failing one
   * refuses the answer once per distinct failure, within `contractMaxRefusals`.
   */
  readonly contractFallbackChecks: boolean;
  /** Changed files the fallback syntax-checks at most. */
  readonly contractFallbackMaxFiles: number;
  /** Characters of a failing fallback check's output shown to the model. */
  readonly contractFallbackOutputChars: number;

  // --- planning ---
  /** A task with at least this many words, or `planMinClauses` separate asks, is long: plan it. */
  readonly planMinWords: number;
  readonly planMinClauses: number;
  /** Steps a TODO list may hold. */
  readonly planMaxSteps: number;
  /** Failed validations of one step before it is closed anyway, marked as failing. */
  readonly stepValidationAttempts: number;
  /** Seconds a step validation command may run. */
  readonly stepValidationTimeoutS: number;
  /** Final answers refused while plan steps are still open, before letting the answer stand. */
  readonly planOpenStepRefusals: number;
  /** Scratchpad notes kept (oldest dropped first). */
  readonly maxNotes: number;
  /** Share of the notes budget the TODO list may take; the scratchpad gets the rest. */
  readonly todoBudgetShare: number;
}

/** The defaults, sized for 7–14B models with 8–16k windows. */
export const THRESHOLDS: Thresholds = Object.freeze({
  loopSteerAt: 3,
  loopStopAt: 4,
  loopWindow: 8,
  readOnlySteerAt: 10,
  readOnlyStopAt: 18,
  readOnlyLooseFactor: 2,
  patchSpiralSteerAt: 3,
  patchSpiralStopAt: 6,
  replyRepeatCount: 4,
  replyRepeatMinChars: 12,
  replyDuplicateLineRatio: 0.6,
  noChangeFinishRefusals: 1,

  maxConsecutiveCorrections: 2,
  toolSuggestions: 3,

  readBeforeWriteRefusals: 1,

  dedupWindow: 12,
  dedupMaxChars: 16_000,

  retryTemperatureAfter: 2,
  retryTemperatureStart: 0.5,
  retryTemperatureStep: 0.15,
  retryTemperatureMax: 0.9,

  trustDemoteAt: 3,
  trustDropAt: 5,
  trustExempt: Object.freeze(["bash", "run_tests", "todo", "note", "done_when"]),

  snapshotMaxFileBytes: 4 * 1024 * 1024,
  snapshotMaxFiles: 20_000,
  snapshotKeepTasks: 20,

  contractMaxAssertions: 8,
  contractTimeoutS: 120,
  contractMaxRefusals: 4,
  contractEvidenceChars: 2000,
  contractFallbackChecks: true,
  contractFallbackMaxFiles: 20,
  contractFallbackOutputChars: 1200,

  planMinWords: 40,
  planMinClauses: 3,
  planMaxSteps: 12,
  stepValidationAttempts: 2,
  stepValidationTimeoutS: 300,
  planOpenStepRefusals: 1,
  maxNotes: 30,
  todoBudgetShare: 0.6,
});

/** The defaults with `overrides` applied. */
export function thresholds(overrides: Partial<Thresholds> = {}): Thresholds {
  return Object.freeze({ ...THRESHOLDS, ...overrides });
}
