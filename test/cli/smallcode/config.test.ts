import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  ConfigError,
  locateKey,
  maskSecret,
  type ResolvedConfig,
  resolveConfig,
  toOptions,
  userConfigPath,
} from "../../../cli/smallcode/config/index.ts";
import { cleanup, run, tempDir, writeFile } from "./helpers.ts";

afterAll(cleanup);

/** A project and a HOME, each with the files given. */
function setup(project: Record<string, string> = {}, home: Record<string, string> = {}) {
  return { cwd: tempDir(project), home: tempDir(home) };
}

function resolve(
  s: { cwd: string; home: string },
  flags: Parameters<typeof resolveConfig>[0]["flags"] = {},
  env: Record<string, string> = {},
): ResolvedConfig {
  return resolveConfig({ flags, cwd: s.cwd, env: { HOME: s.home, ...env } });
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("no ConfigError");
}

const USER = { ".config/smallcode/config.toml": 'model = "from-user"\nmax_steps = 5\n' };

describe("configuration order", () => {
  it("takes flags, then environment, then .env, then smallcode.toml, then the user file, then defaults", () => {
    const s = setup(
      { ".env": "SMALLCODE_MODEL=from-dotenv\n", "smallcode.toml": 'model = "from-project"\n' },
      USER,
    );
    const at = (flags = {}, env = {}) => resolve(s, flags, env).values.model;
    expect(at({ model: "from-flag" }, { SMALLCODE_MODEL: "from-env" })).toEqual({
      value: "from-flag",
      origin: { kind: "flag", name: "--model" },
    });
    expect(at({}, { SMALLCODE_MODEL: "from-env" })).toEqual({
      value: "from-env",
      origin: { kind: "env", name: "SMALLCODE_MODEL" },
    });
    expect(at()).toEqual({
      value: "from-dotenv",
      origin: { kind: "dotenv", name: "SMALLCODE_MODEL", file: join(s.cwd, ".env"), line: 1 },
    });
    const noDotenv = setup({ "smallcode.toml": '# models\nmodel = "from-project"\n' }, USER);
    expect(resolve(noDotenv).values.model).toEqual({
      value: "from-project",
      origin: { kind: "file", scope: "project", file: join(noDotenv.cwd, "smallcode.toml"), line: 2 },
    });
    const userOnly = setup({}, USER);
    const config = resolve(userOnly);
    expect(config.values.model?.value).toBe("from-user");
    expect(config.values.model?.origin).toMatchObject({ kind: "file", scope: "user", line: 1 });
    expect(config.values.max_steps?.value).toBe(5);
    expect(config.values.base_url).toEqual({
      value: "http://localhost:11434/v1",
      origin: { kind: "default" },
    });
    expect(config.values.routing?.value).toBe("two-stage");
    expect(config.values.yes?.value).toBe(false);
    expect(config.files).toEqual({ user: join(userOnly.home, ".config/smallcode/config.toml") });
  });

  it("respects XDG_CONFIG_HOME", () => {
    const xdg = tempDir({ "smallcode/config.toml": 'routing = "all"\n' });
    const s = setup({}, USER);
    const config = resolve(s, {}, { XDG_CONFIG_HOME: xdg });
    expect(config.values.routing?.value).toBe("all");
    expect(config.values.model).toBeUndefined();
    expect(userConfigPath({ XDG_CONFIG_HOME: xdg })).toBe(join(xdg, "smallcode/config.toml"));
    expect(userConfigPath({ HOME: "/h" })).toBe("/h/.config/smallcode/config.toml");
  });

  it("converts textual values from the environment and .env", () => {
    const s = setup({ ".env": "export SMALLCODE_ROUTING=all\nSMALLCODE_CONTEXT_WINDOW=4096\n" });
    const config = resolve(
      s,
      {},
      { SMALLCODE_MAX_STEPS: "7", SMALLCODE_YES: "on", SMALLCODE_BASE_URL: "http://h:1/v1/" },
    );
    expect(config.values.yes?.value).toBe(true);
    expect(config.values.routing?.value).toBe("all");
    expect(config.values.context_window).toMatchObject({ value: 4096, origin: { kind: "dotenv", line: 2 } });
    expect(config.values.max_steps?.value).toBe(7);
    expect(config.values.base_url?.value).toBe("http://h:1/v1");
    expect(config.env.SMALLCODE_ROUTING).toBe("all");
  });

  it("lets the environment win over .env in the environment handed on", () => {
    const s = setup({ ".env": "SMALLCODE_COGNITION_LOG=stderr\nOTHER=dotenv\n" });
    const config = resolve(s, {}, { OTHER: "env" });
    expect(config.env.OTHER).toBe("env");
    expect(config.env.SMALLCODE_COGNITION_LOG).toBe("stderr");
  });

  it("merges [guards] and [shell] per entry, the project over the user file (a trusted project)", () => {
    const cwd = tempDir({ "smallcode.toml": "[guards]\nloop = true\n\n[shell]\nallow_network = true\n" });
    const home = tempDir({
      ".config/smallcode/config.toml":
        '[guards]\nloop = false\nread-before-write = false\n[shell]\nsandbox = true\nallow_destructive = ["rm -rf dist"]\n' +
        `[trust]\nprojects = [${JSON.stringify(cwd)}]\n`,
    });
    const s = { cwd, home };
    const config = resolve(s);
    expect(config.trusted).toBe(true);
    expect(config.guards.loop).toMatchObject({ value: true, origin: { scope: "project", line: 2 } });
    expect(config.guards["read-before-write"]).toMatchObject({
      value: false,
      origin: { scope: "user", line: 3 },
    });
    expect(config.shell.sandbox?.value).toBe(true);
    expect(config.shell.allow_network).toMatchObject({ value: true, origin: { scope: "project", line: 5 } });
    expect(config.shell.allow_destructive?.value).toEqual(["rm -rf dist"]);
    expect(toOptions(config).guardSwitches).toEqual({ loop: true, "read-before-write": false });
    expect(toOptions(config).shell).toEqual({
      sandbox: true,
      allowNetwork: true,
      allowDestructive: ["rm -rf dist"],
    });
  });
});

