import { generateKeyPairSync } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { flushTraces } from "../../runtime/index.ts";
import { cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";
import { MODEL, taskScript, user } from "./config-support.ts";

/**
 * A hostile (or careless) model reads the project's secrets and repeats them: a failing `cat .env`
 * (its first output line goes to the progress on stderr), a file written with the values (the tool
 * call's arguments go to `--json` and to the progress line), and a final answer that quotes them
 * plainly, inside a URL and JSON, base64-encoded, and a private key cut in the middle. None of the
 * values may reach stdout or stderr, in `--json`, in plain mode or in the interactive session.
 */

const STRIPE = "rk_live_51HxQabcDEF0123456789xyz";
const DB_PASSWORD = "Pg-pass-9911-zz";
const USER_TOKEN = "tok-User-0011223344556677";
const USER_AUTH = "auth-Value-9988776655";
const JSON_KEY = "zz Custom key with spaces 123";
const JSON_PASSWORD = "hunter2 Hunter";
const DOTENV = `STRIPE=${STRIPE}\nDATABASE_URL=postgres://app:${DB_PASSWORD}@db.internal:5432/app\nAPP_NAME=demo-application\n`;
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 1024,
  privateKeyEncoding: { type: "pkcs8", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});
const KEY_LINES = privateKey.trim().split("\n");
/** The lines of the key body: any of them in an output is a leak. */
const BODY = KEY_LINES.slice(1, -1);

const ANSWER = [
  "Here is what I found in the project (demo-application).",
  `The Stripe key is ${STRIPE} and the database is postgres://app:${DB_PASSWORD}@db.internal:5432/app.`,
  `Your environment has MY_SERVICE_TOKEN=${USER_TOKEN} and DEPLOY_AUTH=${USER_AUTH}.`,
  `Config: {"api_key": "${JSON_KEY}", "password": "${JSON_PASSWORD}"}`,
  `The .env file, base64: ${Buffer.from(DOTENV).toString("base64")}`,
  "The start of the deploy key:",
  ...KEY_LINES.slice(0, 4),
  "and a line from its middle:",
  KEY_LINES[8]!,
].join("\n");

/** A file the model writes: the progress line clips it at 60 characters, in the middle of the key. */
const NOTES = `${"Notes about the payment setup, see".padEnd(40, ".")} key ${STRIPE}\n`;

const SECRETS = [STRIPE, DB_PASSWORD, USER_TOKEN, USER_AUTH, JSON_KEY, JSON_PASSWORD, ...BODY];

/** The hostile model: a failing `cat .env`, a file written with the key, then the answer. */
const SCRIPT = taskScript(
  [
    { toolCalls: [{ name: "bash", arguments: { command: "cat .env; exit 3" } }] },
    { toolCalls: [{ name: "write_file", arguments: { path: "notes.md", content: NOTES } }] },
    ANSWER,
  ],
  {},
  "coding",
);

let server: ScriptedServer;

beforeAll(async () => {
  server = await startScriptedServer(SCRIPT);
});
afterAll(async () => {
  await server.close();
  cleanup();
});

/** A project with secrets in `.env` and a private key, and a user with secret-looking variables. */
function setup() {
  server.setScript(SCRIPT); // replies are consumed in order: start each run from the first
  const cwd = tempDir({ ".env": DOTENV, "deploy/id_rsa": privateKey, "README.md": "# demo\n" });
  const env = user(undefined, { MY_SERVICE_TOKEN: USER_TOKEN, DEPLOY_AUTH: USER_AUTH });
  return { cwd, env, flags: ["--base-url", server.url, "--model", MODEL, "--yes"] };
}

/** Whether any base64 run in `text` decodes (at any alignment) to something holding a secret. */
function decodesToSecret(text: string): string | undefined {
  for (const [run] of text.matchAll(/[A-Za-z0-9+/]{12,}={0,2}/g)) {
    for (let skip = 0; skip < 4; skip++) {
      const part = run.slice(skip);
      const decoded = Buffer.from(part.slice(0, part.length - (part.length % 4)), "base64").toString(
        "latin1",
      );
      const hit = [STRIPE, DB_PASSWORD].find((s) => decoded.includes(s.slice(0, 12)));
      if (hit) return hit;
    }
  }
  return undefined;
}

function expectClean(label: string, text: string): void {
  // not even the start of one (a line clipped in the middle of a key)
  for (const secret of SECRETS)
    expect(text.includes(secret.slice(0, 12)), `${label} shows ${secret}`).toBe(false);
  expect(decodesToSecret(text), `${label} holds a secret in base64`).toBeUndefined();
}

/** Every file under `dir`, read as text. */
function readTree(dir: string): string {
  if (!existsSync(dir)) return "";
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile())
    .map((f) => readFileSync(f, "utf8"))
    .join("\n");
}

describe("secrets never reach an output", () => {
  it("run --json: stdout (the RunResult with tool arguments and the answer) and stderr", async () => {
    const { cwd, env, flags } = setup();
    const r = await run(cwd, ["run", "look at the config", "--json", ...flags], { env });
    const result = JSON.parse(r.stdout);
    expect(result.response).toContain("Here is what I found in the project (demo-application).");
    expect(result.toolCalls.map((c: { name: string }) => c.name)).toEqual(["bash", "write_file"]);
    expectClean("stdout", r.stdout);
    expectClean("stderr", r.stderr);
    // the model wrote the file it was asked to: the project's own content is not touched
    expect(readFileSync(join(cwd, "notes.md"), "utf8")).toBe(NOTES);
  });

  it("run without --json: the answer on stdout, the progress lines on stderr", async () => {
    const { cwd, env, flags } = setup();
    const r = await run(cwd, ["run", "look at the config", ...flags], { env });
    expect(r.stderr).toContain("▸ bash");
    expect(r.stderr).toContain("▸ write_file");
    expect(r.stderr).toMatch(/✗ bash .*: STRIPE=\[REDACTED\]/);
    expect(r.stdout).toContain("Here is what I found");
    expectClean("stdout", r.stdout);
    expectClean("stderr", r.stderr);
    await flushTraces();
    // snapshots keep real content (undo needs it); what is saved for reading is redacted
    expectClean("saved sessions", readTree(join(cwd, ".smallcode", "sessions")));
    expectClean("traces", readTree(join(cwd, ".smallcode", "traces")));
  });

  it("the interactive session", async () => {
    const { cwd, env, flags } = setup();
    const r = await run(cwd, flags, { env, stdin: "look at the config\n" });
    expect(r.stdout).toContain("Here is what I found");
    expectClean("the session's output", r.stdout);
    expectClean("stderr", r.stderr);
  });
});
