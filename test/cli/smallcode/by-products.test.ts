import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunResult } from "../../../cli/smallcode/contract/index.ts";
import {
  type Script,
  type ScriptedServer,
  startScriptedServer,
} from "../../../cli/testkit/scripted-server.ts";
import { cleanup, run, tempDir } from "./helpers.ts";

/**
 * A command's by-product is not the requested change. A real model (Qwen2.5-Coder 0.5B, the bench's
 * micro json-add-key task) ran `npm update package.json`: npm wrote package-lock.json, and the verdict
 * called that success while package.json had no version key. Through `smallcode run --json` against a
 * scripted model: a lock file alone, or another file instead of the one the task names, is not done;
 * the named file changed (with or without the lock file) is.
 */

const TASK = 'Add a key "version" with the string value "1.0.0" to package.json. Keep the other keys.';
const PACKAGE = '{\n  "name": "micro-app",\n  "private": true\n}\n';
const LOCK = `printf '{"name":"micro-app","lockfileVersion":3}\\n' > package-lock.json`;
const PATCH = {
  name: "patch",
  arguments: {
    path: "package.json",
    old_str: '  "name": "micro-app",',
    new_str: '  "name": "micro-app",\n  "version": "1.0.0",',
  },
};

/** A model that makes `calls` one by one and then says it is done, however often it is asked. */
function script(calls: readonly { name: string; arguments: Record<string, unknown> }[]): Script {
  return {
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: "editing" }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["read", "write", "run"]' }] },
      {
        prompt: "act",
        replies: [
          ...calls.map((c) => ({ toolCalls: [c] })),
          { content: "Done: package.json has the version." },
        ],
      },
    ],
    fallback: { content: "Done." },
  };
}

const bash = (command: string) => ({ name: "bash", arguments: { command } });

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(script([]));
});
afterAll(async () => {
  await server.close();
  cleanup();
});

/** Runs the task with `calls` in a fresh project; the parsed --json result, the exit code, the project. */
async function attempt(calls: Parameters<typeof script>[0], task = TASK) {
  server.setScript(script(calls));
  const dir = tempDir({ "package.json": PACKAGE });
  const r = await run(dir, ["run", task, "--json", "--base-url", server.url, "--model", "scripted-model"]);
  const result = JSON.parse(r.stdout) as RunResult;
  return { code: r.code, result, read: (p: string) => readFileSync(join(dir, p), "utf8") };
}

describe("smallcode run: a command's by-product is not the requested change", () => {
  it("a command that rewrites package.json with the same bytes, then a claim of done: no change", async () => {
    // Qwen 0.5B on the same task: `sed -i` rewrote the file (new stamp, same content) and the verdict
    // called the run a success with package.json as its change.
    const { code, result, read } = await attempt([bash("sed -i 's/version:.*//g' package.json")]);
    expect(read("package.json")).toBe(PACKAGE);
    expect(code).toBe(1);
    expect(result).toMatchObject({ success: false, stopReason: "no_changes" });
    expect(result.evidence?.changes).toEqual([]);
  });

  it("a lock file written by a command, then a claim of done: not done, and the verdict names package.json", async () => {
    const { code, result, read } = await attempt([bash(LOCK)]);
    expect(read("package-lock.json")).toContain("lockfileVersion");
    expect(read("package.json")).toBe(PACKAGE);
    expect(code).toBe(1);
    expect(result).toMatchObject({ success: false, stopReason: "no_changes" });
    expect(result.evidence?.changes).toEqual([]);
    expect(result.evidence?.verdict).toContain(
      "package.json, which the task names, did not change; only package-lock.json changed (written by a command)",
    );
    // the model was told before its answer stood (guards/done-fallback.ts)
    const sent = JSON.stringify(server.chatRequests("act").map((r) => r.body));
    expect(sent).toContain(
      "package.json, which the task names, has not changed yet (only package-lock.json changed, written by a command)",
    );
  });

  it("another file written instead of the named one: not done (unverified), naming both", async () => {
    const { code, result } = await attempt([bash(`printf '{"version":"1.0.0"}\\n' > version.json`)]);
    expect(code).toBe(1);
    expect(result).toMatchObject({ success: false, stopReason: "unverified" });
    expect(result.evidence?.changes).toEqual(["version.json"]);
    expect(result.evidence?.verdict).toContain("package.json, which the task names, did not change");
    expect(result.evidence?.verdict).toContain("version.json");
  });

  it("control: the model patches package.json: done", async () => {
    const { code, result, read } = await attempt([PATCH]);
    expect(read("package.json")).toContain('"version": "1.0.0"');
    expect(code).toBe(0);
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    expect(result.evidence?.changes).toEqual(["package.json"]);
  });

  it("the lock file and package.json both changed: done, and the lock file is not listed as the work", async () => {
    const { code, result, read } = await attempt([bash(LOCK), PATCH]);
    expect(read("package.json")).toContain('"version": "1.0.0"');
    expect(read("package-lock.json")).toContain("lockfileVersion");
    expect(code).toBe(0);
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    expect(result.evidence?.changes).toEqual(["package.json"]);
  });

  it("a task that names the lock file itself: its change is the work, done", async () => {
    const { code, result } = await attempt([bash(LOCK)], "Create package-lock.json for this project.");
    expect(code).toBe(0);
    expect(result).toMatchObject({ success: true, stopReason: "done" });
    expect(result.evidence?.changes).toEqual(["package-lock.json"]);
  });
});

describe("smallcode run: a file the task asks to be written must exist", () => {
  // A real model (Qwen2.5-Coder 0.5B, micro run-report) ran the script, answered "4181" and never wrote
  // output.txt; the classifier had called the task a question, so the verdict said done.
  const REPORT = "Run python3 secret.py and write exactly what it prints into a new file named output.txt.";
  const asQuestion = (calls: readonly { name: string; arguments: Record<string, unknown> }[]): Script => ({
    models: ["scripted-model"],
    rules: [
      { prompt: "classify_task_type", replies: [{ content: "explain" }] },
      { prompt: "pick_tool_categories", replies: [{ content: '["read", "write", "run"]' }] },
      { prompt: "act", replies: [...calls.map((c) => ({ toolCalls: [c] })), { content: "4181" }] },
    ],
    fallback: { content: "4181" },
  });

  async function report(calls: Parameters<typeof asQuestion>[0]) {
    server.setScript(asQuestion(calls));
    const dir = tempDir({ "secret.py": "print(4181)\n" });
    const r = await run(dir, [
      "run",
      REPORT,
      "--json",
      "--base-url",
      server.url,
      "--model",
      "scripted-model",
    ]);
    return { code: r.code, result: JSON.parse(r.stdout) as RunResult, dir };
  }

  it("the script run and its output answered, output.txt never written: not done, naming output.txt", async () => {
    const { code, result } = await report([bash("python3 secret.py")]);
    expect(code).toBe(1);
    expect(result).toMatchObject({ success: false, stopReason: "no_changes" });
    expect(result.evidence?.verdict).toContain("output.txt, which the task asks for, does not exist");
  });

  it("control: output.txt written: done", async () => {
    const write = { name: "write_file", arguments: { path: "output.txt", content: "4181\n" } };
    const { result, dir } = await report([bash("python3 secret.py"), write]);
    expect(readFileSync(join(dir, "output.txt"), "utf8")).toBe("4181\n");
    expect(result).toMatchObject({ success: true, stopReason: "done" });
  });
});
