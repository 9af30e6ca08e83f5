import { afterEach, describe, expect, test } from "vitest";
import type { AgentEvent, Message } from "../../cli/smallcode/contract/index.ts";
import { loadSession } from "../../cli/smallcode/sessions/index.ts";
import { DEFAULT_LIMITS } from "../../cli/smallcode/tools/tool.ts";
import { type AgentHarness, startAgent } from "../support/agent-run.ts";
import { agentScript, hermes } from "../support/agent-script.ts";

/**
 * A catastrophic regular expression from the model. `(a+)+$` against a run of `a`s that ends in
 * something else backtracks exponentially: 28 `a`s take seconds to a minute of one core, 40 take days.
 * The lookahead makes ripgrep (linear-time, no lookaround) reject the pattern, so the JS engine runs
 * whether rg is installed or not. It must not freeze the agent: Ctrl-C still ends the run, and a
 * search that runs out of time tells the model so.
 */

const EVIL = "(?=a)(a+)+$";
/** One line that `EVIL` needs about 2^n steps to reject. */
const evilLine = (n: number) => `${"a".repeat(n)}!\n`;

function results(history: readonly Message[]): string[] {
  return history.filter((m) => m.role === "tool").map((m) => String(m.content));
}

describe("security: a catastrophic regex in search", () => {
  let h: AgentHarness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  // Before the fix the regex ran on the main thread: the abort could not fire until it finished.
  test("Ctrl-C (the run's signal) ends the run while the regex runs, and the session is saved", async () => {
    const controller = new AbortController();
    const onEvent = (e: AgentEvent) => {
      // Abort once the search is under way, from a timer: it fires only if the event loop is free.
      if (e.type === "tool_start" && e.name === "search") setTimeout(() => controller.abort(), 200);
    };
    h = await startAgent(
      agentScript({ act: [hermes("search", { pattern: EVIL }), "Done."] }),
      { signal: controller.signal, onEvent },
      { "evil.txt": evilLine(28) },
    );
    const result = await h.agent.run("find the runs of a");
    expect(result.stopReason).toBe("cancelled");
    expect(results(h.agent.history)).toEqual(["search failed: the search was cancelled"]);
    const saved = await loadSession(h.project.root, h.agent.sessionId!);
    expect(saved.result?.stopReason).toBe("cancelled");
  }, 120_000);

  test("a search that runs out of time says the regex timed out and suggests a literal search", async () => {
    h = await startAgent(
      agentScript({ act: [hermes("search", { pattern: EVIL }), "Done."] }),
      {},
      { "ok.txt": "aaa\n", "src/evil.txt": `first line\n${evilLine(32)}` },
    );
    const result = await h.agent.run("find the runs of a");
    const [output] = results(h.agent.history);
    const seconds = DEFAULT_LIMITS.searchTimeoutMs / 1000;
    expect(output).toBe(
      [
        `search stopped after ${seconds} s without finishing, so any matches below are incomplete: the regular expression \`${EVIL}\` timed out on line 2 of \`src/evil.txt\`. Nested repetition such as \`(a+)+\` or \`(.*)*\` makes a regex take exponential time. Search for a literal piece of the text instead (no regex operators), or narrow the search with path or glob`,
        "ok.txt:1: aaa",
      ].join("\n"),
    );
    expect(result.toolCalls).toMatchObject([{ name: "search", ok: false }]);
  }, 180_000);
});
