import { afterEach, describe, expect, test } from "vitest";
import {
  contextBudget,
  defaultCounter,
  SUMMARY_HEADER,
  toolPairProblems,
} from "../../../cli/smallcode/context/index.ts";
import type { Message } from "../../../cli/smallcode/contract/index.ts";
import type { RecordedRequest } from "../../../cli/testkit/scripted-server.ts";
import { strongCoder } from "../../../generated/index.ts";
import { BUGGY_PROJECT } from "../../support/agent-project.ts";
import { type AgentHarness, historyOf, startAgent } from "../../support/agent-run.ts";
import { agentScript, hermes } from "../../support/agent-script.ts";

/**
 * The 3b benchmark's failure: on a 4k window, escalating to StrongCoder (max_output 4096) left no
 * room for history, so every request was only the system prompt and the task. Now the reply
 * reservation is clamped to a quarter of the window, and the summary of older turns and the newest
 * call with its result always reach the next request.
 */

const WINDOW = 4096;

const BIG = {
  ...BUGGY_PROJECT,
  "big.js": Array.from(
    { length: 600 },
    (_, i) => `export const value${i} = ${i}; // some padding text here`,
  ).join("\n"),
};

const think = (i: number) => `Step ${i}: ${"I am reading the file carefully to understand it. ".repeat(20)}`;

/** Reads of big.js (filling the window), then three failing patches (escalation), then an answer. */
const reads = Array.from(
  { length: 6 },
  (_, i) =>
    `${think(i)}\n${hermes("read_file", { path: "big.js", start_line: i * 60 + 1, end_line: i * 60 + 60 })}`,
);
const badPatch = (i: number) =>
  hermes("patch", { path: "math.js", old_str: `no such text ${i}`, new_str: "x" });

const SUMMARY = "- read_file big.js lines 1-300: constants value0..value299 (step 1)";

/** Tokens of a request as the server sees it: messages plus tool schemas. */
const requestTokens = (r: RecordedRequest) =>
  defaultCounter.messages(r.body.messages as Message[]) +
  Math.ceil(JSON.stringify(r.body.tools ?? []).length / 4);

describe("end to end: a 4k window after escalating to the strong model", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  test("the summary and the newest result appear in the next request; the history is never emptied", async () => {
    h = await startAgent(
      agentScript({
        act: [...reads, badPatch(1), badPatch(2), badPatch(3), "big.js exports 600 constants."],
        rules: [{ prompt: "compress_history", replies: [{ content: SUMMARY }] }],
      }),
      { contextWindow: WINDOW, modelStrong: "strong-model" },
      BIG,
    );
    const result = await h.agent.run("explain what big.js exports");
    expect(result.stopReason).toBe("done");
    const requests = h.actRequests();
    const strong = requests.findIndex((r) => r.body.model === "strong-model");
    expect(strong).toBeGreaterThan(0);

    // every request after the first carries history: never only the system prompt and the task
    for (const r of requests.slice(1)) expect(historyOf(r).length).toBeGreaterThan(0);

    // the request after escalation: the summary first, the third failed patch with its result last
    const history = historyOf(requests[strong]!);
    expect(history[0]!.content).toContain(SUMMARY_HEADER);
    expect(history[0]!.content).toContain(SUMMARY);
    const last = history.at(-1)!;
    expect(last.role).toBe("tool");
    const call = history.at(-2)!.tool_calls?.[0];
    expect(call?.function.name).toBe("patch");
    expect(call?.function.arguments).toContain("no such text 3");
    expect(last.tool_call_id).toBe(call?.id);
    expect(last.content?.length ?? 0).toBeGreaterThan(20);

    // no notice of an empty history budget
    const notices = h.events.flatMap((e) =>
      e.type === "notice" && e.source === "context" ? [e.message] : [],
    );
    expect(notices.some((m) => /leaves only 0 tokens|fitted to 0 tokens/.test(m))).toBe(false);

    // every request fits the window less the (clamped) reply reservation
    const reserved = contextBudget(strongCoder, 0, WINDOW).maxOutput;
    expect(reserved).toBe(1024);
    for (const r of requests) {
      expect(toolPairProblems(historyOf(r))).toEqual([]);
      expect(requestTokens(r)).toBeLessThanOrEqual(WINDOW - reserved);
      // the reply budget sent is the one reserved, never the declared 4096 of the strong model
      expect(r.body.max_tokens).toBeLessThanOrEqual(reserved);
    }
    expect(h.orderingProblems()).toEqual([]);
  });

  test("a single result on the first turns is sent whole, not fitted away", async () => {
    h = await startAgent(
      agentScript({
        act: [hermes("read_file", { path: "big.js", start_line: 1, end_line: 30 }), "Constants."],
      }),
      { contextWindow: WINDOW, modelStrong: "strong-model" },
      BIG,
    );
    await h.agent.run("explain what big.js exports");
    const history = historyOf(h.actRequests()[1]!);
    expect(history).toHaveLength(2);
    expect(history[1]!.content).toContain("value29");
    expect(
      h.events.some((e) => e.type === "notice" && e.source === "context" && /fitted/.test(e.message)),
    ).toBe(false);
  });
});
