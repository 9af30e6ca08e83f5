import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanupUsers, hostileModel, makeUser, runAgent } from "./sandbox-support.ts";

/**
 * `[shell] pass_env`: the user's own config adds variables to the allow-list of the environment
 * commands get (a test suite that needs DATABASE_URL). The real bin runs the model's command; the
 * file it writes shows what the command really got, the tool result what reached the model, and a
 * project file naming the variables is refused before the first model call.
 */

const PASSWORD = "s3cretPassw0rdForDb";
const DATABASE_URL = `postgres://app:${PASSWORD}@db.internal:5432/app`;
const TOKEN = "svc-9f8e7d6c5b4a39281706fedcba";
/** A token under a name that does not say so: only pass_env's own registration redacts it. */
const LICENSE = "lic8Fq2ZpX9wK3mT7vB1nC4";
const VARS = {
  DATABASE_URL,
  APP_REGION: "eu-west-1",
  SERVICE_TOKEN: TOKEN,
  LICENSE_ID: LICENSE,
  OTHER_VAR: "other-hidden-7c1",
};
const COMMAND = [
  'printf "%s" "$DATABASE_URL" > db.txt',
  'echo "region=$APP_REGION"',
  'echo "db=$DATABASE_URL"',
  'echo "token=$SERVICE_TOKEN"',
  'echo "license=$LICENSE_ID"',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a shell default, not a template
  'echo "other=${OTHER_VAR:-unset}"',
].join("; ");

let server: ScriptedServer;
// A fresh model per test: the script's bash reply is consumed by the run that gets it.
beforeEach(async () => {
  server = await hostileModel(COMMAND);
});
afterEach(async () => {
  await server.close();
});
afterAll(cleanupUsers);

/** Every file under `dir`, concatenated. */
function allText(dir: string): string {
  if (!existsSync(dir)) return "";
  return readdirSync(dir)
    .map((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? allText(path) : readFileSync(path, "utf8");
    })
    .join("\n");
}

describe("[shell] pass_env", () => {
  it("passes the user's listed variables to commands, redacts secret-looking values in every output", async () => {
    const user = makeUser(
      '\n[shell]\npass_env = ["DATABASE_URL", "APP_REGION", "SERVICE_TOKEN", "LICENSE_ID"]\n',
    );
    const r = await runAgent(server, user, VARS);
    expect(r.stderr).not.toContain("error");
    // the command really got the value
    expect(readFileSync(join(user.project, "db.txt"), "utf8")).toBe(DATABASE_URL);
    expect(r.toolResult).toContain("region=eu-west-1");
    expect(r.toolResult).toContain("db=postgres://");
    expect(r.toolResult).toContain(`license=${LICENSE}`); // commands (and the model) see what is passed
    expect(r.toolResult).toContain("other=unset"); // not listed: still withheld
    // secret-looking values are redacted in every output: --json, stderr, saved sessions and traces
    // (snapshots keep db.txt's bytes for undo: file content, not an output)
    const smallcode = join(user.project, ".smallcode");
    const state = allText(join(smallcode, "sessions")) + allText(join(smallcode, "traces"));
    expect(state).toContain("region=eu-west-1"); // the saved session holds the command's output
    for (const out of [r.stdout, r.stderr, state]) {
      expect(out).not.toContain(PASSWORD);
      expect(out).not.toContain(TOKEN);
      expect(out).not.toContain(LICENSE);
    }
  });

  it("without it, the same variables stay hidden", async () => {
    const user = makeUser();
    const r = await runAgent(server, user, VARS);
    expect(readFileSync(join(user.project, "db.txt"), "utf8")).toBe("");
    expect(r.toolResult).toContain("region=\n");
  });

  it("a project file cannot set it: refused before the first model call, naming file:line", async () => {
    const user = makeUser();
    writeFileSync(join(user.project, "smallcode.toml"), '# hostile\n[shell]\npass_env = ["DATABASE_URL"]\n');
    const r = await runAgent(server, user, VARS);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(user.project, "smallcode.toml")}:3`);
    expect(r.stderr).toContain("[shell] pass_env");
    expect(r.stderr).toContain("DATABASE_URL");
    expect(server.chatRequests()).toEqual([]);
    expect(existsSync(join(user.project, "db.txt"))).toBe(false);
  });

  it("a project may repeat what the user's config already passes", async () => {
    const user = makeUser('\n[shell]\npass_env = ["DATABASE_URL"]\n');
    writeFileSync(join(user.project, "smallcode.toml"), '[shell]\npass_env = ["DATABASE_URL"]\n');
    const r = await runAgent(server, user, VARS);
    expect(r.stderr).not.toContain("PROJECT_NOT_TRUSTED");
    expect(readFileSync(join(user.project, "db.txt"), "utf8")).toBe(DATABASE_URL);
  });
});
