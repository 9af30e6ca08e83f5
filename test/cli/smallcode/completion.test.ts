import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { cleanup, run, tempDir, writeFile } from "./helpers.ts";

/** `smallcode completion bash|zsh|fish`: scripts the real shells load and complete with. */

afterAll(() => cleanup());

const has = (shell: string): boolean => spawnSync(shell, ["-c", "true"]).status === 0;

/** The script for `shell`, written to a file. */
async function script(shell: string): Promise<string> {
  const r = await run(tempDir(), ["completion", shell]);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe("");
  const file = join(tempDir(), `smallcode.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

/** What bash completes for the words typed so far (the last one is being completed). */
function bashComplete(file: string, words: readonly string[], cwd = tempDir()): string[] {
  const quoted = words.map((w) => `'${w}'`).join(" ");
  const r = spawnSync(
    "bash",
    [
      "-c",
      `source '${file}'; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _smallcode; printf '%s\\n' "\${COMPREPLY[@]}"`,
    ],
    { cwd, encoding: "utf8" },
  );
  expect(r.stderr).toBe("");
  return r.stdout.split("\n").filter((l) => l !== "");
}

describe("smallcode completion", () => {
  it("bash: loads, and completes commands, options and their values", async () => {
    const file = await script("bash");
    expect(spawnSync("bash", ["-n", file]).status).toBe(0);
    expect(bashComplete(file, ["smallcode", "ru"])).toEqual(["run"]);
    expect(bashComplete(file, ["smallcode", "d"])).toEqual(["doctor"]);
    expect(bashComplete(file, ["smallcode", "run", "--rou"])).toEqual(["--routing"]);
    expect(bashComplete(file, ["smallcode", "run", "--routing", "t"])).toEqual(["two-stage"]);
    expect(bashComplete(file, ["smallcode", "doctor", "--js"])).toEqual(["--json"]);
    expect(bashComplete(file, ["smallcode", "--pr"])).toEqual(["--print"]);
    expect(bashComplete(file, ["smallcode", "completion", "f"])).toEqual(["fish"]);
    const project = tempDir();
    writeFile(project, ".smallcode/sessions/20250101-120000-ab12cd.json", "{}");
    expect(bashComplete(file, ["smallcode", "run", "--resume", "2025"], project)).toEqual([
      "20250101-120000-ab12cd",
    ]);
    writeFile(project, "models/tiny.gguf", "");
    expect(bashComplete(file, ["smallcode", "run", "--model-file", "models/t"], project)).toEqual([
      "models/tiny.gguf",
    ]);
    expect(bashComplete(file, ["smallcode", "mo"])).toEqual(["models"]);
  });

  it.skipIf(!has("zsh"))("zsh: parses, and registers the completion with compinit", async () => {
    const file = await script("zsh");
    expect(spawnSync("zsh", ["-n", file], { encoding: "utf8" }).stderr).toBe("");
    const r = spawnSync(
      "zsh",
      ["-f", "-c", `autoload -U compinit; compinit -u -D; source '${file}'; print -r -- $_comps[smallcode]`],
      { encoding: "utf8" },
    );
    expect(r.stdout.trim()).toBe("_smallcode");
  });

  it.skipIf(!has("fish"))("fish: parses, and completes commands and option values", async () => {
    const file = await script("fish");
    expect(spawnSync("fish", ["--no-execute", file]).status).toBe(0);
    const complete = (line: string) =>
      spawnSync("fish", ["-c", `source '${file}'; complete -C '${line}'`], { encoding: "utf8" })
        .stdout.split("\n")
        .filter((l) => l !== "")
        .map((l) => l.split("\t")[0]);
    expect(complete("smallcode ru")).toEqual(["run"]);
    expect(complete("smallcode run --routing ").sort()).toEqual(["all", "two-stage"]);
  });

  it("names the shells it knows", async () => {
    expect(await run(tempDir(), ["completion", "tcsh"])).toEqual({
      code: 2,
      stdout: "",
      stderr:
        "smallcode: error: `smallcode completion` takes one shell: bash, zsh, fish, not `tcsh`\n" +
        "Run `smallcode completion --help` for usage.\n",
    });
    expect((await run(tempDir(), ["completion", "bsh"])).stderr).toContain(
      "not `bsh` (did you mean `bash`?)",
    );
  });
});
