import { getPriority, setPriority } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BenchRunRecord, runBench } from "../../bench/harness/run.ts";
import {
  type LlamaServer,
  realModelsSkipReason,
  startLlamaServer,
  testModel,
} from "../../cli/testkit/test-models.ts";

/**
 * CI's real-model smoke: two `micro` benchmark tasks on the smallest test model (SmolLM2-135M), run by
 * SmallCode in process (`--model-file`, through the real CLI) and through llama-cpp-python's server
 * (with the recording proxy), each task's oracle executed. A 135M model seldom solves them; what must
 * hold is the plumbing and the honesty: every attempt ends with a result and an oracle verdict, no
 * harness error, and no attempt claims a success its oracle refutes.
 */

const TASKS = ["create-greeting", "json-set-value"];
const skip = realModelsSkipReason(["smollm2-135m"], true);
if (skip) console.warn(`real-model bench smoke skipped: ${skip}`);

let server: LlamaServer | undefined;
let file = "";
const priority = getPriority();

beforeAll(async () => {
  if (skip) return;
  // The agent's shells and the embedded model run in child processes of this one: niceness 10.
  if (priority < 10) setPriority(10);
  file = testModel("smollm2-135m");
  server = await startLlamaServer({ modelFile: file, alias: "smollm2-135m", nCtx: 8192 });
}, 300_000);

afterAll(async () => {
  await server?.close();
  if (priority < 10) {
    try {
      setPriority(priority);
    } catch {
      // lowering niceness back needs privileges a CI user may not have; the process ends anyway
    }
  }
});

function checkHonest(record: BenchRunRecord): void {
  expect(record.trials.map((t) => t.task).sort()).toEqual([...TASKS].sort());
  for (const t of record.trials) {
    expect(t.error, `${t.task}: ${t.error}`).toBeUndefined();
    expect(t.stopReason, `${t.task}: ${t.response}`).not.toBe("error");
    expect(t.oracle.exitCode === null && !t.oracle.timedOut, t.task).toBe(false);
    if (t.agentSuccess)
      expect(t.pass, `${t.task} claimed success, its oracle says: ${t.oracle.output}`).toBe(true);
  }
}

const base = {
  suite: "micro",
  ids: TASKS,
  trials: 1,
  seed: 1,
  concurrency: 1,
  maxSteps: 2,
  maxTimeMs: 240_000,
};

describe.skipIf(skip !== undefined)("real-model bench smoke (SmolLM2-135M, micro)", () => {
  it("SmallCode in process (--model-file, grammar on): every attempt judged, none dishonest", async () => {
    const record = await runBench({ ...base, agent: "smallcode", modelFile: file, grammar: true });
    checkHonest(record);
    expect(record.config.modelFile).toBe(file);
    for (const t of record.trials) expect(t.calls, t.task).toBeGreaterThan(0);
  }, 900_000);

  it("SmallCode through llama-cpp-python's server: judged, honest, and its wire recorded", async () => {
    const record = await runBench({
      ...base,
      agent: "smallcode",
      baseUrl: server!.url,
      model: server!.model,
    });
    checkHonest(record);
    for (const t of record.trials) {
      expect(t.calls, t.task).toBeGreaterThan(0);
      expect(t.wire, t.task).toBeDefined();
      expect(t.wire!.actReplies, t.task).toBeGreaterThan(0);
      expect(t.wire!.errors, t.task).toBe(0);
    }
  }, 900_000);
});
