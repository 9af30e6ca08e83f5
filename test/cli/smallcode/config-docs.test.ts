import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  configurationDoc,
  DOC_FILES,
  exampleToml,
  GUARD_DESCRIPTIONS,
} from "../../../cli/smallcode/config/docs.ts";
import { EMBEDDED_KEYS } from "../../../cli/smallcode/config/embedded.ts";
import { ESCALATION_KEYS } from "../../../cli/smallcode/config/escalation.ts";
import { readToml } from "../../../cli/smallcode/config/files.ts";
import { SCALAR_KEYS, SHELL_KEYS, TRUST_KEYS } from "../../../cli/smallcode/config/keys.ts";
import { WEB_KEYS } from "../../../cli/smallcode/config/web.ts";
import { GUARD_NAMES } from "../../../cli/smallcode/guards/index.ts";
import { cleanup, tempDir } from "./helpers.ts";

/**
 * docs/configuration.md and smallcode.example.toml are written from the key table; these tests fail
 * when either drifts from it (`node cli/smallcode/config/write-docs.ts` rewrites both).
 */

afterAll(() => cleanup());

const REWRITE = "out of date: run `node cli/smallcode/config/write-docs.ts`";
const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), "utf8");

/** The example with every commented-out key and table header uncommented. */
function uncommented(text: string): string {
  return text
    .split("\n")
    .map((line) => line.replace(/^# (\[[a-z.]+\])$/, "$1").replace(/^# ([A-Za-z_-]+ = .*)$/, "$1"))
    .join("\n");
}

describe("docs/configuration.md", () => {
  it("is what the generator writes from the key table", () => {
    expect(read(DOC_FILES.doc), `${DOC_FILES.doc} is ${REWRITE}`).toBe(configurationDoc());
  });

  it("describes every guard", () => {
    expect(GUARD_NAMES.filter((g) => !GUARD_DESCRIPTIONS[g])).toEqual([]);
  });

  it("has a script that checks it", () => {
    const script = new URL("../../../cli/smallcode/config/write-docs.ts", import.meta.url).pathname;
    const r = spawnSync(process.execPath, [script, "--check"], { encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});

describe("smallcode.example.toml", () => {
  it("is what the generator writes from the key table", () => {
    expect(read(DOC_FILES.example), `${DOC_FILES.example} is ${REWRITE}`).toBe(exampleToml());
  });

  it("parses as a project file as shipped", () => {
    const file = join(tempDir(), "smallcode.toml");
    writeFileSync(file, read(DOC_FILES.example));
    expect(() => readToml(file, "project")).not.toThrow();
  });

  it("names every key, each valid once uncommented", () => {
    const file = join(tempDir(), "config.toml");
    writeFileSync(file, uncommented(read(DOC_FILES.example)));
    const layer = readToml(file, "user")!; // throws on an unknown key or a value of the wrong type
    const tables = layer.data as Record<string, Record<string, unknown>>;
    expect(Object.keys(layer.data).sort()).toEqual(
      [
        ...SCALAR_KEYS.map((k) => k.key),
        "shell",
        "guards",
        "trust",
        "mcp",
        "web",
        "escalation",
        "embedded",
      ].sort(),
    );
    expect(Object.keys(tables.web!).sort()).toEqual([...WEB_KEYS].sort());
    expect(Object.keys(tables.escalation!).sort()).toEqual([...ESCALATION_KEYS].sort());
    expect(Object.keys(tables.embedded!).sort()).toEqual([...EMBEDDED_KEYS].sort());
    expect(Object.keys((tables.mcp as { servers: object }).servers)).toEqual(["files", "docs"]);
    expect(Object.keys(tables.shell!).sort()).toEqual(SHELL_KEYS.map((k) => k.key).sort());
    expect(Object.keys(tables.guards!).sort()).toEqual([...GUARD_NAMES].sort());
    expect(Object.keys(tables.trust!).sort()).toEqual(TRUST_KEYS.map((k) => k.key).sort());
  });
});