describe("API keys", () => {
  it("reads the key from the variable api_key_env names: the environment or .env, a project's from .env only", () => {
    const s = setup({
      "smallcode.toml": 'api_key_env = "ROUTER_KEY"\n',
      ".env": "ROUTER_KEY=from-dotenv-123\n",
    });
    expect(resolve(s).values.api_key).toMatchObject({ value: "from-dotenv-123", origin: { kind: "dotenv" } });
    // the project named the variable: its own .env answers, not the user's environment
    expect(resolve(s, {}, { ROUTER_KEY: "from-env" }).values.api_key?.value).toBe("from-dotenv-123");
    const mine = setup({}, { ".config/smallcode/config.toml": 'api_key_env = "ROUTER_KEY"\n' });
    expect(resolve(mine, {}, { ROUTER_KEY: "from-env" }).values.api_key).toEqual({
      value: "from-env",
      origin: { kind: "env", name: "ROUTER_KEY" },
    });
    expect(resolve(s, { apiKeyEnv: "OTHER" }, { OTHER: "o" }).values.api_key?.value).toBe("o");
  });

  it("prefers api_key_env over api_key at the same level, and a higher level over a lower one", () => {
    const s = setup({
      "smallcode.toml": 'api_key = "written-in-file"\napi_key_env = "K"\n',
      ".env": "K=from-k\n",
    });
    expect(resolve(s).values.api_key?.value).toBe("from-k");
    expect(resolve(s, {}, { SMALLCODE_API_KEY: "direct" }).values.api_key?.value).toBe("direct");
  });

  it("warns about a key written in the project file", () => {
    const s = setup({ "smallcode.toml": 'model = "m"\napi_key = "sk-123456789"\n' });
    const config = resolve(s);
    expect(config.warnings).toEqual([
      `${join(s.cwd, "smallcode.toml")}:2 holds an API key; project files are often committed — put the key in an environment variable and write \`api_key_env = "VAR"\` instead`,
    ]);
  });

  it("fails clearly when the named variable is not set", () => {
    const s = setup({ "smallcode.toml": 'api_key_env = "MISSING_KEY"\n' });
    const e = configError(() => resolve(s));
    expect(e.format()).toBe(
      `invalid configuration: ${join(s.cwd, "smallcode.toml")}:1: \`api_key_env\` names the variable \`MISSING_KEY\`, which is not set\n` +
        "  fix: export MISSING_KEY=<your key> (or put `MISSING_KEY=<your key>` in the project's .env)",
    );
  });

  it("masks secrets", () => {
    expect(maskSecret("sk-abcdefghijklmnopqrstu")).toBe("****rstu");
    expect(maskSecret("short")).toBe("****");
  });
});

