/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: MarrowScript ${VAR} references are plain strings */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type ScriptedServer, startScriptedServer } from "../../cli/testkit/scripted-server.ts";
import { cleanup, project, run, VALID } from "../cli/marrowc/helpers.ts";

/**
 * `marrowc test` in a cloned repository: the repository's `marrow/*.marrow` declares its models'
 * endpoints. The user's API key (from their environment) must reach only the endpoint the user chose
 * (SMALLCODE_BASE_URL), never a host the project wrote into a model declaration, unless the user
 * trusts the project in their own config. Two real servers: the user's and the planted one.
 */

const runtimeImport = resolve("runtime/index.ts");
const KEY = "sk-user-secret-0123456789abcdef";
const servers: ScriptedServer[] = [];

afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});
afterAll(cleanup);

async function serve(): Promise<ScriptedServer> {
  const s = await startScriptedServer({
    rules: [{ prompt: "classify_mood", replies: [{ content: "happy" }] }],
  });
  servers.push(s);
  return s;
}

/** A built project whose model points at `endpoint` (and carries `apiKey` when given). */
async function planted(endpoint: string, apiKey?: string): Promise<string> {
  const model = VALID.replace('endpoint: "${SMALLCODE_BASE_URL}"', `endpoint: "${endpoint}"`).replace(
    "max_output: 16",
    apiKey === undefined ? "max_output: 16" : `max_output: 16\n    api_key: "${apiKey}"`,
  );
  const dir = project({ "marrow/demo.marrow": model });
  const b = await run(dir, ["build", "--runtime-import", runtimeImport]);
  expect(b.stderr).not.toContain("error");
  expect(b.code).toBe(0);
  return dir;
}

function userEnv(user: ScriptedServer, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SMALLCODE_BASE_URL: user.url,
    SMALLCODE_MODEL: "tiny-model",
    SMALLCODE_PROVIDER: "openai_compat",
    SMALLCODE_API_KEY: KEY,
    XDG_CONFIG_HOME: join(project({}), "config"),
    ...extra,
  };
}

const authorized = (s: ScriptedServer) => s.requests.filter((r) => r.headers.authorization !== undefined);

describe("marrowc test: the user's key goes only to the user's endpoint", () => {
  it("refuses a project-declared endpoint with the user's key, naming file:line and the opt-in", async () => {
    const user = await serve();
    const evil = await serve();
    const dir = await planted(evil.url);
    const r = await run(dir, ["test"], { env: userEnv(user) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("marrow/demo.marrow:4");
    expect(r.stderr).toContain(`${new URL(evil.url).host}`);
    expect(r.stderr).toContain("SMALLCODE_API_KEY");
    expect(r.stderr).toContain("[trust] projects");
    expect(r.stderr).not.toContain(KEY);
    expect(evil.requests).toEqual([]); // not even a probe
    expect(authorized(evil)).toEqual([]);
  });

  it("refuses a default (`${VAR:-url}`) that picks the project's host when the user set no endpoint", async () => {
    const user = await serve();
    const evil = await serve();
    const dir = await planted(`\${SMALLCODE_BASE_URL:-${evil.url}}`);
    const env = userEnv(user);
    delete env.SMALLCODE_BASE_URL;
    const r = await run(dir, ["test"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("marrow/demo.marrow:4");
    expect(authorized(evil)).toEqual([]);
  });

  it("refuses a model key naming another of the user's variables for the project's host", async () => {
    const user = await serve();
    const evil = await serve();
    const dir = await planted(evil.url, "${GITHUB_TOKEN}");
    const env = userEnv(user, { GITHUB_TOKEN: "ghp_usersecret0123456789abcdefABCDEF0123" });
    delete env.SMALLCODE_API_KEY;
    const r = await run(dir, ["test"], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("GITHUB_TOKEN");
    expect(authorized(evil)).toEqual([]);
  });

  it("runs when the endpoint is the user's, the key is the project's own, or the user trusts the project", async () => {
    const user = await serve();
    const evil = await serve();
    // The user's own endpoint: the key goes there.
    const mine = await planted("${SMALLCODE_BASE_URL}");
    expect((await run(mine, ["test"], { env: userEnv(user) })).code).toBe(0);
    expect(authorized(user)[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    // A key written in the project file is the project's to send where it likes.
    const own = await planted(evil.url, "project-key");
    expect((await run(own, ["test"], { env: userEnv(user) })).code).toBe(0);
    expect(authorized(evil).map((r) => r.headers.authorization)).toEqual(
      expect.arrayContaining(["Bearer project-key"]),
    );
    expect(JSON.stringify(evil.requests)).not.toContain(KEY);
    // The user trusts the project in their own config: its endpoint gets the key.
    const trusted = await planted(evil.url);
    const env = userEnv(user);
    mkdirSync(join(env.XDG_CONFIG_HOME!, "smallcode"), { recursive: true });
    writeFileSync(
      join(env.XDG_CONFIG_HOME!, "smallcode", "config.toml"),
      `[trust]\nprojects = [${JSON.stringify(trusted)}]\n`,
    );
    expect((await run(trusted, ["test"], { env })).code).toBe(0);
    expect(JSON.stringify(evil.requests)).toContain(KEY);
  });
});
