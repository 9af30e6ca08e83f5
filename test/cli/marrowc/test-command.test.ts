import { existsSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  type Script,
  type ScriptedServer,
  startScriptedServer,
} from "../../../cli/testkit/scripted-server.ts";
import { cleanup, project, readFile, run, VALID } from "./helpers.ts";

const runtimeImport = resolve("runtime/index.ts");
let server: ScriptedServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(cleanup);

const script = (love: string, hate: string): Script => ({
  rules: [
    { prompt: "classify_mood", match: "I love it", replies: [{ content: love }] },
    { prompt: "classify_mood", match: "I hate it", replies: [{ content: hate }] },
  ],
});

async function built(): Promise<string> {
  const dir = project({ "marrow/demo.marrow": VALID });
  const b = await run(dir, ["build", "--runtime-import", runtimeImport]);
  expect(b.code).toBe(0);
  return dir;
}

function env(url: string): Record<string, string> {
  return { SMALLCODE_BASE_URL: url, SMALLCODE_MODEL: "tiny-model", SMALLCODE_PROVIDER: "openai_compat" };
}

describe("marrowc test", () => {
  it("prints a score per evaluation and exits 0 at or above the baseline", async () => {
    const dir = await built();
    server = await startScriptedServer(script("happy", "happy"));
    const r = await run(dir, ["test"], { env: env(server.url) });
    expect(r.stdout).toBe(
      "ok   mood_accuracy (classify_mood, exact): 0.50 (1/2 cases) baseline 0.50\n" +
        "     case 2: expected sad, got happy\n",
    );
    expect(r.stderr).toBe("marrowc: 1 evaluation, 0 below baseline\n");
    expect(r.code).toBe(0);
  });

  it("exits 1 below the baseline and reports failed calls as errors; --json gives the results", async () => {
    const dir = await built();
    server = await startScriptedServer(script("sad", "nonsense"));
    const r = await run(dir, ["test", "--json"], { env: env(server.url) });
    expect(r.code).toBe(1);
    const [result] = JSON.parse(r.stdout);
    expect(result).toMatchObject({
      name: "mood_accuracy",
      prompt: "classify_mood",
      score: 0,
      baseline: 0.5,
      passed: false,
    });
    expect(result.cases[0]).toMatchObject({ expect: "happy", output: "sad", score: 0 });
    expect(result.cases[1].error).toEqual(expect.any(String));
  });

  it("records replies with --record and answers from them offline with --replay", async () => {
    const dir = await built();
    server = await startScriptedServer(script("happy", "sad"));
    // No SMALLCODE_PROVIDER: the runtime probes the endpoint, and the probe is recorded too.
    const rec = await run(dir, ["test", "--record"], {
      env: { SMALLCODE_BASE_URL: server.url, SMALLCODE_MODEL: "tiny-model" },
    });
    expect(rec.code).toBe(0);
    expect(rec.stdout).toContain("ok   mood_accuracy (classify_mood, exact): 1.00 (2/2 cases)");
    const recording = JSON.parse(readFile(dir, ".smallcode/evals/mood_accuracy.json"));
    expect(recording).toMatchObject({
      version: 1,
      evaluation: "mood_accuracy",
      env: { SMALLCODE_MODEL: "tiny-model" },
    });
    expect(recording.exchanges.filter((e: { path: string }) => e.path === "/chat/completions")).toHaveLength(
      2,
    );
    expect(recording.exchanges.map((e: { path: string }) => e.path)).toContain("origin:/api/version");
    expect(JSON.stringify(recording)).not.toContain("authorization");
    expect(readFile(dir, ".smallcode/.gitignore")).toContain("\n*\n"); // the state folder ignores itself
    await server.close();
    server = undefined;
    const replay = await run(dir, ["test", "--replay"]);
    expect(replay.stdout).toBe(rec.stdout);
    expect(replay.code).toBe(0);
  });

  it("fails clearly when there is nothing to run", async () => {
    const dir = project({ "marrow/demo.marrow": VALID }); // a project not built yet
    const missing = await run(dir, ["test"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("`generated/index.ts` does not exist; run `marrowc build` first");
    const b = await built();
    const unknown = await run(b, ["test", "mood_acuracy"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown evaluation `mood_acuracy` (did you mean `mood_accuracy`?)");
    const noRecording = await run(b, ["test", "--replay"]);
    expect(noRecording.code).toBe(2);
    expect(noRecording.stderr).toContain(
      "no recording for `mood_accuracy`; run `marrowc test --record mood_accuracy`",
    );
    expect((await run(b, ["test", "--record"])).stderr).toContain("`--record` needs SMALLCODE_BASE_URL");
    rmSync(join(b, ".smallcode"), { recursive: true, force: true });
    expect(existsSync(join(b, ".smallcode/evals"))).toBe(false);
  });
});
