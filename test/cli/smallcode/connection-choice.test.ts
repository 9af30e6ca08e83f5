import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Flags } from "../../../cli/smallcode/args.ts";
import { resolveConfig } from "../../../cli/smallcode/config/index.ts";
import { chooseConnection } from "../../../cli/smallcode/models/choose.ts";
import { cleanup, run, tempDir, writeFile } from "./helpers.ts";

/** Which model a command talks to, in the documented order, and the flags' own checks. */

afterAll(cleanup);

function choose(flags: Flags, env: Record<string, string>, files: { project?: string; user?: string } = {}) {
  const home = tempDir();
  if (files.user) writeFile(home, ".config/smallcode/config.toml", files.user);
  const cwd = tempDir(files.project ? { "smallcode.toml": files.project } : {});
  return chooseConnection(resolveConfig({ flags, cwd, env: { HOME: home, ...env } }), flags);
}

describe("chooseConnection", () => {
  it("uses the default model when no base URL or model file is configured anywhere", () => {
    expect(choose({}, {})).toEqual({ kind: "default" });
  });

  it("keeps a base URL from the environment, a project file or the user file (today's behaviour)", () => {
    expect(choose({}, { SMALLCODE_BASE_URL: "http://h:1/v1" })).toEqual({
      kind: "server",
      baseUrl: "http://h:1/v1",
      origin: "environment SMALLCODE_BASE_URL",
    });
    expect(choose({}, {}, { project: 'base_url = "http://p:2/v1"\n' })).toMatchObject({ kind: "server" });
    expect(choose({}, {}, { user: 'base_url = "http://u:3/v1"\n' })).toMatchObject({ kind: "server" });
  });

  it("--model-file beats everything, --base-url beats the environment's model file", () => {
    const env = { SMALLCODE_BASE_URL: "http://h:1/v1", SMALLCODE_MODEL_FILE: "/m/env.gguf" };
    expect(choose({ modelFile: "/m/flag.gguf" }, env)).toEqual({
      kind: "file",
      file: "/m/flag.gguf",
      origin: "--model-file",
    });
    expect(choose({ baseUrl: "http://f:4/v1" }, env)).toMatchObject({
      kind: "server",
      baseUrl: "http://f:4/v1",
    });
    expect(choose({}, env)).toEqual({
      kind: "file",
      file: "/m/env.gguf",
      origin: "environment SMALLCODE_MODEL_FILE",
    });
  });

  it("a base URL configured anywhere beats [embedded] model_file, which beats the default", () => {
    const user = '[embedded]\nmodel_file = "~/models/mine.gguf"\n';
    expect(choose({}, {}, { user, project: 'base_url = "http://p:2/v1"\n' })).toMatchObject({
      kind: "server",
    });
    const local = choose({}, {}, { user });
    expect(local).toMatchObject({ kind: "file" });
    expect(local.kind === "file" && local.file.endsWith(join("models", "mine.gguf"))).toBe(true);
  });

  it("SMALLCODE_THREADS beats [embedded] threads; a bad value is refused naming the variable", () => {
    const user = "[embedded]\nthreads = 4\n";
    const settings = (env: Record<string, string>) => {
      const home = tempDir();
      writeFile(home, ".config/smallcode/config.toml", user);
      return resolveConfig({ flags: {}, cwd: tempDir(), env: { HOME: home, ...env } }).embedded.threads;
    };
    expect(settings({})).toMatchObject({ value: 4 });
    expect(settings({ SMALLCODE_THREADS: "1" })).toEqual({
      value: 1,
      origin: "environment SMALLCODE_THREADS",
    });
    expect(() => settings({ SMALLCODE_THREADS: "two" })).toThrow(/SMALLCODE_THREADS.*positive whole number/);
    // a cloned project's .env cannot choose it
    const home = tempDir();
    const cwd = tempDir({ ".env": "SMALLCODE_THREADS=512\n" });
    expect(resolveConfig({ flags: {}, cwd, env: { HOME: home } }).embedded.threads).toBeUndefined();
  });

  it("a relative --model-file is relative to the directory smallcode runs in", () => {
    const cwd = tempDir();
    const flags = { modelFile: "m/x.gguf" };
    const config = resolveConfig({ flags, cwd, env: { HOME: tempDir() } });
    expect(chooseConnection(config, flags)).toMatchObject({ file: join(cwd, "m", "x.gguf") });
  });
});

describe("the model file flags", () => {
  it("refuse --base-url with --model-file", async () => {
    const r = await run(tempDir(), ["run", "t", "--base-url", "http://h:1/v1", "--model-file", "x.gguf"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "`--base-url` and `--model-file` exclude each other: a server, or a model file run in process",
    );
  });

  it("name a model file that does not exist, before loading anything", async () => {
    const dir = tempDir();
    const r = await run(dir, ["run", "t", "--model-file", "nope.gguf", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `smallcode: error: invalid configuration: --model-file: the model file ${join(dir, "nope.gguf")} does not exist or is not a file\n` +
        "  fix: pass the path of a .gguf model file to --model-file (or leave it out to use the default model)\n",
    );
  });

  it("say what is wrong with a file that is no GGUF model, as a configuration error, not a bug", async () => {
    const dir = tempDir();
    writeFile(dir, "fake.gguf", "not a model\n");
    const r = await run(dir, ["run", "t", "--model-file", "fake.gguf", "--json"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `smallcode: error: model file ${join(dir, "fake.gguf")} is not a GGUF file (it does not start with the GGUF signature); pass --model-file PATH with a GGUF model file, or fix the model's model_file\n`,
    );
  });
});
