import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SessionIo, StringWriter } from "../../../cli/smallcode/io.ts";
import { main } from "../../../cli/smallcode/main.ts";
import {
  type RecordedRequest,
  type ScriptedServer,
  startScriptedServer,
} from "../../../cli/testkit/scripted-server.ts";
import { cleanEnv, cleanup, run, tempDir } from "./helpers.ts";
import { WRITE_HELLO_SCRIPT } from "./servers.ts";

/**
 * Where tasks come from and what the model sees of earlier ones: the task on stdin (`smallcode run -`,
 * a pipe), later tasks of a session (REPL, `--resume`) with the earlier questions, `/resume ID` checked.
 */

let server: ScriptedServer;
beforeAll(async () => {
  server = await startScriptedServer(WRITE_HELLO_SCRIPT);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

/** The act requests sent since `from`, as the text of their messages. */
function actTexts(from: number): string[] {
  return server
    .chatRequests("act")
    .slice(from)
    .map((r: RecordedRequest) => JSON.stringify(r.body.messages));
}

const USAGE_NO_TASK =
  'smallcode: error: `smallcode run` needs a task, e.g. `smallcode run "add a --verbose flag"`, or on stdin: `echo "add a --verbose flag" | smallcode run`\n' +
  "Run `smallcode run --help` for usage.\n";

describe("the task on stdin", () => {
  it("reads a piped task for `smallcode run` with no task, and for `smallcode run -`", async () => {
    for (const argv of [["run"], ["run", "-"], ["-p", "-"]]) {
      server.setScript(WRITE_HELLO_SCRIPT);
      const dir = tempDir();
      const before = server.chatRequests("act").length;
      const r = await run(dir, [...argv, "--json", "--base-url", server.url], {
        stdin: "write hello.txt\ncontaining hello\n",
      });
      expect(r.stderr).toBe("");
      expect(actTexts(before)[0]).toContain("Task: write hello.txt\\ncontaining hello");
      const sessions = JSON.parse((await run(dir, ["sessions", "--json"])).stdout);
      expect(sessions).toEqual([expect.objectContaining({ task: "write hello.txt\ncontaining hello" })]);
    }
  });

  it("says how to give a task when stdin is a terminal or absent, and when it is empty", async () => {
    expect(await run(tempDir(), ["run", "--base-url", server.url])).toEqual({
      code: 2,
      stdout: "",
      stderr: USAGE_NO_TASK,
    });
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    const stderr = new StringWriter();
    const io: SessionIo = { cwd: tempDir(), env: cleanEnv(), stdout: new StringWriter(), stderr, stdin: tty };
    expect(await main(["run", "--base-url", server.url], io)).toBe(2);
    expect(stderr.text).toBe(USAGE_NO_TASK);
    expect(await run(tempDir(), ["run", "-"], { stdin: "  \n" })).toEqual({
      code: 2,
      stdout: "",
      stderr:
        'smallcode: error: the task read from stdin is empty: pipe one in (`echo "add a --verbose flag" | smallcode run`) or pass it as an argument\n' +
        "Run `smallcode run --help` for usage.\n",
    });
  });
});

describe("earlier tasks of a session", () => {
  it("are shown to the model on later tasks of the interactive session", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const before = server.chatRequests("act").length;
    const r = await run(tempDir(), ["--base-url", server.url], {
      stdin: "write hello.txt for the alpha release\nnow describe what you did\n",
    });
    expect(r.code).toBe(0);
    const second = actTexts(before).filter((t) => t.includes("now describe what you did"));
    expect(second.length).toBeGreaterThan(0);
    for (const text of second) {
      expect(text).toContain("Task: now describe what you did");
      expect(text).toContain("1. write hello.txt for the alpha release");
    }
  });

  it("are shown to the model when a saved session is resumed", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const dir = tempDir();
    await run(dir, ["run", "write hello.txt for the beta release", "--json", "--base-url", server.url]);
    const [saved] = JSON.parse((await run(dir, ["sessions", "--json"])).stdout) as { id: string }[];
    const before = server.chatRequests("act").length;
    await run(dir, ["run", "what changed?", "--json", "--base-url", server.url, "--resume", saved!.id]);
    const texts = actTexts(before);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain("1. write hello.txt for the beta release");
  });
});

describe("/resume in the interactive session", () => {
  it("refuses an unknown id when typed, and the next task runs as a task", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const dir = tempDir();
    await run(dir, ["run", "write hello.txt", "--json", "--base-url", server.url]);
    const [saved] = JSON.parse((await run(dir, ["sessions", "--json"])).stdout) as { id: string }[];
    const before = server.chatRequests("act").length;
    const r = await run(dir, ["--base-url", server.url], {
      stdin: "/resume bogus\nsay hi\n",
    });
    expect(r.stdout).toContain(
      `error: no saved session \`bogus\` in ${dir}/.smallcode/sessions; \`smallcode sessions\` lists them (newest: ${saved!.id}). The next task goes on as before.\n`,
    );
    expect(r.stdout).not.toContain("the next task continues session bogus");
    expect(actTexts(before).some((t) => t.includes("Task: say hi"))).toBe(true);
  });

  it("accepts a saved session, and its earlier task reaches the model", async () => {
    server.setScript(WRITE_HELLO_SCRIPT);
    const dir = tempDir();
    await run(dir, ["run", "write hello.txt for gamma", "--json", "--base-url", server.url]);
    const [saved] = JSON.parse((await run(dir, ["sessions", "--json"])).stdout) as { id: string }[];
    const before = server.chatRequests("act").length;
    const r = await run(dir, ["--base-url", server.url], { stdin: `/resume ${saved!.id}\nsay hi\n` });
    expect(r.stdout).toContain(`the next task continues session ${saved!.id}\n`);
    const texts = actTexts(before);
    expect(texts.length).toBeGreaterThan(0);
    for (const text of texts) expect(text).toContain("1. write hello.txt for gamma");
  });
});
