import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { testModel } from "../../../cli/testkit/test-models.ts";
import { cleanup, tempDir } from "./helpers.ts";

/**
 * The real binary with a real model and no server: the README's `npx smallcode run … --model-file
 * <SmolLM2> --json`, typed in this checkout (what a fresh clone has after `npm ci`), in a network
 * namespace with no network at all (when `unshare -n` works here), and `smallcode
 * doctor --model-file` showing what the file says and a measured speed. The 135M model rarely
 * solves anything: the test holds the run to an honest, well-formed result, not to success.
 */

const BIN = fileURLToPath(new URL("../../../cli/smallcode/bin.js", import.meta.url));
const CHECKOUT = fileURLToPath(new URL("../../../", import.meta.url));
const NO_NETWORK = spawnSync("unshare", ["-n", "true"]).status === 0;

afterAll(cleanup);

/** Runs the real `smallcode` (its bin, or `npx smallcode`) with `args`, niced, without network when possible. */
function smallcode(
  cwd: string,
  args: readonly string[],
  {
    via = "bin",
    input,
    env = {},
  }: { via?: "bin" | "npx"; input?: string; env?: Record<string, string> } = {},
) {
  const argv =
    via === "npx" ? ["npx", "--no-install", "smallcode", ...args] : [process.execPath, BIN, ...args];
  const [cmd, ...rest] = NO_NETWORK
    ? ["unshare", "-n", "nice", "-n", "10", ...argv]
    : ["nice", "-n", "10", ...argv];
  const r = spawnSync(cmd!, rest, {
    cwd,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      HOME: tempDir(),
      NO_COLOR: "1",
      SMALLCODE_THREADS: process.env.SMALLCODE_THREADS ?? "1",
      ...env,
    },
    ...(input !== undefined ? { input } : {}),
    timeout: 600_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("an embedded model, no server", () => {
  it("runs a task end to end and reports it honestly as well-formed JSON", () => {
    const model = testModel("smollm2-135m");
    const dir = tempDir({ "README.md": "# demo\n" });
    // npx from the checkout, the project named by --cwd: the command as the README gives it
    const r = smallcode(
      CHECKOUT,
      [
        "run",
        "Create a file hello.txt containing the word hi",
        "--model-file",
        model,
        "--json",
        "--max-steps",
        "1",
        "--yes",
        "--cwd",
        dir,
      ],
      { via: "npx" },
    );
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).toContain("loaded SmolLM2-135M-Instruct.Q4_1 in");
    const result = JSON.parse(r.stdout) as {
      success: boolean;
      stopReason: string;
      filesCreated: string[];
      usage: { calls: number; promptTokens: number; completionTokens: number };
    };
    expect(typeof result.success).toBe("boolean");
    expect(r.code).toBe(result.success ? 0 : 1);
    // the model was really asked (classify, pick tools, act) and said something
    expect(result.usage.calls).toBeGreaterThanOrEqual(1);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    // the outcome is true to the file system
    for (const file of result.filesCreated) expect(existsSync(join(dir, file))).toBe(true);
    // the traces name no server: the model ran in process, not at the declared endpoint
    const traces = join(dir, ".smallcode", "traces");
    const spans = readdirSync(traces)
      .map((f) => readFileSync(join(traces, f), "utf8"))
      .join("");
    expect(spans).toContain('"endpoint":""');
    expect(spans).not.toContain("localhost:11434");
    if (result.success) {
      expect(result.stopReason).toBe("done");
      expect(readFileSync(join(dir, "hello.txt"), "utf8")).toContain("hi");
    } else expect(result.stopReason).not.toBe("done");
  }, 600_000);

  it("/model lists the model cache and switches the session to another file in it", () => {
    const model = testModel("smollm2-135m");
    const home = tempDir();
    const cache = join(home, "cache", "smallcode", "models");
    mkdirSync(cache, { recursive: true });
    for (const name of ["alpha", "beta"]) symlinkSync(model, join(cache, `${name}.gguf`));
    writeFileSync(join(cache, "gamma.gguf.part"), "an unfinished download is no model");
    const project = tempDir({ "README.md": "# demo\n" });
    const r = smallcode(project, ["--model-file", join(cache, "alpha.gguf"), "--max-steps", "1", "--yes"], {
      input: "/model\n/model beta\n/model\n/model gamma\n/model bta\nsay hi\n",
      env: { XDG_CACHE_HOME: join(home, "cache") },
    });
    expect(r.code).toBe(0);
    const out = r.stdout.split("\n");
    const has = `the model cache ${cache} has: alpha, beta (switch with /model NAME)`;
    expect(out).toContain("model: alpha (in process)");
    expect(out).toContain("model: beta (in process, from the model cache)");
    expect(out).toContain("model: beta (in process)");
    expect(out.filter((l) => l === has)).toHaveLength(2);
    expect(r.stdout).toContain(`model \`gamma\` is not in the model cache ${cache}; it has: alpha, beta`);
    expect(r.stdout).toContain("(did you mean `beta`?)");
    expect(r.stderr).toContain("loaded beta in"); // the new file was really loaded
    // the task after the switch ran on the new model: every model call of its trace names it
    const traces = join(project, ".smallcode", "traces");
    const names = readdirSync(traces).flatMap((f) =>
      [...readFileSync(join(traces, f), "utf8").matchAll(/"model_name":"([^"]*)"/g)].map((m) => m[1]),
    );
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(["beta"]));
  }, 600_000);

  it("doctor shows the file, its window and quantisation, the threads and a measured speed", () => {
    const model = testModel("smollm2-135m");
    const json = smallcode(tempDir(), ["doctor", "--model-file", model, "--json"]);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout) as {
      ok: boolean;
      embedded: {
        file: string;
        origin: string;
        info: { architecture: string; quantisation: string; trainContextSize: number; threads: number };
        speed: { tokens: number; tokensPerSecond: number };
      };
    };
    expect(report.ok).toBe(true);
    expect(report.embedded.file).toBe(model);
    expect(report.embedded.origin).toBe("--model-file");
    expect(report.embedded.info).toMatchObject({
      architecture: "llama",
      quantisation: "Q4_1",
      trainContextSize: 8192,
    });
    expect(report.embedded.info.threads).toBeGreaterThanOrEqual(1);
    expect(report.embedded.speed.tokens).toBeGreaterThan(0);
    expect(report.embedded.speed.tokensPerSecond).toBeGreaterThan(0);

    const text = smallcode(tempDir(), ["doctor", "--model-file", model]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Embedded model (in process, no server)");
    expect(text.stdout).toContain(`  file           ${model}\n`);
    expect(text.stdout).toContain("  quantisation   Q4_1\n");
    expect(text.stdout).toContain("  window         8192 tokens in the file");
    expect(text.stdout).toMatch(/ {2}speed {10}\d+\.\d tokens\/s generated \(\d+ tokens in /);
    expect(text.stdout).toContain("✓ ready: SmolLM2-135M-Instruct.Q4_1, in process");
  }, 300_000);
});
