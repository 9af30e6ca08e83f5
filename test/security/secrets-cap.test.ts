import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { flushTraces } from "../../runtime/index.ts";
import { cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";
import { MODEL, taskScript, user } from "./config-support.ts";

/**
 * A secret that straddles the cut of a long output line (bash cuts lines at 400 characters, read_file
 * and search likewise): the part before the cut must not reach the saved session, the traces or
 * --json, where the redactor no longer recognises a prefix. The project's `.env` registers the
 * value; the model prints a file whose long line has it at the cut.
 */

const SECRET = "Zq8vN3xK7pL2mR9tW4yB6cD1fG5hJ0sA"; // token-like: registered from .env whatever its name
/** A long line whose cut at `at` characters falls 19 characters into the secret. */
const line = (at: number) => `${"x".repeat(at - 20)} ${SECRET} and more text after it\n`;
const FILLER = "x".repeat(100);

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
afterAll(cleanup);

function allText(dir: string): string {
  if (!existsSync(dir)) return "";
  return readdirSync(dir)
    .map((n) =>
      statSync(join(dir, n)).isDirectory() ? allText(join(dir, n)) : readFileSync(join(dir, n), "utf8"),
    )
    .join("\n");
}

describe("a secret at an output's cut", () => {
  it.each([
    ["bash", { command: "cat data.txt" }, 400],
    ["read_file", { path: "data.txt" }, 2000],
    ["search", { pattern: "more text after" }, 200],
  ])("%s: no prefix of it reaches the session, the traces or --json", async (tool, args, at) => {
    const cwd = tempDir({ ".env": `SERVICE=${SECRET}\n`, "data.txt": line(at) });
    server = await startScriptedServer(
      taskScript([{ toolCalls: [{ name: tool, arguments: args }] }, "Done."], {}, "coding"),
    );
    const r = await run(
      cwd,
      ["run", "show data.txt", "--json", "--yes", "--base-url", server.url, "--model", MODEL],
      {
        env: user(),
      },
    );
    await flushTraces();
    const act = server.chatRequests("act");
    const toolText = JSON.stringify(act[act.length - 1]?.body);
    expect(toolText).toContain(FILLER.slice(0, 100)); // the long line was shown, cut
    expect(toolText).toContain("more chars]");
    const outputs = [
      r.stdout,
      r.stderr,
      allText(join(cwd, ".smallcode", "sessions")),
      allText(join(cwd, ".smallcode", "traces")),
    ];
    expect(outputs[2]).toContain(FILLER.slice(0, 100)); // the session holds the tool result
    for (const out of outputs) expect(out).not.toContain(SECRET.slice(0, 10));
  });
});
