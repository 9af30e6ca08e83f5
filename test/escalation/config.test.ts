import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../cli/smallcode/config/errors.ts";
import { resolveEscalation } from "../../cli/smallcode/config/escalation.ts";
import { readToml } from "../../cli/smallcode/config/files.ts";
import { resolveWeb } from "../../cli/smallcode/config/web.ts";
import { cleanup, tempDir } from "../cli/smallcode/helpers.ts";

afterAll(cleanup);

function layer(text: string, scope: "user" | "project" = "user") {
  const file = join(tempDir(), "config.toml");
  writeFileSync(file, text);
  return { file, read: () => readToml(file, scope) };
}

function error(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error("no ConfigError");
}

describe("[escalation] and [web] in configuration files", () => {
  it("reads the user's [escalation] with defaults", () => {
    const { read } = layer('[escalation]\nbase_url = "https://api.example.com/v1"\nmodel = "big"\n');
    expect(resolveEscalation(undefined, read(), "~/.config/smallcode/config.toml")).toEqual({
      baseUrl: "https://api.example.com/v1",
      model: "big",
      afterFailures: 3,
      maxPerSession: 2,
      maxExcerptTokens: 4000,
      inputUsdPerMtok: 0,
      outputUsdPerMtok: 0,
    });
  });

  it("names the line and key of a bad value, an unknown key, a missing key", () => {
    const wrong = layer('[escalation]\nbase_url = "https://x/v1"\nmodel = "m"\nafter_failures = "three"\n');
    expect(error(wrong.read)).toMatchObject({ line: 4, key: "escalation.after_failures" });
    const unknown = layer('[escalation]\nbase_url = "https://x/v1"\nmodel = "m"\napi_key = "sk-1"\n');
    expect(error(unknown.read)).toMatchObject({ line: 4, key: "escalation.api_key" });
    expect(error(layer('[escalation]\nmodel = "m"\n').read).message).toContain("needs `base_url`");
    expect(error(layer("[web]\nallow_hosts = [1]\n").read)).toMatchObject({ key: "web.allow_hosts" });
  });

  it("refuses both tables in a project file, whatever they say", () => {
    const project = layer('[escalation]\nbase_url = "https://x/v1"\nmodel = "m"\n', "project");
    const e = error(() => resolveEscalation(project.read(), undefined, "~/u.toml"));
    expect(e).toMatchObject({
      code: "PROJECT_NOT_TRUSTED",
      where: project.file,
      line: 2,
      key: "escalation.base_url",
    });
    const web = layer("\n[web]\nenabled = false\n", "project");
    expect(error(() => resolveWeb(web.read(), undefined, "~/u.toml"))).toMatchObject({
      code: "PROJECT_NOT_TRUSTED",
      line: 3,
      key: "web.enabled",
    });
  });
});
