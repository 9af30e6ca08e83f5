import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, describe, expect, it } from "vitest";
import { checkScript, SCRIPT_FIELDS } from "../../cli/testkit/script-check.ts";
import { cleanup, run, tempDir } from "../cli/smallcode/helpers.ts";

/**
 * The scripted server as the README shows it: the CLI with docs/replies.example.json, and smallcode
 * run against it; the script format documented field by field in docs/scripted-server.md.
 */

const ROOT = new URL("../../", import.meta.url).pathname;
const EXAMPLE = join(ROOT, "docs", "replies.example.json");
const CLI = join(ROOT, "cli", "testkit", "scripted-server-cli.ts");
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) child.kill();
  cleanup();
});

/** Starts the CLI; resolves to its base URL once it says it listens. */
async function startCli(script: string): Promise<string> {
  const child = spawn(process.execPath, [CLI, "--port", "0", "--script", script]);
  children.push(child);
  for await (const line of createInterface({ input: child.stdout! })) {
    const url = /^listening (\S+)$/.exec(line)?.[1];
    if (url) return url;
  }
  throw new Error("the scripted server exited before listening");
}

describe("docs/replies.example.json", () => {
  it("is a valid script", () => {
    const checked = checkScript(JSON.parse(readFileSync(EXAMPLE, "utf8")));
    expect(checked.ok ? [] : checked.problems).toEqual([]);
  });

  it("drives smallcode run through the CLI server, as the README says", async () => {
    const url = await startCli(EXAMPLE);
    const dir = tempDir();
    const r = await run(dir, ["run", "write hello.txt containing hello", "--json", "--base-url", url]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({
      success: true,
      response: "I created hello.txt containing hello.",
    });
    expect(readFileSync(join(dir, "hello.txt"), "utf8")).toBe("hello\n");
  });

  it("is the file the README points at", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    expect(readme).toContain("--script docs/replies.example.json");
    expect(existsSync(join(ROOT, "docs", "scripted-server.md"))).toBe(true);
  });
});

describe("docs/scripted-server.md", () => {
  it("documents every field and fault the server reads", () => {
    const doc = readFileSync(join(ROOT, "docs", "scripted-server.md"), "utf8");
    const all = [
      ...SCRIPT_FIELDS.script,
      ...SCRIPT_FIELDS.rule,
      ...SCRIPT_FIELDS.reply,
      ...SCRIPT_FIELDS.faults,
    ];
    expect(all.filter((field) => !doc.includes(`| \`${field}\` |`))).toEqual([]);
  });
});

describe("a script with a mistake", () => {
  it("is refused with the place of each problem", () => {
    const checked = checkScript({
      rules: [{ prompt: "act", replys: [{ content: "hi" }] }],
      fallback: { fault: "explode" },
    });
    expect(checked.ok ? [] : checked.problems).toEqual([
      "rules.0.replies: Invalid input: expected array, received undefined",
      'rules.0: Unrecognized key: "replys"',
      'fallback.fault: Invalid option: expected one of "hang"|"html"|"truncated"|"malformed_sse"|"empty_choices"|"reset"|"not_json"|"cut_off"',
    ]);
  });

  it("stops the CLI with exit code 2 before it listens", () => {
    const bad = join(tempDir(), "bad.json");
    writeFileSync(bad, JSON.stringify({ rules: [{ replies: [{ fault: "explode" }] }] }));
    const r = spawnSync(process.execPath, [CLI, "--script", bad], { encoding: "utf8" });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `scripted-server: ${bad} is not a valid script (see docs/scripted-server.md):\n` +
        '  rules.0.replies.0.fault: Invalid option: expected one of "hang"|"html"|"truncated"|"malformed_sse"|"empty_choices"|"reset"|"not_json"|"cut_off"\n',
    );
  });
});