describe("configuration errors", () => {
  const file = (s: { cwd: string }) => join(s.cwd, "smallcode.toml");

  it("reports bad TOML with the file, line and an excerpt", () => {
    const s = setup({ "smallcode.toml": 'model = "m"\nmax_steps = \n' });
    const e = configError(() => resolve(s));
    expect(e.where).toBe(file(s));
    expect(e.line).toBe(2);
    expect(e.format()).toContain(
      `invalid configuration: ${file(s)}:2: this is not valid TOML: invalid value`,
    );
    expect(e.format()).toContain("2:  max_steps = ");
    expect(e.fix).toContain("correct the TOML syntax");
  });

  it("names an unknown key with a suggestion and the known keys", () => {
    const s = setup({ "smallcode.toml": '\n\nmodle = "m"\n' });
    const e = configError(() => resolve(s));
    expect(e.format()).toBe(
      `invalid configuration: ${file(s)}:3: unknown key \`modle\` (did you mean \`model\`?)\n` +
        "  fix: rename it to `model`, or remove it; known keys: base_url, model, model_strong, api_key, api_key_env, max_steps, max_time, max_tokens, routing, yes, context_window, repo_map, memory, skills, guards, shell, trust, mcp, web, escalation, embedded",
    );
  });

  it("names a value of the wrong type with an example of the fix", () => {
    const s = setup({ "smallcode.toml": 'model = "m"\nmax_steps = "ten"\n' });
    const e = configError(() => resolve(s));
    expect(e.format()).toBe(
      `invalid configuration: ${file(s)}:2: \`max_steps\` must be a positive whole number, got "ten" (a string)\n` +
        "  fix: write `max_steps = 30`",
    );
    expect(e.key).toBe("max_steps");
    const routing = configError(() => resolve(setup({ "smallcode.toml": 'routing = "smart"\n' })));
    expect(routing.message).toBe('`routing` must be one of "two-stage", "all", got "smart" (a string)');
    const url = configError(() => resolve(setup({ "smallcode.toml": 'base_url = "localhost:11434"\n' })));
    expect(url.message).toContain("must be an http:// or https:// URL");
  });

  it("checks the tables", () => {
    const shell = configError(() =>
      resolve(setup({ "smallcode.toml": "[shell]\nsandbox = true\nallow_net = true\n" })),
    );
    expect(shell.message).toBe("unknown key `allow_net` in [shell] (did you mean `allow_network`?)");
    expect(shell.line).toBe(3);
    const guard = configError(() => resolve(setup({ "smallcode.toml": '[guards]\nloop = "off"\n' })));
    expect(guard.format()).toContain(':2: `guards.loop` must be true or false, got "off" (a string)');
    expect(guard.fix).toBe("write `loop = false`");
    const notTable = configError(() => resolve(setup({ "smallcode.toml": "guards = 3\n" })));
    expect(notTable.message).toBe("`guards` must be a table, got 3");
    const list = configError(() =>
      resolve(setup({ "smallcode.toml": 'shell = { allow_destructive = "rm" }\n' })),
    );
    expect(list.message).toContain("`shell.allow_destructive` must be a list of strings");
    expect(list.line).toBe(1);
  });

  it("checks the user file too, and reports it by its path", () => {
    const s = setup({}, { ".config/smallcode/config.toml": "yes = 1\n" });
    const e = configError(() => resolve(s));
    expect(e.where).toBe(join(s.home, ".config/smallcode/config.toml"));
    expect(e.message).toBe("`yes` must be true or false, got 1");
  });

  it("names a bad environment variable or .env line", () => {
    const env = configError(() => resolve(setup(), {}, { SMALLCODE_MAX_STEPS: "lots" }));
    expect(env.format()).toBe(
      'invalid configuration: environment variable SMALLCODE_MAX_STEPS: `SMALLCODE_MAX_STEPS` must be a positive whole number, got "lots"\n' +
        "  fix: export SMALLCODE_MAX_STEPS=30",
    );
    const s = setup({ ".env": "# x\nSMALLCODE_ROUTING=fast\n" });
    const dotenv = configError(() => resolve(s));
    expect(dotenv.where).toBe(join(s.cwd, ".env"));
    expect(dotenv.line).toBe(2);
    expect(dotenv.fix).toBe("write `SMALLCODE_ROUTING=two-stage`");
  });

  it("rejects a --cwd that is not a directory", () => {
    const e = configError(() => resolve(setup(), { cwd: "nope" }));
    expect(e.message).toBe("`nope` is not a directory");
  });

  it("exits 2 through main with the message on stderr", async () => {
    const s = setup({ "smallcode.toml": 'modle = "m"\n' });
    const r = await run(s.cwd, ["doctor"], { env: { HOME: s.home } });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(
      /^smallcode: error: invalid configuration: .*smallcode\.toml:1: unknown key `modle`/,
    );
    expect(r.stderr).toContain("\n  fix: rename it to `model`");
  });
});

describe("[trust] projects", () => {
  const weakening = { "smallcode.toml": "[shell]\nsandbox = false\n" };

  it("trusts a listed folder and everything under it, through ~ and symlinks", () => {
    const home = tempDir();
    const parent = tempDir({ "app/smallcode.toml": weakening["smallcode.toml"] });
    const cwd = join(parent, "app");
    const write = (text: string) => writeFile(home, ".config/smallcode/config.toml", text);
    write(`[trust]\nprojects = [${JSON.stringify(parent)}]\n`);
    expect(resolve({ cwd, home }).trusted).toBe(true);
    // a path under ~ (HOME), reached through a symlink
    symlinkSync(parent, join(home, "work"));
    write('[trust]\nprojects = ["~/work/app"]\n');
    expect(resolve({ cwd, home }).shell.sandbox?.value).toBe(false);
    write('[trust]\nprojects = ["~/work/other"]\n');
    const refused = configError(() => resolve({ cwd, home }));
    expect(refused.code).toBe("PROJECT_NOT_TRUSTED");
    expect(refused.key).toBe("shell.sandbox");
    expect(refused.format()).toMatch(
      /^refused project setting: .*smallcode\.toml:2: `\[shell\] sandbox = false`/,
    );
  });

  it("needs absolute paths, and only the user's own file may hold it", () => {
    const s = setup(weakening, { ".config/smallcode/config.toml": '\n[trust]\nprojects = ["work/app"]\n' });
    const relative = configError(() => resolve(s));
    expect(relative.message).toBe("`trust.projects` lists `work/app`, which is not an absolute path");
    expect(relative.line).toBe(3);
    const own = configError(() => resolve(setup({ "smallcode.toml": '[trust]\nprojects = ["/"]\n' })));
    expect(own.code).toBe("PROJECT_NOT_TRUSTED");
    expect(own.line).toBe(1);
  });
});

describe("locateKey", () => {
  it("finds keys at the top level, in tables, dotted, quoted and inline", () => {
    const text = [
      "model = 'a'", // 1
      "[guards]", // 2
      '"read-before-write" = false', // 3
      "loop = true", // 4
      "[shell]", // 5
      "sandbox = true", // 6
    ].join("\n");
    expect(locateKey(text, ["model"])).toBe(1);
    expect(locateKey(text, ["guards", "read-before-write"])).toBe(3);
    expect(locateKey(text, ["guards", "loop"])).toBe(4);
    expect(locateKey(text, ["shell", "sandbox"])).toBe(6);
    expect(locateKey(text, ["shell", "allow_network"])).toBe(5);
    expect(locateKey("x = 1\nshell.sandbox = true\n", ["shell", "sandbox"])).toBe(2);
    expect(locateKey("x = 1\nguards = { loop = false }\n", ["guards", "loop"])).toBe(2);
    expect(locateKey("", ["model"])).toBe(1);
  });
});

describe("toOptions", () => {
  it("maps the configuration onto SmallCodeOptions, leaving out what is unset", () => {
    const s = setup({ "smallcode.toml": 'model = "m"\nmax_steps = 9\n' });
    expect(toOptions(resolve(s, { yes: true }), 4096)).toEqual({
      cwd: s.cwd,
      baseUrl: "http://localhost:11434/v1",
      model: "m",
      yes: true,
      maxSteps: 9,
      contextWindow: 4096,
      routing: "two-stage",
      // where the user's skills, notes and memory live (XDG under HOME)
      knowledge: {
        userConfigDir: `${s.home}/.config/smallcode`,
        userDataDir: `${s.home}/.local/share/smallcode`,
      },
    });
  });

  it("takes the user's folders from the user's environment, not from the project's .env", () => {
    const s = setup({
      "smallcode.toml": "memory = false\nskills = false\n",
      ".env": "XDG_DATA_HOME=/tmp/planted\nXDG_CONFIG_HOME=/tmp/planted-config\n",
    });
    expect(toOptions(resolve(s)).knowledge).toEqual({
      userConfigDir: `${s.home}/.config/smallcode`,
      userDataDir: `${s.home}/.local/share/smallcode`,
      memory: false,
      skills: false,
    });
    const own = toOptions(resolve(s, {}, { XDG_DATA_HOME: "/home/u/data" })).knowledge;
    expect(own?.userDataDir).toBe("/home/u/data/smallcode");
  });
});
